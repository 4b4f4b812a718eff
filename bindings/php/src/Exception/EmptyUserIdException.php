<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The user id is empty. */
final class EmptyUserIdException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'empty_user_id';
}
