package io.github.usersig

import io.github.usersig.TestSupport.KEY
import io.github.usersig.TestSupport.SDKAPPID
import io.github.usersig.TestSupport.decodeToken
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.ByteBuffer
import java.util.Base64
import com.tencentyun.TLSSigAPIv2 as OfficialApi

/**
 * Against Tencent's own Java library (Maven Central tls-sig-api-v2 1.1, the newest there): its
 * tokens verify with ours, and the drop-in's decode to the same fields with the signature that
 * Tencent's own HMAC code computes. 1.1 reads the clock itself, so times are checked against the
 * window around each call.
 */
class OfficialLibraryTest {
    private val official = OfficialApi(SDKAPPID, KEY)
    private val dropIn = TLSSigAPIv2(SDKAPPID, KEY)
    private val verifier = Verifier(SDKAPPID, KEY)

    /** Tencent's private `hmacsha256(identifier, time, expire, userbufBase64)`, through reflection. */
    private val officialHmac = OfficialApi::class.java.getDeclaredMethod(
        "hmacsha256", String::class.java, Long::class.javaPrimitiveType, Long::class.javaPrimitiveType, String::class.java,
    ).apply { isAccessible = true }

    private fun clock() = System.currentTimeMillis() / 1000

    /** Mints with [mint] and returns the decoded JSON, checking the time against the call's window. */
    private fun minted(mint: () -> String): JSONObject {
        val before = clock()
        val json = decodeToken(mint())
        assertTrue(json.getLong("TLS.time") in before..clock())
        return json
    }

    private fun assertTencentSignature(json: JSONObject) {
        val userbuf = json.optString("TLS.userbuf", null)
        val expected = officialHmac.invoke(official, json.getString("TLS.identifier"), json.getLong("TLS.time"), json.getLong("TLS.expire"), userbuf)
        assertEquals(expected, json.getString("TLS.sig"))
    }

    @Test
    fun `the official library's UserSigs verify with ours`() {
        for (userId in listOf("alice", "user_1", "27149", "用户测试", "a\"b\\c")) {
            for (expire in listOf(1L, 86400L, 15552000L)) {
                val before = clock()
                val token = official.genSig(userId, expire)
                val claims = verifier.verify(token, userId)
                assertTrue(claims.issuedAt in before..clock())
                assertEquals(expire, claims.expire)
                assertEquals(userId, claims.userId)
            }
        }
    }

    @Test
    fun `the official library's userbuf tokens verify with ours`() {
        val userbuf = byteArrayOf(0, 1, 2, -2, -1) + "abc".toByteArray()
        val token = official.genSigWithUserBuf("alice", 600, userbuf)
        assertArrayEquals(userbuf, verifier.verifyWithUserbuf(token, "alice", userbuf).userbuf)
    }

    @Test
    fun `the drop-in's UserSigs hold the official fields and signature`() {
        for (json in listOf(minted { dropIn.genUserSig("alice", 86400) }, minted { dropIn.genSig("alice", 86400) })) {
            val theirs = decodeToken(official.genSig("alice", 86400))
            assertEquals(theirs.keySet(), json.keySet())
            assertEquals("2.0", json.getString("TLS.ver"))
            assertEquals("alice", json.getString("TLS.identifier"))
            assertEquals(SDKAPPID, json.getLong("TLS.sdkappid"))
            assertEquals(86400, json.getLong("TLS.expire"))
            assertTencentSignature(json)
        }
    }

    @Test
    fun `the drop-in's userbuf tokens hold the official fields and signature`() {
        val userbuf = "opaque app data".toByteArray()
        val json = minted { dropIn.genSigWithUserBuf("alice", 600, userbuf) }
        assertEquals(decodeToken(official.genSigWithUserBuf("alice", 600, userbuf)).keySet(), json.keySet())
        assertEquals(Base64.getEncoder().encodeToString(userbuf), json.getString("TLS.userbuf"))
        assertTencentSignature(json)
    }

    @Test
    fun `the drop-in's PrivateMapKeys hold the userbuf of the spec and the official signature`() {
        val numeric = minted { dropIn.genPrivateMapKey("xiaojun", 300, 10000, 255) }
        assertTencentSignature(numeric)
        val time = numeric.getLong("TLS.time")
        assertArrayEquals(
            userbuf(0, "xiaojun", 10000, time + 300, 255, null),
            Base64.getDecoder().decode(numeric.getString("TLS.userbuf")),
        )
        val named = minted { dropIn.genPrivateMapKeyWithStringRoomID("xiaojun", 300, "1000000040", 42) }
        assertTencentSignature(named)
        assertArrayEquals(
            userbuf(1, "xiaojun", 0, named.getLong("TLS.time") + 300, 42, "1000000040"),
            Base64.getDecoder().decode(named.getString("TLS.userbuf")),
        )
    }

    /** A PrivateMapKey userbuf written field by field from the spec (big-endian). */
    private fun userbuf(version: Int, account: String, room: Long, expiresAt: Long, privileges: Long, roomStr: String?): ByteArray {
        val a = account.toByteArray()
        val r = roomStr?.toByteArray() ?: ByteArray(0)
        val buf = ByteBuffer.allocate(1 + 2 + a.size + 20 + if (roomStr != null) 2 + r.size else 0)
        buf.put(version.toByte()).putShort(a.size.toShort()).put(a)
        buf.putInt(SDKAPPID.toInt()).putInt(room.toInt()).putInt(expiresAt.toInt()).putInt(privileges.toInt()).putInt(0)
        if (roomStr != null) buf.putShort(r.size.toShort()).put(r)
        return buf.array()
    }

    @Test
    fun `the drop-in throws where the official library makes a useless token`() {
        assertTrue(official.genSig("", 0).isNotEmpty())
        assertEquals(ErrorKind.EMPTY_USER_ID, assertThrows<InvalidInputException> { dropIn.genUserSig("", 600) }.kind)
        assertEquals(ErrorKind.EXPIRE_OUT_OF_RANGE, assertThrows<InvalidInputException> { dropIn.genUserSig("alice", 0) }.kind)
        assertEquals(ErrorKind.ROOM_ID_OUT_OF_RANGE, assertThrows<InvalidInputException> { dropIn.genPrivateMapKey("alice", 600, 0, 255) }.kind)
        assertEquals(ErrorKind.EMPTY_ROOM_STR, assertThrows<InvalidInputException> { dropIn.genPrivateMapKeyWithStringRoomID("alice", 600, "", 255) }.kind)
        assertEquals(ErrorKind.PRIVILEGE_OUT_OF_RANGE, assertThrows<InvalidInputException> { dropIn.genPrivateMapKey("alice", 600, 1, 256) }.kind)
    }
}
