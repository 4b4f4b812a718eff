<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The validity is not in 1..`max` seconds (50 years). */
final class ExpireOutOfRangeException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'expire_out_of_range';

    /** The validity that was given, in seconds. */
    public readonly int $expire;

    /** The limit, in seconds. */
    public readonly int $max;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->expire = $fields['expire'];
        $this->max = $fields['max'];
    }
}
