<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The token's userbuf differs from the one expected (Tencent's -100006). */
final class UserbufMismatchException extends TokenException
{
    /** The core's name of this kind of error. */
    public const KIND = 'userbuf_mismatch';
}
