package io.github.usersig

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import io.github.usersig.TestSupport.KEY
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.json.JSONObject
import org.junit.jupiter.api.Test
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/** The Kotlin examples of README.md, as they are written there (Java's are in JavaApiTest). */
class ReadmeTest {
    private val key = KEY

    @Test
    fun `the Sign section`() {
        val signer = Signer(1400000000, key)          // thread-safe: make one, share it
        val userSig = signer.userSig("alice")         // valid for 180 days
        val shortLived = signer.userSig("alice", expire = 3600)

        // TRTC PrivateMapKeys: a numeric or a string room, privileges as bits
        val host = signer.privateMapKey("alice", 1234, Privileges.ALL, expire = 300)
        val audience = signer.privateMapKey(
            "bob", "lobby", Privileges.ENTER_ROOM or Privileges.RECEIVE_AUDIO or Privileges.RECEIVE_VIDEO,
        )

        // Many users at once: one call into the native library for the whole list
        val tokens: List<String> = signer.userSigs(listOf("u1", "u2", "u3"))

        assertEquals(UserSig.DEFAULT_EXPIRE, UserSig.inspect(userSig).expire)
        assertEquals(3600, UserSig.inspect(shortLived).expire)
        assertEquals(Room.Numeric(1234), UserSig.inspect(host).grant!!.room)
        assertEquals(42, UserSig.inspect(audience).grant!!.privileges)
        assertEquals(listOf("u1", "u2", "u3"), tokens.map { UserSig.inspect(it).userId })
    }

    @Test
    fun `the Verify section`() {
        val token = Signer(1400000000, key).userSig("alice")
        val pmk = Signer(1400000000, key).privateMapKey("alice", 1234, Privileges.ALL, expire = 300)
        val expectedUserbuf = UserSig.inspect(pmk).userbuf!!
        val printed = mutableListOf<String>()
        fun println(line: String) = printed.add(line)

        val verifier = Verifier(1400000000, key)      // or Verifier(id, oldKey, newKey) while rotating
        try {
            val claims = verifier.verify(token, "alice")
            println("valid until ${claims.expiresAt}")
        } catch (e: ExpiredTokenException) {
            println("expired at ${e.expiredAt} (Tencent code ${e.tencentCode})")   // 70001
        } catch (e: TokenRejectedException) {
            println("${e.kind}: ${e.message} (Tencent code ${e.tencentCode})")
        }

        // A PrivateMapKey is no login token: verify refuses it (UnexpectedUserbufException).
        // Verify it with verifyAnyUserbuf and judge its grant, or with the exact grant bytes expected:
        val grant = verifier.verifyAnyUserbuf(pmk, "alice").grant
        verifier.verifyWithUserbuf(pmk, "alice", expectedUserbuf)

        // Decode without the key (nothing checked), for support:
        val claims = UserSig.inspect(token)

        assertEquals(listOf("valid until ${claims.expiresAt}"), printed)
        assertEquals(Room.Numeric(1234), grant!!.room)
    }

    @Test
    fun `the REST API section, against the fake endpoint`() {
        FakeRest(1400000000, key).use { fake ->
            val endpoint = Endpoint.url(fake.baseUrl)               // README: Endpoint.region(Region.SINGAPORE)
            val auth = AdminAuth(1400000000, key, endpoint = endpoint)   // thread-safe: make one, share it
            val http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

            val request = HttpRequest.newBuilder(URI.create(auth.url("im_open_login_svc", "account_import")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""{"UserID":"alice"}"""))
                .build()
            val answer = http.send(request, HttpResponse.BodyHandlers.ofString()).body()

            // The fake started without --admin expects the core's default admin: AdminAuth's is the same.
            val json = JSONObject(answer)
            assertEquals("OK", json.getString("ActionStatus"), answer)
            assertEquals(0, json.getInt("ErrorCode"))
            assertEquals("alice", json.getJSONObject("Body").getString("UserID"))
        }
    }

    @Test
    fun `the Checking Tencent's callbacks section, against the fake sender`() {
        val chatCallbackToken = "chat callback token"
        val trtcCallbackKey = "trtc callback key"

        // Thread-safe: make one of each, share them
        val chat = ChatCallbackVerifier(chatCallbackToken, sdkAppId = 1400000000)
        val trtc = TrtcCallbackVerifier(trtcCallbackKey, sdkAppId = 1400000000, window = 60)

        fun answer(exchange: HttpExchange, status: Int, text: String) {
            val bytes = text.toByteArray()
            exchange.sendResponseHeaders(status, bytes.size.toLong())
            exchange.responseBody.use { it.write(bytes) }
        }

        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)   // README: port 8080
        server.createContext("/chat") { exchange ->
            exchange.requestBody.readBytes()
            try {
                // The raw query, as received: a decoded one hides a percent-encoded Sign
                val callback = chat.verifyQuery(exchange.requestURI.rawQuery)
                answer(exchange, 200, "ok ${callback.command}")
            } catch (e: CallbackRejectedException) {
                answer(exchange, 403, e.kind.coreName)       // such as callback_bad_signature
            }
        }
        server.createContext("/trtc") { exchange ->
            val body = exchange.requestBody.readBytes()       // the raw bytes: the signature covers them
            val headers = exchange.requestHeaders
            try {
                val event = trtc.verify(headers.getFirst("Sign"), headers.getFirst("SdkAppId"), body)
                answer(exchange, 200, "ok ${event.eventType}")
            } catch (e: CallbackRejectedException) {
                answer(exchange, 403, e.kind.coreName)
            }
        }
        server.start()

        try {
            val (exit, lines) = FakeRest.sendCallbacks(
                "http://127.0.0.1:${server.address.port}", 1400000000, chatCallbackToken, trtcCallbackKey,
            )
            assertEquals(0, exit, lines.joinToString("\n"))
            assertTrue(lines.size > 1 && lines.dropLast(1).all { it.startsWith("PASS ") }, lines.joinToString("\n"))
        } finally {
            server.stop(0)
        }
    }
}
