package io.github.usersig

import io.github.usersig.TestSupport.KEY
import io.github.usersig.TestSupport.NOW
import io.github.usersig.TestSupport.SDKAPPID
import io.github.usersig.TestSupport.decodeToken
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

/**
 * Every call across the C ABI (Abi.kt, docs/abi.md) against the spec, computed here with the JDK
 * alone: the fields and HMAC of every token for every method and size (including results longer
 * than the first buffer), the claims and typed errors, and a safe close under load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbiTest {
    private val signer = Signer(SDKAPPID, KEY)
    private val verifier = Verifier(SDKAPPID, "old key", KEY)

    @AfterAll
    fun closeAll() {
        listOf(signer, verifier).forEach { it.close() }
    }

    /** TLS.sig of spec section 1, with javax.crypto. */
    private fun hmac(id: String, now: Long, expire: Long, userbuf: String?): String {
        val content = "TLS.identifier:$id\nTLS.sdkappid:$SDKAPPID\nTLS.time:$now\nTLS.expire:$expire\n" +
            (userbuf?.let { "TLS.userbuf:$it\n" } ?: "")
        val mac = Mac.getInstance("HmacSHA256").apply { init(SecretKeySpec(KEY.toByteArray(), "HmacSHA256")) }
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(content.toByteArray()))
    }

    /** The token holds exactly these fields and the spec's signature over them. */
    private fun assertToken(token: String, id: String, expire: Long, userbuf: ByteArray?) {
        val json = decodeToken(token)
        assertEquals(id, json.getString("TLS.identifier"))
        assertEquals(SDKAPPID, json.getLong("TLS.sdkappid"))
        assertEquals(NOW, json.getLong("TLS.time"))
        assertEquals(expire, json.getLong("TLS.expire"))
        val b64 = userbuf?.let { java.util.Base64.getEncoder().encodeToString(it) }
        assertEquals(b64, json.optString("TLS.userbuf", null))
        assertEquals(hmac(id, NOW, expire, b64), json.getString("TLS.sig"))
    }

    /** User ids of one to 1024 bytes: ASCII, CJK, emoji (surrogate pairs), JSON escapes. */
    private val userIds = listOf(
        "a", "alice", "用户", "👩‍💻 dev", "quote\"back\\slash", "\u0080\u009f",
        "x".repeat(100), "é".repeat(300), "界".repeat(341), "z".repeat(1024), "\"".repeat(1024), "\\".repeat(1024),
        kotlin.random.Random(25).let { r -> String(CharArray(1024) { "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".random(r) }) },
    )

    @Test
    fun `the first buffer holds every token and claims, so that a call crosses once`() {
        val buf = ByteArray(4096) { (it * 7).toByte() }
        for (id in userIds) {
            val bytes = id.toByteArray().size
            val tokens = listOf(
                signer.userSigAt(id, 600, NOW) to resultBuffer(bytes),
                signer.userSigWithUserbufAt(id, buf, 600, NOW) to resultBuffer(bytes + buf.size),
                signer.privateMapKeyAt(id, 4_294_967_294L, Privileges.ALL, 600, NOW) to resultBuffer(bytes),
                signer.privateMapKeyAt(id, "界".repeat(21), Privileges.ALL, 600, NOW) to resultBuffer(bytes + 63),
            )
            for ((token, first) in tokens) {
                assertTrue(1 + token.length <= first, "a token of ${token.length} characters for a $bytes-byte user id")
                // The claims' size, asked with an empty buffer: verify returns the same claims.
                val claims = Abi.usersig_inspect(token.toByteArray(), token.length.toLong(), ByteArray(0), 0)
                assertTrue(claims <= resultBuffer(token.length + bytes), "claims of $claims bytes for a $bytes-byte user id")
            }
        }
        AdminAuth(SDKAPPID, KEY, "界".repeat(341)).use { admin ->
            assertTrue(1 + admin.userSigAt(NOW).length <= resultBuffer("界".repeat(341).length))
        }
    }

    @Test
    fun `user sigs hold the spec's fields and signature, including tokens longer than the first buffer`() {
        for (id in userIds) {
            for (expire in listOf(1L, 86_400L, 50L * 365 * 86_400)) {
                assertToken(signer.userSigAt(id, expire, NOW), id, expire, null)
            }
        }
        // 1024 letters and digits at random hardly compress: this token is far over 1 KiB.
        assertTrue(signer.userSigAt(userIds.last(), 60, NOW).length > 1_200)
    }

    @Test
    fun `user sigs with userbufs hold the spec's fields and signature`() {
        val userbufs = listOf(ByteArray(0), byteArrayOf(0), ByteArray(256) { it.toByte() }, ByteArray(4096) { (it * 7).toByte() })
        for (id in userIds) {
            for (buf in userbufs) {
                assertToken(signer.userSigWithUserbufAt(id, buf, 600, NOW), id, 600, buf)
            }
        }
    }

    @Test
    fun `a batch holds one token per user id, as single calls make them, even far past the first buffer`() {
        val ids = userIds + List(500) { "batch-$it" }
        assertEquals(ids.map { signer.userSigAt(it, 600, NOW) }, signer.userSigsAt(ids, 600, NOW))
        assertEquals(emptyList<String>(), signer.userSigsAt(emptyList(), 600, NOW))
        assertEquals(ErrorKind.EMPTY_USER_ID, assertThrows<InvalidInputException> { signer.userSigsAt(listOf("a", ""), 600, NOW) }.kind)
        assertThrows<IllegalArgumentException> { signer.userSigsAt(listOf("a", "\uD800"), 600, NOW) }
    }

    @Test
    fun `private map keys carry the grant asked for, signed as the spec says`() {
        fun check(token: String, id: String, room: Room, privileges: Long) {
            val claims = UserSig.inspect(token)
            assertEquals(Grant(id, SDKAPPID, room, privileges, NOW + 600), claims.grant)
            assertToken(token, id, 600, claims.userbuf)
        }
        for (id in userIds) {
            for (room in listOf(1L, 10_000L, 4_294_967_294L)) {
                for (privileges in listOf(0L, Privileges.ENTER_ROOM, Privileges.ALL)) {
                    check(signer.privateMapKeyAt(id, room, privileges, 600, NOW), id, Room.Numeric(room), privileges)
                }
            }
            for (room in listOf("r", "1000000040", "房间", "x".repeat(64), "🎲".repeat(16))) {
                check(signer.privateMapKeyAt(id, room, Privileges.ALL, 600, NOW), id, Room.Named(room), Privileges.ALL)
            }
        }
    }

    @Test
    fun `a refusal is the kind's typed exception`() {
        val refusals: List<Pair<ErrorKind, () -> String>> = listOf(
            ErrorKind.EMPTY_USER_ID to { signer.userSigAt("", 60, NOW) },
            ErrorKind.USER_ID_TOO_LONG to { signer.userSigAt("z".repeat(1025), 60, NOW) },
            ErrorKind.EXPIRE_OUT_OF_RANGE to { signer.userSigAt("a", 0, NOW) },
            ErrorKind.TIME_OUT_OF_RANGE to { signer.userSigAt("a", 60, -1) },
            ErrorKind.EXPIRY_OVERFLOW to { signer.userSigAt("a", 60, 4_294_967_295L) },
            ErrorKind.USERBUF_TOO_LONG to { signer.userSigWithUserbufAt("a", ByteArray(4097), 60, NOW) },
            ErrorKind.ROOM_ID_OUT_OF_RANGE to { signer.privateMapKeyAt("a", 0, Privileges.ALL, 60, NOW) },
            ErrorKind.PRIVILEGE_OUT_OF_RANGE to { signer.privateMapKeyAt("a", 1, 256, 60, NOW) },
            ErrorKind.EMPTY_ROOM_STR to { signer.privateMapKeyAt("a", "", Privileges.ALL, 60, NOW) },
            ErrorKind.ROOM_STR_TOO_LONG to { signer.privateMapKeyAt("a", "x".repeat(65), Privileges.ALL, 60, NOW) },
        )
        for ((kind, call) in refusals) {
            assertEquals(kind, assertThrows<InvalidInputException> { call() }.kind)
        }
        assertThrows<IllegalArgumentException> { signer.privateMapKeyAt("a", "\uD800", Privileges.ALL, 60, NOW) }
        assertThrows<IllegalArgumentException> { signer.userSigWithUserbufAt("\uDC00", ByteArray(1), 60, NOW) }
    }

    @Test
    fun `claims and rejections are what the tokens say`() {
        for (id in userIds) {
            val buf = ByteArray(300) { it.toByte() }
            val tokens = listOf(
                signer.userSigAt(id, 600, NOW),
                Signer(SDKAPPID, "old key").use { it.userSigAt(id, 600, NOW) },
                signer.userSigWithUserbufAt(id, buf, 600, NOW),
                signer.privateMapKeyAt(id, "房间", Privileges.ALL, 600, NOW),
            )
            for (token in tokens) {
                val inspected = UserSig.inspect(token)
                val json = decodeToken(token)
                assertEquals(id, inspected.userId)
                assertEquals(NOW + 600, inspected.expiresAt)
                assertEquals(json.getString("TLS.sig"), inspected.signature)
                val userbuf = inspected.userbuf
                for (now in listOf(NOW, NOW + 600, NOW + 601)) {
                    val verified = runCatching {
                        if (userbuf == null) verifier.verifyAt(token, id, now) else verifier.verifyWithUserbufAt(token, id, userbuf, now)
                    }
                    assertEquals(verified.getOrNull(), runCatching { verifier.verifyAnyUserbufAt(token, id, now) }.getOrNull())
                    if (now > NOW + 600) {
                        val e = verified.exceptionOrNull() as ExpiredTokenException
                        assertEquals(NOW + 600, e.expiredAt)
                        assertEquals(now, e.now)
                        assertEquals(70001, e.tencentCode)
                    } else {
                        assertEquals(inspected, verified.getOrThrow())
                    }
                }
                val mismatch = assertThrows<UserIdMismatchException> { verifier.verifyAt(token, id + "x", NOW) }
                assertEquals(id + "x", mismatch.expected)
                assertEquals(id, mismatch.found)
            }
        }
        for (garbage in listOf("", "x", "eJw_", "*".repeat(40_000))) {
            assertThrows<MalformedTokenException> { UserSig.inspect(garbage) }
            assertThrows<MalformedTokenException> { verifier.verifyAt(garbage, "a", NOW) }
        }
    }

    @Test
    fun `closing a verifier while threads verify frees it safely`() {
        repeat(10) { round ->
            val shared = Verifier(SDKAPPID, KEY)
            val token = signer.userSigAt("u", 60, NOW)
            val pool = Executors.newFixedThreadPool(4)
            val started = CountDownLatch(4)
            val verified = (0 until 4).map {
                pool.submit(Callable {
                    started.countDown()
                    try {
                        while (true) assertEquals("u", shared.verifyAt(token, "u", NOW).userId)
                    } catch (e: IllegalStateException) {
                        assertThrows<IllegalStateException> { shared.verifyAt(token, "u", NOW) }
                    }
                })
            }
            started.await()
            Thread.sleep(round % 5L)
            shared.close()
            verified.forEach { it.get(1, TimeUnit.MINUTES) }
            pool.shutdown()
        }
    }

    @Test
    fun `closing a signer while threads sign frees it safely`() {
        repeat(20) { round ->
            val shared = Signer(SDKAPPID, KEY)
            val expected = shared.userSigAt("u", 60, NOW)
            val started = CountDownLatch(4)
            val pool = Executors.newFixedThreadPool(4)
            val signed = (0 until 4).map {
                pool.submit(Callable {
                    started.countDown()
                    var count = 0
                    try {
                        while (true) {
                            assertEquals(expected, shared.userSigAt("u", 60, NOW))
                            count++
                        }
                    } catch (e: IllegalStateException) {
                        // closed: every later call must refuse too
                        assertThrows<IllegalStateException> { shared.userSigAt("u", 60, NOW) }
                    }
                    count
                })
            }
            started.await()
            Thread.sleep(round % 5L)
            shared.close()
            signed.forEach { it.get(1, TimeUnit.MINUTES) }
            pool.shutdown()
        }
    }
}
