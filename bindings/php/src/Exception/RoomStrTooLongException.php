<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A string room id is longer than `max` bytes of UTF-8. */
final class RoomStrTooLongException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'room_str_too_long';

    /** Its length in bytes of UTF-8. */
    public readonly int $length;

    /** The limit in bytes. */
    public readonly int $max;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->length = $fields['length'];
        $this->max = $fields['max'];
    }
}
