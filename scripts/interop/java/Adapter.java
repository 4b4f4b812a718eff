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
public final class Adapter {
    private static final Method HMAC;

    static {
        try {
            HMAC = TLSSigAPIv2.class.getDeclaredMethod("hmacsha256", String.class, long.class, long.class, String.class);
            HMAC.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The official generator for one case, its inputs decoded once. */
    private static Supplier<String> generator(TLSSigAPIv2 api, JSONObject c) {
        String user = c.getString("userid");
        long expire = c.getLong("expire");
        if (c.getString("kind").equals("usersig")) {
            return () -> api.genSig(user, expire);
        }
        byte[] userbuf = hex(c.getString("userbuf_hex"));
        return () -> api.genSigWithUserBuf(user, expire, userbuf);
    }

    private static JSONObject mint(JSONObject c) {
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

    /** Returns "ok" or why the token is rejected. */
    private static String check(JSONObject it) throws Exception {
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
        if (want != null && !Arrays.equals(Base64.getMimeDecoder().decode(have), hex(want))) return "userbuf mismatch";
        TLSSigAPIv2 api = new TLSSigAPIv2(it.getLong("sdkappid"), it.getString("key"));
        String sig = (String) HMAC.invoke(api, doc.getString("TLS.identifier"), time, expire, have);
        return sig.equals(doc.getString("TLS.sig")) ? "ok" : "signature mismatch";
    }

    /** Best-of-7 wall time per token of the official generator, in nanoseconds (batches of about seconds / 10). */
    private static JSONObject bench(JSONObject c, double seconds) {
        Supplier<String> once = generator(new TLSSigAPIv2(c.getLong("sdkappid"), c.getString("key")), c);
        long n = 1;
        while (true) {
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) once.get();
            if ((System.nanoTime() - start) / 1e9 > seconds / 10) break;
            n *= 2;
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 7; r++) {
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) once.get();
            best = Math.min(best, (System.nanoTime() - start) / (double) n);
        }
        return new JSONObject().put("id", c.getString("id")).put("ns_per_token", best).put("iterations", n);
    }

    public static void main(String[] args) throws Exception {
        JSONObject req = new JSONObject(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        JSONArray results = new JSONArray();
        String op = req.getString("op");
        JSONArray list = req.getJSONArray(op.equals("check") ? "items" : "cases");
        for (int i = 0; i < list.length(); i++) {
            JSONObject x = list.getJSONObject(i);
            if (op.equals("mint")) {
                results.put(mint(x));
            } else if (op.equals("check")) {
                String verdict;
                try {
                    verdict = check(x);
                } catch (Exception e) { // a missing or mistyped field is a rejection too
                    verdict = "rejected: " + e;
                }
                results.put(new JSONObject().put("id", x.getString("id")).put("ok", verdict.equals("ok")).put("detail", verdict));
            } else {
                bench(x, req.getDouble("seconds")); // warm-up run for the JIT, discarded
                results.put(bench(x, req.getDouble("seconds")));
            }
        }
        System.out.write(new JSONObject().put("results", results).toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }
}
