import com.tencentyun.TLSSigAPIv2;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Interop adapter for Tencent's official Java library 2.0 (Maven com.github.tencentyun:tls-sig-api-v2
 * 2.0, 2020-12, the newest there).
 *
 * Reads one JSON request on stdin, writes one JSON answer on stdout; the request shapes are
 * described in scripts/interop/driver.py. The library reads System.currentTimeMillis(), which
 * cannot be fixed from outside, so each minted token reports the clock window around its call.
 * UserSigs and both PrivateMapKeys use the public API; a UserSig with an application's userbuf
 * has no public method in 2.0, so it is made by the private genUserSig(String, long, byte[]) that
 * the PrivateMapKey methods call. 2.0 has no verifier: tokens are decoded and signed again with its
 * private hmacsha256, by Protocol.checkBySigning (both through reflection).
 */
public final class Adapter implements Protocol.Port {
    private static final Method HMAC;
    private static final Method WITH_USERBUF;

    static {
        try {
            HMAC = TLSSigAPIv2.class.getDeclaredMethod("hmacsha256", String.class, long.class, long.class, String.class);
            HMAC.setAccessible(true);
            WITH_USERBUF = TLSSigAPIv2.class.getDeclaredMethod("genUserSig", String.class, long.class, byte[].class);
            WITH_USERBUF.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public JSONObject mint(JSONObject c) {
        JSONObject r = new JSONObject().put("id", c.getString("id"));
        long before = System.currentTimeMillis() / 1000;
        try {
            r.put("token", generator(c).get());
        } catch (Throwable e) {
            r.put("error", e.toString());
        }
        return r.put("clock", new JSONArray().put(before).put(System.currentTimeMillis() / 1000));
    }

    @Override
    public String check(JSONObject it) throws Exception {
        return Protocol.checkBySigning(it, (key, sdkappid, identifier, time, expire, userbuf) ->
            (String) HMAC.invoke(new TLSSigAPIv2(sdkappid, key), identifier, time, expire, userbuf));
    }

    @Override
    public Supplier<String> generator(JSONObject c) {
        TLSSigAPIv2 api = new TLSSigAPIv2(c.getLong("sdkappid"), c.getString("key"));
        String user = c.getString("userid");
        long expire = c.getLong("expire");
        switch (c.getString("kind")) {
            case "usersig":
                return () -> api.genUserSig(user, expire);
            case "userbuf": {
                byte[] userbuf = Protocol.hex(c.getString("userbuf_hex"));
                return () -> {
                    try {
                        return (String) WITH_USERBUF.invoke(api, user, expire, userbuf);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
            case "pmk": {
                long room = c.getLong("roomid");
                long privileges = c.getLong("privilege");
                return () -> api.genPrivateMapKey(user, expire, room, privileges);
            }
            default: {
                String room = c.getString("roomstr");
                long privileges = c.getLong("privilege");
                return () -> api.genPrivateMapKeyWithStringRoomID(user, expire, room, privileges);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Protocol.serve(new Adapter());
    }
}
