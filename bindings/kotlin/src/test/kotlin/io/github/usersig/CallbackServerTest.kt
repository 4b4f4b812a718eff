package io.github.usersig

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.net.InetSocketAddress
import java.util.Collections

/**
 * The verifiers behind a real HTTP server (the JDK's, on loopback), fed by the fake sender
 * `usersig-fake-rest callbacks`: it signs callbacks as Tencent does, forges and alters others,
 * and checks each answer. The server also records what it decided, checked here in its own terms.
 */
class CallbackServerTest {
    /** What the server decided for one request: its path, and the command, event type or refusal. */
    private data class Seen(val path: String, val outcome: String)

    @Test
    fun `the fake sender's callbacks are accepted or refused as Tencent's servers would expect`() {
        val seen = Collections.synchronizedList(mutableListOf<Seen>())
        val chat = ChatCallbackVerifier(CHAT_TOKEN, sdkAppId = SDKAPPID)
        val trtc = TrtcCallbackVerifier(TRTC_KEY, sdkAppId = SDKAPPID, window = 60)

        fun handle(exchange: HttpExchange, check: (ByteArray) -> String) {
            val body = exchange.requestBody.readBytes()
            val (status, text) = try {
                Pair(200, "ok ${check(body)}")
            } catch (e: CallbackRejectedException) {
                Pair(403, e.kind.coreName)
            }
            seen += Seen(exchange.requestURI.path, text)
            val bytes = text.toByteArray()
            exchange.sendResponseHeaders(status, bytes.size.toLong())
            exchange.responseBody.use { it.write(bytes) }
        }

        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/chat") { exchange -> handle(exchange) { chat.verifyQuery(exchange.requestURI.rawQuery).command } }
        server.createContext("/trtc") { exchange ->
            handle(exchange) { body ->
                val headers = exchange.requestHeaders
                trtc.verify(headers.getFirst("Sign"), headers.getFirst("SdkAppId"), body).eventType.toString()
            }
        }
        server.start()
        val (exit, lines) = try {
            FakeRest.sendCallbacks("http://127.0.0.1:${server.address.port}", SDKAPPID, CHAT_TOKEN, TRTC_KEY)
        } finally {
            server.stop(0)
            chat.close()
            trtc.close()
        }

        assertEquals(0, exit, lines.joinToString("\n"))
        val answers = lines.dropLast(1).associate { line -> line.split(' ', limit = 3).let { it[1] to it[2] } }
        assertEquals("${answers.size} of ${answers.size} callbacks answered as expected", lines.last())
        assertEquals(answers.values.sorted(), seen.map { it.outcome }.sorted())
        for ((case, kind) in REFUSED) {
            assertEquals(kind, answers[case], case)
        }
        val accepted = seen.filter { it.outcome.startsWith("ok ") }.groupBy({ it.path }, { it.outcome.removePrefix("ok ") })
        assertEquals(
            mapOf(
                "/chat" to listOf("C2C.CallbackAfterSendMsg", "Group.CallbackAfterNewMemberJoin", "Live.CallbackAfterCreateRoom"),
                "/trtc" to listOf("103"),
            ),
            accepted.mapValues { it.value.sorted() },
        )
        assertEquals(REFUSED.size, seen.count { !it.outcome.startsWith("ok ") })
    }

    private companion object {
        const val SDKAPPID = 1400000000L
        const val CHAT_TOKEN = "chat callback token"
        const val TRTC_KEY = "trtc callback key"

        /** The sender's refused cases, each with the kind it must be answered with. */
        val REFUSED = mapOf(
            "chat-forged" to "callback_bad_signature",
            "chat-stale" to "callback_out_of_window",
            "chat-future" to "callback_out_of_window",
            "chat-replayed" to "callback_out_of_window",
            "chat-other-app" to "callback_sdkappid_mismatch",
            "chat-uppercase-sign" to "callback_param_invalid",
            "chat-percent-encoded-sign" to "callback_param_invalid",
            "chat-repeated-sign" to "callback_param_repeated",
            "chat-no-request-time" to "callback_param_missing",
            "chat-request-time-not-a-number" to "callback_param_invalid",
            "trtc-forged" to "callback_bad_signature",
            "trtc-tampered" to "callback_bad_signature",
            "trtc-reencoded" to "callback_bad_signature",
            "trtc-other-app" to "callback_sdkappid_mismatch",
            "trtc-stale" to "callback_out_of_window",
            "trtc-bad-padding" to "callback_param_invalid",
            "trtc-no-sign" to "callback_param_missing",
        )
    }
}
