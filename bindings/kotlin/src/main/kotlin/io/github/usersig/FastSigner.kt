package io.github.usersig

import com.sun.jna.Native
import com.sun.jna.Pointer
import io.github.usersig.ffi.UniffiLib
import java.nio.CharBuffer
import java.nio.charset.CodingErrorAction
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong

/**
 * The one-crossing path for minting a single token: the plain C functions of the FFI crate's
 * `fast` module, called through JNA's direct mapping with `byte[]` arguments.
 *
 * UniFFI's generated methods cost about 60 µs per token on the JVM (a handle clone, `RustBuffer`
 * and call-status structures on every call) against 2 µs of signing; this path costs about 3 µs.
 * It answers only with a token or `null`: on `null` the caller repeats the call through UniFFI,
 * which throws the typed exception, so every error is still described in one place.
 *
 * The native signer is freed by [close] or, once this object is unreachable, by UniFFI's cleaner.
 * A call counter keeps it alive while a call is running, exactly as UniFFI's generated objects do:
 * closing during a call frees it when the call ends, and calls after [close] throw
 * [IllegalStateException].
 */
internal class FastSigner(sdkAppId: Long, key: String) : AutoCloseable {
    private val handle: Pointer = key.toStrictUtf8().let { bytes ->
        FastAbi.usersig_ffi_fast_signer_new(sdkAppId, bytes, bytes.size)
    } ?: throw IllegalStateException("the native library refused a key and sdkappid that UniFFI accepted")

    private val cleanable = UniffiLib.CLEANER.register(this, Free(handle))
    private val callCounter = AtomicLong(1)
    private val closed = AtomicBoolean(false)

    /** A UserSig, or null if the inputs are refused. */
    fun userSigAt(userId: String, expire: Long, now: Long): String? {
        val id = userId.toStrictUtf8()
        return mint { signer, out ->
            FastAbi.usersig_ffi_fast_user_sig_at(signer, id, id.size, expire, now, out, out.size)
        }
    }

    /** A UserSig carrying [userbuf], or null if the inputs are refused. */
    fun userSigWithUserbufAt(userId: String, userbuf: ByteArray, expire: Long, now: Long): String? {
        val id = userId.toStrictUtf8()
        return mint { signer, out ->
            FastAbi.usersig_ffi_fast_user_sig_with_userbuf_at(
                signer, id, id.size, userbuf, userbuf.size, expire, now, out, out.size,
            )
        }
    }

    /** A PrivateMapKey for a numeric room, or null if the inputs are refused. */
    fun privateMapKeyAt(userId: String, roomId: Long, privileges: Long, expire: Long, now: Long): String? {
        val id = userId.toStrictUtf8()
        return mint { signer, out ->
            FastAbi.usersig_ffi_fast_private_map_key_at(
                signer, id, id.size, roomId, privileges, expire, now, out, out.size,
            )
        }
    }

    /** A PrivateMapKey for a string room, or null if the inputs are refused. */
    fun privateMapKeyAt(userId: String, roomStr: String, privileges: Long, expire: Long, now: Long): String? {
        val id = userId.toStrictUtf8()
        val room = roomStr.toStrictUtf8()
        return mint { signer, out ->
            FastAbi.usersig_ffi_fast_private_map_key_with_room_str_at(
                signer, id, id.size, room, room.size, privileges, expire, now, out, out.size,
            )
        }
    }

    /** Frees the native signer, at once or when the running calls end. A second call does nothing. */
    override fun close() {
        if (closed.compareAndSet(false, true)) {
            release()
        }
    }

    /**
     * Runs [call] on the live handle with an output buffer, once more with a buffer of the exact
     * size if the token did not fit, and decodes the token (base64 text, so ASCII).
     */
    private inline fun mint(call: (Pointer, ByteArray) -> Int): String? {
        acquire()
        try {
            var out = ByteArray(FIRST_BUFFER)
            var len = call(handle, out)
            if (len > out.size) {
                out = ByteArray(len)
                len = call(handle, out)
            }
            return if (len < 0) null else String(out, 0, len, Charsets.ISO_8859_1)
        } finally {
            release()
        }
    }

    private fun acquire() {
        do {
            val count = callCounter.get()
            check(count != 0L) { "this Signer has been closed" }
            check(count != Long.MAX_VALUE) { "too many calls are running on this Signer" }
        } while (!callCounter.compareAndSet(count, count + 1))
    }

    private fun release() {
        if (callCounter.decrementAndGet() == 0L) {
            cleanable.clean()
        }
    }

    /** The cleaner's action; a separate class so that it holds the handle and not the signer. */
    private class Free(private val handle: Pointer) : Runnable {
        override fun run() = FastAbi.usersig_ffi_fast_signer_free(handle)
    }

    private companion object {
        /** Large enough for a UserSig or PrivateMapKey of a user id of up to about 100 bytes. */
        const val FIRST_BUFFER = 512
    }
}

/** The C functions of the FFI crate's `fast` module; their contracts are documented there. */
@Suppress("FunctionName")
private object FastAbi {
    init {
        Native.register(FastAbi::class.java, NativeLibrary.loadName)
    }

    external fun usersig_ffi_fast_signer_new(sdkappid: Long, key: ByteArray, keyLen: Int): Pointer?

    external fun usersig_ffi_fast_signer_free(signer: Pointer)

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
}

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
