package io.github.usersig

/** Constants and the key-less decoder. */
public object UserSig {
    /** The validity used when none is given: 180 days, in seconds (Tencent's default). */
    public const val DEFAULT_EXPIRE: Long = 15_552_000L

    /**
     * Decodes [token] without checking its signature or expiry, for debugging and support.
     *
     * @throws MalformedTokenException if the token cannot be decoded.
     */
    @JvmStatic
    public fun inspect(token: String): Claims {
        NativeLibrary.ensureLoaded()
        return Claims.of(ffi { fastInspect(token) })
    }
}
