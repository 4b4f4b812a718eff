<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A numeric room id is outside 1..4294967294. */
final class RoomIdOutOfRangeException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'room_id_out_of_range';

    /** The room id that was given. */
    public readonly int $roomId;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->roomId = $fields['room_id'];
    }
}
