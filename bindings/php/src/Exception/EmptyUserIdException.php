<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The user id is empty. */
final class EmptyUserIdException extends InputException
{
    public const KIND = 'empty_user_id';
}
