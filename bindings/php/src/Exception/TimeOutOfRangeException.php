<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The issue time `now` is outside 0..4294967295. */
final class TimeOutOfRangeException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'time_out_of_range';

    /** The time that was given, in Unix seconds. */
    public readonly int $now;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->now = $fields['now'];
    }
}
