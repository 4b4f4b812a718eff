<?php

declare(strict_types=1);

namespace Usersig;

use Usersig\Exception\InvalidUtf8Exception;
use Usersig\Exception\MalformedTokenException;
use Usersig\Internal\Native;

/**
 * Decodes $token **without checking its signature or expiry**, for support and debugging. Never
 * trust what it returns; use a {@see Verifier} for that.
 *
 * @throws MalformedTokenException $token cannot be decoded
 */
function inspect(string $token): Claims
{
    try {
        return Native::value('usersig_inspect', [$token, strlen($token)], ['token' => $token])
            ->claims();
    } catch (InvalidUtf8Exception) {
        $ascii = Native::asciiToken($token);
        return Native::value('usersig_inspect', [$ascii, strlen($ascii)])->claims();
    }
}
