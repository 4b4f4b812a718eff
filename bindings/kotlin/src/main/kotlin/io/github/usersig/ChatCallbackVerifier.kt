package io.github.usersig

/**
 * Checks the callbacks Tencent's Chat (IM) servers POST to the application, and TUILiveKit's,
 * which are signed the same way. Thread-safe: share one per callback token.
 *
 * ```kotlin
 * val verifier = ChatCallbackVerifier(callbackToken, sdkAppId = 1400000000)
 * val callback = verifier.verifyQuery(exchange.requestURI.rawQuery)   // or throws a CallbackRejectedException
 * when (callback.command) { "C2C.CallbackAfterSendMsg" -> ... }
 * ```
 *
 * Tencent adds `SdkAppid`, `CallbackCommand`, `RequestTime` and `Sign` to the callback URL's
 * query; `Sign` is the lowercase hex SHA-256 of the console's callback token followed by
 * `RequestTime`. The core checks that each of those four appears exactly once in Tencent's form,
 * then the signature (in constant time), the sdkappid if one is expected, and that `RequestTime`
 * is within [window] seconds of the clock. The signature does not cover the body: within the
 * window, whoever captured a signed URL can send it with another body.
 *
 * [close] frees the native verifier, which wipes the token's state, at once; otherwise it is freed
 * once unreachable. [toString] never shows the token.
 *
 * @param token the callback token set in the Chat console.
 * @param sdkAppId the application whose callbacks are accepted, or null for any.
 * @param window how far `RequestTime` may be from the clock, in seconds either way, 0 to
 *   [UserSig.MAX_CALLBACK_WINDOW].
 * @throws InvalidInputException if the token is empty ([ErrorKind.EMPTY_KEY]) or the sdkappid out
 *   of range; [CallbackWindowOutOfRangeException] if the window is.
 */
public class ChatCallbackVerifier @JvmOverloads constructor(
    token: String,
    sdkAppId: Long? = null,
    window: Long = UserSig.DEFAULT_CALLBACK_WINDOW,
) : AutoCloseable {
    /** The one native verifier (docs/abi.md); every call is one crossing. */
    private val native: NativeHandle = run {
        NativeLibrary.ensureLoaded()
        val tokenBytes = strict { token.toStrictUtf8() }
        try {
            NativeHandle(
                construct { handle, out ->
                    Abi.usersig_chat_callback_new(
                        tokenBytes, tokenBytes.size.toLong(), present(sdkAppId), sdkAppId ?: 0, window, handle, out,
                        out.size.toLong(),
                    )
                },
                Abi::usersig_chat_callback_free,
            )
        } finally {
            tokenBytes.fill(0)
        }
    }

    /** The application whose callbacks it accepts, or null for any. */
    public val sdkAppId: Long? = sdkAppId

    /** How far a callback's `RequestTime` may be from the clock, in seconds either way. */
    public val window: Long = window

    /**
     * The callback whose raw query string (what follows `?` in the request's URL, as received:
     * not decoded) is [query], checked against the system clock. A null query is an absent one.
     *
     * @throws CallbackRejectedException saying why the callback is refused: a missing, repeated,
     *   percent-encoded or malformed parameter, a bad signature, another sdkappid, a time out of
     *   the window, or a query longer than [UserSig.MAX_CALLBACK_QUERY_LEN] bytes.
     */
    public fun verifyQuery(query: String?): ChatCallback = verifyQueryAt(query, unixNow())

    /** As [verifyQuery], at [now] (Unix seconds). */
    public fun verifyQueryAt(query: String?, now: Long): ChatCallback {
        val queryBytes = strict { (query ?: "").toStrictUtf8() }
        return native.use { verifier ->
            readResult(AbiResult::chatCallback, resultBuffer(queryBytes.size)) { out ->
                Abi.usersig_chat_callback_verify_query_at(verifier, queryBytes, queryBytes.size.toLong(), now, out, out.size.toLong())
            }
        }
    }

    /**
     * The callback whose query parameters a web framework already decoded are [params], each name
     * with its values in order (JAX-RS's `MultivaluedMap`, Spring's `MultiValueMap`; from a
     * servlet, `request.parameterMap.mapValues { it.asList() }`), checked against the system
     * clock. Prefer [verifyQuery] with the raw query: decoded parameters hide a percent-encoded
     * `Sign`, which Tencent never sends.
     *
     * @throws CallbackRejectedException as [verifyQuery] does.
     */
    public fun verifyParams(params: Map<String, List<String>>): ChatCallback = verifyParamsAt(params, unixNow())

    /** As [verifyParams], at [now] (Unix seconds). */
    public fun verifyParamsAt(params: Map<String, List<String>>, now: Long): ChatCallback {
        val pairs = params.flatMap { (name, values) -> values.map { name to it } }
        val names = strict { StringList(pairs.map { it.first }) }
        val values = strict { StringList(pairs.map { it.second }) }
        return native.use { verifier ->
            readResult(AbiResult::chatCallback, resultBuffer(names.bytes.size + values.bytes.size)) { out ->
                Abi.usersig_chat_callback_verify_params_at(
                    verifier, names.bytes, names.lens, values.bytes, values.lens, names.count, now, out, out.size.toLong(),
                )
            }
        }
    }

    /**
     * The `Sign` Tencent sends with [requestTime] (Unix seconds): the signing twin of the checks,
     * for tests and local fakes of Tencent's servers.
     */
    public fun sign(requestTime: Long): String = native.use { verifier ->
        readResult(AbiResult::token) { out -> Abi.usersig_chat_callback_sign(verifier, requestTime, out, out.size.toLong()) }
    }

    /** Frees the native verifier; calls after this throw [IllegalStateException]. */
    override fun close() {
        native.close()
    }

    /** The sdkappid, the window and a redacted token. */
    override fun toString(): String = "ChatCallbackVerifier { sdkappid: ${sdkAppId ?: "any"}, window: $window, token: <redacted> }"
}

/**
 * A Chat callback whose signature, sdkappid and time passed.
 *
 * @property command `CallbackCommand`, such as `Group.CallbackAfterNewMemberJoin`: which event this is.
 * @property sdkAppId `SdkAppid`.
 * @property requestTime `RequestTime`, in Unix seconds.
 * @property params every other query parameter (`contenttype`, `ClientIP`, `OptPlatform`, the
 *   URL's own), decoded, each name with its values, in order of first appearance. These are not signed.
 */
public data class ChatCallback(
    val command: String,
    val sdkAppId: Long,
    val requestTime: Long,
    val params: Map<String, List<String>>,
)

/** The ABI's presence flag of an optional argument (docs/abi.md): 1 if given, 0 if not. */
internal fun present(value: Long?): Long = if (value == null) 0 else 1
