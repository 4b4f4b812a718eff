package io.github.usersig

/** Constants and the key-less decoder. Each constant is the core's of the same name, read from the library. */
public object UserSig {
    /** The validity used when none is given: 180 days, in seconds (Tencent's default). */
    @JvmField
    public val DEFAULT_EXPIRE: Long = coreConstant("DEFAULT_EXPIRE")

    /** The longest validity a signer accepts: 50 years, in seconds. */
    @JvmField
    public val MAX_EXPIRE: Long = coreConstant("MAX_EXPIRE")

    /** The longest user id a signer accepts, in bytes of UTF-8. */
    @JvmField
    public val MAX_USER_ID_LEN: Long = coreConstant("MAX_USER_ID_LEN")

    /** The longest userbuf a signer accepts, in bytes. */
    @JvmField
    public val MAX_USERBUF_LEN: Long = coreConstant("MAX_USERBUF_LEN")

    /** The largest numeric TRTC room id. */
    @JvmField
    public val MAX_ROOM_ID: Long = coreConstant("MAX_ROOM_ID")

    /** The longest string TRTC room id, in bytes of UTF-8. */
    @JvmField
    public val MAX_ROOM_STR_LEN: Long = coreConstant("MAX_ROOM_STR_LEN")

    /** A [ChatCallbackVerifier]'s window when none is given: 60 seconds either way of the clock, as Tencent's guide says. */
    @JvmField
    public val DEFAULT_CALLBACK_WINDOW: Long = coreConstant("DEFAULT_CALLBACK_WINDOW")

    /** The widest window a callback verifier accepts: one day, in seconds. */
    @JvmField
    public val MAX_CALLBACK_WINDOW: Long = coreConstant("MAX_CALLBACK_WINDOW")

    /** The longest Chat callback query a [ChatCallbackVerifier] reads, in bytes (for parameters, their names' and values' UTF-8 added up). */
    @JvmField
    public val MAX_CALLBACK_QUERY_LEN: Long = coreConstant("MAX_CALLBACK_QUERY_LEN")

    /** The longest TRTC callback body a [TrtcCallbackVerifier] reads, in bytes. */
    @JvmField
    public val MAX_CALLBACK_BODY_LEN: Long = coreConstant("MAX_CALLBACK_BODY_LEN")

    /**
     * Decodes [token] without checking its signature or expiry, for debugging and support.
     *
     * @throws MalformedTokenException if the token cannot be decoded.
     */
    @JvmStatic
    public fun inspect(token: String): Claims {
        NativeLibrary.ensureLoaded()
        val tokenBytes = strict { token.toStrictUtf8() }
        return readResult(AbiResult::claims, resultBuffer(tokenBytes.size)) { out -> Abi.usersig_inspect(tokenBytes, tokenBytes.size.toLong(), out, out.size.toLong()) }
    }
}
