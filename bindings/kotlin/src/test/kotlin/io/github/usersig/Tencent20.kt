package io.github.usersig

import java.io.File
import java.lang.reflect.Method
import java.net.URLClassLoader

/**
 * Tencent's Java library 2.0 (Maven Central `com.github.tencentyun:tls-sig-api-v2:2.0`), called by
 * reflection. It defines `com.tencentyun.TLSSigAPIv2` as 1.1 does, so the two cannot share a class
 * path: the POM copies 2.0 and its org.json into the folder `-Dusersig.tencent20` names, and they
 * are loaded here in a class loader of their own, whose parent sees only the JDK.
 */
class Tencent20(sdkappid: Long, key: String) {
    private val api: Any = API.getConstructor(Long::class.javaPrimitiveType, String::class.java).newInstance(sdkappid, key)

    /** `genUserSig(userid, expire)`. */
    fun genUserSig(userId: String, expire: Long): String = call("genUserSig", userId, expire) as String

    /** `genPrivateMapKey(userid, expire, roomid, privilegeMap)`. */
    fun genPrivateMapKey(userId: String, expire: Long, roomId: Long, privileges: Long): String =
        call("genPrivateMapKey", userId, expire, roomId, privileges) as String

    /** `genPrivateMapKeyWithStringRoomID(userid, expire, roomstr, privilegeMap)`. */
    fun genPrivateMapKeyWithStringRoomID(userId: String, expire: Long, roomStr: String, privileges: Long): String =
        call("genPrivateMapKeyWithStringRoomID", userId, expire, roomStr, privileges) as String

    /** `genUserBuf(account, dwAuthID, dwExpTime, dwPrivilegeMap, dwAccountType, roomStr)`. */
    fun genUserBuf(account: String, roomId: Long, expire: Long, privileges: Long, accountType: Long, roomStr: String): ByteArray =
        call("genUserBuf", account, roomId, expire, privileges, accountType, roomStr) as ByteArray

    /** The private `hmacsha256(identifier, time, expire, userbufBase64)`: 2.0's own signature. */
    fun hmacsha256(identifier: String, time: Long, expire: Long, userbuf: String?): String =
        HMAC.invoke(api, identifier, time, expire, userbuf) as String

    private fun call(name: String, vararg args: Any): Any =
        API.methods.single { it.name == name && it.parameterCount == args.size }.invoke(api, *args)

    companion object {
        /** The class loader holding only 2.0 and its org.json. */
        private val LOADER: ClassLoader by lazy {
            val dir = File(checkNotNull(System.getProperty("usersig.tencent20")) { "-Dusersig.tencent20 is not set (the POM sets it)" })
            val jars = dir.listFiles { f -> f.name.endsWith(".jar") }.orEmpty()
            check(jars.size == 2) { "expected 2.0 and org.json in $dir, found ${jars.map { it.name }}" }
            URLClassLoader(jars.map { it.toURI().toURL() }.toTypedArray(), ClassLoader.getPlatformClassLoader())
        }

        /** 2.0's `com.tencentyun.TLSSigAPIv2`. */
        val API: Class<*> by lazy { Class.forName("com.tencentyun.TLSSigAPIv2", true, LOADER) }

        private val HMAC: Method by lazy {
            API.getDeclaredMethod("hmacsha256", String::class.java, Long::class.javaPrimitiveType, Long::class.javaPrimitiveType, String::class.java)
                .apply { isAccessible = true }
        }
    }
}
