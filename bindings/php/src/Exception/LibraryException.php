<?php

declare(strict_types=1);

namespace Usersig\Exception;

/**
 * The usersig library cannot be used: PHP's FFI is missing or disabled, the library cannot be
 * loaded or has another ABI version, or it refused a call as a misuse of its ABI (a bug). Never
 * a bad argument of the caller: those throw a {@see UsersigException}.
 */
final class LibraryException extends \RuntimeException
{
}
