<?php

declare(strict_types=1);

namespace Usersig;

use Usersig\Exception\InputException;
use Usersig\Exception\UsersigException;

/**
 * Tencent's `Tencent\TLSSigAPIv2` class (Composer's tencent/tls-sig-api-v2) with the same method
 * names, arguments, defaults and by-reference results, backed by the Rust implementation:
 * replace `use Tencent\TLSSigAPIv2;` with `use Usersig\TLSSigAPIv2;`.
 *
 * The tokens carry the same signature as Tencent's class makes for the same inputs and clock.
 * Where they differ on purpose: this class throws an {@see InputException} instead of making a
 * token that cannot work (an empty key or user id, a user id with a control character, an
 * expire outside 1 second to 50 years, a room id outside 1..4294967294, a string room id empty
 * or over 64 bytes), refuses text that is not UTF-8, and its verify methods check the sdkappid
 * and the user id exactly and refuse garbage without a PHP warning. Like Tencent's, verifySig()
 * accepts a token that carries a userbuf (a PrivateMapKey).
 */
final class TLSSigAPIv2
{
    private readonly Signer $signer;
    private readonly Verifier $verifier;

    /**
     * @param int|string $sdkappid the application (a decimal string as read from configuration
     *     is accepted, as Tencent's class accepts it)
     * @throws Exception\EmptyKeyException $key is empty
     * @throws Exception\SdkAppIdOutOfRangeException $sdkappid is outside 0..4294967295
     */
    public function __construct(int|string $sdkappid, #[\SensitiveParameter] string $key)
    {
        $app = self::number($sdkappid, 'sdkappid');
        $this->signer = new Signer($app, $key);
        $this->verifier = new Verifier($app, $key);
    }

    /**
     * A UserSig for $userid, valid for $expire seconds (180 days by default).
     *
     * @throws InputException an input no valid token can carry
     */
    public function genUserSig(int|string $userid, int|string $expire = 86400 * 180): string
    {
        if (is_string($userid) && is_int($expire)) {
            return $this->signer->userSig($userid, $expire);
        }
        return $this->signer->userSig((string) $userid, self::number($expire, 'expire'));
    }

    /**
     * A PrivateMapKey for the numeric room $roomid with the $privilegeMap bits (see
     * {@see Privilege}), valid for $expire seconds.
     *
     * @throws InputException an input no valid token can carry
     */
    public function genPrivateMapKey(
        int|string $userid,
        int|string $expire,
        int|string $roomid,
        int|string $privilegeMap,
    ): string {
        return $this->signer->privateMapKey((string) $userid, self::number($roomid, 'roomid'),
            self::number($privilegeMap, 'privilegeMap'), self::number($expire, 'expire'));
    }

    /**
     * A PrivateMapKey for the string room $roomstr with the $privilegeMap bits, valid for
     * $expire seconds.
     *
     * @throws InputException an input no valid token can carry
     */
    public function genPrivateMapKeyWithStringRoomID(
        int|string $userid,
        int|string $expire,
        string $roomstr,
        int|string $privilegeMap,
    ): string {
        return $this->signer->privateMapKey((string) $userid, $roomstr,
            self::number($privilegeMap, 'privilegeMap'), self::number($expire, 'expire'));
    }

    /**
     * Whether $sig is a valid token for $identifier now, with or without a userbuf. On success
     * $init_time is its issue time and $expire_time its validity in seconds, and $error_msg is
     * ''; on failure they are left as they were and $error_msg says why.
     */
    public function verifySig(string $sig, int|string $identifier, &$init_time, &$expire_time, &$error_msg): bool
    {
        $userbuf = null;
        return $this->verifySigWithUserBuf($sig, $identifier, $init_time, $expire_time, $userbuf,
            $error_msg);
    }

    /**
     * {@see verifySig()}, which also sets $userbuf to the token's userbuf (bytes) when it carries
     * one, and leaves it as it was otherwise.
     */
    public function verifySigWithUserBuf(
        string $sig,
        int|string $identifier,
        &$init_time,
        &$expire_time,
        &$userbuf,
        &$error_msg,
    ): bool {
        $error_msg = '';
        try {
            $claims = $this->verifier->verifyAnyUserbuf($sig, (string) $identifier);
        } catch (UsersigException $e) {
            $error_msg = $e->getMessage();
            return false;
        }
        $init_time = $claims->issuedAt;
        $expire_time = $claims->expire;
        if ($claims->userbuf !== null) {
            $userbuf = $claims->userbuf;
        }
        return true;
    }

    /** @return array<string, mixed> what var_dump() and print_r() show: never the key */
    public function __debugInfo(): array
    {
        return ['sdkappid' => $this->signer->sdkappid];
    }

    /**
     * An integer argument. Like Tencent's class, which writes the value as given into the signed
     * content, a decimal string (as read from configuration) is accepted if it is written the way
     * PHP writes its number: "86400", not " 86400" or "086400".
     */
    private static function number(int|string $value, string $name): int
    {
        if (is_int($value)) {
            return $value;
        }
        $number = filter_var($value, FILTER_VALIDATE_INT);
        if ($number === false || (string) $number !== $value) {
            throw new \TypeError("$name must be an int or a decimal string, not '$value'");
        }
        return $number;
    }
}
