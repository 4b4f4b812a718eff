<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A string room id is empty. */
final class EmptyRoomStrException extends InputException
{
    public const KIND = 'empty_room_str';
}
