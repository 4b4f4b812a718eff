package io.github.usersig

import org.json.JSONObject
import java.io.ByteArrayOutputStream
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.Base64
import java.util.zip.Deflater
import java.util.zip.Inflater

/** Values and helpers shared by the tests. */
object TestSupport {
    /** The key of the spec's worked examples. */
    const val KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"

    /** The sdkappid of the spec's worked examples. */
    const val SDKAPPID = 1400000000L

    /** The issue time of the spec's worked examples. */
    const val NOW = 1700000000L

    /** The folder of the test vectors (core/tests/vectors): USERSIG_VECTORS, then -Dusersig.vectors (set by the POM), then the default. */
    fun vectorsDir(): Path = Paths.get(
        System.getenv("USERSIG_VECTORS") ?: System.getProperty("usersig.vectors") ?: "../../core/tests/vectors",
    )

    /** The official library's vectors, one JSON object each. */
    val vectors: List<JSONObject> by lazy {
        Files.readAllLines(vectorsDir().resolve("official-python.jsonl")).filter { it.isNotBlank() }.map(::JSONObject)
    }

    /** [bytes] as lowercase hex. */
    fun hex(bytes: ByteArray): String = bytes.joinToString("") { "%02x".format(it) }

    /** The bytes of a hex string. */
    fun unhex(s: String): ByteArray = ByteArray(s.length / 2) { s.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

    /** A token around [json]: zlib, then Tencent's base64 (`+/=` written `*-_`). */
    fun encodeToken(json: String, level: Int = Deflater.DEFAULT_COMPRESSION): String {
        val deflater = Deflater(level)
        deflater.setInput(json.toByteArray(Charsets.UTF_8))
        deflater.finish()
        val out = ByteArrayOutputStream()
        val buf = ByteArray(4096)
        while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf))
        deflater.end()
        return Base64.getEncoder().encodeToString(out.toByteArray()).replace('+', '*').replace('/', '-').replace('=', '_')
    }

    /** The JSON inside a token, decoded with the JDK only: base64, zlib, org.json. */
    fun decodeToken(token: String): JSONObject {
        val inflater = Inflater()
        inflater.setInput(Base64.getDecoder().decode(token.replace('*', '+').replace('-', '/').replace('_', '=')))
        val out = ByteArrayOutputStream()
        val buf = ByteArray(4096)
        while (!inflater.finished()) {
            val n = inflater.inflate(buf)
            check(n > 0 || !inflater.needsInput()) { "truncated zlib stream" }
            out.write(buf, 0, n)
        }
        inflater.end()
        return JSONObject(String(out.toByteArray(), Charsets.UTF_8))
    }
}
