package io.github.usersig

/**
 * One result of the ABI (docs/abi.md, "Results"): a tag byte, then the value or the error, in
 * little-endian integers and `u32`-length-prefixed strings. Reads move forward through the
 * first [length] bytes of [buf]; reading past them is a bug in the library and throws.
 */
internal class AbiResult(private val buf: ByteArray, private val length: Int) {
    private var at = 1

    /** Whether the tag says the result holds a value (0) rather than an error (1). */
    val isOk: Boolean get() = buf[0] == OK

    private fun take(n: Int): Int {
        check(n in 0..length - at) { "usersig's native library wrote a truncated result" }
        return at.also { at += n }
    }

    fun u8(): Int = buf[take(1)].toInt() and 0xff

    fun i32(): Int {
        val p = take(4)
        return (buf[p].toInt() and 0xff) or ((buf[p + 1].toInt() and 0xff) shl 8) or
            ((buf[p + 2].toInt() and 0xff) shl 16) or (buf[p + 3].toInt() shl 24)
    }

    fun i64(): Long = (i32().toLong() and 0xffffffffL) or (i32().toLong() shl 32)

    fun bytes(): ByteArray {
        val n = i32().toLong() and 0xffffffffL
        check(n <= Int.MAX_VALUE) { "usersig's native library wrote a truncated result" }
        val p = take(n.toInt())
        return buf.copyOfRange(p, p + n.toInt())
    }

    fun str(): String {
        val n = i32()
        val p = take(n)
        return String(buf, p, n, Charsets.UTF_8)
    }

    /** A token: the rest of the result, ASCII. */
    fun token(): String = String(buf, at, length - at, Charsets.ISO_8859_1).also { at = length }

    /** A token list: a count, then one string of the tokens joined by newlines. */
    fun tokens(): List<String> {
        val count = i32()
        val n = i32()
        val joined = String(buf, take(n), n, Charsets.ISO_8859_1)
        if (count == 0) return emptyList()
        return joined.split('\n').also { check(it.size == count) { "a batch of $count tokens holds ${it.size}" } }
    }

    /** Claims, field by field as docs/abi.md lists them. */
    fun claims(): Claims {
        val userId = str()
        val sdkAppId = i64()
        val issuedAt = i64()
        val expire = i64()
        val expiresAt = i64()
        val userbuf = if (u8() == 1) bytes() else null
        val grant = when (val room = u8()) {
            0 -> null
            else -> {
                val grantUser = str()
                val grantApp = i64()
                val grantRoom = if (room == 1) Room.Numeric(i64()) else Room.Named(str())
                Grant(grantUser, grantApp, grantRoom, i64(), i64())
            }
        }
        return Claims(userId, sdkAppId, issuedAt, expire, expiresAt, userbuf, grant, str())
    }

    /** A Chat callback: its command, sdkappid, request time, then its other parameters, grouped by name in order of first appearance. */
    fun chatCallback(): ChatCallback {
        val command = str()
        val sdkAppId = i64()
        val requestTime = i64()
        val params = LinkedHashMap<String, MutableList<String>>()
        repeat(i32()) {
            val name = str()
            params.getOrPut(name, ::ArrayList).add(str())
        }
        return ChatCallback(command, sdkAppId, requestTime, params)
    }

    /** A TRTC callback: its sdkappid, then its event group, event type and time, each when present. */
    fun trtcCallback(): TrtcCallback {
        val sdkAppId = i64()
        fun optional(): Long? = if (u8() == 1) i64() else null
        return TrtcCallback(sdkAppId, optional(), optional(), optional())
    }

    /** The error, as this package's exception (see [exceptionFor]). */
    fun error(): UserSigException {
        val kind = str()
        val code = i32()
        val message = str()
        val fields = HashMap<String, Any>()
        repeat(u8()) {
            val name = str()
            fields[name] = when (val type = u8()) {
                'i'.code -> i64()
                's'.code -> str()
                else -> error("usersig's native library wrote a field of unknown type $type")
            }
        }
        return exceptionFor(kind, code, message, fields)
    }

    /** Every error kind's name and Tencent code (0 for none), in the core's order. */
    fun kinds(): List<Pair<String, Int>> = List(i32()) { Pair(str(), i32()) }

    /** Every constant's name and value. */
    fun constants(): Map<String, Long> = LinkedHashMap<String, Long>().apply { repeat(i32()) { put(str(), i64()) } }

    private companion object {
        const val OK: Byte = 0
    }
}

/** The core's error kinds with their Tencent codes, as the library exports them. */
internal fun coreErrorKinds(): List<Pair<String, Int>> =
    readResult(AbiResult::kinds) { out -> Abi.usersig_error_kinds(out, out.size.toLong()) }

/** The core's constants, as the library exports them. */
internal fun coreConstants(): Map<String, Long> =
    readResult(AbiResult::constants) { out -> Abi.usersig_constants(out, out.size.toLong()) }

/** The core's constant [name], loading the library first. */
internal fun coreConstant(name: String): Long {
    NativeLibrary.ensureLoaded()
    return coreConstants().getValue(name)
}
