import com.tencentyun.TLSSigAPIv2;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.zip.Inflater;
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
 * signed again with the library's own private hmacsha256 (through reflection). The checks
 * mirror the official Go VerifyUserSig.
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

    private static JSONObject decode(String token) throws Exception {
        String b64 = token.replace('*', '+').replace('-', '/').replace('_', '=');
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getDecoder().decode(b64));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new IllegalArgumentException("truncated zlib stream");
            }
            out.write(buf, 0, n);
        }
        inflater.end();
        return new JSONObject(new String(out.toByteArray(), StandardCharsets.UTF_8));
    }

    @Override
    public String check(JSONObject it) throws Exception {
        JSONObject doc;
        try {
            doc = decode(it.getString("token"));
        } catch (Exception e) {
            return "decode failed: " + e;
        }
        if (doc.getLong("TLS.sdkappid") != it.getLong("sdkappid")) return "sdkappid mismatch";
        if (!doc.getString("TLS.identifier").equals(it.getString("userid"))) return "identifier mismatch";
        long time = doc.getLong("TLS.time");
        long expire = doc.getLong("TLS.expire");
        if (it.getLong("now") > time + expire) return "expired";
        String have = doc.has("TLS.userbuf") ? doc.getString("TLS.userbuf") : null;
        String want = it.isNull("userbuf_hex") ? null : it.getString("userbuf_hex");
        if ((want == null) != (have == null)) return "userbuf presence mismatch";
        if (want != null && !Arrays.equals(Base64.getMimeDecoder().decode(have), Protocol.hex(want))) return "userbuf mismatch";
        TLSSigAPIv2 api = new TLSSigAPIv2(it.getLong("sdkappid"), it.getString("key"));
        String sig = (String) HMAC.invoke(api, doc.getString("TLS.identifier"), time, expire, have);
        return sig.equals(doc.getString("TLS.sig")) ? "ok" : "signature mismatch";
    }

    @Override
    public Supplier<String> generator(JSONObject c) {
        return generator(new TLSSigAPIv2(c.getLong("sdkappid"), c.getString("key")), c);
    }

    public static void main(String[] args) throws Exception {
        Protocol.serve(new Adapter());
    }
}
