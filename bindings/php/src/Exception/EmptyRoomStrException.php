<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A string room id is empty. */
final class EmptyRoomStrException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'empty_room_str';
}
