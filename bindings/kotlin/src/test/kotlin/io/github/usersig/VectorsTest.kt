package io.github.usersig

import io.github.usersig.TestSupport.hex
import io.github.usersig.TestSupport.unhex
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import java.util.Base64

/** The shared vectors of Tencent's official Python library (core/tests/vectors/README.md). */
class VectorsTest {
    /** Inputs our signer refuses, by vector number, and the refusal expected. */
    private val refused = mapOf(
        "008" to ErrorKind.EMPTY_USER_ID,
        // A line break, and NUL and other control characters, in the user id.
        "013" to ErrorKind.USER_ID_CONTROL_CHAR,
        "015" to ErrorKind.USER_ID_CONTROL_CHAR,
        "018" to ErrorKind.EMPTY_KEY,
        "022" to ErrorKind.EXPIRE_OUT_OF_RANGE,
        "024" to ErrorKind.EXPIRE_OUT_OF_RANGE,
        "025" to ErrorKind.EXPIRE_OUT_OF_RANGE,
        "026" to ErrorKind.EXPIRE_OUT_OF_RANGE,
        "027" to ErrorKind.EXPIRE_OUT_OF_RANGE,
        "044" to ErrorKind.ROOM_ID_OUT_OF_RANGE,
        // Both the user id ("") and the room id (0) are refused; the room is checked first.
        "045" to ErrorKind.ROOM_ID_OUT_OF_RANGE,
        "051" to ErrorKind.EXPIRE_OUT_OF_RANGE,
        "056" to ErrorKind.ROOM_STR_TOO_LONG,
        "057" to ErrorKind.EMPTY_ROOM_STR,
    )

    /** Where the official library fails on a character above U+00FF and ours encodes UTF-8. */
    private val officialFails = setOf("048", "049", "055")

    /** Where the official library writes Latin-1 and ours UTF-8, so the userbuf differs by design. */
    private val latin1 = "050"

    private fun num(v: JSONObject) = v.getString("id").substring(0, 3)

    private fun issueTime(v: JSONObject): Long =
        if (v.has("decoded")) v.getJSONObject("decoded").getLong("TLS.time") else v.getDouble("time").toLong()

    /** Our token for the vector's inputs, at the vector's clock. */
    private fun mint(v: JSONObject): String {
        val inputs = v.getJSONObject("inputs")
        val expire = if (inputs.isNull("expire")) UserSig.DEFAULT_EXPIRE else inputs.getLong("expire")
        val userId = inputs.getString("userid")
        val now = issueTime(v)
        Signer(inputs.getLong("sdkappid"), inputs.getString("key")).use { signer ->
            return when (v.getString("kind")) {
                "usersig" -> signer.userSigAt(userId, expire, now)
                "userbuf" -> signer.userSigWithUserbufAt(userId, unhex(inputs.getString("userbuf_hex")), expire, now)
                "pmk" -> signer.privateMapKeyAt(userId, inputs.getLong("roomid"), inputs.getLong("privilege"), expire, now)
                "pmk_str" -> signer.privateMapKeyAt(userId, inputs.getString("roomstr"), inputs.getLong("privilege"), expire, now)
                else -> error("unknown kind in ${v.getString("id")}")
            }
        }
    }

    @Test
    fun `the vectors are all there`() {
        assertEquals(57, TestSupport.vectors.size)
        assertEquals(setOf("usersig", "userbuf", "pmk", "pmk_str"), TestSupport.vectors.map { it.getString("kind") }.toSet())
    }

    @TestFactory
    fun `our signer makes the official signature and userbuf, or refuses exactly`(): List<DynamicTest> =
        TestSupport.vectors.map { v ->
            dynamicTest(v.getString("id")) {
                val expected = refused[num(v)]
                when {
                    expected != null -> {
                        val e = assertThrows<InvalidInputException> { mint(v) }
                        assertEquals(expected, e.kind)
                        assertNull(e.tencentCode)
                    }
                    num(v) in officialFails -> checkUtf8Grant(v, mint(v))
                    num(v) == latin1 -> checkLatin1Difference(v, mint(v))
                    else -> checkSameAsOfficial(v, mint(v))
                }
            }
        }

    private fun checkSameAsOfficial(v: JSONObject, token: String) {
        val official = v.getJSONObject("decoded")
        val ours = UserSig.inspect(token)
        assertEquals(official.getString("TLS.sig"), ours.signature)
        assertEquals(official.optString("TLS.userbuf", null), ours.userbuf?.let { Base64.getEncoder().encodeToString(it) })
        assertEquals(official.getString("TLS.identifier"), ours.userId)
        assertEquals(official.getLong("TLS.sdkappid"), ours.sdkAppId)
        assertEquals(official.getLong("TLS.time"), ours.issuedAt)
        assertEquals(official.getLong("TLS.expire"), ours.expire)
        // And the raw JSON, decoded without our code, carries the same strings.
        val raw = TestSupport.decodeToken(token)
        assertEquals(official.getString("TLS.sig"), raw.getString("TLS.sig"))
        assertEquals(official.optString("TLS.userbuf", null), raw.optString("TLS.userbuf", null))
    }

    /** A user id or room string above U+00FF: UTF-8 with byte lengths, and the grant reads back. */
    private fun checkUtf8Grant(v: JSONObject, token: String) {
        val inputs = v.getJSONObject("inputs")
        val userId = inputs.getString("userid")
        val claims = Verifier(inputs.getLong("sdkappid"), inputs.getString("key")).verifyAnyUserbufAt(token, userId, issueTime(v))
        val grant = claims.grant!!
        assertEquals(userId, grant.userId)
        val account = userId.toByteArray(Charsets.UTF_8)
        val userbuf = claims.userbuf!!
        assertEquals(hex(byteArrayOf(0, account.size.toByte()) + account), hex(userbuf.copyOfRange(1, 3 + account.size)))
        if (v.getString("kind") == "pmk_str") {
            val room = inputs.getString("roomstr")
            assertEquals(Room.Named(room), grant.room)
            val bytes = room.toByteArray(Charsets.UTF_8)
            assertEquals(hex(byteArrayOf(0, bytes.size.toByte()) + bytes), hex(userbuf.copyOfRange(userbuf.size - bytes.size - 2, userbuf.size)))
        } else {
            assertEquals(Room.Numeric(inputs.getLong("roomid")), grant.room)
        }
    }

    /** `é`: the official userbuf has the Latin-1 byte e9, ours the UTF-8 bytes c3 a9. */
    private fun checkLatin1Difference(v: JSONObject, token: String) {
        val ours = UserSig.inspect(token)
        assertTrue(hex(ours.userbuf!!).startsWith("000002c3a9"), hex(ours.userbuf))
        assertTrue(v.getJSONObject("userbuf_parsed").getString("hex").startsWith("000001e9"))
        assertNotEquals(v.getJSONObject("decoded").getString("TLS.sig"), ours.signature)
        assertEquals(Room.Numeric(1234), ours.grant!!.room)
    }

    @TestFactory
    fun `every official token is judged by the rules at its time`(): List<DynamicTest> =
        TestSupport.vectors.filter { !it.isNull("output") }.map { v ->
            dynamicTest(v.getString("id")) {
                val inputs = v.getJSONObject("inputs")
                val decoded = v.getJSONObject("decoded")
                val token = v.getString("output")
                val userId = inputs.getString("userid")
                val time = issueTime(v)
                val expire = decoded.getLong("TLS.expire")
                if (inputs.getString("key").isEmpty()) {
                    val e = assertThrows<InvalidInputException> { Verifier(inputs.getLong("sdkappid"), inputs.getString("key")) }
                    assertEquals(ErrorKind.EMPTY_KEY, e.kind)
                    return@dynamicTest
                }
                Verifier(inputs.getLong("sdkappid"), inputs.getString("key")).use { verifier ->
                    if (expire < 0) {
                        val e = assertThrows<ExpiredTokenException> { verifier.verifyAt(token, userId, time) }
                        assertEquals(time + expire, e.expiredAt)
                        assertEquals(time, e.now)
                        assertEquals(70001, e.tencentCode)
                        return@dynamicTest
                    }
                    val claims = verifier.verifyAnyUserbufAt(token, userId, time)
                    assertEquals(userId, claims.userId)
                    assertEquals(decoded.getLong("TLS.sdkappid"), claims.sdkAppId)
                    assertEquals(time, claims.issuedAt)
                    assertEquals(expire, claims.expire)
                    assertEquals(decoded.getString("TLS.sig"), claims.signature)
                    // The last second is valid, the next one is not.
                    assertEquals(claims, verifier.verifyAnyUserbufAt(token, userId, time + expire))
                    val e = assertThrows<ExpiredTokenException> { verifier.verifyAnyUserbufAt(token, userId, time + expire + 1) }
                    assertEquals(time + expire, e.expiredAt)
                    if (decoded.has("TLS.userbuf")) {
                        val userbuf = Base64.getDecoder().decode(decoded.getString("TLS.userbuf"))
                        assertArrayEquals(userbuf, claims.userbuf)
                        assertEquals(claims, verifier.verifyWithUserbufAt(token, userId, userbuf, time))
                        assertThrows<UnexpectedUserbufException> { verifier.verifyAt(token, userId, time) }
                    } else {
                        assertNull(claims.userbuf)
                        assertEquals(claims, verifier.verifyAt(token, userId, time))
                        assertThrows<MissingUserbufException> { verifier.verifyWithUserbufAt(token, userId, byteArrayOf(1), time) }
                    }
                }
            }
        }
}
