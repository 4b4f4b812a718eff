<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The secret key is empty. */
final class EmptyKeyException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'empty_key';
}
