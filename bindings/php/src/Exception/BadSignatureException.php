<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The signature matches none of the keys: another key, or altered after signing (Tencent's 70009). */
final class BadSignatureException extends TokenException
{
    /** The core's name of this kind of error. */
    public const KIND = 'bad_signature';
}
