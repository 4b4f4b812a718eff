<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A userbuf was expected, and the token carries none (Tencent's -100006). */
final class MissingUserbufException extends TokenException
{
    /** The core's name of this kind of error. */
    public const KIND = 'missing_userbuf';
}
