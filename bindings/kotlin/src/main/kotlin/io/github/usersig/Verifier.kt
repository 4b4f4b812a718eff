package io.github.usersig

/**
 * Checks tokens for one application against one or more keys (several during a key rotation).
 * Thread-safe: share one per application.
 *
 * ```kotlin
 * val verifier = Verifier(1400000000, key)
 * val claims = verifier.verify(token, "alice")   // or throws a TokenRejectedException
 * val room = verifier.verifyAnyUserbuf(privateMapKey, "alice").grant?.room
 * ```
 *
 * It accepts the tokens of every official Tencent library and checks what Tencent's servers
 * check: the sdkappid, the user id (exactly), the expiry (the last second is still valid), the
 * userbuf (none for [verify], the one expected for [verifyWithUserbuf], any for
 * [verifyAnyUserbuf]), and the signature. [close] frees the native verifier at once;
 * [toString] never shows the keys.
 *
 * @param sdkAppId the application's SDKAppID.
 * @param keys the secret keys a token may be signed with.
 * @throws InvalidInputException if no key is given, a key is empty, or the sdkappid is out of range.
 */
public class Verifier(sdkAppId: Long, keys: List<String>) : AutoCloseable {
    /** The one native verifier (docs/abi.md); every call is one crossing. */
    private val native: NativeHandle = run {
        NativeLibrary.ensureLoaded()
        val list = strict { StringList(keys) }
        try {
            NativeHandle(
                construct { handle, out ->
                    Abi.usersig_verifier_new(sdkAppId, list.bytes, list.lens, list.count, handle, out, out.size.toLong())
                },
                Abi::usersig_verifier_free,
            )
        } finally {
            list.bytes.fill(0)
        }
    }

    /** How many keys it accepts, for [toString]. */
    private val keyCount = keys.size

    /** A verifier for [sdkAppId] accepting tokens signed with any of [keys]. */
    public constructor(sdkAppId: Long, vararg keys: String) : this(sdkAppId, keys.asList())

    /** The application this verifier checks tokens for. */
    public val sdkAppId: Long = sdkAppId

    /**
     * The claims of [token] if it is a valid UserSig for [userId] now.
     *
     * A token that carries a userbuf (a PrivateMapKey, say) is refused: it was made for a narrower
     * purpose than logging in. Check those with [verifyAnyUserbuf] or [verifyWithUserbuf].
     *
     * @throws TokenRejectedException saying why the token is refused; [UnexpectedUserbufException]
     *   if it carries a userbuf.
     */
    public fun verify(token: String, userId: String): Claims = verifyAt(token, userId, unixNow())

    /** As [verify], at [now] (Unix seconds). */
    public fun verifyAt(token: String, userId: String, now: Long): Claims {
        val tokenBytes = strict { token.toStrictUtf8() }
        val id = strict { userId.toStrictUtf8() }
        return native.use { verifier ->
            readResult(AbiResult::claims, resultBuffer(tokenBytes.size + id.size)) { out ->
                Abi.usersig_verifier_verify_at(
                    verifier, tokenBytes, tokenBytes.size.toLong(), id, id.size.toLong(), now, out, out.size.toLong(),
                )
            }
        }
    }

    /**
     * As [verify], but the token must carry exactly [userbuf] (a PrivateMapKey's grant, say).
     *
     * @throws MissingUserbufException if it carries none.
     * @throws UserbufMismatchException if it carries another one.
     */
    public fun verifyWithUserbuf(token: String, userId: String, userbuf: ByteArray): Claims =
        verifyWithUserbufAt(token, userId, userbuf, unixNow())

    /** As [verifyWithUserbuf], at [now] (Unix seconds). */
    public fun verifyWithUserbufAt(token: String, userId: String, userbuf: ByteArray, now: Long): Claims {
        val tokenBytes = strict { token.toStrictUtf8() }
        val id = strict { userId.toStrictUtf8() }
        return native.use { verifier ->
            readResult(AbiResult::claims, resultBuffer(tokenBytes.size + id.size + userbuf.size)) { out ->
                Abi.usersig_verifier_verify_with_userbuf_at(
                    verifier, tokenBytes, tokenBytes.size.toLong(), id, id.size.toLong(), userbuf, userbuf.size.toLong(),
                    now, out, out.size.toLong(),
                )
            }
        }
    }

    /**
     * As [verify], but the token may carry any userbuf, or none, which the claims return: for
     * PrivateMapKeys, whose [Claims.grant] the caller then checks.
     *
     * @throws TokenRejectedException saying why the token is refused.
     */
    public fun verifyAnyUserbuf(token: String, userId: String): Claims = verifyAnyUserbufAt(token, userId, unixNow())

    /** As [verifyAnyUserbuf], at [now] (Unix seconds). */
    public fun verifyAnyUserbufAt(token: String, userId: String, now: Long): Claims {
        val tokenBytes = strict { token.toStrictUtf8() }
        val id = strict { userId.toStrictUtf8() }
        return native.use { verifier ->
            readResult(AbiResult::claims, resultBuffer(tokenBytes.size + id.size)) { out ->
                Abi.usersig_verifier_verify_any_userbuf_at(
                    verifier, tokenBytes, tokenBytes.size.toLong(), id, id.size.toLong(), now, out, out.size.toLong(),
                )
            }
        }
    }

    /** Frees the native verifier; calls after this throw [IllegalStateException]. */
    override fun close() {
        native.close()
    }

    /** The sdkappid and redacted keys. */
    override fun toString(): String = "Verifier { sdkappid: $sdkAppId, keys: $keyCount redacted }"
}
