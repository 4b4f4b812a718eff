package io.github.usersig

import io.github.usersig.TestSupport.KEY
import io.github.usersig.TestSupport.NOW
import io.github.usersig.TestSupport.SDKAPPID
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.net.URI
import java.net.URLDecoder
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong

/** AdminAuth: URLs, the cached token's renewal (clock injected), threads, refused settings, and the fake REST endpoint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAuthTest {
    private val admin = "管理员 ops/1?&=+*"
    private val fake by lazy { FakeRest(SDKAPPID, KEY, admin) }

    @AfterAll
    fun stopFake() = fake.close()

    /** The query of [url], decoded. */
    private fun query(url: String): Map<String, String> =
        URI.create(url).rawQuery.split('&').associate {
            val (name, value) = it.split('=', limit = 2)
            name to URLDecoder.decode(value, "UTF-8")
        }

    @Test
    fun `the defaults are the core's`() {
        AdminAuth(SDKAPPID, KEY).use { auth ->
            assertEquals("administrator", auth.admin)
            assertEquals(3600, auth.validity)
            assertEquals(600, auth.renewMargin)
            assertEquals(coreConstants()["DEFAULT_ADMIN_VALIDITY"], AdminAuth.DEFAULT_ADMIN_VALIDITY)
            assertEquals(coreConstants()["DEFAULT_RENEW_MARGIN"], AdminAuth.DEFAULT_RENEW_MARGIN)
            assertEquals("https://console.tim.qq.com", auth.endpoint)
        }
    }

    @Test
    fun `every region is the core's, with Tencent's host`() {
        val hosts = mapOf(
            Region.CHINA to "console.tim.qq.com", Region.SINGAPORE to "adminapisgp.im.qcloud.com",
            Region.SEOUL to "adminapikr.im.qcloud.com", Region.TOKYO to "adminapijpn.im.qcloud.com",
            Region.FRANKFURT to "adminapiger.im.qcloud.com", Region.MUMBAI to "adminapiind.im.qcloud.com",
            Region.SILICON_VALLEY to "adminapiusa.im.qcloud.com", Region.JAKARTA to "adminapiidn.im.qcloud.com",
        )
        assertEquals(Region.values().toSet(), hosts.keys)
        for ((region, host) in hosts) {
            AdminAuth(SDKAPPID, KEY, endpoint = Endpoint.region(region)).use { assertEquals("https://$host", it.endpoint) }
            AdminAuth(SDKAPPID, KEY, endpoint = Endpoint.region(region.coreName.uppercase())).use { assertEquals("https://$host", it.endpoint) }
        }
        AdminAuth(SDKAPPID, KEY, endpoint = Endpoint.host("im.example.com:8443")).use { assertEquals("https://im.example.com:8443", it.endpoint) }
        AdminAuth(SDKAPPID, KEY, endpoint = Endpoint.url("http://[::1]:8080/")).use { assertEquals("http://[::1]:8080", it.endpoint) }
    }

    @Test
    fun `a URL carries the query Tencent documents, its values percent-encoded`() {
        AdminAuth(SDKAPPID, KEY, admin, Endpoint.region(Region.SINGAPORE), clock = { NOW }).use { auth ->
            val url = auth.url("im_open_login_svc", "account_import")
            val uri = URI.create(url)
            assertEquals("https://adminapisgp.im.qcloud.com/v4/im_open_login_svc/account_import", url.substringBefore('?'))
            assertEquals(listOf("sdkappid", "identifier", "usersig", "random", "contenttype"), uri.rawQuery.split('&').map { it.substringBefore('=') })
            for (value in uri.rawQuery.split('&').map { it.substringAfter('=') }) {
                assertTrue(value.matches(Regex("([A-Za-z0-9._~-]|%[0-9A-F]{2})+")), value)
            }
            val query = query(url)
            assertEquals(SDKAPPID.toString(), query["sdkappid"])
            assertEquals(admin, query["identifier"])
            assertEquals("json", query["contenttype"])
            assertTrue(query.getValue("random").toLong() in 0..0xffff_ffffL, query["random"])
            val token = query.getValue("usersig")
            assertEquals(auth.userSig(), token)
            val claims = Verifier(SDKAPPID, KEY).verifyAt(token, admin, NOW)
            assertEquals(Pair(NOW, 3600L), Pair(claims.issuedAt, claims.expire))
            assertTrue(token.any { it in "*-_" }, token) // Tencent's alphabet, encoded and back
        }
    }

    @Test
    fun `each URL has a new random number and the same token`() {
        AdminAuth(SDKAPPID, KEY, clock = { NOW }).use { auth ->
            val queries = List(20) { query(auth.url("svc", "cmd")) }
            assertEquals(1, queries.map { it["usersig"] }.toSet().size)
            assertTrue(queries.map { it["random"] }.toSet().size > 1)
        }
    }

    @Test
    fun `the token is reused until fewer than the margin are left, then renewed`() {
        val now = AtomicLong(NOW)
        AdminAuth(SDKAPPID, KEY, validity = 3600, renewMargin = 600, clock = now::get).use { auth ->
            val first = auth.userSig()
            assertEquals(NOW, UserSig.inspect(first).issuedAt)
            now.set(NOW + 1000)
            assertEquals(first, query(auth.url("svc", "cmd"))["usersig"])
            now.set(NOW + 3000) // the boundary: 600 s left, not fewer than the margin
            assertEquals(first, auth.userSig())
            now.set(NOW + 3001)
            val renewed = query(auth.url("svc", "cmd")).getValue("usersig")
            assertNotEquals(first, renewed)
            assertEquals(NOW + 3001, UserSig.inspect(renewed).issuedAt)
            assertEquals(renewed, auth.userSigAt(NOW + 3001 + 3000))
            assertNotEquals(renewed, auth.userSigAt(NOW + 3001 + 3001))
        }
    }

    @Test
    fun `a margin of 0 renews only once the token has expired`() {
        AdminAuth(SDKAPPID, KEY, validity = 10, renewMargin = 0).use { auth ->
            val first = auth.userSigAt(NOW)
            assertEquals(first, auth.userSigAt(NOW + 10)) // its last valid second: 0 left
            assertNotEquals(first, auth.userSigAt(NOW + 11))
        }
    }

    @Test
    fun `sixteen threads at the renewal moment get one new token`() {
        val threads = 16
        val ticks = AtomicLong()
        val renewal = NOW + 3001
        var renewing = false
        // Each call past the renewal gets its own second: sixteen mints would differ in TLS.time.
        val clock = { if (renewing) renewal + ticks.getAndIncrement() else NOW }
        AdminAuth(SDKAPPID, KEY, clock = clock).use { auth ->
            val first = auth.userSig()
            renewing = true
            val barrier = CyclicBarrier(threads)
            val pool = Executors.newFixedThreadPool(threads)
            try {
                val tokens = List(threads) {
                    pool.submit<String> {
                        barrier.await()
                        query(auth.url("svc", "cmd")).getValue("usersig")
                    }
                }.map { it.get(60, TimeUnit.SECONDS) }
                assertEquals(threads.toLong(), ticks.get())
                assertEquals(1, tokens.toSet().size, tokens.toString())
                assertNotEquals(first, tokens[0])
                assertTrue(UserSig.inspect(tokens[0]).issuedAt in renewal until renewal + threads)
            } finally {
                pool.shutdownNow()
            }
        }
    }

    @Test
    fun `bad settings are refused with their kinds`() {
        fun kindOf(make: () -> AdminAuth): ErrorKind = assertThrows<InvalidInputException> { make().close() }.kind
        assertEquals(ErrorKind.EMPTY_USER_ID, kindOf { AdminAuth(SDKAPPID, KEY, "") })
        assertEquals(ErrorKind.USER_ID_TOO_LONG, kindOf { AdminAuth(SDKAPPID, KEY, "a".repeat(1025)) })
        assertEquals(ErrorKind.EMPTY_KEY, kindOf { AdminAuth(SDKAPPID, "") })
        assertEquals(ErrorKind.SDK_APP_ID_OUT_OF_RANGE, kindOf { AdminAuth(-1, KEY) })
        assertEquals(ErrorKind.UNKNOWN_REGION, kindOf { AdminAuth(SDKAPPID, KEY, endpoint = Endpoint.region("mars")) })
        for (host in listOf("", "https://im.example.com", "im.example.com/v4", "a b", "user@im.example.com", "im.example.com:0")) {
            assertEquals(ErrorKind.INVALID_ENDPOINT, kindOf { AdminAuth(SDKAPPID, KEY, endpoint = Endpoint.host(host)) }, host)
        }
        for (url in listOf("http://im.example.com", "http://10.0.0.1:80", "ftp://127.0.0.1", "https://im.example.com/path", "im.example.com")) {
            assertEquals(ErrorKind.INVALID_ENDPOINT, kindOf { AdminAuth(SDKAPPID, KEY, endpoint = Endpoint.url(url)) }, url)
        }
        assertEquals(ErrorKind.EXPIRE_OUT_OF_RANGE, kindOf { AdminAuth(SDKAPPID, KEY, validity = 0, renewMargin = 0) })
        for ((validity, margin) in listOf(3600L to 3600L, 3600L to 3601L, 3600L to -1L, 1L to 1L)) {
            assertEquals(ErrorKind.RENEW_MARGIN_OUT_OF_RANGE, kindOf { AdminAuth(SDKAPPID, KEY, validity = validity, renewMargin = margin) })
        }
        assertEquals(ErrorKind.RENEW_MARGIN_OUT_OF_RANGE, kindOf { AdminAuth(SDKAPPID, KEY, renewMargin = AdminAuth.DEFAULT_ADMIN_VALIDITY) })
        assertThrows<IllegalArgumentException> { AdminAuth(SDKAPPID, KEY, "\ud800") }
    }

    @Test
    fun `a service or command outside the REST path's characters is refused`() {
        AdminAuth(SDKAPPID, KEY, clock = { NOW }).use { auth ->
            for (bad in listOf("", "a/b", "a?b", "a b", "a&b", "a%2Fb", "é", "../x", "a#b")) {
                val asService = assertThrows<InvalidInputException> { auth.url(bad, "cmd") }
                assertEquals(ErrorKind.INVALID_REST_PATH, asService.kind, bad)
                val asCommand = assertThrows<InvalidInputException> { auth.urlAt("svc", bad, NOW) }
                assertEquals(ErrorKind.INVALID_REST_PATH, asCommand.kind, bad)
            }
            assertTrue(auth.url("Svc_1.a-b", "cmd").contains("/v4/Svc_1.a-b/cmd?"))
        }
        AdminAuth(SDKAPPID, KEY).use { auth ->
            // A token must be minted, and the time is out of the signer's range.
            assertEquals(ErrorKind.TIME_OUT_OF_RANGE, assertThrows<InvalidInputException> { auth.urlAt("svc", "cmd", -1) }.kind)
        }
    }

    @Test
    fun `toString shows neither the key nor the token, and a closed admin refuses calls`() {
        val auth = AdminAuth(SDKAPPID, KEY, clock = { NOW })
        val token = auth.userSig()
        val text = auth.toString()
        assertFalse(text.contains(KEY) || text.contains(token), text)
        assertTrue(text.contains("administrator") && text.contains("<redacted>"), text)
        auth.close()
        assertThrows<IllegalStateException> { auth.userSig() }
        assertThrows<IllegalStateException> { auth.url("svc", "cmd") }
        auth.close()
    }

    @Test
    fun `the fake REST endpoint accepts the URLs`() {
        AdminAuth(SDKAPPID, KEY, admin, Endpoint.url(fake.baseUrl)).use { auth ->
            val (status, answer) = fake.post(auth.url("im_open_login_svc", "account_import"), """{"UserID":"alice"}""")
            assertEquals(200, status, answer.toString())
            assertEquals("OK", answer.getString("ActionStatus"), answer.toString())
            assertEquals(0, answer.getInt("ErrorCode"))
            assertEquals("im_open_login_svc", answer.getString("Service"))
            assertEquals("account_import", answer.getString("Command"))
            assertEquals("alice", answer.getJSONObject("Body").getString("UserID"))
            val (_, again) = fake.post(auth.url("group_open_http_svc", "get_group_list"), "{}")
            assertEquals(Pair("OK", 0), Pair(again.getString("ActionStatus"), again.getInt("ErrorCode")), again.toString())
        }
    }

    @Test
    fun `the fake REST endpoint's failures come back as Tencent's codes`() {
        AdminAuth(SDKAPPID, KEY, admin, Endpoint.url(fake.baseUrl)).use { auth ->
            val (_, failed) = fake.post(auth.url("fake", "fail"), "{}")
            assertEquals(Pair("FAIL", 90001), Pair(failed.getString("ActionStatus"), failed.getInt("ErrorCode")), failed.toString())
        }
        // A one-second token minted by a clock far behind has expired when the fake checks it.
        AdminAuth(SDKAPPID, KEY, admin, Endpoint.url(fake.baseUrl), validity = 1, renewMargin = 0, clock = { NOW }).use { auth ->
            val (_, expired) = fake.post(auth.url("svc", "cmd"), "{}")
            assertEquals(Pair("FAIL", 70001), Pair(expired.getString("ActionStatus"), expired.getInt("ErrorCode")), expired.toString())
        }
        AdminAuth(SDKAPPID, KEY, "someone else", Endpoint.url(fake.baseUrl)).use { auth ->
            assertEquals(60010, fake.post(auth.url("svc", "cmd"), "{}").second.getInt("ErrorCode")) // not the admin
        }
        AdminAuth(SDKAPPID, "$KEY-other", admin, Endpoint.url(fake.baseUrl)).use { auth ->
            assertEquals(70009, fake.post(auth.url("svc", "cmd"), "{}").second.getInt("ErrorCode"))
        }
    }
}
