package io.github.usersig

import com.sun.jna.Native
import com.sun.jna.Pointer

/*
 * The project's own C ABI (docs/abi.md, bindings/ffi/src/abi), called through JNA's direct
 * mapping with `byte[]` arguments: one crossing per call, the result written into a Java buffer
 * in the ABI's encoding and read here (AbiResult.kt). `size_t` is passed as `long`: the binding
 * runs on 64-bit JVMs only, which [Abi]'s initializer checks.
 */

/** The C functions of docs/abi.md; their contracts are documented there. */
@Suppress("FunctionName")
internal object Abi {
    /** The contract version this binding is written for (docs/abi.md). */
    const val VERSION: Int = 3

    init {
        check(Native.POINTER_SIZE == 8 && Native.SIZE_T_SIZE == 8) { "usersig needs a 64-bit JVM" }
        Native.register(Abi::class.java, NativeLibrary.loadName)
        val version = usersig_abi_version()
        check(version == VERSION) { "usersig's native library has ABI version $version; this JAR needs $VERSION" }
    }

    external fun usersig_abi_version(): Int

    external fun usersig_error_kinds(out: ByteArray, outCap: Long): Long

    external fun usersig_constants(out: ByteArray, outCap: Long): Long

    external fun usersig_signer_new(sdkappid: Long, key: ByteArray, keyLen: Long, handleOut: LongArray, out: ByteArray, outCap: Long): Long

    external fun usersig_signer_free(signer: Pointer)

    external fun usersig_verifier_new(
        sdkappid: Long, keys: ByteArray, keyLens: LongArray, count: Long, handleOut: LongArray, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_verifier_free(verifier: Pointer)

    external fun usersig_signer_user_sig_at(
        signer: Pointer, userId: ByteArray, userIdLen: Long, expire: Long, now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_signer_user_sig_with_userbuf_at(
        signer: Pointer, userId: ByteArray, userIdLen: Long, userbuf: ByteArray, userbufLen: Long,
        expire: Long, now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_signer_private_map_key_at(
        signer: Pointer, userId: ByteArray, userIdLen: Long, roomId: Long, privileges: Long,
        expire: Long, now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_signer_private_map_key_with_room_str_at(
        signer: Pointer, userId: ByteArray, userIdLen: Long, room: ByteArray, roomLen: Long,
        privileges: Long, expire: Long, now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_signer_user_sigs_at(
        signer: Pointer, userIds: ByteArray, userIdLens: LongArray, count: Long, expire: Long, now: Long,
        out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_verifier_verify_at(
        verifier: Pointer, token: ByteArray, tokenLen: Long, userId: ByteArray, userIdLen: Long,
        now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_verifier_verify_with_userbuf_at(
        verifier: Pointer, token: ByteArray, tokenLen: Long, userId: ByteArray, userIdLen: Long,
        userbuf: ByteArray, userbufLen: Long, now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_verifier_verify_any_userbuf_at(
        verifier: Pointer, token: ByteArray, tokenLen: Long, userId: ByteArray, userIdLen: Long,
        now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_inspect(token: ByteArray, tokenLen: Long, out: ByteArray, outCap: Long): Long

    external fun usersig_admin_new(
        sdkappid: Long, key: ByteArray, keyLen: Long, admin: ByteArray, adminLen: Long,
        endpointKind: Long, endpoint: ByteArray, endpointLen: Long, validity: Long, renewMargin: Long,
        handleOut: LongArray, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_admin_free(admin: Pointer)

    external fun usersig_admin_endpoint(admin: Pointer, out: ByteArray, outCap: Long): Long

    external fun usersig_admin_url_at(
        admin: Pointer, service: ByteArray, serviceLen: Long, command: ByteArray, commandLen: Long,
        now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_admin_user_sig_at(admin: Pointer, now: Long, out: ByteArray, outCap: Long): Long

    external fun usersig_chat_callback_new(
        token: ByteArray, tokenLen: Long, hasSdkappid: Long, sdkappid: Long, window: Long, handleOut: LongArray,
        out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_chat_callback_free(verifier: Pointer)

    external fun usersig_chat_callback_verify_query_at(
        verifier: Pointer, query: ByteArray, queryLen: Long, now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_chat_callback_verify_params_at(
        verifier: Pointer, names: ByteArray, nameLens: LongArray, values: ByteArray, valueLens: LongArray, count: Long,
        now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_chat_callback_sign(verifier: Pointer, requestTime: Long, out: ByteArray, outCap: Long): Long

    external fun usersig_trtc_callback_new(
        key: ByteArray, keyLen: Long, hasSdkappid: Long, sdkappid: Long, hasWindow: Long, window: Long,
        handleOut: LongArray, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_trtc_callback_free(verifier: Pointer)

    external fun usersig_trtc_callback_verify_at(
        verifier: Pointer, sign: ByteArray, signLen: Long, sdkappid: ByteArray, sdkappidLen: Long, body: ByteArray, bodyLen: Long,
        now: Long, out: ByteArray, outCap: Long,
    ): Long

    external fun usersig_trtc_callback_sign(verifier: Pointer, body: ByteArray, bodyLen: Long, out: ByteArray, outCap: Long): Long
}

/** Strings stored one after another, with their lengths, as the ABI takes a list of strings. */
internal class StringList(strings: List<String>) {
    private val encoded = strings.map { it.toStrictUtf8() }

    /** The bytes of every string, in order. */
    val bytes: ByteArray = ByteArray(encoded.sumOf { it.size }).also { joined ->
        var at = 0
        for (s in encoded) {
            s.copyInto(joined, at)
            at += s.size
        }
    }

    /** Each string's length in bytes. */
    val lens: LongArray = LongArray(encoded.size) { encoded[it].size.toLong() }

    /** How many strings there are. */
    val count: Long get() = lens.size.toLong()
}

/** A first buffer for a batch of [ids] (docs/abi.md: about 300 + 8 × its bytes per token). */
internal fun batchBuffer(ids: StringList): Int =
    (64 + 300 * ids.count + 8 * ids.bytes.size).coerceAtMost(Int.MAX_VALUE.toLong() - 8).toInt()

/**
 * Runs the constructor [make] (given the handle's out-cell and an output buffer): the new handle,
 * or the error the ABI wrote, thrown.
 */
internal inline fun construct(make: (LongArray, ByteArray) -> Long): Pointer {
    val handle = LongArray(1)
    var out = ByteArray(0)
    var len = make(handle, out)
    if (len == 0L) {
        return Pointer(handle[0])
    }
    if (len > out.size) {
        out = ByteArray(len.toInt())
        len = make(handle, out) // deterministic: refused again, with room for the error now
    }
    checkNoFault(len)
    throw AbiResult(out, len.toInt()).error()
}

/** Large enough for a result whose arguments hold no strings, such as the lists of kinds and constants. */
private const val FIRST_BUFFER = 512

/**
 * A first buffer for the token or claims of a call whose strings (user id, userbuf, room, token)
 * are [inputBytes] long in all: the call's fixed part, and 8 bytes per input byte, more than a
 * token takes for each (docs/abi.md), so that one crossing suffices.
 */
internal fun resultBuffer(inputBytes: Int): Int =
    (FIRST_BUFFER + 8L * inputBytes).coerceAtMost(Int.MAX_VALUE.toLong() - 8).toInt()

/**
 * Runs [crossing] with an output buffer of [first] bytes, once more with a buffer of the exact
 * size if the result did not fit, and reads the result: the value with [read], or the error,
 * which it throws.
 */
internal inline fun <T> readResult(read: (AbiResult) -> T, first: Int = FIRST_BUFFER, crossing: (ByteArray) -> Long): T {
    var out = ByteArray(first)
    var len = crossing(out)
    if (len > out.size) {
        out = ByteArray(len.toInt())
        len = crossing(out)
    }
    checkNoFault(len)
    val result = AbiResult(out, len.toInt())
    if (result.isOk) {
        return read(result)
    }
    throw result.error()
}

/** A negative length is a fault (docs/abi.md): a string that is not UTF-8 (never, from toStrictUtf8) or a panic. */
internal fun checkNoFault(len: Long) {
    check(len > 0) { "usersig's native library failed unexpectedly (fault $len)" }
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
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
        .encode(java.nio.CharBuffer.wrap(this))
    return ByteArray(encoded.remaining()).also { encoded.get(it) }
}
