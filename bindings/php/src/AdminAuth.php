<?php

declare(strict_types=1);

namespace Usersig;

use FFI;
use FFI\CData;
use Usersig\Exception\InputException;
use Usersig\Exception\InvalidRestPathException;
use Usersig\Exception\RandomUnavailableException;
use Usersig\Internal\Native;
use Usersig\Internal\OwnsHandle;

/**
 * Authenticated URLs for Tencent's REST API, signed as the app admin with one cached admin
 * UserSig, renewed when fewer than $renewMargin seconds are left. The URLs are for any HTTP
 * client (curl, Guzzle...): POST a JSON body to them.
 *
 * Give at most one of $region ("china" by default, "singapore", "seoul", "tokyo", "frankfurt",
 * "mumbai", "silicon-valley", "jakarta"), $host (https:// is implied) or $url (https://, or
 * http:// to a loopback host for tests).
 */
final class AdminAuth
{
    use OwnsHandle;

    /** The admin account Tencent's console creates. */
    public const DEFAULT_ADMIN = 'administrator';

    /** How long an admin token lasts: 1 hour (these URLs land in proxy and access logs). */
    public const DEFAULT_VALIDITY = 3600;

    /** Re-mint the admin token when fewer than this many seconds are left: 10 minutes. */
    public const DEFAULT_RENEW_MARGIN = 600;

    /** The REST API's base URL, without a trailing slash. */
    public readonly string $endpoint;

    private readonly CData $handle;
    private readonly FFI $ffi;
    /** @var \Closure(): int */
    private readonly \Closure $clock;

    /**
     * @param callable(): int|null $clock the time in Unix seconds; the system clock when null
     * @throws InputException a setting is refused: EmptyKeyException, SdkAppIdOutOfRangeException,
     *     EmptyUserIdException, UserIdTooLongException, UserIdControlCharException (the admin id),
     *     UnknownRegionException, InvalidEndpointException, ExpireOutOfRangeException (the
     *     validity), RenewMarginOutOfRangeException, InvalidUtf8Exception
     * @throws \ValueError more than one of $region, $host and $url is given
     */
    public function __construct(
        /** The application. */
        public readonly int $sdkappid,
        #[\SensitiveParameter] string $key,
        /** The admin's user id. */
        public readonly string $admin = self::DEFAULT_ADMIN,
        ?string $region = null,
        ?string $host = null,
        ?string $url = null,
        /** How long each admin token lasts, in seconds. */
        public readonly int $validity = self::DEFAULT_VALIDITY,
        /** Seconds before expiry from which the admin token is re-minted. */
        public readonly int $renewMargin = self::DEFAULT_RENEW_MARGIN,
        ?callable $clock = null,
    ) {
        $given = array_filter([Native::ENDPOINT_REGION => $region, Native::ENDPOINT_HOST => $host,
            Native::ENDPOINT_URL => $url], static fn (?string $value): bool => $value !== null);
        if (count($given) > 1) {
            throw new \ValueError('give at most one of region, host and url');
        }
        $kind = array_key_first($given) ?? Native::ENDPOINT_REGION;
        $endpoint = $given[$kind] ?? 'china';
        $this->clock = $clock === null ? time(...) : $clock(...);
        $this->handle = Native::construct('usersig_admin_new', 'usersig_admin',
            [$sdkappid, $key, strlen($key), $admin, strlen($admin), $kind, $endpoint,
                strlen($endpoint), $validity, $renewMargin],
            ['key' => $key, 'admin' => $admin, 'endpoint' => $endpoint]);
        $this->ffi = Native::ffi();
        $this->endpoint = Native::token('usersig_admin_endpoint', [$this->handle]);
    }

    /** Frees the native object, which wipes the key's prepared state. */
    public function __destruct()
    {
        if (isset($this->handle)) {
            $this->ffi->usersig_admin_free($this->handle);
        }
    }

    /**
     * The URL to POST a JSON body to for $service/$command, e.g. ("im_open_login_svc",
     * "account_import"), with the admin token and a fresh random number.
     *
     * @throws InvalidRestPathException $service or $command is empty or has a character outside
     *     `A-Z a-z 0-9 _ . -`
     * @throws RandomUnavailableException the OS random number generator failed
     */
    public function url(string $service, string $command): string
    {
        return Native::token('usersig_admin_url_at',
            [$this->handle, $service, strlen($service), $command, strlen($command), $this->now()],
            ['service' => $service, 'command' => $command]);
    }

    /** The admin token the URLs carry now (cached, renewed as {@see url()} renews it). */
    public function userSig(): string
    {
        return Native::token('usersig_admin_user_sig_at', [$this->handle, $this->now()]);
    }

    private function now(): int
    {
        return ($this->clock)();
    }

    /** @return array<string, mixed> */
    private function shown(): array
    {
        return ['sdkappid' => $this->sdkappid, 'admin' => $this->admin,
            'endpoint' => $this->endpoint, 'validity' => $this->validity,
            'renewMargin' => $this->renewMargin];
    }
}
