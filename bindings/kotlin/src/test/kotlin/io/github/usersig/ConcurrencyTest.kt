package io.github.usersig

import io.github.usersig.TestSupport.KEY
import io.github.usersig.TestSupport.NOW
import io.github.usersig.TestSupport.SDKAPPID
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import com.sun.jna.Library
import com.sun.jna.Native
import com.sun.jna.Platform
import com.sun.jna.Structure
import java.nio.file.Files
import java.nio.file.Paths
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** Shared objects under 16 threads, and native memory over a long loop. */
class ConcurrencyTest {
    @Test
    fun `16 threads sign and verify with one signer and one verifier`() {
        val threads = 16
        val perThread = 1500
        val signer = Signer(SDKAPPID, KEY)
        val verifier = Verifier(SDKAPPID, KEY)
        // The expected tokens, made on one thread first.
        val expected = (0 until threads).map { t -> (0 until perThread).map { i -> signer.userSigAt("u$t-$i", 3600, NOW) } }
        val start = CountDownLatch(1)
        val pool = Executors.newFixedThreadPool(threads)
        val results = (0 until threads).map { t ->
            pool.submit(Callable {
                start.await()
                var checked = 0
                for (i in 0 until perThread) {
                    val userId = "u$t-$i"
                    val token = signer.userSigAt(userId, 3600, NOW)
                    assertEquals(expected[t][i], token)
                    val claims = verifier.verifyAt(token, userId, NOW + i)
                    assertEquals(userId, claims.userId)
                    if (i % 100 == 0) {
                        val pmk = signer.privateMapKeyAt(userId, (t + 1).toLong(), Privileges.ALL, 3600, NOW)
                        assertEquals(Room.Numeric((t + 1).toLong()), verifier.verifyAnyUserbufAt(pmk, userId, NOW).grant!!.room)
                        assertEquals(expected[t].subList(i, i + 10), signer.userSigsAt((i until i + 10).map { "u$t-$it" }, 3600, NOW))
                    }
                    checked++
                }
                checked
            })
        }
        start.countDown()
        assertEquals(List(threads) { perThread }, results.map { it.get(5, TimeUnit.MINUTES) })
        pool.shutdown()
        signer.close()
        verifier.close()
    }

    /** The process's resident memory in KiB, from /proc (Linux). */
    private fun rssKiB(): Long =
        Files.readAllLines(Paths.get("/proc/self/status")).first { it.startsWith("VmRSS:") }
            .split(Regex("\\s+"))[1].toLong()

    /**
     * Bytes the C allocator has handed out and not got back (glibc: its heap arenas and mmap
     * blocks), read after a collection and a pause in which the Cleaner threads free what it found.
     */
    private fun mallocAfterCollection(): Long {
        System.gc()
        Thread.sleep(100)
        val info = Glibc.LIBC.mallinfo2()
        return info.uordblks + info.hblkhd
    }

    /** [mallocAfterCollection] once it has stopped moving: collected objects freed, as far as that goes. */
    private fun mallocSettled(): Long {
        var last = -1L
        var same = 0
        repeat(50) {
            val now = mallocAfterCollection()
            same = if (now == last) same + 1 else 0
            if (same == 2) return now
            last = now
        }
        return last
    }

    /**
     * How far [mallocAfterCollection] is above [baseline] once it has come within [bound] of it, or 30 s have passed.
     *
     * A single reading is not enough: the Cleaner threads free their share only some time after a
     * collection, and the JVM's own allocations (the JIT compilers' arenas, pooled for a few
     * seconds) rise and fall by several MB meanwhile. A leak never comes back within the bound.
     */
    private fun mallocGrowth(baseline: Long, bound: Long): Long {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
        var grown: Long
        do {
            grown = mallocAfterCollection() - baseline
        } while (grown >= bound && System.nanoTime() < deadline)
        return grown
    }

    private fun workload(signer: Signer, verifier: Verifier, i: Int) {
        val userId = "leak-$i"
        val token = signer.userSigAt(userId, 3600, NOW)
        assertEquals(userId, verifier.verifyAt(token, userId, NOW).userId)
        if (i % 50 == 0) {
            try {
                verifier.verifyAt(token, "other", NOW)
            } catch (e: UserIdMismatchException) {
                // error buffers must be freed too
            }
            Signer(SDKAPPID, KEY).use { it.privateMapKeyAt(userId, 7, Privileges.ALL, 60, NOW) }
            assertEquals(listOf(token), signer.userSigsAt(listOf(userId), 3600, NOW))
            Verifier(SDKAPPID, KEY) // left to the Cleaner
        }
    }

    @Test
    fun `no native memory leaks over 300 thousand calls`() {
        assumeTrue(Platform.isLinux() && !Platform.isAndroid(), "needs glibc and /proc")
        val signer = Signer(SDKAPPID, KEY)
        val verifier = Verifier(SDKAPPID, KEY)
        repeat(20_000) { workload(signer, verifier, it) }
        val mallocBefore = mallocSettled()
        val rssBefore = rssKiB()
        val started = System.nanoTime()
        val rounds = 150_000
        repeat(rounds) { workload(signer, verifier, it) }
        val seconds = (System.nanoTime() - started) / 1e9
        val bound = 12L * 1024 * 1024
        val mallocGrown = mallocGrowth(mallocBefore, bound) / 1024
        val rssGrown = rssKiB() - rssBefore
        println("leak check: $rounds rounds (${2 * rounds} sign and verify calls) in %.1f s: malloc in use %+d KiB, RSS %+d KiB".format(seconds, mallocGrown, rssGrown))
        // Leaking even the 200-byte token of each round would add 30 MB to both.
        assertTrue(mallocGrown < bound / 1024, "native memory in use grew by $mallocGrown KiB")
        // RSS also holds the allocator's high-water mark and the JIT's code: a generous bound.
        assertTrue(rssGrown < 48 * 1024, "RSS grew by $rssGrown KiB")
    }

    @Test
    fun `signers, verifiers and callback verifiers left to the cleaner are freed`() {
        assumeTrue(Platform.isLinux() && !Platform.isAndroid(), "needs glibc and /proc")
        val token = Signer(SDKAPPID, KEY).use { it.userSigAt("v", 60, NOW) }
        // A verifier holds each key's prepared HMAC state, 64 bytes on the heap (one block per
        // key, a signer has one): with this many keys, a leaked verifier stands out from the
        // allocator's noise about as much as 150 leaked signers (each also a handle's box).
        val keys = List(200) { "$KEY-$it" } + KEY
        val body = """{"EventType":103}""".toByteArray()
        val round: (Int) -> Unit = { i ->
            Signer(SDKAPPID, KEY).userSigAt("u$i", 60, NOW)
            ChatCallbackVerifier(KEY).sign(NOW)
            TrtcCallbackVerifier(KEY).sign(body)
            if (i % 100 == 0) {
                Verifier(SDKAPPID, keys).verifyAt(token, "v", NOW)
            }
        }
        repeat(20_000, round)
        val before = mallocSettled()
        val count = 300_000
        repeat(count, round)
        val bound = 12L * 1024 * 1024
        val grown = mallocGrowth(before, bound) / 1024
        println(
            "cleaner check: $count signers, $count Chat and $count TRTC callback verifiers and ${count / 100} verifiers never closed: " +
                "malloc in use %+d KiB".format(grown),
        )
        // Checked by disabling one free call at a time: the signers' leak showed as +37 MB, the
        // verifiers' as +114 MB, the Chat callback verifiers' as +42 MB, the TRTC ones' as +62 MB.
        assertTrue(grown < bound / 1024, "native memory in use grew by $grown KiB")
    }
}

/** glibc's allocator statistics, for the leak check. */
internal object Glibc {
    /** `struct mallinfo2`: every field a `size_t`. */
    @Structure.FieldOrder("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")
    class MallInfo2 : Structure(), Structure.ByValue {
        @JvmField var arena: Long = 0
        @JvmField var ordblks: Long = 0
        @JvmField var smblks: Long = 0
        @JvmField var hblks: Long = 0
        /** Bytes in blocks from mmap. */
        @JvmField var hblkhd: Long = 0
        @JvmField var usmblks: Long = 0
        @JvmField var fsmblks: Long = 0
        /** Bytes in use in the heap arenas. */
        @JvmField var uordblks: Long = 0
        @JvmField var fordblks: Long = 0
        @JvmField var keepcost: Long = 0
    }

    /** The C library. */
    interface C : Library {
        /** The allocator's statistics over every arena (glibc 2.33 and later). */
        fun mallinfo2(): MallInfo2
    }

    val LIBC: C = Native.load("c", C::class.java)
}
