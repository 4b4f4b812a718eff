package io.github.usersig

import io.github.usersig.ffi.Malformation as FfiMalformation
import io.github.usersig.ffi.UserSigException as FfiError
import java.nio.charset.CharacterCodingException

/** Every way a call can fail; [UserSigException.kind] says which. */
public enum class ErrorKind {
    /** The secret key is empty, or a verifier was given no key. */
    EMPTY_KEY,

    /** The sdkappid is outside 0..4294967295. */
    SDK_APP_ID_OUT_OF_RANGE,

    /** The user id is empty. */
    EMPTY_USER_ID,

    /** The user id is longer than the signer accepts (1024 bytes of UTF-8). */
    USER_ID_TOO_LONG,

    /** The userbuf is longer than the signer accepts (4096 bytes). */
    USERBUF_TOO_LONG,

    /** The validity is not 1 second to 50 years. */
    EXPIRE_OUT_OF_RANGE,

    /** The issue time is outside 0..4294967295 (Unix seconds). */
    TIME_OUT_OF_RANGE,

    /** The issue time plus the validity is past 4294967295 (the year 2106). */
    EXPIRY_OVERFLOW,

    /** A numeric room id is outside 1..4294967294. */
    ROOM_ID_OUT_OF_RANGE,

    /** A string room id is empty. */
    EMPTY_ROOM_STR,

    /** A string room id is longer than 64 bytes of UTF-8. */
    ROOM_STR_TOO_LONG,

    /** A privilege mask is outside 0..255 ([Privileges]). */
    PRIVILEGE_OUT_OF_RANGE,

    /** The token cannot be decoded (Tencent code 70003). */
    MALFORMED,

    /** The token has expired (Tencent code 70001). */
    EXPIRED,

    /** The signature does not match the key (Tencent code 70009). */
    BAD_SIGNATURE,

    /** The token is for another user id (Tencent code 70013). */
    USER_ID_MISMATCH,

    /** The token is for another sdkappid (Tencent code 70014). */
    SDK_APP_ID_MISMATCH,

    /** The token's userbuf is missing or not the one expected (TRTC code -100006). */
    USERBUF_MISMATCH,
}

/**
 * The one exception type of this library, unchecked: [InvalidInputException] when an argument is
 * refused before any token exists, a subclass of [TokenRejectedException] when a token is refused.
 *
 * @property kind which failure this is.
 */
public sealed class UserSigException(message: String, public val kind: ErrorKind) : RuntimeException(message) {
    /**
     * The code Tencent's servers return for the same fault (70001 expired, 70003 malformed,
     * 70009 bad signature, 70013 user id, 70014 sdkappid, -100006 userbuf), or null for input errors.
     */
    public abstract val tencentCode: Int?
}

/** An argument was refused (an empty key or user id, a validity or room id out of range, ...). */
public class InvalidInputException internal constructor(kind: ErrorKind, message: String) :
    UserSigException(message, kind) {
    /** Always null: input errors have no Tencent code. */
    override val tencentCode: Int? get() = null
}

/** A token was refused; [tencentCode] is the code Tencent's servers use for the same fault. */
public sealed class TokenRejectedException(message: String, kind: ErrorKind, code: Int) :
    UserSigException(message, kind) {
    /** The code Tencent's servers return for the same fault. */
    override val tencentCode: Int? = code
}

/**
 * The token cannot be decoded (70003).
 *
 * @property reason where decoding stopped.
 */
public class MalformedTokenException internal constructor(public val reason: Malformation, message: String, code: Int) :
    TokenRejectedException(message, ErrorKind.MALFORMED, code)

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
    code: Int,
) : TokenRejectedException(message, ErrorKind.EXPIRED, code)

/** The signature does not match: another key, another app's key, or an altered token (70009). */
public class BadSignatureException internal constructor(message: String, code: Int) :
    TokenRejectedException(message, ErrorKind.BAD_SIGNATURE, code)

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
    code: Int,
) : TokenRejectedException(message, ErrorKind.USER_ID_MISMATCH, code)

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
    code: Int,
) : TokenRejectedException(message, ErrorKind.SDK_APP_ID_MISMATCH, code)

/** The token carries no userbuf, or another one than expected (-100006). */
public class UserbufMismatchException internal constructor(message: String, code: Int) :
    TokenRejectedException(message, ErrorKind.USERBUF_MISMATCH, code)

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
        /** The public form of the bindings' enum. */
        fun of(m: FfiMalformation): Malformation = when (m) {
            is FfiMalformation.TooLong -> TooLong(m.len.toLong(), m.max.toLong())
            FfiMalformation.Base64 -> Base64
            FfiMalformation.Zlib -> Zlib
            is FfiMalformation.TooLargeInflated -> TooLargeInflated(m.max.toLong())
            FfiMalformation.Json -> Json
            is FfiMalformation.MissingField -> MissingField(m.field)
            is FfiMalformation.InvalidField -> InvalidField(m.field)
            FfiMalformation.UnsupportedVersion -> UnsupportedVersion
        }
    }
}

/** The public exception for an error from the bindings. */
internal fun FfiError.toPublic(): UserSigException = when (this) {
    is FfiError.EmptyKey -> InvalidInputException(ErrorKind.EMPTY_KEY, detail)
    is FfiError.SdkAppIdOutOfRange -> InvalidInputException(ErrorKind.SDK_APP_ID_OUT_OF_RANGE, detail)
    is FfiError.EmptyUserId -> InvalidInputException(ErrorKind.EMPTY_USER_ID, detail)
    is FfiError.UserIdTooLong -> InvalidInputException(ErrorKind.USER_ID_TOO_LONG, detail)
    is FfiError.UserbufTooLong -> InvalidInputException(ErrorKind.USERBUF_TOO_LONG, detail)
    is FfiError.ExpireOutOfRange -> InvalidInputException(ErrorKind.EXPIRE_OUT_OF_RANGE, detail)
    is FfiError.TimeOutOfRange -> InvalidInputException(ErrorKind.TIME_OUT_OF_RANGE, detail)
    is FfiError.ExpiryOverflow -> InvalidInputException(ErrorKind.EXPIRY_OVERFLOW, detail)
    is FfiError.RoomIdOutOfRange -> InvalidInputException(ErrorKind.ROOM_ID_OUT_OF_RANGE, detail)
    is FfiError.EmptyRoomStr -> InvalidInputException(ErrorKind.EMPTY_ROOM_STR, detail)
    is FfiError.RoomStrTooLong -> InvalidInputException(ErrorKind.ROOM_STR_TOO_LONG, detail)
    is FfiError.PrivilegeOutOfRange -> InvalidInputException(ErrorKind.PRIVILEGE_OUT_OF_RANGE, detail)
    is FfiError.Malformed -> MalformedTokenException(Malformation.of(reason), detail, tencentCode)
    is FfiError.Expired -> ExpiredTokenException(expiredAt, now, detail, tencentCode)
    is FfiError.BadSignature -> BadSignatureException(detail, tencentCode)
    is FfiError.UserIdMismatch -> UserIdMismatchException(expected, found, detail, tencentCode)
    is FfiError.SdkAppIdMismatch -> SdkAppIdMismatchException(expected, found, detail, tencentCode)
    is FfiError.UserbufMismatch -> UserbufMismatchException(detail, tencentCode)
}

/**
 * Runs [call] into the bindings, turning their error into this package's exception, and the
 * encoder's complaint about a string that is not valid UTF-16 (a lone surrogate) into
 * [IllegalArgumentException].
 */
internal inline fun <T> ffi(call: () -> T): T =
    try {
        call()
    } catch (e: FfiError) {
        throw e.toPublic()
    } catch (e: CharacterCodingException) {
        throw IllegalArgumentException("a string argument is not valid Unicode (it holds a lone surrogate)", e)
    }
