package io.github.usersig

/**
 * What a token says: returned checked by [Verifier] and unchecked by [UserSig.inspect].
 *
 * @property userId `TLS.identifier`: the user id.
 * @property sdkAppId `TLS.sdkappid`: the application.
 * @property issuedAt `TLS.time`: when the token was issued, in Unix seconds.
 * @property expire `TLS.expire`: how long the token is valid after [issuedAt], in seconds.
 * @property expiresAt the last second at which the token is valid: [issuedAt] + [expire].
 * @property userbuf `TLS.userbuf`, decoded, or null when the token has none.
 * @property grant the PrivateMapKey grant, when the userbuf is one.
 * @property signature `TLS.sig`, base64 as it stands in the token.
 */
public data class Claims(
    val userId: String,
    val sdkAppId: Long,
    val issuedAt: Long,
    val expire: Long,
    val expiresAt: Long,
    val userbuf: ByteArray?,
    val grant: Grant?,
    val signature: String,
) {
    /** Equal when every field is, comparing [userbuf] by content. */
    override fun equals(other: Any?): Boolean =
        other is Claims && userId == other.userId && sdkAppId == other.sdkAppId &&
            issuedAt == other.issuedAt && expire == other.expire && expiresAt == other.expiresAt &&
            userbuf.contentEquals(other.userbuf) && grant == other.grant && signature == other.signature

    /** A hash consistent with [equals]. */
    override fun hashCode(): Int =
        listOf(userId, sdkAppId, issuedAt, expire, expiresAt, userbuf.contentHashCode(), grant, signature)
            .hashCode()

    /**
     * How many seconds the token has left at [now] (Unix seconds): [expiresAt] - [now]. 0 means
     * [now] is its last valid second; a negative value, that it expired that many seconds ago.
     * Saturates at the ends of [Long], as the core's `Claims::seconds_left_at` does.
     */
    public fun secondsLeftAt(now: Long): Long =
        try {
            Math.subtractExact(expiresAt, now)
        } catch (e: ArithmeticException) {
            if (now < 0) Long.MAX_VALUE else Long.MIN_VALUE
        }

    /** [secondsLeftAt] the system clock. */
    public fun secondsLeft(): Long = secondsLeftAt(unixNow())

    /** Whether fewer than [margin] seconds are left at [now]: time to mint a new token. */
    public fun shouldRenewAt(now: Long, margin: Long): Boolean = secondsLeftAt(now) < margin

    /** [shouldRenewAt] the system clock. */
    public fun shouldRenew(margin: Long): Boolean = shouldRenewAt(unixNow(), margin)

    /** The fields, with [userbuf] as standard base64. */
    override fun toString(): String =
        "Claims(userId=$userId, sdkAppId=$sdkAppId, issuedAt=$issuedAt, expire=$expire, " +
            "expiresAt=$expiresAt, userbuf=${userbuf?.let { java.util.Base64.getEncoder().encodeToString(it) }}, " +
            "grant=$grant, signature=$signature)"
}

/**
 * A PrivateMapKey's grant: who may do what in which TRTC room, until when.
 *
 * @property userId the user the grant is for.
 * @property sdkAppId the application the grant is for.
 * @property room the room it opens.
 * @property privileges the [Privileges] bits.
 * @property expiresAt the absolute Unix time after which the grant is void.
 */
public data class Grant(
    val userId: String,
    val sdkAppId: Long,
    val room: Room,
    val privileges: Long,
    val expiresAt: Long,
)

/** The TRTC room a [Grant] names: [Numeric] or [Named]. */
public sealed class Room {
    /**
     * A numeric room.
     *
     * @property id the room id, 1 to 4294967294.
     */
    public data class Numeric(val id: Long) : Room()

    /**
     * A string room.
     *
     * @property name the room id, 1 to 64 bytes of UTF-8.
     */
    public data class Named(val name: String) : Room()
}
