import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.zip.Inflater;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * What the JVM adapters (java/ and java2/ for Tencent's library 1.1 and 2.0, usersig-jvm/ for
 * usersig's) share: the request loop, the timing loop and, for Tencent's libraries, which have no
 * verifier, a check by re-signing, as adapters/common.py for the Python ones. The protocol is
 * described in scripts/interop/driver.py.
 */
final class Protocol {
    private Protocol() {}

    /** One port, as the request loop drives it. */
    interface Port {
        /** {"id", "token"} or {"id", "error"} or {"id", "unsupported"} for one case. */
        JSONObject mint(JSONObject c);

        /** "ok", or why the token is rejected; an exception is a rejection too. */
        String check(JSONObject item) throws Exception;

        /** A call minting the case's token on the system clock, its inputs prepared once. */
        Supplier<String> generator(JSONObject c);
    }

    /** An official library's own HMAC routine: TLS.sig for these fields (userbuf: its base64, or null). */
    interface Hmac {
        String sign(String key, long sdkappid, String identifier, long time, long expire, String userbuf) throws Exception;
    }

    /** The JSON object inside a token: Tencent's base64, then zlib. */
    static JSONObject decode(String token) throws Exception {
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

    /**
     * "ok", or why the item's token is rejected: decoded here, its fields checked as the official
     * Go VerifyUserSig checks them, and signed again with the library's own {@code hmac}.
     */
    static String checkBySigning(JSONObject it, Hmac hmac) throws Exception {
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
        String sig = hmac.sign(it.getString("key"), it.getLong("sdkappid"), doc.getString("TLS.identifier"), time, expire, have);
        return sig.equals(doc.getString("TLS.sig")) ? "ok" : "signature mismatch";
    }

    /** The bytes written in hex. */
    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Answers one JSON request from stdin on stdout. */
    static void serve(Port port) throws Exception {
        JSONObject req = new JSONObject(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        JSONArray results = new JSONArray();
        String op = req.getString("op");
        JSONArray list = req.getJSONArray(op.equals("check") ? "items" : "cases");
        for (int i = 0; i < list.length(); i++) {
            JSONObject x = list.getJSONObject(i);
            if (op.equals("mint")) {
                results.put(port.mint(x));
            } else if (op.equals("check")) {
                String verdict;
                try {
                    verdict = port.check(x);
                } catch (Exception e) { // a missing or mistyped field is a rejection too
                    verdict = "rejected: " + e;
                }
                results.put(new JSONObject().put("id", x.getString("id")).put("ok", verdict.equals("ok")).put("detail", verdict));
            } else {
                Supplier<String> once = port.generator(x);
                double seconds = req.getDouble("seconds");
                bestNsPerCall(once, seconds); // warm-up run for the JIT, discarded
                results.put(bestNsPerCall(once, seconds).put("id", x.getString("id")));
            }
        }
        System.out.write(new JSONObject().put("results", results).toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }

    /**
     * Best-of-7 wall time of one call to `once`, in nanoseconds, the batch size doubling until a
     * batch takes longer than seconds / 10 (as common.py's best_ns_per_call).
     */
    private static JSONObject bestNsPerCall(Supplier<String> once, double seconds) {
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
        return new JSONObject().put("ns_per_token", best).put("iterations", n);
    }
}
