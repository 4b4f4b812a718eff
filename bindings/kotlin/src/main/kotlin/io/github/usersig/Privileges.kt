package io.github.usersig

/**
 * The privilege bits of a TRTC PrivateMapKey: what its user may do in its room.
 *
 * Combine them with `or` in Kotlin and `|` in Java:
 * `Privileges.ENTER_ROOM or Privileges.RECEIVE_AUDIO or Privileges.RECEIVE_VIDEO` is an audience
 * member; [ALL] (255) allows everything.
 */
public object Privileges {
    /** 1: may create the room. */
    public const val CREATE_ROOM: Long = 1

    /** 2: may enter the room. */
    public const val ENTER_ROOM: Long = 2

    /** 4: may send audio. */
    public const val SEND_AUDIO: Long = 4

    /** 8: may receive audio. */
    public const val RECEIVE_AUDIO: Long = 8

    /** 16: may send video. */
    public const val SEND_VIDEO: Long = 16

    /** 32: may receive video. */
    public const val RECEIVE_VIDEO: Long = 32

    /** 64: may send the sub-stream (screen sharing). */
    public const val SEND_SUB_STREAM: Long = 64

    /** 128: may receive the sub-stream (screen sharing). Tencent's comments say "200": a typo. */
    public const val RECEIVE_SUB_STREAM: Long = 128

    /** 255: every privilege. */
    public const val ALL: Long = 255
}
