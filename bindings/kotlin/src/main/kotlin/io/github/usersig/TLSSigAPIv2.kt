package io.github.usersig

/**
 * A drop-in for Tencent's `com.tencentyun.TLSSigAPIv2` (Maven `com.github.tencentyun:tls-sig-api-v2`):
 * migrating is changing `import com.tencentyun.TLSSigAPIv2;` to `import io.github.usersig.TLSSigAPIv2;`.
 *
 * It has the methods of both the current source of Tencent's library ([genUserSig],
 * [genPrivateMapKey], [genPrivateMapKeyWithStringRoomID]) and of version 1.1, the newest on Maven
 * Central ([genSig], [genSigWithUserBuf]), with the same parameters, and makes tokens with the same
 * content and signature. Where Tencent's returns `""` or a broken token, this one throws
 * [InvalidInputException]: an empty key (here, in the constructor), an empty user id, an expire
 * that is not 1 second to 50 years, a room id outside 1..4294967294, a room string that is empty
 * or over 64 bytes. User ids and room strings are encoded as UTF-8 where Tencent's keeps only the
 * low byte of each character. Tencent's public helper `genUserBuf` has no counterpart: a
 * PrivateMapKey's userbuf is built inside [genPrivateMapKey].
 *
 * @param sdkappid the application's SDKAppID.
 * @param key the application's secret key.
 * @throws InvalidInputException if the key is empty or the sdkappid outside 0..4294967295.
 */
public class TLSSigAPIv2(sdkappid: Long, key: String) {
    private val signer = Signer(sdkappid, key)

    /** A UserSig for [userid], valid for [expire] seconds. */
    public fun genUserSig(userid: String, expire: Long): String = signer.userSig(userid, expire)

    /** A PrivateMapKey for [userid] in the numeric room [roomid] with the [privilegeMap] bits ([Privileges]). */
    public fun genPrivateMapKey(userid: String, expire: Long, roomid: Long, privilegeMap: Long): String =
        signer.privateMapKey(userid, roomid, privilegeMap, expire)

    /** A PrivateMapKey for [userid] in the string room [roomstr] with the [privilegeMap] bits ([Privileges]). */
    public fun genPrivateMapKeyWithStringRoomID(userid: String, expire: Long, roomstr: String, privilegeMap: Long): String =
        signer.privateMapKey(userid, roomstr, privilegeMap, expire)

    /** Version 1.1's name for [genUserSig]. */
    public fun genSig(identifier: String, expire: Long): String = signer.userSig(identifier, expire)

    /** A UserSig carrying [userbuf] (version 1.1's API); its base64 has no line breaks, unlike 1.1's. */
    public fun genSigWithUserBuf(identifier: String, expire: Long, userbuf: ByteArray): String =
        signer.userSigWithUserbuf(identifier, userbuf, expire)

    /** The sdkappid and a redacted key. */
    override fun toString(): String = "TLSSigAPIv2($signer)"
}
