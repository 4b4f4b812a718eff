package io.github.usersig

/**
 * Checks TRTC's event callbacks (room and media events) that Tencent's servers POST to the
 * application. Thread-safe: share one per callback key.
 *
 * ```kotlin
 * val verifier = TrtcCallbackVerifier(callbackKey, sdkAppId = 1400000000, window = 60)
 * val event = verifier.verify(headers.getFirst("Sign"), headers.getFirst("SdkAppId"), rawBody)
 * if (event.eventType == 103L) { ... }   // a user entered the room
 * ```
 *
 * Each callback carries the headers `Sign` and `SdkAppId`; `Sign` is the base64 of the
 * HMAC-SHA256 of the body, exactly as sent, under the console's callback key. So the verifier is
 * given the raw body bytes, before any JSON parsing: a body parsed and written again is another
 * body. The core checks the body's size, both headers' form, the signature (in constant time),
 * the sdkappid if one is expected, that the body is a JSON object whose `EventGroupId`,
 * `EventType` and `CallbackTs` are integers when present, and, if a [window] is set, that
 * `CallbackTs` is present and within it. Tencent documents no window for these callbacks, so
 * there is none by default.
 *
 * [close] frees the native verifier, which wipes the key's prepared state, at once; otherwise it
 * is freed once unreachable. [toString] never shows the key.
 *
 * @param key the callback key set in the TRTC console.
 * @param sdkAppId the application whose callbacks are accepted, or null for any.
 * @param window how far `CallbackTs` may be from the clock, in seconds either way, 0 to
 *   [UserSig.MAX_CALLBACK_WINDOW]; or null for no check of the time.
 * @throws InvalidInputException if the key is empty ([ErrorKind.EMPTY_KEY]) or the sdkappid out of
 *   range; [CallbackWindowOutOfRangeException] if the window is.
 */
public class TrtcCallbackVerifier @JvmOverloads constructor(
    key: String,
    sdkAppId: Long? = null,
    window: Long? = null,
) : AutoCloseable {
    /** The one native verifier (docs/abi.md); every call is one crossing. */
    private val native: NativeHandle = run {
        NativeLibrary.ensureLoaded()
        val keyBytes = strict { key.toStrictUtf8() }
        try {
            NativeHandle(
                construct { handle, out ->
                    Abi.usersig_trtc_callback_new(
                        keyBytes, keyBytes.size.toLong(), present(sdkAppId), sdkAppId ?: 0, present(window), window ?: 0,
                        handle, out, out.size.toLong(),
                    )
                },
                Abi::usersig_trtc_callback_free,
            )
        } finally {
            keyBytes.fill(0)
        }
    }

    /** The application whose callbacks it accepts, or null for any. */
    public val sdkAppId: Long? = sdkAppId

    /** How far a callback's `CallbackTs` may be from the clock, in seconds either way, or null for no check. */
    public val window: Long? = window

    /**
     * The callback with the headers [sign] and [sdkAppId] (null when absent) and the raw [body],
     * checked against the system clock.
     *
     * @throws CallbackRejectedException saying why the callback is refused: a missing or malformed
     *   header, a bad signature, another sdkappid, a body that is not a JSON object or has a
     *   non-integer event field, a time out of the window, or a body longer than
     *   [UserSig.MAX_CALLBACK_BODY_LEN] bytes.
     */
    public fun verify(sign: String?, sdkAppId: String?, body: ByteArray): TrtcCallback = verifyAt(sign, sdkAppId, body, unixNow())

    /** As [verify], at [now] (Unix seconds). */
    public fun verifyAt(sign: String?, sdkAppId: String?, body: ByteArray, now: Long): TrtcCallback {
        val signBytes = strict { (sign ?: "").toStrictUtf8() }
        val sdkAppIdBytes = strict { (sdkAppId ?: "").toStrictUtf8() }
        return native.use { verifier ->
            readResult(AbiResult::trtcCallback) { out ->
                Abi.usersig_trtc_callback_verify_at(
                    verifier, signBytes, signBytes.size.toLong(), sdkAppIdBytes, sdkAppIdBytes.size.toLong(), body, body.size.toLong(),
                    now, out, out.size.toLong(),
                )
            }
        }
    }

    /**
     * The `Sign` header Tencent sends with [body]: the signing twin of the checks, for tests and
     * local fakes of Tencent's servers.
     */
    public fun sign(body: ByteArray): String = native.use { verifier ->
        readResult(AbiResult::token) { out -> Abi.usersig_trtc_callback_sign(verifier, body, body.size.toLong(), out, out.size.toLong()) }
    }

    /** Frees the native verifier; calls after this throw [IllegalStateException]. */
    override fun close() {
        native.close()
    }

    /** The sdkappid, the window and a redacted key. */
    override fun toString(): String =
        "TrtcCallbackVerifier { sdkappid: ${sdkAppId ?: "any"}, window: ${window ?: "none"}, key: <redacted> }"
}

/**
 * A TRTC callback whose signature (and sdkappid and time, if checked) passed, with the body's
 * fields that say what happened; the rest of the body is the caller's to parse.
 *
 * @property sdkAppId the `SdkAppId` header.
 * @property eventGroupId the body's `EventGroupId` (1 room events, 2 media events, ...), if present.
 * @property eventType the body's `EventType` (103 a user entered the room, ...), if present.
 * @property callbackTs the body's `CallbackTs`, in Unix milliseconds, if present.
 */
public data class TrtcCallback(
    val sdkAppId: Long,
    val eventGroupId: Long?,
    val eventType: Long?,
    val callbackTs: Long?,
)
