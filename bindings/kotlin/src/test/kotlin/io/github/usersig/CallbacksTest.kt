package io.github.usersig

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files

/**
 * The callback verifiers: the shared vectors of callbacks.jsonl (Tencent's example and callbacks
 * signed by Python's hashlib and hmac), each refusal with its exception, and their lifecycle.
 */
class CallbacksTest {
    private fun vectors(scheme: String): List<JSONObject> =
        Files.readAllLines(TestSupport.vectorsDir().resolve("callbacks.jsonl")).filter { it.isNotBlank() }.map(::JSONObject)
            .filter { it.getString("scheme") == scheme }
            .also { assertTrue(it.size >= 4, scheme) }

    private fun chatQuery(v: JSONObject): String =
        "SdkAppid=${v.getLong("sdkappid")}&CallbackCommand=${v.getString("command")}&contenttype=json&ClientIP=10.0.0.1" +
            "&OptPlatform=RESTAPI&RequestTime=${v.getLong("request_time")}&Sign=${v.getString("sign")}"

    private fun JSONObject.optionalLong(name: String): Long? = if (isNull(name)) null else getLong(name)

    @Test
    fun `every Chat vector verifies and signs`() {
        for (v in vectors("chat")) {
            val id = v.getString("id")
            val time = v.getLong("request_time")
            ChatCallbackVerifier(v.getString("token"), sdkAppId = v.getLong("sdkappid")).use { verifier ->
                assertEquals(v.getString("sign"), verifier.sign(time), id)
                val callback = verifier.verifyQueryAt(chatQuery(v), time + 60)
                assertEquals(
                    ChatCallback(
                        v.getString("command"), v.getLong("sdkappid"), time,
                        mapOf("contenttype" to listOf("json"), "ClientIP" to listOf("10.0.0.1"), "OptPlatform" to listOf("RESTAPI")),
                    ),
                    callback,
                    id,
                )
                val parsed = verifier.verifyParamsAt(
                    mapOf(
                        "CallbackCommand" to listOf(v.getString("command")), "SdkAppid" to listOf(v.getLong("sdkappid").toString()),
                        "RequestTime" to listOf(time.toString()), "Sign" to listOf(v.getString("sign")),
                    ),
                    time - 60,
                )
                assertEquals(callback.copy(params = emptyMap()), parsed, id)
            }
        }
    }

    @Test
    fun `every TRTC vector verifies and signs`() {
        for (v in vectors("trtc")) {
            val id = v.getString("id")
            val body = v.getString("body").toByteArray(Charsets.UTF_8)
            TrtcCallbackVerifier(v.getString("key"), sdkAppId = v.getLong("sdkappid")).use { verifier ->
                assertEquals(v.getString("sign"), verifier.sign(body), id)
                assertEquals(
                    TrtcCallback(v.getLong("sdkappid"), v.optionalLong("event_group_id"), v.optionalLong("event_type"), v.optionalLong("callback_ts")),
                    verifier.verifyAt(v.getString("sign"), v.getLong("sdkappid").toString(), body, 0),
                    id,
                )
            }
        }
    }

    private val chat = ChatCallbackVerifier(TOKEN, sdkAppId = 888888)

    private fun query(sign: String = SIGN, time: String = TIME.toString(), extra: String = "") =
        "SdkAppid=888888&CallbackCommand=C2C.CallbackAfterSendMsg&RequestTime=$time&Sign=$sign$extra"

    private inline fun <reified E : CallbackRejectedException> chatRefuses(query: String, now: Long = TIME): E =
        assertThrows<E>(query) { chat.verifyQueryAt(query, now) }

    private fun assertInvalid(name: String, reason: String, e: CallbackParamInvalidException) {
        assertEquals(Pair(name, reason), Pair(e.name, e.reason))
        assertEquals(ErrorKind.CALLBACK_PARAM_INVALID, e.kind)
        assertNull(e.tencentCode)
    }

    @Test
    fun `Chat refusals, each with its exception and fields`() {
        val time = TIME.toString()
        assertInvalid("Sign", "not 64 lowercase hex digits", chatRefuses(query(sign = SIGN.uppercase())))
        assertInvalid("Sign", "not 64 lowercase hex digits", chatRefuses(query(sign = SIGN.take(62))))
        assertInvalid("Sign", "percent-encoded", chatRefuses(query(sign = "%31" + SIGN.drop(1))))
        assertEquals("Sign", chatRefuses<CallbackParamRepeatedException>(query(extra = "&Sign=$SIGN")).name)
        assertEquals("RequestTime", chatRefuses<CallbackParamRepeatedException>(query(extra = "&RequestTime=$time")).name)
        assertEquals("RequestTime", chatRefuses<CallbackParamMissingException>("SdkAppid=888888&CallbackCommand=C&Sign=$SIGN").name)
        assertEquals("Sign", chatRefuses<CallbackParamMissingException>("SdkAppid=888888&CallbackCommand=C&RequestTime=$time").name)
        assertEquals("SdkAppid", chatRefuses<CallbackParamMissingException>("").name)
        assertInvalid("RequestTime", "not a decimal number", chatRefuses(query(time = "soon")))
        assertInvalid("RequestTime", "not a decimal number", chatRefuses(query(time = "-1")))
        assertInvalid("RequestTime", "a number out of range", chatRefuses(query(time = "9".repeat(30))))
        assertEquals("query", chatRefuses<CallbackParamInvalidException>(query(extra = "&x=%zz")).name)
        chatRefuses<CallbackBadSignatureException>(query(time = (TIME + 1).toString()))
        ChatCallbackVerifier("another token").use { other -> assertThrows<CallbackBadSignatureException> { other.verifyQueryAt(query(), TIME) } }
        val app = ChatCallbackVerifier(TOKEN, sdkAppId = 888889).use { assertThrows<CallbackSdkAppIdMismatchException> { it.verifyQueryAt(query(), TIME) } }
        assertEquals(Pair(888889L, 888888L), Pair(app.expected, app.found))
        val late = chatRefuses<CallbackOutOfWindowException>(query(), TIME + 61)
        assertEquals(Triple(TIME, TIME + 61, 60L), Triple(late.time, late.now, late.window))
        chatRefuses<CallbackOutOfWindowException>(query(), TIME - 61)
        assertEquals(TIME, chat.verifyQueryAt(query(), TIME - 60).requestTime)
        val long = query(extra = "&pad=" + "x".repeat(UserSig.MAX_CALLBACK_QUERY_LEN.toInt()))
        val tooLarge = chatRefuses<CallbackTooLargeException>(long)
        assertEquals(Triple("query", long.length.toLong(), UserSig.MAX_CALLBACK_QUERY_LEN), Triple(tooLarge.part, tooLarge.length, tooLarge.max))
    }

    @Test
    fun `Chat parameters from a framework keep repeats, and a query's own parameters come back decoded`() {
        val base = mapOf(
            "SdkAppid" to listOf("888888"), "CallbackCommand" to listOf("C"), "RequestTime" to listOf(TIME.toString()), "Sign" to listOf(SIGN),
        )
        assertEquals("Sign", assertThrows<CallbackParamRepeatedException> { chat.verifyParamsAt(base + ("Sign" to listOf(SIGN, SIGN)), TIME) }.name)
        assertEquals("Sign", assertThrows<CallbackParamMissingException> { chat.verifyParamsAt(base - "Sign", TIME) }.name)
        val withOwn = chat.verifyParamsAt(base + ("tag" to listOf("a b", "c")), TIME)
        assertEquals(mapOf("tag" to listOf("a b", "c")), withOwn.params)
        val fromQuery = chat.verifyQueryAt(query(extra = "&tag=a+b&room=%E6%88%BF&tag=c"), TIME)
        assertEquals(mapOf("tag" to listOf("a b", "c"), "room" to listOf("房")), fromQuery.params)
        assertEquals("C2C.CallbackAfterSendMsg", chat.verifyQueryAt("?" + query(), TIME).command)
        assertEquals("SdkAppid", assertThrows<CallbackParamMissingException> { chat.verifyQuery(null) }.name)
    }

    private val trtc = TrtcCallbackVerifier("callback key", sdkAppId = 1400000000)
    private val sign = trtc.sign(BODY)

    private inline fun <reified E : CallbackRejectedException> trtcRefuses(sign: String?, sdkAppId: String?, body: ByteArray): E =
        assertThrows<E>("$sign $sdkAppId") { trtc.verifyAt(sign, sdkAppId, body, NOW) }

    @Test
    fun `TRTC refusals, each with its exception and fields`() {
        val tampered = BODY.copyOf().also { it[20] = (it[20].toInt() xor 1).toByte() }
        val reencoded = JSONObject(String(BODY, Charsets.UTF_8)).toString(2).toByteArray(Charsets.UTF_8)
        assertNotEquals(String(BODY), String(reencoded))
        trtcRefuses<CallbackBadSignatureException>(sign, "1400000000", tampered)
        trtcRefuses<CallbackBadSignatureException>(sign, "1400000000", reencoded)
        trtcRefuses<CallbackBadSignatureException>(sign, "1400000000", JSONObject(String(BODY, Charsets.UTF_8)).toString().toByteArray())
        TrtcCallbackVerifier("other key").use { assertThrows<CallbackBadSignatureException> { it.verifyAt(sign, "1400000000", BODY, NOW) } }
        val huge = ByteArray(10 * 1024 * 1024) { ' '.code.toByte() }
        val tooLarge = trtcRefuses<CallbackTooLargeException>(sign, "1400000000", huge)
        assertEquals(Triple("body", huge.size.toLong(), UserSig.MAX_CALLBACK_BODY_LEN), Triple(tooLarge.part, tooLarge.length, tooLarge.max))
        for (bad in listOf(sign.trimEnd('='), sign.take(40), "!!!!", sign.dropLast(1) + "==")) {
            assertInvalid("Sign", "not the base64 of 32 bytes", trtcRefuses(bad, "1400000000", BODY))
        }
        assertEquals("Sign", trtcRefuses<CallbackParamMissingException>(null, "1400000000", BODY).name)
        assertEquals("Sign", trtcRefuses<CallbackParamMissingException>("", "1400000000", BODY).name)
        assertEquals("SdkAppId", trtcRefuses<CallbackParamMissingException>(sign, null, BODY).name)
        assertInvalid("SdkAppId", "not a decimal number", trtcRefuses(sign, "14e8", BODY))
        val app = trtcRefuses<CallbackSdkAppIdMismatchException>(sign, "1400000001", BODY)
        assertEquals(Pair(1400000000L, 1400000001L), Pair(app.expected, app.found))
        for ((body, name) in listOf("not json" to "body", "[1]" to "body", """{"CallbackTs":"1700000000123"}""" to "CallbackTs", """{"EventType":1.5}""" to "EventType")) {
            val bytes = body.toByteArray()
            assertEquals(name, trtcRefuses<CallbackParamInvalidException>(trtc.sign(bytes), "1400000000", bytes).name, body)
        }
    }

    @Test
    fun `a TRTC window checks CallbackTs, in seconds either way`() {
        TrtcCallbackVerifier("callback key", sdkAppId = 1400000000, window = 60).use { windowed ->
            assertEquals(1700000000123, windowed.verifyAt(sign, "1400000000", BODY, NOW + 60).callbackTs)
            val late = assertThrows<CallbackOutOfWindowException> { windowed.verifyAt(sign, "1400000000", BODY, NOW + 61) }
            assertEquals(Triple(NOW, NOW + 61, 60L), Triple(late.time, late.now, late.window))
            val noTs = """{"EventGroupId":1}""".toByteArray()
            assertEquals("CallbackTs", assertThrows<CallbackParamMissingException> { windowed.verifyAt(windowed.sign(noTs), "1400000000", noTs, NOW) }.name)
        }
        assertEquals(103L, trtc.verifyAt(sign, "1400000000", BODY, 0).eventType)
        assertEquals(103L, trtc.verify(sign, "1400000000", BODY).eventType)
    }

    @Test
    fun `constructors refuse empty secrets, wide windows and sdkappids out of range`() {
        assertEquals(ErrorKind.EMPTY_KEY, assertThrows<InvalidInputException> { ChatCallbackVerifier("") }.kind)
        assertEquals(ErrorKind.EMPTY_KEY, assertThrows<InvalidInputException> { TrtcCallbackVerifier("") }.kind)
        for (window in listOf(-1L, -2L, UserSig.MAX_CALLBACK_WINDOW + 1)) {
            val e = assertThrows<CallbackWindowOutOfRangeException> { ChatCallbackVerifier(TOKEN, window = window) }
            assertEquals(Pair(window, UserSig.MAX_CALLBACK_WINDOW), Pair(e.window, e.max))
            assertThrows<CallbackWindowOutOfRangeException> { TrtcCallbackVerifier(TOKEN, window = window) }
        }
        ChatCallbackVerifier(TOKEN, window = UserSig.MAX_CALLBACK_WINDOW).close()
        ChatCallbackVerifier(TOKEN, window = 0).close()
        assertEquals(ErrorKind.SDK_APP_ID_OUT_OF_RANGE, assertThrows<InvalidInputException> { ChatCallbackVerifier(TOKEN, sdkAppId = 4294967296) }.kind)
        assertEquals(ErrorKind.SDK_APP_ID_OUT_OF_RANGE, assertThrows<InvalidInputException> { TrtcCallbackVerifier(TOKEN, sdkAppId = -2) }.kind)
        for (sdkAppId in listOf(-1L, Long.MIN_VALUE)) {
            assertEquals(ErrorKind.SDK_APP_ID_OUT_OF_RANGE, assertThrows<InvalidInputException> { ChatCallbackVerifier(TOKEN, sdkAppId) }.kind)
            assertEquals(ErrorKind.SDK_APP_ID_OUT_OF_RANGE, assertThrows<InvalidInputException> { TrtcCallbackVerifier(TOKEN, sdkAppId) }.kind)
        }
        assertThrows<IllegalArgumentException> { ChatCallbackVerifier("\uD800") }
        assertThrows<IllegalArgumentException> { trtc.verifyAt("\uDC00", "1", BODY, NOW) }
    }

    @Test
    fun `the verifiers show their settings and never their secrets, and refuse calls once closed`() {
        val chat = ChatCallbackVerifier(TOKEN, sdkAppId = 888888)
        val trtc = TrtcCallbackVerifier("callback key", window = 30)
        assertEquals("ChatCallbackVerifier { sdkappid: 888888, window: 60, token: <redacted> }", chat.toString())
        assertEquals("TrtcCallbackVerifier { sdkappid: any, window: 30, key: <redacted> }", trtc.toString())
        assertFalse(chat.toString().contains(TOKEN) || trtc.toString().contains("callback key"))
        assertEquals(Pair(888888L as Long?, 60L), Pair(chat.sdkAppId, chat.window))
        assertEquals(Pair(null as Long?, 30L as Long?), Pair(trtc.sdkAppId, trtc.window))
        assertNull(TrtcCallbackVerifier("k").window)
        assertEquals(UserSig.DEFAULT_CALLBACK_WINDOW, ChatCallbackVerifier("k").window)
        chat.close()
        trtc.close()
        chat.close()
        assertThrows<IllegalStateException> { chat.sign(TIME) }
        assertThrows<IllegalStateException> { trtc.verify(sign, "1400000000", BODY) }
    }

    private companion object {
        /** Tencent's documented example: token, time and Sign. */
        const val TOKEN = "xxxxyyyy"
        const val TIME = 1669872112L
        const val SIGN = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"

        const val NOW = 1700000000L
        val BODY = """{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{"RoomId":12345,"UserId":"alice"}}"""
            .toByteArray(Charsets.UTF_8)
    }
}
