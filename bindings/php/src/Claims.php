<?php

declare(strict_types=1);

namespace Usersig;

/**
 * What a token says: verified when a {@see Verifier} returns it, unverified from
 * {@see inspect()}.
 */
final class Claims
{
    /** @internal */
    public function __construct(
        /** TLS.identifier: the user id the token was issued to. */
        public readonly string $userId,
        /** TLS.sdkappid: the application the token was issued for. */
        public readonly int $sdkappid,
        /** TLS.time: when the token was issued, in Unix seconds. */
        public readonly int $issuedAt,
        /** TLS.expire: how long the token is valid after issuedAt, in seconds. */
        public readonly int $expire,
        /** The last second at which the token is valid: issuedAt + expire. */
        public readonly int $expiresAt,
        /** TLS.userbuf, decoded (bytes), when the token carries one. */
        public readonly ?string $userbuf,
        /** The PrivateMapKey grant, when the userbuf is one. */
        public readonly ?Grant $grant,
        /** TLS.sig: the signature, base64 as it stands in the token. */
        public readonly string $signature,
    ) {
    }

    /**
     * Seconds until the token expires: 0 in its last valid second, negative once it has expired
     * (that many seconds ago).
     *
     * @param int|null $now the time in Unix seconds; the system clock when null
     */
    public function secondsLeft(?int $now = null): int
    {
        return $this->expiresAt - ($now ?? time());
    }

    /**
     * Whether fewer than $margin seconds are left: time to mint a fresh token.
     *
     * @param int $margin seconds before expiry from which to renew
     * @param int|null $now the time in Unix seconds; the system clock when null
     */
    public function shouldRenew(int $margin, ?int $now = null): bool
    {
        return $this->secondsLeft($now) < $margin;
    }
}
