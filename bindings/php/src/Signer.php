<?php

declare(strict_types=1);

namespace Usersig;

use FFI;
use FFI\CData;
use Usersig\Exception\InputException;
use Usersig\Exception\InvalidUtf8Exception;
use Usersig\Internal\Native;
use Usersig\Internal\OwnsHandle;

/**
 * Mints UserSigs and PrivateMapKeys for one application.
 *
 * The key is prepared once, in Rust, into an HMAC state that can sign just as the key can; the
 * raw key is not kept, and the state is never shown and is wiped when the signer is destroyed.
 */
final class Signer
{
    use OwnsHandle;

    /** The validity used when none is given: 180 days, in seconds (Tencent's default). */
    public const DEFAULT_EXPIRE = 15552000;

    /** The longest validity the signer accepts: 50 years of 365 days, in seconds. */
    public const MAX_EXPIRE = 1576800000;

    private readonly CData $handle;
    private readonly FFI $ffi;
    private readonly CData $out;

    /**
     * @param int $sdkappid the application, 0..4294967295
     * @param string $key the application's secret key (UTF-8 text, as the console shows it)
     * @throws Exception\EmptyKeyException $key is empty
     * @throws Exception\SdkAppIdOutOfRangeException $sdkappid is outside 0..4294967295
     * @throws InvalidUtf8Exception $key is not UTF-8
     * @throws Exception\LibraryException the usersig library cannot be loaded
     */
    public function __construct(
        /** The application whose tokens this signer mints. */
        public readonly int $sdkappid,
        #[\SensitiveParameter] string $key,
    ) {
        $this->handle = Native::construct('usersig_signer_new', 'usersig_signer',
            [$sdkappid, $key, strlen($key)], ['key' => $key]);
        $this->ffi = Native::ffi();
        $this->out = Native::out();
    }

    /** Frees the native object, which wipes the key's prepared state. */
    public function __destruct()
    {
        if (isset($this->handle)) {
            $this->ffi->usersig_signer_free($this->handle);
        }
    }

    /**
     * A UserSig for $userId, valid for $expire seconds.
     *
     * @param string $userId the user's id: UTF-8, up to 1024 bytes, no control character
     * @param int $expire validity in seconds, 1 to 50 years; 180 days by default
     * @param string|null $userbuf application bytes to carry in the token (TLS.userbuf), if any
     * @param int|null $now the issue time in Unix seconds; the system clock when null
     * @throws InputException an input no valid token can carry (EmptyUserIdException,
     *     UserIdTooLongException, UserIdControlCharException, UserbufTooLongException,
     *     ExpireOutOfRangeException, TimeOutOfRangeException, ExpiryOverflowException,
     *     InvalidUtf8Exception)
     */
    public function userSig(
        string $userId,
        int $expire = self::DEFAULT_EXPIRE,
        ?string $userbuf = null,
        ?int $now = null,
    ): string {
        if ($userbuf === null && $now === null) {
            $n = $this->ffi->usersig_signer_user_sig($this->handle, $userId, strlen($userId),
                $expire, $this->out, Native::CAP);
            if ($n > 0 && $n <= Native::CAP) {
                $result = FFI::string($this->out, $n);
                if ($result[0] === "\0") {
                    return substr($result, 1);
                }
                throw Internal\Errors::fromResult($result);
            }
            return Native::token('usersig_signer_user_sig',
                [$this->handle, $userId, strlen($userId), $expire], ['userId' => $userId]);
        }
        $now ??= time();
        if ($userbuf === null) {
            return Native::token('usersig_signer_user_sig_at',
                [$this->handle, $userId, strlen($userId), $expire, $now], ['userId' => $userId]);
        }
        return Native::token('usersig_signer_user_sig_with_userbuf_at',
            [$this->handle, $userId, strlen($userId), $userbuf, strlen($userbuf), $expire, $now],
            ['userId' => $userId]);
    }

    /**
     * One UserSig per user id, all issued at the same second, in one call into the library: much
     * faster per token than {@see userSig()} for many users.
     *
     * @param list<string> $userIds
     * @return list<string> the tokens, in the order of $userIds
     * @throws InputException the errors of {@see userSig()}, for the first user id that fails; no
     *     token is returned then
     * @throws \TypeError an item of $userIds is not a string
     */
    public function userSigs(array $userIds, int $expire = self::DEFAULT_EXPIRE, ?int $now = null): array
    {
        $count = count($userIds);
        if ($count === 0) {
            return [];
        }
        $lens = FFI::new("size_t[$count]");
        $i = 0;
        foreach ($userIds as $userId) {
            if (!is_string($userId)) {
                throw new \TypeError('userIds must hold only strings, not ' . get_debug_type($userId));
            }
            if (!preg_match('//u', $userId)) {
                throw new InvalidUtf8Exception("userIds[$i]");
            }
            $lens[$i++] = strlen($userId);
        }
        $joined = implode('', $userIds);
        // About what a token of each id takes, so that one call suffices.
        $result = Native::call('usersig_signer_user_sigs_at',
            [$this->handle, $joined, $lens, $count, $expire, $now ?? time()], [],
            5 + 300 * $count + 8 * strlen($joined));
        if ($result[0] !== "\0") {
            throw Internal\Errors::fromResult($result);
        }
        $r = new Internal\Reader($result);
        $tokens = $r->u32();
        $text = $r->blob();
        $r->end();
        $list = explode("\n", $text);
        if (count($list) !== $tokens || $tokens !== $count) {
            throw new Exception\LibraryException("the usersig library's batch of $count tokens holds "
                . count($list));
        }
        return $list;
    }

    /**
     * A PrivateMapKey: a UserSig whose userbuf lets $userId do $privileges in $room until
     * now + $expire.
     *
     * @param string $userId the user's id
     * @param int|string $room a numeric room id (int, 1..4294967294) or a string room id
     *     (string, 1 to 64 bytes of UTF-8)
     * @param int $privileges {@see Privilege} bits, 0..255
     * @param int $expire validity in seconds; 180 days by default
     * @param int|null $now the issue time in Unix seconds; the system clock when null
     * @throws InputException RoomIdOutOfRangeException, EmptyRoomStrException,
     *     RoomStrTooLongException, PrivilegeOutOfRangeException, and the errors of userSig()
     */
    public function privateMapKey(
        string $userId,
        int|string $room,
        int $privileges,
        int $expire = self::DEFAULT_EXPIRE,
        ?int $now = null,
    ): string {
        $now ??= time();
        if (is_int($room)) {
            return Native::token('usersig_signer_private_map_key_at',
                [$this->handle, $userId, strlen($userId), $room, $privileges, $expire, $now],
                ['userId' => $userId]);
        }
        return Native::token('usersig_signer_private_map_key_with_room_str_at',
            [$this->handle, $userId, strlen($userId), $room, strlen($room), $privileges, $expire,
                $now],
            ['userId' => $userId, 'room' => $room]);
    }

    /** @return array<string, mixed> */
    private function shown(): array
    {
        return ['sdkappid' => $this->sdkappid];
    }
}
