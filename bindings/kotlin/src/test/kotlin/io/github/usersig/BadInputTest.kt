package io.github.usersig

import io.github.usersig.TestSupport.KEY
import io.github.usersig.TestSupport.NOW
import io.github.usersig.TestSupport.SDKAPPID
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import kotlin.random.Random

/** Hostile input: an exception every time, never a crash. (Nulls from Java: JavaApiTest.) */
class BadInputTest {
    private val signer = Signer(SDKAPPID, KEY)
    private val verifier = Verifier(SDKAPPID, KEY)
    private val token = signer.userSigAt("alice", 600, NOW)

    @Test
    fun `huge strings and arrays are refused`() {
        val huge = "x".repeat(10 shl 20)
        assertEquals(ErrorKind.USER_ID_TOO_LONG, assertThrows<InvalidInputException> { signer.userSig(huge) }.kind)
        assertEquals(ErrorKind.EMPTY_KEY, assertThrows<InvalidInputException> { Signer(SDKAPPID, "") }.kind)
        Signer(SDKAPPID, huge).use { hugeKey -> // a huge key is a key
            assertEquals("alice", Verifier(SDKAPPID, huge).verify(hugeKey.userSig("alice"), "alice").userId)
        }
        assertEquals(ErrorKind.ROOM_STR_TOO_LONG, assertThrows<InvalidInputException> { signer.privateMapKey("alice", huge, 1) }.kind)
        assertEquals(ErrorKind.USERBUF_TOO_LONG, assertThrows<InvalidInputException> { signer.userSigWithUserbuf("alice", ByteArray(10 shl 20)) }.kind)
        val tooLong = assertThrows<MalformedTokenException> { verifier.verify(huge, "alice") }
        assertEquals(Malformation.TooLong(huge.length.toLong(), 32768), tooLong.reason)
        assertEquals(huge, assertThrows<UserIdMismatchException> { verifier.verifyAt(token, huge, NOW) }.expected)
    }

    @Test
    fun `strings that are not Unicode are refused`() {
        for (bad in listOf("\uD800", "a\uDC00b", "\uDBFF")) {
            assertThrows<IllegalArgumentException> { signer.userSig(bad) }
            assertThrows<IllegalArgumentException> { verifier.verify(token, bad) }
            assertThrows<IllegalArgumentException> { UserSig.inspect(bad) }
        }
        // A control character in a user id is refused, with where it is.
        assertEquals(1, assertThrows<UserIdControlCharException> { signer.userSig("a\u0000b\u001f") }.position)
    }

    @Test
    fun `random garbage is a rejected token`() {
        val random = Random(20261121)
        val alphabets = listOf(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=*-_",
            "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZU",
        )
        repeat(20_000) { i ->
            val garbage = if (i % 3 == 2) {
                String(CharArray(random.nextInt(0, 300)) { random.nextInt(0, 0xD800).toChar() })
            } else {
                val alphabet = alphabets[i % 2]
                String(CharArray(random.nextInt(0, 600)) { alphabet[random.nextInt(alphabet.length)] })
            }
            assertThrows<TokenRejectedException> { verifier.verifyAt(garbage, "alice", NOW) }
            assertThrows<MalformedTokenException> { UserSig.inspect(garbage) }
        }
    }

    @Test
    fun `every damaged or truncated form of a token is refused or unchanged`() {
        val original = verifier.verifyAt(token, "alice", NOW)
        for (i in token.indices) {
            for (c in "A*-_z0") {
                if (c == token[i]) continue
                val damaged = token.substring(0, i) + c + token.substring(i + 1)
                val claims = try {
                    verifier.verifyAt(damaged, "alice", NOW)
                } catch (e: TokenRejectedException) {
                    continue
                }
                // Accepted only where the character carried nothing but padding bits.
                assertEquals(original, claims, damaged)
            }
        }
        for (n in 0 until token.length) {
            assertThrows<TokenRejectedException> { verifier.verifyAt(token.substring(0, n), "alice", NOW) }
        }
    }
}
