<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The signature matches none of the keys: another key, or altered after signing (Tencent's 70009). */
final class BadSignatureException extends TokenException
{
    public const KIND = 'bad_signature';
}
