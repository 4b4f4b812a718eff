import com.tencentyun.TLSSigAPIv2;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Interop adapter for Tencent's official Java library (Maven com.github.tencentyun:tls-sig-api-v2 1.1).
 *
 * Reads one JSON request on stdin, writes one JSON answer on stdout; the request shapes are
 * described in scripts/interop/driver.py. The library reads System.currentTimeMillis(), which
 * cannot be fixed from outside, so each minted token reports the clock window around its call.
 * Version 1.1 has no PrivateMapKey API and no verifier, and its Base64URL.base64DecodeUrl is
 * unusable (it decodes byte[].toString(), i.e. "[B@..."); tokens are therefore decoded here and
 * signed again with the library's own private hmacsha256 (through reflection), by
 * Protocol.checkBySigning.
 */
public final class Adapter implements Protocol.Port {
    private static final Method HMAC;

    static {
        try {
            HMAC = TLSSigAPIv2.class.getDeclaredMethod("hmacsha256", String.class, long.class, long.class, String.class);
            HMAC.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The official generator for one case, its inputs decoded once. */
    private static Supplier<String> generator(TLSSigAPIv2 api, JSONObject c) {
        String user = c.getString("userid");
        long expire = c.getLong("expire");
        if (c.getString("kind").equals("usersig")) {
            return () -> api.genSig(user, expire);
        }
        byte[] userbuf = Protocol.hex(c.getString("userbuf_hex"));
        return () -> api.genSigWithUserBuf(user, expire, userbuf);
    }

    @Override
    public JSONObject mint(JSONObject c) {
        JSONObject r = new JSONObject().put("id", c.getString("id"));
        String kind = c.getString("kind");
        if (!kind.equals("usersig") && !kind.equals("userbuf")) {
            return r.put("unsupported", "tls-sig-api-v2 1.1 (Maven) has no PrivateMapKey API");
        }
        long before = System.currentTimeMillis() / 1000;
        try {
            r.put("token", generator(new TLSSigAPIv2(c.getLong("sdkappid"), c.getString("key")), c).get());
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
        return generator(new TLSSigAPIv2(c.getLong("sdkappid"), c.getString("key")), c);
    }

    public static void main(String[] args) throws Exception {
        Protocol.serve(new Adapter());
    }
}
