package io.github.usersig

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * The Kotlin copies of the core's lists, pinned to what the native library exports
 * (`usersig_error_kinds`, `usersig_constants`): a kind or constant added to the core fails here
 * until this binding has it.
 */
class KindsTest {
    /** Fields that let every kind's exception be made, as the ABI would send them. */
    private val fields: Map<String, Any> = mapOf(
        "reason" to "json", "expired_at" to 1L, "now" to 2L, "expected" to "a", "found" to "b", "position" to 3L,
        "name" to "Sign", "time" to 4L, "window" to 5L, "part" to "body", "length" to 6L, "max" to 7L,
    )

    /** [fields], with the numeric `expected` and `found` of the two sdkappid mismatches. */
    private fun fieldsOf(name: String): Map<String, Any> =
        if (name.endsWith("sdkappid_mismatch")) fields + mapOf("expected" to 1L, "found" to 2L) else fields

    /** The one refusal of a token Tencent has no code for. */
    private val uncoded = setOf(ErrorKind.UNEXPECTED_USERBUF)

    /** The refusals of a callback, none with a Tencent code. */
    private val callbackRefusals = setOf(
        ErrorKind.CALLBACK_PARAM_MISSING, ErrorKind.CALLBACK_PARAM_REPEATED, ErrorKind.CALLBACK_PARAM_INVALID,
        ErrorKind.CALLBACK_BAD_SIGNATURE, ErrorKind.CALLBACK_OUT_OF_WINDOW, ErrorKind.CALLBACK_SDK_APP_ID_MISMATCH,
        ErrorKind.CALLBACK_TOO_LARGE,
    )

    @Test
    fun `ErrorKind is the core's list of kinds, in order, with its names and Tencent codes`() {
        val core = coreErrorKinds()
        assertTrue(core.size >= 18, core.toString())
        assertEquals(core.map { it.first }, ErrorKind.values().map { it.coreName })
        for ((name, code) in core) {
            assertEquals(if (code == 0) null else code, ErrorKind.of(name)?.tencentCode, name)
        }
    }

    @Test
    fun `every core kind makes the exception class of its kind, with the core's Tencent code`() {
        for ((name, code) in coreErrorKinds()) {
            val e = exceptionFor(name, code, "message of $name", fieldsOf(name))
            val kind = checkNotNull(ErrorKind.of(name))
            assertEquals(kind, e.kind)
            assertEquals(if (code == 0) null else code, e.tencentCode, name)
            assertEquals(
                code == 0 && kind != ErrorKind.RANDOM_UNAVAILABLE && kind !in uncoded && kind !in callbackRefusals,
                e is InvalidInputException,
                name,
            )
            assertEquals(kind in callbackRefusals, e is CallbackRejectedException, name)
            assertEquals(code != 0 || kind in uncoded, e is TokenRejectedException, name)
            assertEquals("message of $name", e.message)
        }
        assertEquals(
            mapOf(
                "malformed" to MalformedTokenException::class, "expired" to ExpiredTokenException::class,
                "bad_signature" to BadSignatureException::class, "user_id_mismatch" to UserIdMismatchException::class,
                "sdkappid_mismatch" to SdkAppIdMismatchException::class, "userbuf_mismatch" to UserbufMismatchException::class,
                "missing_userbuf" to MissingUserbufException::class, "unexpected_userbuf" to UnexpectedUserbufException::class,
                "user_id_control_char" to UserIdControlCharException::class, "random_unavailable" to RandomUnavailableException::class,
                "callback_param_missing" to CallbackParamMissingException::class,
                "callback_param_repeated" to CallbackParamRepeatedException::class,
                "callback_param_invalid" to CallbackParamInvalidException::class,
                "callback_bad_signature" to CallbackBadSignatureException::class,
                "callback_out_of_window" to CallbackOutOfWindowException::class,
                "callback_sdkappid_mismatch" to CallbackSdkAppIdMismatchException::class,
                "callback_too_large" to CallbackTooLargeException::class,
                "callback_window_out_of_range" to CallbackWindowOutOfRangeException::class,
            ),
            coreErrorKinds().filter {
                it.second != 0 || it.first.startsWith("callback_") ||
                    it.first in setOf("random_unavailable", "unexpected_userbuf", "user_id_control_char")
            }.associate { (name, code) -> name to exceptionFor(name, code, "", fieldsOf(name))::class },
        )
    }

    @Test
    fun `an unknown kind or a wrong code is refused, not guessed`() {
        assertThrows<IllegalStateException> { exceptionFor("no_such_kind", 0, "", emptyMap()) }
        assertThrows<IllegalStateException> { exceptionFor("expired", 70009, "", fields) }
    }

    @Test
    fun `the constants are the core's`() {
        val core = coreConstants()
        val ours = mapOf(
            "DEFAULT_EXPIRE" to UserSig.DEFAULT_EXPIRE,
            "MAX_EXPIRE" to UserSig.MAX_EXPIRE,
            "MAX_USER_ID_LEN" to UserSig.MAX_USER_ID_LEN,
            "MAX_USERBUF_LEN" to UserSig.MAX_USERBUF_LEN,
            "MAX_ROOM_ID" to UserSig.MAX_ROOM_ID,
            "MAX_ROOM_STR_LEN" to UserSig.MAX_ROOM_STR_LEN,
            "DEFAULT_ADMIN_VALIDITY" to AdminAuth.DEFAULT_ADMIN_VALIDITY,
            "DEFAULT_RENEW_MARGIN" to AdminAuth.DEFAULT_RENEW_MARGIN,
            "DEFAULT_CALLBACK_WINDOW" to UserSig.DEFAULT_CALLBACK_WINDOW,
            "MAX_CALLBACK_WINDOW" to UserSig.MAX_CALLBACK_WINDOW,
            "MAX_CALLBACK_QUERY_LEN" to UserSig.MAX_CALLBACK_QUERY_LEN,
            "MAX_CALLBACK_BODY_LEN" to UserSig.MAX_CALLBACK_BODY_LEN,
        )
        // Limits of the decoder that this binding does not expose.
        val internal = setOf("MAX_TOKEN_LEN", "MAX_INFLATED_LEN")
        assertEquals(core.keys - internal, ours.keys)
        assertEquals(180L * 86400, UserSig.DEFAULT_EXPIRE)
        for ((name, value) in ours) {
            assertEquals(core[name], value, name)
        }
    }

    @Test
    fun `the library speaks the ABI version this JAR is written for`() {
        assertEquals(Abi.VERSION, Abi.usersig_abi_version())
    }
}
