import io.github.usersig.Signer;
import io.github.usersig.UserSigException;
import io.github.usersig.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Interop adapter for usersig's JVM package (io.github.usersig:usersig, the JAR that
 * scripts/test-kotlin.sh installs), called from plain Java as a Java user would.
 *
 * Reads one JSON request on stdin, writes one JSON answer on stdout; the request shapes are
 * described in scripts/interop/driver.py. Tokens are minted at each case's fixed time and
 * verified at each item's time.
 */
public final class Adapter {
    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The token for one case issued at `now` (usersig throws when it refuses the input). */
    private static String sign(Signer signer, JSONObject c, long now) {
        String user = c.getString("userid");
        long expire = c.getLong("expire");
        switch (c.getString("kind")) {
            case "usersig":
                return signer.userSigAt(user, expire, now);
            case "userbuf":
                return signer.userSigWithUserbufAt(user, hex(c.getString("userbuf_hex")), expire, now);
            case "pmk":
                return signer.privateMapKeyAt(user, c.getLong("roomid"), c.getLong("privilege"), expire, now);
            default:
                return signer.privateMapKeyAt(user, c.getString("roomstr"), c.getLong("privilege"), expire, now);
        }
    }

    private static JSONObject mint(JSONObject c) {
        JSONObject r = new JSONObject().put("id", c.getString("id"));
        try (Signer signer = new Signer(c.getLong("sdkappid"), c.getString("key"))) {
            return r.put("token", sign(signer, c, c.getLong("time")));
        } catch (UserSigException e) {
            return r.put("error", e.getKind() + ": " + e.getMessage());
        }
    }

    /** Returns "ok" or why usersig's Verifier rejects the token. */
    private static String check(JSONObject it) {
        try (Verifier verifier = new Verifier(it.getLong("sdkappid"), it.getString("key"))) {
            String token = it.getString("token");
            String user = it.getString("userid");
            long now = it.getLong("now");
            if (it.isNull("userbuf_hex")) {
                verifier.verifyAt(token, user, now);
            } else {
                verifier.verifyWithUserbufAt(token, user, hex(it.getString("userbuf_hex")), now);
            }
            return "ok";
        } catch (UserSigException e) { // every rejection is one of these
            return e.getKind() + ": " + e.getMessage();
        }
    }

    /** Best-of-7 wall time per token of `once`, in nanoseconds (batches of about seconds / 10). */
    private static JSONObject time(String id, Supplier<String> once, double seconds) {
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
        return new JSONObject().put("id", id).put("ns_per_token", best).put("iterations", n);
    }

    /** Times one Signer, reused, on the system clock; the first run warms up the JIT and is discarded. */
    private static JSONObject bench(JSONObject c, double seconds) {
        try (Signer signer = new Signer(c.getLong("sdkappid"), c.getString("key"))) {
            String user = c.getString("userid");
            long expire = c.getLong("expire");
            byte[] userbuf = c.getString("kind").equals("usersig") ? null : hex(c.getString("userbuf_hex"));
            Supplier<String> once = userbuf == null
                ? () -> signer.userSig(user, expire)
                : () -> signer.userSigWithUserbuf(user, userbuf, expire);
            time(c.getString("id"), once, seconds);
            return time(c.getString("id"), once, seconds);
        }
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
                String verdict = check(x);
                results.put(new JSONObject().put("id", x.getString("id")).put("ok", verdict.equals("ok")).put("detail", verdict));
            } else {
                results.put(bench(x, req.getDouble("seconds")));
            }
        }
        System.out.write(new JSONObject().put("results", results).toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }
}
