package io.github.usersig

import io.github.usersig.TestSupport.KEY
import io.github.usersig.TestSupport.NOW
import io.github.usersig.TestSupport.SDKAPPID
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.util.Base64

/** Sign, verify and inspect through the public API, against the spec's worked examples. */
class RoundTripTest {
    private val signer = Signer(SDKAPPID, KEY)
    private val verifier = Verifier(SDKAPPID, KEY)

    private fun b64(bytes: ByteArray?) = bytes?.let { Base64.getEncoder().encodeToString(it) }

    @Test
    fun `the spec's worked UserSig`() {
        val claims = UserSig.inspect(signer.userSigAt("xiaojun", 15552000, NOW))
        assertEquals(Claims("xiaojun", SDKAPPID, NOW, 15552000, NOW + 15552000, null, null, "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="), claims)
    }

    @Test
    fun `the spec's worked PrivateMapKeys`() {
        val numeric = verifier.verifyAnyUserbufAt(signer.privateMapKeyAt("xiaojun", 10000, Privileges.ALL, 15552000, NOW), "xiaojun", NOW)
        assertEquals("AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA", b64(numeric.userbuf))
        assertEquals("y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI=", numeric.signature)
        assertEquals(Grant("xiaojun", SDKAPPID, Room.Numeric(10000), 255, NOW + 15552000), numeric.grant)

        val named = verifier.verifyAnyUserbufAt(signer.privateMapKeyAt("xiaojun", "1000000040", Privileges.ALL, 15552000, NOW), "xiaojun", NOW)
        assertEquals("AQAHeGlhb2p1blNyTgAAAAAAZkE/AAAAAP8AAAAAAAoxMDAwMDAwMDQw", b64(named.userbuf))
        assertEquals("uupaOmIqiVUsVoCDvmakmGU86GEQBV0Ie6Q+9GFbowM=", named.signature)
        assertEquals(Room.Named("1000000040"), named.grant!!.room)
    }

    @Test
    fun `a UserSig from the clock verifies now with the default validity`() {
        val before = System.currentTimeMillis() / 1000
        val token = signer.userSig("alice")
        val after = System.currentTimeMillis() / 1000
        val claims = verifier.verify(token, "alice")
        assertTrue(claims.issuedAt in before..after)
        assertEquals(UserSig.DEFAULT_EXPIRE, claims.expire)
        assertEquals(claims.issuedAt + UserSig.DEFAULT_EXPIRE, claims.expiresAt)
        assertEquals(claims, UserSig.inspect(token))
        assertNull(claims.grant)
    }

    @Test
    fun `every method without a clock uses the system's`() {
        val now = System.currentTimeMillis() / 1000
        val tokens = listOf(
            signer.userSig("bob", 600),
            signer.userSigWithUserbuf("bob", byteArrayOf(1, 2, 3), 600),
            signer.privateMapKey("bob", 42, Privileges.ENTER_ROOM, 600),
            signer.privateMapKey("bob", "lobby", Privileges.ENTER_ROOM, 600),
        ) + signer.userSigs(listOf("bob"), 600)
        for (token in tokens) {
            val claims = verifier.verifyAnyUserbuf(token, "bob")
            assertTrue(claims.issuedAt - now in 0..2, "issued at ${claims.issuedAt}, now $now")
            assertEquals(600, claims.expire)
        }
    }

    @Test
    fun `a userbuf round trip, and another userbuf is refused`() {
        val userbuf = byteArrayOf(0, -1, 127, -128)
        val token = signer.userSigWithUserbufAt("carol", userbuf, 3600, NOW)
        val claims = verifier.verifyWithUserbufAt(token, "carol", userbuf, NOW + 10)
        assertArrayEquals(userbuf, claims.userbuf)
        assertNull(claims.grant)
        val e = assertThrows<UserbufMismatchException> { verifier.verifyWithUserbufAt(token, "carol", byteArrayOf(0, -1, 127), NOW) }
        assertEquals(-100006, e.tencentCode)
        assertEquals(ErrorKind.USERBUF_MISMATCH, e.kind)
    }

    @Test
    fun `PrivateMapKey grants carry the room, the privileges and the absolute expiry`() {
        val audience = Privileges.ENTER_ROOM or Privileges.RECEIVE_AUDIO or Privileges.RECEIVE_VIDEO
        assertEquals(42, audience)
        val token = signer.privateMapKeyAt("dave", 4294967294, audience, 300, NOW)
        assertEquals(Grant("dave", SDKAPPID, Room.Numeric(4294967294), 42, NOW + 300), verifier.verifyAnyUserbufAt(token, "dave", NOW).grant)
        val named = signer.privateMapKeyAt("dave", "房间-1", 0, 300, NOW)
        assertEquals(Grant("dave", SDKAPPID, Room.Named("房间-1"), 0, NOW + 300), UserSig.inspect(named).grant)
    }

    @Test
    fun `the privilege constants are Tencent's bits`() {
        val bits = listOf(
            Privileges.CREATE_ROOM, Privileges.ENTER_ROOM, Privileges.SEND_AUDIO, Privileges.RECEIVE_AUDIO,
            Privileges.SEND_VIDEO, Privileges.RECEIVE_VIDEO, Privileges.SEND_SUB_STREAM, Privileges.RECEIVE_SUB_STREAM,
        )
        assertEquals(listOf(1L, 2, 4, 8, 16, 32, 64, 128), bits)
        assertEquals(Privileges.ALL, bits.reduce(Long::or))
    }

    @Test
    fun `a batch equals one call per user id, in order`() {
        val ids = (0 until 500).map { "user_$it" }
        val batch = signer.userSigsAt(ids, 86400, NOW)
        assertEquals(ids.map { signer.userSigAt(it, 86400, NOW) }, batch)
        assertEquals(ids, batch.map { UserSig.inspect(it).userId })
        assertEquals(emptyList<String>(), signer.userSigsAt(emptyList(), 86400, NOW))
        val e = assertThrows<InvalidInputException> { signer.userSigsAt(listOf("a", "", "b"), 86400, NOW) }
        assertEquals(ErrorKind.EMPTY_USER_ID, e.kind)
    }

    @Test
    fun `a verifier with several keys accepts each`() {
        val newKey = "another-console-key"
        val rotating = Verifier(SDKAPPID, KEY, newKey)
        val fromOld = signer.userSigAt("erin", 600, NOW)
        val fromNew = Signer(SDKAPPID, newKey).userSigAt("erin", 600, NOW)
        assertNotEquals(fromOld, fromNew)
        assertEquals("erin", rotating.verifyAt(fromOld, "erin", NOW).userId)
        assertEquals("erin", Verifier(SDKAPPID, listOf(newKey, KEY)).verifyAt(fromNew, "erin", NOW).userId)
        assertThrows<BadSignatureException> { verifier.verifyAt(fromNew, "erin", NOW) }
    }

    @Test
    fun `tokens of every official form verify - any JSON layout, zlib level and base64 flavour`() {
        val sig = UserSig.inspect(signer.userSigAt("xiaojun", 15552000, NOW)).signature
        val json = """{"TLS.sig": "$sig", "TLS.time": $NOW, "TLS.expire": 15552000, "TLS.sdkappid": $SDKAPPID, "TLS.identifier": "xiaojun", "TLS.ver": "2.0"}"""
        for (level in listOf(0, 1, 6, 9)) {
            val token = TestSupport.encodeToken(json, level)
            assertEquals(sig, verifier.verifyAt(token, "xiaojun", NOW).signature)
            val plain = token.replace('*', '+').replace('-', '/').replace('_', '=')
            assertEquals(sig, verifier.verifyAt(plain, "xiaojun", NOW).signature)
        }
    }

    @Test
    fun `toString never shows a key`() {
        val secret = "s3cr3t-key-value"
        val shown = listOf(Signer(7, secret).toString(), Verifier(7, secret, KEY).toString(), TLSSigAPIv2(7, secret).toString())
        for (s in shown) {
            assertFalse(s.contains(secret) || s.contains(KEY), s)
            assertTrue(s.contains("7"), s)
        }
        assertEquals(SDKAPPID, signer.sdkAppId)
        assertEquals(SDKAPPID, verifier.sdkAppId)
    }

    @Test
    fun `closed objects refuse further calls`() {
        val s = Signer(SDKAPPID, KEY)
        val v = Verifier(SDKAPPID, KEY)
        val token = s.userSigAt("frank", 60, NOW)
        s.close()
        v.close()
        s.close() // a second close is harmless
        assertThrows<IllegalStateException> { s.userSigAt("frank", 60, NOW) }
        assertThrows<IllegalStateException> { v.verifyAt(token, "frank", NOW) }
    }

    @Test
    fun `claims compare the userbuf by content`() {
        val a = Claims("u", 1, 2, 3, 5, byteArrayOf(1, 2), null, "sig")
        val b = a.copy(userbuf = byteArrayOf(1, 2))
        assertEquals(a, b)
        assertEquals(a.hashCode(), b.hashCode())
        assertNotEquals(a, a.copy(userbuf = byteArrayOf(1, 3)))
        assertNotEquals(a, a.copy(userbuf = null))
        assertTrue(a.toString().contains("userbuf=AQI="), a.toString())
    }
}
