<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The token carries a userbuf (a PrivateMapKey, say) where a plain UserSig was expected: verify it with `verifyAnyUserbuf()` or with the userbuf it must carry. */
final class UnexpectedUserbufException extends TokenException
{
    /** The core's name of this kind of error. */
    public const KIND = 'unexpected_userbuf';
}
