<?php

declare(strict_types=1);

namespace Usersig;

use FFI;
use FFI\CData;
use Usersig\Exception\InvalidUtf8Exception;
use Usersig\Exception\TokenException;
use Usersig\Internal\Native;
use Usersig\Internal\OwnsHandle;

/**
 * Checks tokens for one application against one or more keys.
 *
 * Accepts the tokens of every official Tencent library. Give the current key first and older
 * ones after it to accept tokens signed before a key rotation. Like a {@see Signer}, it keeps
 * only the keys' prepared HMAC states, wiped when it is destroyed.
 */
final class Verifier
{
    use OwnsHandle;

    private readonly CData $handle;
    private readonly FFI $ffi;
    private readonly CData $out;

    /**
     * @param int $sdkappid the application, 0..4294967295
     * @param string $key the current key
     * @param string ...$olderKeys keys whose tokens are still accepted
     * @throws Exception\EmptyKeyException a key is empty
     * @throws Exception\SdkAppIdOutOfRangeException $sdkappid is outside 0..4294967295
     * @throws InvalidUtf8Exception a key is not UTF-8
     * @throws Exception\LibraryException the usersig library cannot be loaded
     */
    public function __construct(
        /** The application whose tokens this verifier accepts. */
        public readonly int $sdkappid,
        #[\SensitiveParameter] string $key,
        #[\SensitiveParameter] string ...$olderKeys,
    ) {
        $keys = [$key, ...$olderKeys];
        $count = count($keys);
        $lens = FFI::new("size_t[$count]");
        $texts = [];
        foreach ($keys as $i => $each) {
            $lens[$i] = strlen($each);
            $texts[$i === 0 ? 'key' : 'olderKeys[' . ($i - 1) . ']'] = $each;
        }
        $joined = implode('', $keys);
        try {
            $this->handle = Native::construct('usersig_verifier_new', 'usersig_verifier',
                [$sdkappid, $joined, $lens, $count], $texts);
        } finally {
            // The one copy of the keys this package makes is wiped where PHP has the means.
            if (function_exists('sodium_memzero')) {
                sodium_memzero($joined);
            }
        }
        $this->ffi = Native::ffi();
        $this->out = Native::out();
    }

    /** Frees the native object, which wipes the key's prepared state. */
    public function __destruct()
    {
        if (isset($this->handle)) {
            $this->ffi->usersig_verifier_free($this->handle);
        }
    }

    /**
     * The claims of $token if it is a valid token for $userId: a plain UserSig, or, when
     * $userbuf is given, a token carrying exactly those bytes.
     *
     * A token is valid up to and including its last second, issuedAt + expire.
     *
     * @param string $token the UserSig
     * @param string $userId the user id it must have been issued to (compared exactly)
     * @param string|null $userbuf if given, the token must carry exactly these bytes
     * @param int|null $now the time of the check in Unix seconds; the system clock when null
     * @throws TokenException the token is refused: MalformedTokenException,
     *     SdkAppIdMismatchException, UserIdMismatchException, ExpiredException,
     *     BadSignatureException; without $userbuf, UnexpectedUserbufException for a token that
     *     carries one (see {@see verifyAnyUserbuf()}); with it, MissingUserbufException or
     *     UserbufMismatchException. getTencentCode() is the code Tencent's servers report.
     * @throws InvalidUtf8Exception $userId is not UTF-8
     */
    public function verify(string $token, string $userId, ?string $userbuf = null, ?int $now = null): Claims
    {
        if ($userbuf === null) {
            $now ??= time();
            $n = $this->ffi->usersig_verifier_verify_at($this->handle, $token, strlen($token), $userId,
                strlen($userId), $now, $this->out, Native::CAP);
            return $this->result($n) ?? $this->check('usersig_verifier_verify_at', $token, $userId, [], $now);
        }
        return $this->check('usersig_verifier_verify_with_userbuf_at', $token, $userId,
            [$userbuf, strlen($userbuf)], $now);
    }

    /**
     * The claims of $token if it is a valid token for $userId, whether it carries a userbuf or
     * not: for PrivateMapKeys, whose grant ({@see Claims::$grant}) the caller then checks.
     *
     * @throws TokenException the errors of {@see verify()} without a userbuf, but for
     *     UnexpectedUserbufException
     * @throws InvalidUtf8Exception $userId is not UTF-8
     */
    public function verifyAnyUserbuf(string $token, string $userId, ?int $now = null): Claims
    {
        $now ??= time();
        $n = $this->ffi->usersig_verifier_verify_any_userbuf_at($this->handle, $token, strlen($token),
            $userId, strlen($userId), $now, $this->out, Native::CAP);
        return $this->result($n)
            ?? $this->check('usersig_verifier_verify_any_userbuf_at', $token, $userId, [], $now);
    }

    /**
     * The claims of a call that returned $n with the shared buffer, or null when the call must be
     * made again the general way: a result longer than the buffer, or a fault.
     */
    private function result(int $n): ?Claims
    {
        if ($n <= 0 || $n > Native::CAP) {
            return null;
        }
        $result = FFI::string($this->out, $n);
        if ($result[0] !== "\0") {
            throw Internal\Errors::fromResult($result);
        }
        return (new Internal\Reader($result))->claims();
    }

    /**
     * One verifying call; a token that is not UTF-8 is checked as the same token with '?' for
     * every byte that is not ASCII, so that it is refused as malformed.
     *
     * @param list<mixed> $extra the arguments between the user id and the time
     */
    private function check(string $function, string $token, string $userId, array $extra, ?int $now): Claims
    {
        $now ??= time();
        try {
            return Native::value($function,
                [$this->handle, $token, strlen($token), $userId, strlen($userId), ...$extra, $now],
                ['userId' => $userId, 'token' => $token])->claims();
        } catch (InvalidUtf8Exception $e) {
            if ($e->argument !== 'token') {
                throw $e;
            }
        }
        $ascii = Native::asciiToken($token);
        return Native::value($function,
            [$this->handle, $ascii, strlen($ascii), $userId, strlen($userId), ...$extra, $now])
            ->claims();
    }

    /** @return array<string, mixed> */
    private function shown(): array
    {
        return ['sdkappid' => $this->sdkappid];
    }
}
