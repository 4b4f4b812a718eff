package io.github.usersig

import io.github.usersig.TestSupport.KEY
import io.github.usersig.TestSupport.SDKAPPID
import io.github.usersig.TestSupport.decodeToken
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.lang.reflect.Modifier
import com.tencentyun.TLSSigAPIv2 as Official11

/**
 * Against Tencent's Java library 2.0, the newest on Maven Central ([Tencent20]): the drop-in has its
 * public signatures (and 1.1's), 2.0's tokens verify with ours, and the drop-in's decode to the
 * fields and signature 2.0 makes. 2.0 reads the clock itself, so times are checked against the
 * window around each call, and byte-for-byte comparisons are made within one clock second.
 */
class Official20Test {
    private val official = Tencent20(SDKAPPID, KEY)
    private val dropIn = TLSSigAPIv2(SDKAPPID, KEY)
    private val verifier = Verifier(SDKAPPID, KEY)

    private fun clock() = System.currentTimeMillis() / 1000

    /** [block]'s result, from a run that started and ended in the same clock second. */
    private fun <T> inOneSecond(block: () -> T): T {
        repeat(5) {
            val before = clock()
            val result = block()
            if (clock() == before) return result
        }
        error("the clock second changed during five runs")
    }

    @Test
    fun `1_1 and 2_0 are two classes of one name, each in its own loader`() {
        assertEquals(Official11::class.java.name, Tencent20.API.name)
        assertNotSame(Official11::class.java, Tencent20.API)
        assertTrue(Tencent20.API.methods.any { it.name == "genUserBuf" })
        assertTrue(Official11::class.java.methods.none { it.name == "genUserBuf" })
    }

    @Test
    fun `the drop-in has every public constructor and method of 1_1 and 2_0`() {
        val ours = TLSSigAPIv2::class.java
        for (theirs in listOf(Official11::class.java, Tencent20.API)) {
            for (c in theirs.constructors) {
                ours.getConstructor(*c.parameterTypes)
            }
            val methods = theirs.declaredMethods.filter { Modifier.isPublic(it.modifiers) && !it.isSynthetic }
            assertTrue(methods.size >= 2, "${theirs.classLoader}: $methods")
            for (m in methods) {
                val mine = ours.getMethod(m.name, *m.parameterTypes)
                assertEquals(m.returnType, mine.returnType, m.toString())
                assertEquals(Modifier.isStatic(m.modifiers), Modifier.isStatic(mine.modifiers), m.toString())
            }
        }
    }

    @Test
    fun `2_0's UserSigs verify with ours`() {
        for (userId in listOf("alice", "user_1", "27149", "用户测试", "a\"b\\c", "😀")) {
            for (expire in listOf(1L, 86400L, 15552000L)) {
                val before = clock()
                val claims = verifier.verify(official.genUserSig(userId, expire), userId)
                assertTrue(claims.issuedAt in before..clock())
                assertEquals(expire, claims.expire)
                assertEquals(userId, claims.userId)
                assertEquals(null, claims.userbuf)
            }
        }
    }

    @Test
    fun `2_0's PrivateMapKeys verify with ours and carry its grant`() {
        val numeric = verifier.verifyAnyUserbuf(official.genPrivateMapKey("xiaojun", 300, 10000, 255), "xiaojun")
        assertEquals(Grant("xiaojun", SDKAPPID, Room.Numeric(10000), 255, numeric.issuedAt + 300), numeric.grant)
        val named = verifier.verifyAnyUserbuf(official.genPrivateMapKeyWithStringRoomID("xiaojun", 600, "1000000040", 42), "xiaojun")
        assertEquals(Grant("xiaojun", SDKAPPID, Room.Named("1000000040"), 42, named.issuedAt + 600), named.grant)
        // 2.0's own genUserBuf, in the same second, is the userbuf its PrivateMapKey carries.
        val (token, userbuf) = inOneSecond {
            Pair(official.genPrivateMapKey("xiaojun", 300, 10000, 255), official.genUserBuf("xiaojun", 10000, 300, 255, 0, ""))
        }
        assertEquals(Room.Numeric(10000), verifier.verifyWithUserbuf(token, "xiaojun", userbuf).grant?.room)
    }

    @Test
    fun `2_0 keeps one byte of each character in a grant, the drop-in UTF-8`() {
        val theirs = UserSig.inspect(official.genPrivateMapKeyWithStringRoomID("用户", 600, "房间", 255))
        assertNotEquals("用户", theirs.grant?.userId)
        val ours = UserSig.inspect(dropIn.genPrivateMapKeyWithStringRoomID("用户", 600, "房间", 255))
        assertEquals(Grant("用户", SDKAPPID, Room.Named("房间"), 255, ours.expiresAt), ours.grant)
    }

    private fun assertSameFields(theirs: JSONObject, ours: JSONObject) {
        assertEquals(theirs.keySet(), ours.keySet())
        for (field in listOf("TLS.ver", "TLS.identifier", "TLS.sdkappid", "TLS.expire", "TLS.time")) {
            assertEquals(theirs.get(field), ours.get(field), field)
        }
        val expected = official.hmacsha256(
            ours.getString("TLS.identifier"), ours.getLong("TLS.time"), ours.getLong("TLS.expire"), ours.optString("TLS.userbuf", null),
        )
        assertEquals(expected, ours.getString("TLS.sig"))
    }

    @Test
    fun `the drop-in's tokens hold 2_0's fields, userbuf and signature`() {
        val mints: List<Pair<() -> String, () -> String>> = listOf(
            Pair({ official.genUserSig("alice", 86400) }, { dropIn.genUserSig("alice", 86400) }),
            Pair({ official.genPrivateMapKey("xiaojun", 300, 10000, 255) }, { dropIn.genPrivateMapKey("xiaojun", 300, 10000, 255) }),
            Pair(
                { official.genPrivateMapKeyWithStringRoomID("xiaojun", 300, "room-A_b", 42) },
                { dropIn.genPrivateMapKeyWithStringRoomID("xiaojun", 300, "room-A_b", 42) },
            ),
        )
        for ((theirs, ours) in mints) {
            val (t, o) = inOneSecond { Pair(decodeToken(theirs()), decodeToken(ours())) }
            assertSameFields(t, o)
            assertEquals(t.optString("TLS.userbuf", null), o.optString("TLS.userbuf", null))
            // Same fields, same key: the same signature.
            assertEquals(t.getString("TLS.sig"), o.getString("TLS.sig"))
        }
    }

    @Test
    fun `the drop-in's genUserBuf is 2_0's and is the userbuf its PrivateMapKeys sign`() {
        for ((roomId, roomStr) in listOf(Pair(10000L, ""), Pair(4294967294L, ""), Pair(0L, "1000000040"))) {
            val (theirs, ours) = inOneSecond {
                Pair(official.genUserBuf("xiaojun", roomId, 300, 255, 0, roomStr), dropIn.genUserBuf("xiaojun", roomId, 300, 255, 0, roomStr))
            }
            assertArrayEquals(theirs, ours)
            val (token, userbuf) = inOneSecond {
                val token = if (roomStr.isEmpty()) dropIn.genPrivateMapKey("xiaojun", 300, roomId, 255) else dropIn.genPrivateMapKeyWithStringRoomID("xiaojun", 300, roomStr, 255)
                Pair(token, dropIn.genUserBuf("xiaojun", roomId, 300, 255, 0, roomStr))
            }
            assertArrayEquals(userbuf, verifier.verifyWithUserbuf(token, "xiaojun", userbuf).userbuf)
        }
    }

    @Test
    fun `the drop-in's genUserBuf refuses what 2_0 would encode into a useless grant`() {
        assertThrows<IllegalArgumentException> { dropIn.genUserBuf("xiaojun", 10000, 300, 255, 1, "") }
        assertThrows<IllegalArgumentException> { dropIn.genUserBuf("xiaojun", 10000, 300, 255, 0, "lobby") }
        assertEquals(ErrorKind.ROOM_ID_OUT_OF_RANGE, assertThrows<InvalidInputException> { dropIn.genUserBuf("xiaojun", 0, 300, 255, 0, "") }.kind)
        assertEquals(ErrorKind.EMPTY_USER_ID, assertThrows<InvalidInputException> { dropIn.genUserBuf("", 1, 300, 255, 0, "") }.kind)
        assertEquals(ErrorKind.PRIVILEGE_OUT_OF_RANGE, assertThrows<InvalidInputException> { dropIn.genUserBuf("a", 1, 300, 256, 0, "") }.kind)
        assertEquals(ErrorKind.EXPIRE_OUT_OF_RANGE, assertThrows<InvalidInputException> { dropIn.genUserBuf("a", 1, 0, 255, 0, "") }.kind)
        // 2.0 encodes them all without a word.
        assertEquals(23, official.genUserBuf("", 0, 0, 256, 1, "").size)
    }
}
