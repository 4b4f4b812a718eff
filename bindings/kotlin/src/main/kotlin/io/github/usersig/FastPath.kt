package io.github.usersig

import com.sun.jna.Native
import com.sun.jna.Pointer
import io.github.usersig.ffi.Claims as FfiClaims
import io.github.usersig.ffi.FfiConverterString
import io.github.usersig.ffi.FfiConverterTypeClaims
import io.github.usersig.ffi.FfiConverterTypeUserSigError
import io.github.usersig.ffi.UniffiLib
import java.nio.ByteBuffer
import java.nio.CharBuffer
import java.nio.charset.CodingErrorAction
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong

/*
 * The one-crossing path for the per-token calls: the plain C functions of the FFI crate's `fast`
 * module (bindings/ffi/src/fast.rs), called through JNA's direct mapping with `byte[]` arguments.
 *
 * UniFFI's generated methods cost about 60 µs a call on the JVM (a handle clone, `RustBuffer` and
 * call-status structures on every call) against 2 µs of signing; this path costs about 3 µs. The
 * C functions run the same Rust methods as the generated ones and answer in UniFFI's own
 * serialization, which the generated converters read here: a value arrives as the generated
 * record, an error as the generated `UserSigException`, exactly as through UniFFI.
 */

/** A signer behind the fast path; its methods are [io.github.usersig.ffi.Signer]'s. */
internal class FastSigner(sdkAppId: Long, key: String) :
    NativeHandle(key.toStrictUtf8().let { FastAbi.usersig_ffi_fast_signer_new(sdkAppId, it, it.size) }, FastAbi::usersig_ffi_fast_signer_free) {

    fun userSigAt(userId: String, expire: Long, now: Long): String {
        val id = userId.toStrictUtf8()
        return call(FfiConverterString::read) { signer, out ->
            FastAbi.usersig_ffi_fast_user_sig_at(signer, id, id.size, expire, now, out, out.size)
        }
    }

    fun userSigWithUserbufAt(userId: String, userbuf: ByteArray, expire: Long, now: Long): String {
        val id = userId.toStrictUtf8()
        return call(FfiConverterString::read) { signer, out ->
            FastAbi.usersig_ffi_fast_user_sig_with_userbuf_at(
                signer, id, id.size, userbuf, userbuf.size, expire, now, out, out.size,
            )
        }
    }

    fun privateMapKeyAt(userId: String, roomId: Long, privileges: Long, expire: Long, now: Long): String {
        val id = userId.toStrictUtf8()
        return call(FfiConverterString::read) { signer, out ->
            FastAbi.usersig_ffi_fast_private_map_key_at(signer, id, id.size, roomId, privileges, expire, now, out, out.size)
        }
    }

    fun privateMapKeyAt(userId: String, roomStr: String, privileges: Long, expire: Long, now: Long): String {
        val id = userId.toStrictUtf8()
        val room = roomStr.toStrictUtf8()
        return call(FfiConverterString::read) { signer, out ->
            FastAbi.usersig_ffi_fast_private_map_key_with_room_str_at(
                signer, id, id.size, room, room.size, privileges, expire, now, out, out.size,
            )
        }
    }
}

/** A verifier behind the fast path; its methods are [io.github.usersig.ffi.Verifier]'s. */
internal class FastVerifier(sdkAppId: Long, keys: List<String>) :
    NativeHandle(newVerifier(sdkAppId, keys), FastAbi::usersig_ffi_fast_verifier_free) {

    fun verifyAt(token: String, userId: String, now: Long): FfiClaims {
        val tokenBytes = token.toStrictUtf8()
        val id = userId.toStrictUtf8()
        return call(FfiConverterTypeClaims::read) { verifier, out ->
            FastAbi.usersig_ffi_fast_verify_at(verifier, tokenBytes, tokenBytes.size, id, id.size, now, out, out.size)
        }
    }

    fun verifyWithUserbufAt(token: String, userId: String, userbuf: ByteArray, now: Long): FfiClaims {
        val tokenBytes = token.toStrictUtf8()
        val id = userId.toStrictUtf8()
        return call(FfiConverterTypeClaims::read) { verifier, out ->
            FastAbi.usersig_ffi_fast_verify_with_userbuf_at(
                verifier, tokenBytes, tokenBytes.size, id, id.size, userbuf, userbuf.size, now, out, out.size,
            )
        }
    }

    private companion object {
        /** The keys one after another, with their lengths, as the C function takes them. */
        fun newVerifier(sdkAppId: Long, keys: List<String>): Pointer? {
            val encoded = keys.map { it.toStrictUtf8() }
            val joined = ByteArray(encoded.sumOf { it.size })
            var at = 0
            for (key in encoded) {
                key.copyInto(joined, at)
                at += key.size
            }
            val lens = IntArray(encoded.size) { encoded[it].size }
            return FastAbi.usersig_ffi_fast_verifier_new(sdkAppId, joined, lens, lens.size)
        }
    }
}

/** [io.github.usersig.ffi.inspect] through the fast path. */
internal fun fastInspect(token: String): FfiClaims {
    val tokenBytes = token.toStrictUtf8()
    return readResult(FfiConverterTypeClaims::read) { out ->
        FastAbi.usersig_ffi_fast_inspect(tokenBytes, tokenBytes.size, out, out.size)
    }
}

/**
 * A native object of the fast path, freed by [close] or, once unreachable, by UniFFI's cleaner.
 * A call counter keeps it alive while a call runs, exactly as UniFFI's generated objects do:
 * closing during a call frees it when the call ends, and calls after [close] throw
 * [IllegalStateException].
 *
 * @param handle the object, or null if the C function refused the arguments that UniFFI's
 *   constructor has just accepted, which would be a bug.
 */
internal abstract class NativeHandle(handle: Pointer?, free: (Pointer) -> Unit) : AutoCloseable {
    /** The native object; use it only inside [call]. */
    protected val handle: Pointer = checkNotNull(handle) { "the native library refused what UniFFI accepted" }
    private val cleanable = UniffiLib.CLEANER.register(this, Free(this.handle, free))
    private val callCounter = AtomicLong(1)
    private val closed = AtomicBoolean(false)

    /** Runs [crossing] on the live handle and reads its result with [read] (see [readResult]). */
    protected inline fun <T> call(read: (ByteBuffer) -> T, crossing: (Pointer, ByteArray) -> Int): T {
        acquire()
        try {
            return readResult(read) { out -> crossing(handle, out) }
        } finally {
            release()
        }
    }

    /** Counts a call in, or throws [IllegalStateException] once the object is closed. */
    protected fun acquire() {
        do {
            val count = callCounter.get()
            check(count != 0L) { "this object has been closed" }
            check(count != Long.MAX_VALUE) { "too many calls are running on this object" }
        } while (!callCounter.compareAndSet(count, count + 1))
    }

    /** Counts a call out (or the creation's count, from [close]); the last one out frees the object. */
    protected fun release() {
        if (callCounter.decrementAndGet() == 0L) {
            cleanable.clean()
        }
    }

    /** Frees the native object, at once or when the running calls end. A second call does nothing. */
    override fun close() {
        if (closed.compareAndSet(false, true)) {
            release()
        }
    }

    /** The cleaner's action; a separate class so that it holds the handle and not the object. */
    private class Free(private val handle: Pointer, private val free: (Pointer) -> Unit) : Runnable {
        override fun run() = free(handle)
    }
}

/** Large enough for a token or claims of a user id of up to about 100 bytes. */
private const val FIRST_BUFFER = 512

/** The tag byte of a result holding a value (`fast::OK`); otherwise it holds an error. */
private const val OK: Byte = 0

/**
 * Runs [crossing] with an output buffer, once more with a buffer of the exact size if the result
 * did not fit, and reads the result: the value with [read], or the error, which it throws.
 */
internal inline fun <T> readResult(read: (ByteBuffer) -> T, crossing: (ByteArray) -> Int): T {
    var out = ByteArray(FIRST_BUFFER)
    var len = crossing(out)
    if (len > out.size) {
        out = ByteArray(len)
        len = crossing(out)
    }
    // Negative: a string that is not UTF-8 (never, from toStrictUtf8) or a panic in Rust.
    check(len > 0) { "usersig's native library failed unexpectedly (code $len)" }
    val result = ByteBuffer.wrap(out, 1, len - 1)
    if (out[0] == OK) {
        return read(result)
    }
    throw FfiConverterTypeUserSigError.read(result)
}

/** The C functions of the FFI crate's `fast` module; their contracts are documented there. */
@Suppress("FunctionName")
internal object FastAbi {
    init {
        Native.register(FastAbi::class.java, NativeLibrary.loadName)
    }

    external fun usersig_ffi_fast_signer_new(sdkappid: Long, key: ByteArray, keyLen: Int): Pointer?

    external fun usersig_ffi_fast_signer_free(signer: Pointer)

    external fun usersig_ffi_fast_verifier_new(sdkappid: Long, keys: ByteArray, keyLens: IntArray, count: Int): Pointer?

    external fun usersig_ffi_fast_verifier_free(verifier: Pointer)

    external fun usersig_ffi_fast_user_sig_at(
        signer: Pointer, userId: ByteArray, userIdLen: Int, expire: Long, now: Long,
        out: ByteArray, outCap: Int,
    ): Int

    external fun usersig_ffi_fast_user_sig_with_userbuf_at(
        signer: Pointer, userId: ByteArray, userIdLen: Int, userbuf: ByteArray, userbufLen: Int,
        expire: Long, now: Long, out: ByteArray, outCap: Int,
    ): Int

    external fun usersig_ffi_fast_private_map_key_at(
        signer: Pointer, userId: ByteArray, userIdLen: Int, roomId: Long, privileges: Long,
        expire: Long, now: Long, out: ByteArray, outCap: Int,
    ): Int

    external fun usersig_ffi_fast_private_map_key_with_room_str_at(
        signer: Pointer, userId: ByteArray, userIdLen: Int, room: ByteArray, roomLen: Int,
        privileges: Long, expire: Long, now: Long, out: ByteArray, outCap: Int,
    ): Int

    external fun usersig_ffi_fast_verify_at(
        verifier: Pointer, token: ByteArray, tokenLen: Int, userId: ByteArray, userIdLen: Int,
        now: Long, out: ByteArray, outCap: Int,
    ): Int

    external fun usersig_ffi_fast_verify_with_userbuf_at(
        verifier: Pointer, token: ByteArray, tokenLen: Int, userId: ByteArray, userIdLen: Int,
        userbuf: ByteArray, userbufLen: Int, now: Long, out: ByteArray, outCap: Int,
    ): Int

    external fun usersig_ffi_fast_inspect(token: ByteArray, tokenLen: Int, out: ByteArray, outCap: Int): Int
}

/** The system clock in Unix seconds, as the core's `unix_now` reads it. */
internal fun unixNow(): Long = System.currentTimeMillis() / 1000

/**
 * This string as UTF-8, throwing [java.nio.charset.CharacterCodingException] for a lone surrogate
 * where [String.toByteArray] would silently write `?`.
 */
internal fun String.toStrictUtf8(): ByteArray {
    if (none { it.isSurrogate() }) {
        return toByteArray(Charsets.UTF_8)
    }
    val encoded = Charsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .encode(CharBuffer.wrap(this))
    return ByteArray(encoded.remaining()).also { encoded.get(it) }
}
