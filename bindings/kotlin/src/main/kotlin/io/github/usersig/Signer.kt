package io.github.usersig

/**
 * Mints UserSigs and PrivateMapKeys for one application. Thread-safe: share one per key.
 *
 * ```kotlin
 * val signer = Signer(1400000000, key)
 * val userSig = signer.userSig("alice")                       // valid for 180 days
 * val pmk = signer.privateMapKey("alice", 10000, Privileges.ALL, expire = 300)
 * ```
 *
 * Methods without a clock read the system's; their `...At` twins take `now` in Unix seconds.
 * [close] frees the native signer at once; otherwise it is freed once unreachable. [toString] never
 * shows the key.
 *
 * @param sdkAppId the application's SDKAppID, 0 to 4294967295.
 * @param key the application's secret key from the console, as text.
 * @throws InvalidInputException if the key is empty or the sdkappid out of range.
 */
public class Signer(sdkAppId: Long, key: String) : AutoCloseable {
    /** The one native signer (docs/abi.md); every call is one crossing. */
    private val native: NativeHandle = run {
        NativeLibrary.ensureLoaded()
        val keyBytes = strict { key.toStrictUtf8() }
        try {
            NativeHandle(
                construct { handle, out -> Abi.usersig_signer_new(sdkAppId, keyBytes, keyBytes.size.toLong(), handle, out, out.size.toLong()) },
                Abi::usersig_signer_free,
            )
        } finally {
            keyBytes.fill(0)
        }
    }

    /** The application this signer mints tokens for. */
    public val sdkAppId: Long = sdkAppId

    /**
     * A UserSig for [userId], valid for [expire] seconds from now.
     *
     * @throws InvalidInputException if the user id is empty, too long or holds a control character
     *   ([UserIdControlCharException]), or [expire] is not 1 s to 50 years.
     */
    @JvmOverloads
    public fun userSig(userId: String, expire: Long = UserSig.DEFAULT_EXPIRE): String =
        userSigAt(userId, expire, unixNow())

    /** A UserSig for [userId] issued at [now] (Unix seconds), valid for [expire] seconds. */
    public fun userSigAt(userId: String, expire: Long, now: Long): String {
        val id = strict { userId.toStrictUtf8() }
        return native.use { signer ->
            readResult(AbiResult::token, resultBuffer(id.size)) { out ->
                Abi.usersig_signer_user_sig_at(signer, id, id.size.toLong(), expire, now, out, out.size.toLong())
            }
        }
    }

    /** A UserSig for [userId] carrying the application's [userbuf], valid for [expire] seconds from now. */
    @JvmOverloads
    public fun userSigWithUserbuf(userId: String, userbuf: ByteArray, expire: Long = UserSig.DEFAULT_EXPIRE): String =
        userSigWithUserbufAt(userId, userbuf, expire, unixNow())

    /** A UserSig for [userId] carrying [userbuf], issued at [now], valid for [expire] seconds. */
    public fun userSigWithUserbufAt(userId: String, userbuf: ByteArray, expire: Long, now: Long): String {
        val id = strict { userId.toStrictUtf8() }
        return native.use { signer ->
            readResult(AbiResult::token, resultBuffer(id.size + userbuf.size)) { out ->
                Abi.usersig_signer_user_sig_with_userbuf_at(
                    signer, id, id.size.toLong(), userbuf, userbuf.size.toLong(), expire, now, out, out.size.toLong(),
                )
            }
        }
    }

    /**
     * A PrivateMapKey letting [userId] use the [privileges] in the numeric room [roomId], valid for
     * [expire] seconds from now.
     *
     * @param roomId the room, 1 to 4294967294.
     * @param privileges the [Privileges] bits, 0 to 255.
     */
    @JvmOverloads
    public fun privateMapKey(userId: String, roomId: Long, privileges: Long, expire: Long = UserSig.DEFAULT_EXPIRE): String =
        privateMapKeyAt(userId, roomId, privileges, expire, unixNow())

    /** A PrivateMapKey for the numeric room [roomId], issued at [now]. */
    public fun privateMapKeyAt(userId: String, roomId: Long, privileges: Long, expire: Long, now: Long): String {
        val id = strict { userId.toStrictUtf8() }
        return native.use { signer ->
            readResult(AbiResult::token, resultBuffer(id.size)) { out ->
                Abi.usersig_signer_private_map_key_at(signer, id, id.size.toLong(), roomId, privileges, expire, now, out, out.size.toLong())
            }
        }
    }

    /**
     * A PrivateMapKey letting [userId] use the [privileges] in the string room [roomStr], valid for
     * [expire] seconds from now.
     *
     * @param roomStr the room, 1 to 64 bytes of UTF-8.
     * @param privileges the [Privileges] bits, 0 to 255.
     */
    @JvmOverloads
    public fun privateMapKey(userId: String, roomStr: String, privileges: Long, expire: Long = UserSig.DEFAULT_EXPIRE): String =
        privateMapKeyAt(userId, roomStr, privileges, expire, unixNow())

    /** A PrivateMapKey for the string room [roomStr], issued at [now]. */
    public fun privateMapKeyAt(userId: String, roomStr: String, privileges: Long, expire: Long, now: Long): String {
        val id = strict { userId.toStrictUtf8() }
        val room = strict { roomStr.toStrictUtf8() }
        return native.use { signer ->
            readResult(AbiResult::token, resultBuffer(id.size + room.size)) { out ->
                Abi.usersig_signer_private_map_key_with_room_str_at(
                    signer, id, id.size.toLong(), room, room.size.toLong(), privileges, expire, now, out, out.size.toLong(),
                )
            }
        }
    }

    /**
     * One UserSig per user id, in order, all issued now and valid for [expire] seconds, in a single
     * call into the native library: much cheaper per token than [userSig] in a loop.
     *
     * @throws InvalidInputException for the first user id refused; no token is returned then.
     */
    @JvmOverloads
    public fun userSigs(userIds: List<String>, expire: Long = UserSig.DEFAULT_EXPIRE): List<String> =
        userSigsAt(userIds, expire, unixNow())

    /** One UserSig per user id, all issued at [now], in a single call. */
    public fun userSigsAt(userIds: List<String>, expire: Long, now: Long): List<String> {
        val ids = strict { StringList(userIds) }
        return native.use { signer ->
            readResult(AbiResult::tokens, batchBuffer(ids)) { out ->
                Abi.usersig_signer_user_sigs_at(signer, ids.bytes, ids.lens, ids.count, expire, now, out, out.size.toLong())
            }
        }
    }

    /** Frees the native signer; calls after this throw [IllegalStateException]. */
    override fun close() {
        native.close()
    }

    /** The sdkappid and a redacted key. */
    override fun toString(): String = "Signer { sdkappid: $sdkAppId, key: <redacted> }"
}
