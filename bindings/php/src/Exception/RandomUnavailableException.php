<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The operating system's random number generator failed (no REST URL without it). */
final class RandomUnavailableException extends UsersigException
{
    /** The core's name of this kind of error. */
    public const KIND = 'random_unavailable';
}
