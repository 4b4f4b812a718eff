package io.github.usersig

/**
 * A drop-in for Tencent's `com.tencentyun.TLSSigAPIv2` (Maven `com.github.tencentyun:tls-sig-api-v2`):
 * migrating is changing `import com.tencentyun.TLSSigAPIv2;` to `import io.github.usersig.TLSSigAPIv2;`.
 *
 * It has the public methods of both versions on Maven Central, with the same parameters: 2.0
 * (2020-12, the newest: [genUserSig], [genPrivateMapKey], [genPrivateMapKeyWithStringRoomID],
 * [genUserBuf]) and 1.1 ([genSig], [genSigWithUserBuf]), and makes tokens with the same content
 * and signature. Where Tencent's returns `""` or a broken token, this one throws
 * [InvalidInputException]: an empty key (here, in the constructor), an empty user id, an expire
 * that is not 1 second to 50 years, a room id outside 1..4294967294, a room string that is empty
 * or over 64 bytes. User ids and room strings are encoded as UTF-8 where Tencent's keeps only the
 * low byte of each character.
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

    /**
     * The userbuf of a PrivateMapKey (spec section 2) for [account], issued now and void
     * [dwExpTime] seconds from now: a numeric room [dwAuthID] when [roomStr] is empty, else the
     * string room [roomStr]. It is the userbuf [genPrivateMapKey] and
     * [genPrivateMapKeyWithStringRoomID] sign, for a caller who passes it to [genSigWithUserBuf]
     * or compares it with [Verifier.verifyWithUserbuf].
     *
     * @throws InvalidInputException as [genPrivateMapKey] does.
     * @throws IllegalArgumentException if [dwAccountType] is not 0 or a string room comes with a
     *   room id other than 0: Tencent's own callers always pass 0, and TRTC reads no other grant.
     */
    public fun genUserBuf(account: String, dwAuthID: Long, dwExpTime: Long, dwPrivilegeMap: Long, dwAccountType: Long, roomStr: String): ByteArray {
        require(dwAccountType == 0L) { "the account type of a PrivateMapKey is always 0, not $dwAccountType" }
        val token = if (roomStr.isEmpty()) {
            genPrivateMapKey(account, dwExpTime, dwAuthID, dwPrivilegeMap)
        } else {
            require(dwAuthID == 0L) { "a string room's grant has room id 0, not $dwAuthID" }
            genPrivateMapKeyWithStringRoomID(account, dwExpTime, roomStr, dwPrivilegeMap)
        }
        return checkNotNull(UserSig.inspect(token).userbuf)
    }

    /** Version 1.1's name for [genUserSig]. */
    public fun genSig(identifier: String, expire: Long): String = signer.userSig(identifier, expire)

    /** A UserSig carrying [userbuf] (version 1.1's API); its base64 has no line breaks, unlike 1.1's. */
    public fun genSigWithUserBuf(identifier: String, expire: Long, userbuf: ByteArray): String =
        signer.userSigWithUserbuf(identifier, userbuf, expire)

    /** The sdkappid and a redacted key. */
    override fun toString(): String = "TLSSigAPIv2($signer)"
}
