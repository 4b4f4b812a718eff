<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The callback's Sign does not match: not signed with this token or key, or altered. */
final class CallbackBadSignatureException extends CallbackException
{
    /** The core's name of this kind of error. */
    public const KIND = 'callback_bad_signature';
}
