package io.github.usersig

import java.nio.charset.CharacterCodingException

/**
 * Every way a call can fail; [UserSigException.kind] says which. The entries are the core's
 * kinds, in its order, each with the core's name and Tencent code (pinned by KindsTest).
 *
 * @property coreName the core's snake_case name of the kind, such as `expired`.
 * @property tencentCode the code Tencent's servers return for the same fault, or null for an input error,
 *   for [UNEXPECTED_USERBUF], which Tencent does not report, and for a refused callback.
 */
public enum class ErrorKind(public val coreName: String, public val tencentCode: Int?) {
    /** The secret key is empty, or a verifier was given no key. */
    EMPTY_KEY("empty_key", null),

    /** The sdkappid is outside 0..4294967295. */
    SDK_APP_ID_OUT_OF_RANGE("sdkappid_out_of_range", null),

    /** The user id is empty. */
    EMPTY_USER_ID("empty_user_id", null),

    /** The user id is longer than the signer accepts (1024 bytes of UTF-8). */
    USER_ID_TOO_LONG("user_id_too_long", null),

    /** The user id holds a control character, U+0000 to U+001F or U+007F ([UserIdControlCharException]). */
    USER_ID_CONTROL_CHAR("user_id_control_char", null),

    /** The userbuf is longer than the signer accepts (4096 bytes). */
    USERBUF_TOO_LONG("userbuf_too_long", null),

    /** The validity is not 1 second to 50 years. */
    EXPIRE_OUT_OF_RANGE("expire_out_of_range", null),

    /** The issue time is outside 0..4294967295 (Unix seconds). */
    TIME_OUT_OF_RANGE("time_out_of_range", null),

    /** The issue time plus the validity is past 4294967295 (the year 2106). */
    EXPIRY_OVERFLOW("expiry_overflow", null),

    /** A numeric room id is outside 1..4294967294. */
    ROOM_ID_OUT_OF_RANGE("room_id_out_of_range", null),

    /** A string room id is empty. */
    EMPTY_ROOM_STR("empty_room_str", null),

    /** A string room id is longer than 64 bytes of UTF-8. */
    ROOM_STR_TOO_LONG("room_str_too_long", null),

    /** A privilege mask is outside 0..255 ([Privileges]). */
    PRIVILEGE_OUT_OF_RANGE("privilege_out_of_range", null),

    /** The token cannot be decoded (Tencent code 70003). */
    MALFORMED("malformed", 70003),

    /** The token has expired (Tencent code 70001). */
    EXPIRED("expired", 70001),

    /** The signature does not match the key (Tencent code 70009). */
    BAD_SIGNATURE("bad_signature", 70009),

    /** The token is for another user id (Tencent code 70013). */
    USER_ID_MISMATCH("user_id_mismatch", 70013),

    /** The token is for another sdkappid (Tencent code 70014). */
    SDK_APP_ID_MISMATCH("sdkappid_mismatch", 70014),

    /** The token's userbuf is not the one expected (TRTC code -100006). */
    USERBUF_MISMATCH("userbuf_mismatch", -100006),

    /** The token carries no userbuf, and one was expected (TRTC code -100006). */
    MISSING_USERBUF("missing_userbuf", -100006),

    /** The token carries a userbuf (a PrivateMapKey, say), and a plain UserSig was expected (no Tencent code). */
    UNEXPECTED_USERBUF("unexpected_userbuf", null),

    /** A region name is not one of [Region]'s. */
    UNKNOWN_REGION("unknown_region", null),

    /** An endpoint is not a host (with an optional port) or an `https://` base URL (`http://` only to loopback). */
    INVALID_ENDPOINT("invalid_endpoint", null),

    /** A REST service or command is empty or has a character outside `A-Z a-z 0-9 _ . -`. */
    INVALID_REST_PATH("invalid_rest_path", null),

    /** A renewal margin is not at least 0 and less than the validity. */
    RENEW_MARGIN_OUT_OF_RANGE("renew_margin_out_of_range", null),

    /** The operating system gave no random number (for a REST URL's `random`). */
    RANDOM_UNAVAILABLE("random_unavailable", null),

    /** A callback lacks a parameter: a Chat query parameter, a TRTC header, or `CallbackTs` when a window is set. */
    CALLBACK_PARAM_MISSING("callback_param_missing", null),

    /** A Chat callback's query has a checked parameter (`Sign`, `RequestTime`, ...) more than once. */
    CALLBACK_PARAM_REPEATED("callback_param_repeated", null),

    /** A callback parameter is not in the form Tencent sends (a `Sign` in uppercase, a time that is not digits, ...). */
    CALLBACK_PARAM_INVALID("callback_param_invalid", null),

    /** A callback's signature does not match: forged, altered, or signed with another token or key. */
    CALLBACK_BAD_SIGNATURE("callback_bad_signature", null),

    /** A callback's time is outside the verifier's window. */
    CALLBACK_OUT_OF_WINDOW("callback_out_of_window", null),

    /** A callback is for another application. */
    CALLBACK_SDK_APP_ID_MISMATCH("callback_sdkappid_mismatch", null),

    /** A callback's query or body is longer than a verifier reads. */
    CALLBACK_TOO_LARGE("callback_too_large", null),

    /** A callback verifier's window is negative or wider than [UserSig.MAX_CALLBACK_WINDOW]. */
    CALLBACK_WINDOW_OUT_OF_RANGE("callback_window_out_of_range", null);

    internal companion object {
        private val BY_NAME = values().associateBy { it.coreName }

        /** The kind the core names [name], or null for one this JAR does not know. */
        fun of(name: String): ErrorKind? = BY_NAME[name]
    }
}

/**
 * The one exception type of this library, unchecked: [InvalidInputException] when an argument is
 * refused before any token exists, a subclass of [TokenRejectedException] when a token is refused,
 * a subclass of [CallbackRejectedException] when one of Tencent's callbacks is refused,
 * [RandomUnavailableException] when the operating system has no randomness.
 *
 * @property kind which failure this is.
 */
public sealed class UserSigException(message: String, public val kind: ErrorKind) : RuntimeException(message) {
    /**
     * The code Tencent's servers return for the same fault (70001 expired, 70003 malformed,
     * 70009 bad signature, 70013 user id, 70014 sdkappid, -100006 userbuf), or null for input errors,
     * [UnexpectedUserbufException] and [CallbackRejectedException].
     */
    public val tencentCode: Int? get() = kind.tencentCode
}

/** An argument was refused (an empty key or user id, a validity or room id out of range, ...). */
public open class InvalidInputException internal constructor(kind: ErrorKind, message: String) :
    UserSigException(message, kind)

/**
 * A user id (or an admin id) holds a control character, U+0000 to U+001F or U+007F.
 *
 * @property position the byte offset, in its UTF-8, of the first one.
 */
public class UserIdControlCharException internal constructor(public val position: Long, message: String) :
    InvalidInputException(ErrorKind.USER_ID_CONTROL_CHAR, message)

/**
 * A callback verifier's window is negative or wider than [UserSig.MAX_CALLBACK_WINDOW].
 *
 * @property window the window given, in seconds.
 * @property max the widest window accepted, in seconds.
 */
public class CallbackWindowOutOfRangeException internal constructor(
    public val window: Long,
    public val max: Long,
    message: String,
) : InvalidInputException(ErrorKind.CALLBACK_WINDOW_OUT_OF_RANGE, message)

/** The operating system's random number generator failed, so no REST URL could be made ([AdminAuth.url]). */
public class RandomUnavailableException internal constructor(message: String) :
    UserSigException(message, ErrorKind.RANDOM_UNAVAILABLE)

/**
 * A token was refused; [tencentCode] is the code Tencent's servers use for the same fault (null
 * for [UnexpectedUserbufException]).
 */
public sealed class TokenRejectedException(message: String, kind: ErrorKind) : UserSigException(message, kind)

/**
 * The token cannot be decoded (70003).
 *
 * @property reason where decoding stopped.
 */
public class MalformedTokenException internal constructor(public val reason: Malformation, message: String) :
    TokenRejectedException(message, ErrorKind.MALFORMED)

/**
 * The token has expired (70001).
 *
 * @property expiredAt the last second at which it was valid (Unix seconds).
 * @property now the time of the check (Unix seconds).
 */
public class ExpiredTokenException internal constructor(
    public val expiredAt: Long,
    public val now: Long,
    message: String,
) : TokenRejectedException(message, ErrorKind.EXPIRED)

/** The signature does not match: another key, another app's key, or an altered token (70009). */
public class BadSignatureException internal constructor(message: String) :
    TokenRejectedException(message, ErrorKind.BAD_SIGNATURE)

/**
 * The token was issued to another user id (70013).
 *
 * @property expected the user id the caller asked for.
 * @property found the user id in the token.
 */
public class UserIdMismatchException internal constructor(
    public val expected: String,
    public val found: String,
    message: String,
) : TokenRejectedException(message, ErrorKind.USER_ID_MISMATCH)

/**
 * The token was issued for another application (70014).
 *
 * @property expected the sdkappid of the verifier.
 * @property found the sdkappid in the token.
 */
public class SdkAppIdMismatchException internal constructor(
    public val expected: Long,
    public val found: Long,
    message: String,
) : TokenRejectedException(message, ErrorKind.SDK_APP_ID_MISMATCH)

/** The token carries another userbuf than expected (-100006). */
public class UserbufMismatchException internal constructor(message: String) :
    TokenRejectedException(message, ErrorKind.USERBUF_MISMATCH)

/** The token carries no userbuf, and one was expected (-100006). */
public class MissingUserbufException internal constructor(message: String) :
    TokenRejectedException(message, ErrorKind.MISSING_USERBUF)

/**
 * The token carries a userbuf (a PrivateMapKey, say), and [Verifier.verify] expects a plain
 * UserSig: check such tokens with [Verifier.verifyAnyUserbuf] or [Verifier.verifyWithUserbuf].
 * Tencent has no code for it.
 */
public class UnexpectedUserbufException internal constructor(message: String) :
    TokenRejectedException(message, ErrorKind.UNEXPECTED_USERBUF)

/**
 * One of Tencent's callbacks was refused by a [ChatCallbackVerifier] or a [TrtcCallbackVerifier]:
 * answer it with an error status and do not act on it. Tencent has no code for these.
 */
public sealed class CallbackRejectedException(message: String, kind: ErrorKind) : UserSigException(message, kind)

/**
 * A callback lacks a parameter: one of Chat's query parameters, an absent or empty TRTC header,
 * or the body's `CallbackTs` when the TRTC verifier has a window.
 *
 * @property name the parameter's name, such as `RequestTime` or `Sign`.
 */
public class CallbackParamMissingException internal constructor(public val name: String, message: String) :
    CallbackRejectedException(message, ErrorKind.CALLBACK_PARAM_MISSING)

/**
 * A Chat callback's query has a checked parameter more than once.
 *
 * @property name the parameter's name, such as `Sign`.
 */
public class CallbackParamRepeatedException internal constructor(public val name: String, message: String) :
    CallbackRejectedException(message, ErrorKind.CALLBACK_PARAM_REPEATED)

/**
 * A callback parameter is not in the form Tencent sends it.
 *
 * @property name the parameter's name (`Sign`, `RequestTime`, `SdkAppid`, `SdkAppId`, `EventType`,
 *   ...), `query` for a broken percent escape, `body` for a TRTC body that is not a JSON object.
 * @property reason what is wrong, such as `not a decimal number` or `percent-encoded`.
 */
public class CallbackParamInvalidException internal constructor(
    public val name: String,
    public val reason: String,
    message: String,
) : CallbackRejectedException(message, ErrorKind.CALLBACK_PARAM_INVALID)

/** The callback's signature does not match: forged, altered after signing, or signed with another token or key. */
public class CallbackBadSignatureException internal constructor(message: String) :
    CallbackRejectedException(message, ErrorKind.CALLBACK_BAD_SIGNATURE)

/**
 * The callback's time (Chat's `RequestTime`, TRTC's `CallbackTs`) is outside the window.
 *
 * @property time the callback's time, in Unix seconds.
 * @property now the time of the check, in Unix seconds.
 * @property window the window, in seconds either way.
 */
public class CallbackOutOfWindowException internal constructor(
    public val time: Long,
    public val now: Long,
    public val window: Long,
    message: String,
) : CallbackRejectedException(message, ErrorKind.CALLBACK_OUT_OF_WINDOW)

/**
 * The callback is for another application.
 *
 * @property expected the sdkappid the verifier expects.
 * @property found the callback's.
 */
public class CallbackSdkAppIdMismatchException internal constructor(
    public val expected: Long,
    public val found: Long,
    message: String,
) : CallbackRejectedException(message, ErrorKind.CALLBACK_SDK_APP_ID_MISMATCH)

/**
 * The callback's query or body is longer than a verifier reads, and was not read.
 *
 * @property part `query` or `body`.
 * @property length its length, in bytes.
 * @property max the most bytes read: [UserSig.MAX_CALLBACK_QUERY_LEN] or [UserSig.MAX_CALLBACK_BODY_LEN].
 */
public class CallbackTooLargeException internal constructor(
    public val part: String,
    public val length: Long,
    public val max: Long,
    message: String,
) : CallbackRejectedException(message, ErrorKind.CALLBACK_TOO_LARGE)

/** Why a token could not be decoded. */
public sealed class Malformation {
    /**
     * The token is too long to be read.
     *
     * @property length its length in characters.
     * @property max the most characters read.
     */
    public data class TooLong(val length: Long, val max: Long) : Malformation()

    /** Not base64 (standard or Tencent's `*-_` variant), or its padding is missing. */
    public data object Base64 : Malformation()

    /** Not a complete zlib stream. */
    public data object Zlib : Malformation()

    /**
     * It decompresses to too many bytes.
     *
     * @property max the most bytes inflated.
     */
    public data class TooLargeInflated(val max: Long) : Malformation()

    /** The decompressed content is not a JSON object. */
    public data object Json : Malformation()

    /**
     * A required field is missing.
     *
     * @property field its name, such as `TLS.sig`.
     */
    public data class MissingField(val field: String) : Malformation()

    /**
     * A field has the wrong JSON type or value.
     *
     * @property field its name, such as `TLS.time`.
     */
    public data class InvalidField(val field: String) : Malformation()

    /** `TLS.ver` is not `"2.0"`. */
    public data object UnsupportedVersion : Malformation()

    internal companion object {
        /** The reason of a `malformed` error, from its ABI fields (docs/abi.md). */
        fun of(fields: Map<String, Any>): Malformation = when (val reason = fields["reason"]) {
            "too_long" -> TooLong(fields["length"] as Long, fields["max"] as Long)
            "base64" -> Base64
            "zlib" -> Zlib
            "too_large_inflated" -> TooLargeInflated(fields["max"] as Long)
            "json" -> Json
            "missing_field" -> MissingField(fields["field"] as String)
            "invalid_field" -> InvalidField(fields["field"] as String)
            "unsupported_version" -> UnsupportedVersion
            else -> error("usersig's native library names an unknown malformation: $reason")
        }
    }
}

/**
 * The exception for an error of the ABI: its kind's [name], Tencent [code] (0 for none), [message]
 * and [fields] (docs/abi.md, "Errors"). The kind decides the class; the code must be the kind's.
 */
internal fun exceptionFor(name: String, code: Int, message: String, fields: Map<String, Any>): UserSigException {
    val kind = checkNotNull(ErrorKind.of(name)) { "usersig's native library reports an error kind this JAR does not know: $name ($message)" }
    check(code == (kind.tencentCode ?: 0)) { "usersig's native library gives $name the Tencent code $code" }
    return when (kind) {
        ErrorKind.EMPTY_KEY, ErrorKind.SDK_APP_ID_OUT_OF_RANGE, ErrorKind.EMPTY_USER_ID, ErrorKind.USER_ID_TOO_LONG,
        ErrorKind.USERBUF_TOO_LONG, ErrorKind.EXPIRE_OUT_OF_RANGE, ErrorKind.TIME_OUT_OF_RANGE, ErrorKind.EXPIRY_OVERFLOW,
        ErrorKind.ROOM_ID_OUT_OF_RANGE, ErrorKind.EMPTY_ROOM_STR, ErrorKind.ROOM_STR_TOO_LONG, ErrorKind.PRIVILEGE_OUT_OF_RANGE,
        ErrorKind.UNKNOWN_REGION, ErrorKind.INVALID_ENDPOINT, ErrorKind.INVALID_REST_PATH, ErrorKind.RENEW_MARGIN_OUT_OF_RANGE,
        -> InvalidInputException(kind, message)
        ErrorKind.RANDOM_UNAVAILABLE -> RandomUnavailableException(message)
        ErrorKind.MALFORMED -> MalformedTokenException(Malformation.of(fields), message)
        ErrorKind.EXPIRED -> ExpiredTokenException(fields["expired_at"] as Long, fields["now"] as Long, message)
        ErrorKind.BAD_SIGNATURE -> BadSignatureException(message)
        ErrorKind.USER_ID_MISMATCH -> UserIdMismatchException(fields["expected"] as String, fields["found"] as String, message)
        ErrorKind.SDK_APP_ID_MISMATCH -> SdkAppIdMismatchException(fields["expected"] as Long, fields["found"] as Long, message)
        ErrorKind.USERBUF_MISMATCH -> UserbufMismatchException(message)
        ErrorKind.MISSING_USERBUF -> MissingUserbufException(message)
        ErrorKind.UNEXPECTED_USERBUF -> UnexpectedUserbufException(message)
        ErrorKind.USER_ID_CONTROL_CHAR -> UserIdControlCharException(fields["position"] as Long, message)
        ErrorKind.CALLBACK_PARAM_MISSING -> CallbackParamMissingException(fields["name"] as String, message)
        ErrorKind.CALLBACK_PARAM_REPEATED -> CallbackParamRepeatedException(fields["name"] as String, message)
        ErrorKind.CALLBACK_PARAM_INVALID -> CallbackParamInvalidException(fields["name"] as String, fields["reason"] as String, message)
        ErrorKind.CALLBACK_BAD_SIGNATURE -> CallbackBadSignatureException(message)
        ErrorKind.CALLBACK_OUT_OF_WINDOW ->
            CallbackOutOfWindowException(fields["time"] as Long, fields["now"] as Long, fields["window"] as Long, message)
        ErrorKind.CALLBACK_SDK_APP_ID_MISMATCH ->
            CallbackSdkAppIdMismatchException(fields["expected"] as Long, fields["found"] as Long, message)
        ErrorKind.CALLBACK_TOO_LARGE ->
            CallbackTooLargeException(fields["part"] as String, fields["length"] as Long, fields["max"] as Long, message)
        ErrorKind.CALLBACK_WINDOW_OUT_OF_RANGE ->
            CallbackWindowOutOfRangeException(fields["window"] as Long, fields["max"] as Long, message)
    }
}

/**
 * Runs [call], turning the encoder's complaint about a string that is not valid UTF-16 (a lone
 * surrogate) into [IllegalArgumentException].
 */
internal inline fun <T> strict(call: () -> T): T =
    try {
        call()
    } catch (e: CharacterCodingException) {
        throw IllegalArgumentException("a string argument is not valid Unicode (it holds a lone surrogate)", e)
    }
