package io.github.usersig

import org.json.JSONObject
import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.TimeUnit

/**
 * The fake of Tencent's REST endpoint (scripts/fake-rest), run on loopback for [sdkAppId] and
 * [key], for the admin [admin] (the fake's default, `administrator`, when null). It serves until
 * [close] closes its standard input. The binary is USERSIG_FAKE_REST, else -Dusersig.fakeRest
 * (set by the POM to cargo's debug build, which scripts/test-kotlin.sh makes).
 */
class FakeRest(sdkAppId: Long, key: String, admin: String? = null) : AutoCloseable {
    private val process: Process = ProcessBuilder(
        listOf(binary().path, "--sdkappid", sdkAppId.toString(), "--key", key) +
            (if (admin == null) emptyList() else listOf("--admin", admin)),
    ).redirectError(ProcessBuilder.Redirect.INHERIT).start()

    /** The fake's base URL, `http://127.0.0.1:PORT`: its first line of output. */
    val baseUrl: String = BufferedReader(InputStreamReader(process.inputStream, Charsets.UTF_8)).readLine()
        ?: error("usersig-fake-rest exited without printing its URL (exit code ${process.waitFor()})")

    /** POSTs [body] to [url]; the answer's status and JSON. */
    fun post(url: String, body: String): Pair<Int, JSONObject> {
        val request = HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build()
        val response = HTTP.send(request, HttpResponse.BodyHandlers.ofString())
        return Pair(response.statusCode(), JSONObject(response.body()))
    }

    /** Closes the fake's standard input, on which it exits, and waits for it. */
    override fun close() {
        process.outputStream.close()
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            error("usersig-fake-rest did not exit when its standard input closed")
        }
    }

    companion object {
        private val HTTP: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

        /**
         * Runs the fake's callback sender (`usersig-fake-rest callbacks`) against the server at
         * [url], signing for [sdkAppId] with [chatToken] and [trtcKey]: its exit code and its
         * lines, one per case (`PASS <case> <answer>` or `FAIL <case> expected .. got ..`), then a
         * count (`20 of 20 callbacks answered as expected`).
         */
        fun sendCallbacks(url: String, sdkAppId: Long, chatToken: String, trtcKey: String): Pair<Int, List<String>> {
            val process = ProcessBuilder(
                binary().path, "callbacks", "--url", url, "--sdkappid", sdkAppId.toString(),
                "--chat-token", chatToken, "--trtc-key", trtcKey,
            ).redirectError(ProcessBuilder.Redirect.INHERIT).start()
            process.outputStream.close()
            val lines = process.inputStream.bufferedReader(Charsets.UTF_8).readLines()
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                error("usersig-fake-rest callbacks did not exit")
            }
            return Pair(process.exitValue(), lines)
        }

        /** The fake's binary; its absence fails the test that needs it, with how to build it. */
        fun binary(): File {
            val path = System.getenv("USERSIG_FAKE_REST") ?: System.getProperty("usersig.fakeRest")
                ?: "../../target/debug/usersig-fake-rest"
            return File(path).also {
                check(it.canExecute()) { "no usersig-fake-rest at $path: run `cargo build -p usersig-fake-rest` (scripts/test-kotlin.sh does)" }
            }
        }
    }
}
