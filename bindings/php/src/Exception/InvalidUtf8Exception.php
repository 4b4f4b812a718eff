<?php

declare(strict_types=1);

namespace Usersig\Exception;

/**
 * A text argument (a user id, a key, a room, an admin id...) is not UTF-8. PHP strings are
 * bytes; tokens carry text, so this package refuses bytes that are not text rather than guess an
 * encoding. A userbuf is binary and takes any bytes.
 */
final class InvalidUtf8Exception extends InputException
{
    /** This package's name of this kind of error (the core has none: it takes only UTF-8). */
    public const KIND = 'invalid_utf8';

    /** @internal */
    public function __construct(
        /** The name of the argument, as in the method's signature. */
        public readonly string $argument,
    ) {
        parent::__construct("$argument is not valid UTF-8");
    }
}
