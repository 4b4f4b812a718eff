package io.github.usersig

import java.util.function.LongSupplier

/**
 * Authenticated URLs for Tencent's REST API, signed as the app admin with one cached admin
 * UserSig, re-minted once fewer than [renewMargin] seconds of it are left. Thread-safe: share
 * one; however many threads ask at the moment of renewal, one token is minted.
 *
 * ```kotlin
 * val auth = AdminAuth(1400000000, key, endpoint = Endpoint.region(Region.SINGAPORE))
 * val url = auth.url("im_open_login_svc", "account_import")   // POST a JSON body to it
 * ```
 *
 * Defaults: the admin `administrator`, the China endpoint, tokens valid [DEFAULT_ADMIN_VALIDITY]
 * seconds (one hour, because these URLs land in proxy and access logs) and renewed
 * [DEFAULT_RENEW_MARGIN] seconds (ten minutes) before they expire. [clock] gives the time in Unix
 * seconds (the system clock by default); the `...At` methods take it as an argument. It is made
 * from the sdkappid and the key: a [Signer] does not keep its key, so it cannot make one.
 * [close] frees the native object at once; otherwise it is freed once unreachable. [toString]
 * never shows the key or the token.
 *
 * @param sdkAppId the application's SDKAppID, 0 to 4294967295.
 * @param key the application's secret key from the console, as text.
 * @param admin an admin account of the application (set in the console).
 * @param endpoint where the URLs point.
 * @param validity how long each admin token is valid, 1 second to 50 years.
 * @param renewMargin how long before its expiry a token is re-minted, at least 0 and less than [validity].
 * @param clock the time in Unix seconds.
 * @throws InvalidInputException if the key or the admin id is empty, the admin id too long, the
 *   sdkappid, the validity or the margin out of range, the region unknown or the endpoint invalid.
 */
public class AdminAuth @JvmOverloads constructor(
    sdkAppId: Long,
    key: String,
    admin: String = DEFAULT_ADMIN,
    endpoint: Endpoint = Endpoint.region(Region.CHINA),
    validity: Long = DEFAULT_ADMIN_VALIDITY,
    renewMargin: Long = DEFAULT_RENEW_MARGIN,
    private val clock: LongSupplier = LongSupplier(::unixNow),
) : AutoCloseable {
    /** The one native admin (docs/abi.md): the key's prepared state and the cached token. */
    private val native: NativeHandle = run {
        NativeLibrary.ensureLoaded()
        val keyBytes = strict { key.toStrictUtf8() }
        val adminBytes = strict { admin.toStrictUtf8() }
        val endpointBytes = strict { endpoint.text.toStrictUtf8() }
        try {
            NativeHandle(
                construct { handle, out ->
                    Abi.usersig_admin_new(
                        sdkAppId, keyBytes, keyBytes.size.toLong(), adminBytes, adminBytes.size.toLong(),
                        endpoint.kind, endpointBytes, endpointBytes.size.toLong(), validity, renewMargin,
                        handle, out, out.size.toLong(),
                    )
                },
                Abi::usersig_admin_free,
            )
        } finally {
            keyBytes.fill(0)
        }
    }

    /** The application. */
    public val sdkAppId: Long = sdkAppId

    /** The admin account the tokens are minted for. */
    public val admin: String = admin

    /** The REST API's base URL, without a trailing `/`, such as `https://console.tim.qq.com`. */
    public val endpoint: String = native.use { handle ->
        readResult(AbiResult::token) { out -> Abi.usersig_admin_endpoint(handle, out, out.size.toLong()) }
    }

    /** How long each admin token is valid, in seconds. */
    public val validity: Long = validity

    /** How long before its expiry a token is re-minted, in seconds. */
    public val renewMargin: Long = renewMargin

    /** The admin id's length in UTF-16 units (up to 9 bytes each once encoded), to size the URL's buffer. */
    private val adminLength = admin.length

    /**
     * The URL to `POST` a JSON body to for [service]/[command] (`"im_open_login_svc"`,
     * `"account_import"`, say), at the [clock]'s time: see [urlAt].
     */
    public fun url(service: String, command: String): String = urlAt(service, command, clock.asLong)

    /**
     * The URL of [service]/[command] at [now] (Unix seconds):
     * `{endpoint}/v4/{service}/{command}?sdkappid=…&identifier=…&usersig=…&random=…&contenttype=json`,
     * with the admin id and the cached (or newly minted) token percent-encoded and a new random
     * 32-bit number from the operating system.
     *
     * @throws InvalidInputException if [service] or [command] is empty or has a character
     *   outside `A-Z a-z 0-9 _ . -` ([ErrorKind.INVALID_REST_PATH]), or a token must be minted
     *   and [now] is out of range.
     * @throws RandomUnavailableException if the operating system has no randomness.
     */
    public fun urlAt(service: String, command: String, now: Long): String {
        val serviceBytes = strict { service.toStrictUtf8() }
        val commandBytes = strict { command.toStrictUtf8() }
        val first = URL_BUFFER + endpoint.length + serviceBytes.size + commandBytes.size + 12 * adminLength
        return native.use { handle ->
            readResult(AbiResult::token, first) { out ->
                Abi.usersig_admin_url_at(
                    handle, serviceBytes, serviceBytes.size.toLong(), commandBytes, commandBytes.size.toLong(),
                    now, out, out.size.toLong(),
                )
            }
        }
    }

    /** The admin UserSig the URLs carry at the [clock]'s time: see [userSigAt]. */
    public fun userSig(): String = userSigAt(clock.asLong)

    /**
     * The admin UserSig at [now]: the cached one while at least [renewMargin] seconds of it are
     * left, else a new one issued at [now], which replaces it.
     *
     * @throws InvalidInputException if a token must be minted and [now] is out of range.
     */
    public fun userSigAt(now: Long): String = native.use { handle ->
        readResult(AbiResult::token, resultBuffer(adminLength)) { out -> Abi.usersig_admin_user_sig_at(handle, now, out, out.size.toLong()) }
    }

    /** Frees the native admin; calls after this throw [IllegalStateException]. */
    override fun close() {
        native.close()
    }

    /** The settings, without the key or the token. */
    override fun toString(): String =
        "AdminAuth { sdkappid: $sdkAppId, admin: \"$admin\", endpoint: $endpoint, validity: $validity, " +
            "renewMargin: $renewMargin, key: <redacted> }"

    /** The defaults, the core's. */
    public companion object {
        /** The admin account Tencent's console creates for every application. */
        public const val DEFAULT_ADMIN: String = "administrator"

        /** How long an admin token is valid when none is given: one hour, in seconds (the core's). */
        @JvmField
        public val DEFAULT_ADMIN_VALIDITY: Long = coreConstant("DEFAULT_ADMIN_VALIDITY")

        /** How long before its expiry an admin token is re-minted by default: ten minutes, in seconds (the core's). */
        @JvmField
        public val DEFAULT_RENEW_MARGIN: Long = coreConstant("DEFAULT_RENEW_MARGIN")

        /** The first URL buffer beyond its variable parts: the token, the query's names, the random number. */
        private const val URL_BUFFER = 512
    }
}

/**
 * A region of Tencent Cloud Chat; the core knows the host of its REST API.
 *
 * @property coreName the core's name of the region, such as `silicon-valley`.
 */
public enum class Region(public val coreName: String) {
    /** Chinese mainland. */
    CHINA("china"),

    /** Singapore. */
    SINGAPORE("singapore"),

    /** Seoul. */
    SEOUL("seoul"),

    /** Tokyo. */
    TOKYO("tokyo"),

    /** Frankfurt. */
    FRANKFURT("frankfurt"),

    /** Mumbai. */
    MUMBAI("mumbai"),

    /** Silicon Valley. */
    SILICON_VALLEY("silicon-valley"),

    /** Jakarta. */
    JAKARTA("jakarta"),
}

/**
 * Where an [AdminAuth]'s URLs point: a region, a host or a base URL. The core checks it when the
 * [AdminAuth] is made, which throws [InvalidInputException] ([ErrorKind.UNKNOWN_REGION],
 * [ErrorKind.INVALID_ENDPOINT]) for a bad one; [AdminAuth.endpoint] is the base URL it gives.
 */
public class Endpoint private constructor(internal val kind: Long, internal val text: String) {
    /** How it was given, such as `Endpoint.host(im.example.com)`. */
    override fun toString(): String = "Endpoint.${KIND_NAMES[kind.toInt()]}($text)"

    /** The ways to give one. */
    public companion object {
        // usersig_admin_new's endpoint_kind values (docs/abi.md), and their names.
        private const val REGION = 0L
        private const val HOST = 1L
        private const val URL = 2L
        private val KIND_NAMES = listOf("region", "host", "url")

        /** The main host of [region], over HTTPS. */
        @JvmStatic
        public fun region(region: Region): Endpoint = Endpoint(REGION, region.coreName)

        /** The region the core names [name], in any ASCII case (`"singapore"`, `"Silicon-Valley"`). */
        @JvmStatic
        public fun region(name: String): Endpoint = Endpoint(REGION, name)

        /** `https://{host}`: a DNS name, an IPv4 address or a bracketed IPv6 address, with an optional `:port`. */
        @JvmStatic
        public fun host(host: String): Endpoint = Endpoint(HOST, host)

        /**
         * A base URL: `https://host[:port]`, or `http://` only to a loopback host (`localhost`,
         * `127.0.0.0/8`, `[::1]`), for tests. One trailing `/` is allowed; a path, a query or user
         * info is not.
         */
        @JvmStatic
        public fun url(url: String): Endpoint = Endpoint(URL, url)
    }
}
