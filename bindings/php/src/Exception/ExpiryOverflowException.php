<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** `now + expire` is past 4294967295 (the year 2106). */
final class ExpiryOverflowException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'expiry_overflow';

    /** The issue time, in Unix seconds. */
    public readonly int $now;

    /** The validity, in seconds. */
    public readonly int $expire;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->now = $fields['now'];
        $this->expire = $fields['expire'];
    }
}
