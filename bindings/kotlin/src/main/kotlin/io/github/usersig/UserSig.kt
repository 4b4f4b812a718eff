package io.github.usersig

/** Constants and the key-less decoder. Each constant is the core's of the same name (pinned by ConstantsTest). */
public object UserSig {
    /** The validity used when none is given: 180 days, in seconds (Tencent's default). */
    public const val DEFAULT_EXPIRE: Long = 15_552_000L

    /** The longest validity a signer accepts: 50 years, in seconds. */
    public const val MAX_EXPIRE: Long = 1_576_800_000L

    /** The longest user id a signer accepts, in bytes of UTF-8. */
    public const val MAX_USER_ID_LEN: Long = 1024

    /** The longest userbuf a signer accepts, in bytes. */
    public const val MAX_USERBUF_LEN: Long = 4096

    /** The largest numeric TRTC room id. */
    public const val MAX_ROOM_ID: Long = 4_294_967_294L

    /** The longest string TRTC room id, in bytes of UTF-8. */
    public const val MAX_ROOM_STR_LEN: Long = 64

    /**
     * Decodes [token] without checking its signature or expiry, for debugging and support.
     *
     * @throws MalformedTokenException if the token cannot be decoded.
     */
    @JvmStatic
    public fun inspect(token: String): Claims {
        NativeLibrary.ensureLoaded()
        val tokenBytes = strict { token.toStrictUtf8() }
        return readResult(AbiResult::claims) { out -> Abi.usersig_inspect(tokenBytes, tokenBytes.size.toLong(), out, out.size.toLong()) }
    }
}
