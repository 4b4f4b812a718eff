<?php

/*
 * Prints the C header that loads the usersig library when PHP starts, for PHP-FPM and other
 * servers where ffi.enable=preload (PHP's default) allows FFI only then:
 *
 *   php vendor/usersig/usersig/ffi-header.php > /etc/php/usersig.h
 *   php.ini: ffi.preload=/etc/php/usersig.h
 *
 * The header names this installation's library by its absolute path: write it again when the
 * package moves or is updated.
 */

declare(strict_types=1);

require_once __DIR__ . '/src/Exception/LibraryException.php';
require_once __DIR__ . '/src/Internal/Native.php';

echo Usersig\Internal\Native::header();
