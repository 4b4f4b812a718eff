<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The operating system's random number generator failed (no REST URL without it). */
final class RandomUnavailableException extends UsersigException
{
    public const KIND = 'random_unavailable';
}
