package io.github.usersig

import io.github.usersig.TestSupport.KEY
import io.github.usersig.TestSupport.NOW
import io.github.usersig.TestSupport.SDKAPPID
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Token lifetimes (ADMIN-API.md, "Lifetimes"): the core's two one-liners, on their boundaries. */
class LifetimeTest {
    private val claims = Signer(SDKAPPID, KEY).use { UserSig.inspect(it.userSigAt("alice", 600, NOW)) }

    @Test
    fun `seconds left count down to 0 at the last valid second, then go negative`() {
        assertEquals(600, claims.secondsLeftAt(NOW))
        assertEquals(0, claims.secondsLeftAt(NOW + 600))
        assertEquals(-1, claims.secondsLeftAt(NOW + 601))
        assertEquals(Long.MAX_VALUE, claims.secondsLeftAt(Long.MIN_VALUE))
        assertEquals(Long.MIN_VALUE, claims.copy(expiresAt = -2).secondsLeftAt(Long.MAX_VALUE))
        val left = claims.secondsLeft()
        assertTrue(left in claims.expiresAt - System.currentTimeMillis() / 1000 - 1..claims.expiresAt - System.currentTimeMillis() / 1000 + 1)
    }

    @Test
    fun `renewal is due when fewer than the margin are left`() {
        val margin = 100L
        assertFalse(claims.shouldRenewAt(NOW + 600 - margin, margin)) // left == margin
        assertTrue(claims.shouldRenewAt(NOW + 600 - margin + 1, margin)) // left == margin - 1
        assertFalse(claims.shouldRenewAt(NOW + 600, 0))
        assertTrue(claims.shouldRenewAt(NOW + 601, 0))
        assertTrue(claims.shouldRenew(margin)) // issued in 2023
    }
}
