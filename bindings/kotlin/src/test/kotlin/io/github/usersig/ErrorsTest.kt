package io.github.usersig

import io.github.usersig.TestSupport.KEY
import io.github.usersig.TestSupport.NOW
import io.github.usersig.TestSupport.SDKAPPID
import io.github.usersig.TestSupport.encodeToken
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/** Every error kind, as the right exception with the right data and Tencent code. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsTest {
    private val signer = Signer(SDKAPPID, KEY)
    private val verifier = Verifier(SDKAPPID, KEY)
    private val token = signer.userSigAt("alice", 600, NOW)
    private val seen = mutableSetOf<ErrorKind>()

    private inline fun <reified E : UserSigException> fails(kind: ErrorKind, code: Int?, call: () -> Unit): E {
        val e = assertThrows<E>(call)
        assertEquals(kind, e.kind)
        assertEquals(code, e.tencentCode)
        assertTrue(e.message!!.isNotBlank())
        seen += kind
        return e
    }

    private fun input(kind: ErrorKind, call: () -> Unit) = fails<InvalidInputException>(kind, null, call)

    private fun malformed(reason: Malformation, token: String) {
        val e = fails<MalformedTokenException>(ErrorKind.MALFORMED, 70003) { verifier.verifyAt(token, "alice", NOW) }
        assertEquals(reason, e.reason)
        assertEquals(reason, assertThrows<MalformedTokenException> { UserSig.inspect(token) }.reason)
    }

    @AfterAll
    fun `every kind was seen`() {
        // The OS's random number generator cannot be made to fail here; KindsTest makes its exception.
        assertEquals(ErrorKind.values().toSet() - ErrorKind.RANDOM_UNAVAILABLE, seen)
    }

    @Test
    fun `admin input errors`() {
        input(ErrorKind.UNKNOWN_REGION) { AdminAuth(SDKAPPID, KEY, endpoint = Endpoint.region("mars")) }
        input(ErrorKind.INVALID_ENDPOINT) { AdminAuth(SDKAPPID, KEY, endpoint = Endpoint.url("http://im.example.com")) }
        input(ErrorKind.RENEW_MARGIN_OUT_OF_RANGE) { AdminAuth(SDKAPPID, KEY, validity = 60, renewMargin = 60) }
        assertEquals(2, fails<UserIdControlCharException>(ErrorKind.USER_ID_CONTROL_CHAR, null) { AdminAuth(SDKAPPID, KEY, "ad\tmin") }.position)
        AdminAuth(SDKAPPID, KEY).use { auth -> input(ErrorKind.INVALID_REST_PATH) { auth.urlAt("a/b", "cmd", NOW) } }
    }

    @Test
    fun `input errors`() {
        input(ErrorKind.EMPTY_KEY) { Signer(SDKAPPID, "") }
        input(ErrorKind.EMPTY_KEY) { Verifier(SDKAPPID, emptyList()) }
        input(ErrorKind.EMPTY_KEY) { Verifier(SDKAPPID, KEY, "") }
        input(ErrorKind.EMPTY_KEY) { TLSSigAPIv2(SDKAPPID, "") }
        input(ErrorKind.SDK_APP_ID_OUT_OF_RANGE) { Signer(-1, KEY) }
        input(ErrorKind.SDK_APP_ID_OUT_OF_RANGE) { Verifier(4294967296, KEY) }
        input(ErrorKind.EMPTY_USER_ID) { signer.userSig("") }
        input(ErrorKind.USER_ID_TOO_LONG) { signer.userSig("x".repeat(1025)) }
        signer.userSigAt("x".repeat(1024), 60, NOW)
        val control = fails<UserIdControlCharException>(ErrorKind.USER_ID_CONTROL_CHAR, null) { signer.userSig("é\r\n") }
        assertEquals(2, control.position)
        assertEquals(0, fails<UserIdControlCharException>(ErrorKind.USER_ID_CONTROL_CHAR, null) { signer.privateMapKey("\u0000", 1, 1) }.position)
        assertEquals(3, fails<UserIdControlCharException>(ErrorKind.USER_ID_CONTROL_CHAR, null) { signer.userSigs(listOf("ok", "abc\u007f")) }.position)
        input(ErrorKind.USERBUF_TOO_LONG) { signer.userSigWithUserbuf("alice", ByteArray(4097)) }
        input(ErrorKind.EXPIRE_OUT_OF_RANGE) { signer.userSig("alice", 0) }
        input(ErrorKind.EXPIRE_OUT_OF_RANGE) { signer.userSig("alice", 50L * 365 * 86400 + 1) }
        signer.userSigAt("alice", 50L * 365 * 86400, NOW)
        input(ErrorKind.TIME_OUT_OF_RANGE) { signer.userSigAt("alice", 60, -1) }
        input(ErrorKind.EXPIRY_OVERFLOW) { signer.userSigAt("alice", 60, 4294967295 - 59) }
        input(ErrorKind.ROOM_ID_OUT_OF_RANGE) { signer.privateMapKey("alice", 0, Privileges.ALL) }
        input(ErrorKind.ROOM_ID_OUT_OF_RANGE) { signer.privateMapKey("alice", 4294967295, Privileges.ALL) }
        input(ErrorKind.EMPTY_ROOM_STR) { signer.privateMapKey("alice", "", Privileges.ALL) }
        input(ErrorKind.ROOM_STR_TOO_LONG) { signer.privateMapKey("alice", "房".repeat(22), Privileges.ALL) }
        signer.privateMapKeyAt("alice", "r".repeat(64), Privileges.ALL, 60, NOW)
        input(ErrorKind.PRIVILEGE_OUT_OF_RANGE) { signer.privateMapKey("alice", 1, 256) }
        input(ErrorKind.PRIVILEGE_OUT_OF_RANGE) { signer.privateMapKey("alice", "r", -1) }
    }

    @Test
    fun `callback errors`() {
        val chat = ChatCallbackVerifier("xxxxyyyy", sdkAppId = 888888)
        val time = 1669872112L
        val query = "SdkAppid=888888&CallbackCommand=C&RequestTime=$time&Sign=${chat.sign(time)}"
        input(ErrorKind.EMPTY_KEY) { ChatCallbackVerifier("") }
        fails<CallbackWindowOutOfRangeException>(ErrorKind.CALLBACK_WINDOW_OUT_OF_RANGE, null) { TrtcCallbackVerifier("k", window = -2) }
        fails<CallbackParamMissingException>(ErrorKind.CALLBACK_PARAM_MISSING, null) { chat.verifyQueryAt("SdkAppid=888888", time) }
        fails<CallbackParamRepeatedException>(ErrorKind.CALLBACK_PARAM_REPEATED, null) { chat.verifyQueryAt("$query&Sign=x", time) }
        fails<CallbackParamInvalidException>(ErrorKind.CALLBACK_PARAM_INVALID, null) { chat.verifyQueryAt(query.replace("Sign=", "Sign=%61"), time) }
        fails<CallbackBadSignatureException>(ErrorKind.CALLBACK_BAD_SIGNATURE, null) { chat.verifyQueryAt(query.replace("=$time", "=${time + 1}"), time) }
        fails<CallbackOutOfWindowException>(ErrorKind.CALLBACK_OUT_OF_WINDOW, null) { chat.verifyQueryAt(query, time + 61) }
        fails<CallbackSdkAppIdMismatchException>(ErrorKind.CALLBACK_SDK_APP_ID_MISMATCH, null) {
            ChatCallbackVerifier("xxxxyyyy", sdkAppId = 1).verifyQueryAt(query, time)
        }
        fails<CallbackTooLargeException>(ErrorKind.CALLBACK_TOO_LARGE, null) { TrtcCallbackVerifier("k").verifyAt("s", "1", ByteArray(1024 * 1024 + 1), time) }
    }

    @Test
    fun `malformed tokens, one per reason`() {
        malformed(Malformation.TooLong(40000, 32768), "A".repeat(40000))
        malformed(Malformation.Base64, "not base64!")
        malformed(Malformation.Zlib, "") // empty base64 is no bytes, and no bytes are no zlib stream
        malformed(Malformation.Zlib, "AAAAAAAA")
        malformed(Malformation.TooLargeInflated(32768), encodeToken("{\"TLS.ver\":\"2.0\",\"pad\":\"" + " ".repeat(40000) + "\"}"))
        malformed(Malformation.Json, encodeToken("not json"))
        val sig = UserSig.inspect(token).signature
        malformed(Malformation.MissingField("TLS.sig"), encodeToken("""{"TLS.ver":"2.0","TLS.identifier":"alice","TLS.sdkappid":$SDKAPPID,"TLS.expire":600,"TLS.time":$NOW}"""))
        malformed(Malformation.InvalidField("TLS.time"), encodeToken("""{"TLS.ver":"2.0","TLS.identifier":"alice","TLS.sdkappid":$SDKAPPID,"TLS.expire":600,"TLS.time":"$NOW","TLS.sig":"$sig"}"""))
        malformed(Malformation.UnsupportedVersion, encodeToken("""{"TLS.ver":"1.0","TLS.identifier":"alice","TLS.sdkappid":$SDKAPPID,"TLS.expire":600,"TLS.time":$NOW,"TLS.sig":"$sig"}"""))
    }

    @Test
    fun `refused tokens`() {
        val expired = fails<ExpiredTokenException>(ErrorKind.EXPIRED, 70001) { verifier.verifyAt(token, "alice", NOW + 601) }
        assertEquals(NOW + 600, expired.expiredAt)
        assertEquals(NOW + 601, expired.now)
        fails<BadSignatureException>(ErrorKind.BAD_SIGNATURE, 70009) { Verifier(SDKAPPID, "other").verifyAt(token, "alice", NOW) }
        val user = fails<UserIdMismatchException>(ErrorKind.USER_ID_MISMATCH, 70013) { verifier.verifyAt(token, "Alice", NOW) }
        assertEquals("Alice", user.expected)
        assertEquals("alice", user.found)
        val app = fails<SdkAppIdMismatchException>(ErrorKind.SDK_APP_ID_MISMATCH, 70014) { Verifier(1400000001, KEY).verifyAt(token, "alice", NOW) }
        assertEquals(1400000001, app.expected)
        assertEquals(SDKAPPID, app.found)
        val pmk = signer.privateMapKeyAt("alice", 1234, Privileges.ALL, 600, NOW)
        fails<UserbufMismatchException>(ErrorKind.USERBUF_MISMATCH, -100006) { verifier.verifyWithUserbufAt(pmk, "alice", byteArrayOf(1), NOW) }
        fails<MissingUserbufException>(ErrorKind.MISSING_USERBUF, -100006) { verifier.verifyWithUserbufAt(token, "alice", byteArrayOf(1), NOW) }
        fails<UnexpectedUserbufException>(ErrorKind.UNEXPECTED_USERBUF, null) { verifier.verifyAt(pmk, "alice", NOW) }
        fails<UnexpectedUserbufException>(ErrorKind.UNEXPECTED_USERBUF, null) { verifier.verify(signer.privateMapKey("alice", "lobby", 42), "alice") }
    }

    @Test
    fun `a PrivateMapKey verifies through verifyAnyUserbuf and verifyWithUserbuf, not verify`() {
        val pmk = signer.privateMapKeyAt("alice", 1234, Privileges.ENTER_ROOM, 600, NOW)
        val claims = verifier.verifyAnyUserbufAt(pmk, "alice", NOW)
        assertEquals(Grant("alice", SDKAPPID, Room.Numeric(1234), Privileges.ENTER_ROOM, NOW + 600), claims.grant)
        assertEquals(claims, verifier.verifyWithUserbufAt(pmk, "alice", claims.userbuf!!, NOW))
        assertEquals(Room.Named("lobby"), verifier.verifyAnyUserbuf(signer.privateMapKey("alice", "lobby", 42), "alice").grant?.room)
        // A plain UserSig passes verifyAnyUserbuf too, with its claims unchanged.
        assertEquals(verifier.verifyAt(token, "alice", NOW), verifier.verifyAnyUserbufAt(token, "alice", NOW))
        assertThrows<ExpiredTokenException> { verifier.verifyAnyUserbufAt(pmk, "alice", NOW + 601) }
        assertThrows<UserIdMismatchException> { verifier.verifyAnyUserbufAt(pmk, "bob", NOW) }
        assertThrows<BadSignatureException> { Verifier(SDKAPPID, "other").verifyAnyUserbufAt(pmk, "alice", NOW) }
        assertThrows<IllegalArgumentException> { verifier.verifyAnyUserbuf(pmk, "\uD800") }
    }

    @Test
    fun `the hierarchy - one base type, input errors apart from refused tokens`() {
        val refused: UserSigException = assertThrows<BadSignatureException> { Verifier(SDKAPPID, "k2").verifyAt(token, "alice", NOW) }
        assertInstanceOf(TokenRejectedException::class.java, refused)
        assertInstanceOf(RuntimeException::class.java, refused)
        val input: UserSigException = assertThrows<InvalidInputException> { signer.userSig("") }
        assertNull(input.tencentCode)
        assertEquals("the user id is empty", input.message)
    }
}
