import io.github.usersig.Signer;
import io.github.usersig.UserSigException;
import io.github.usersig.Verifier;
import java.util.function.Supplier;
import org.json.JSONObject;

/**
 * Interop adapter for usersig's JVM package (io.github.usersig:usersig, the JAR that
 * scripts/test-kotlin.sh installs), called from plain Java as a Java user would.
 *
 * Reads one JSON request on stdin, writes one JSON answer on stdout (see ../java-common and
 * scripts/interop/driver.py). Tokens are minted at each case's fixed time and verified at each
 * item's time; the benchmark reuses one Signer on the system clock.
 */
public final class Adapter implements Protocol.Port {
    @Override
    public JSONObject mint(JSONObject c) {
        JSONObject r = new JSONObject().put("id", c.getString("id"));
        long now = c.getLong("time");
        try (Signer signer = new Signer(c.getLong("sdkappid"), c.getString("key"))) {
            String user = c.getString("userid");
            long expire = c.getLong("expire");
            switch (c.getString("kind")) {
                case "usersig":
                    return r.put("token", signer.userSigAt(user, expire, now));
                case "userbuf":
                    return r.put("token", signer.userSigWithUserbufAt(user, Protocol.hex(c.getString("userbuf_hex")), expire, now));
                case "pmk":
                    return r.put("token", signer.privateMapKeyAt(user, c.getLong("roomid"), c.getLong("privilege"), expire, now));
                default:
                    return r.put("token", signer.privateMapKeyAt(user, c.getString("roomstr"), c.getLong("privilege"), expire, now));
            }
        } catch (UserSigException e) {
            return r.put("error", e.getKind() + ": " + e.getMessage());
        }
    }

    @Override
    public String check(JSONObject it) {
        try (Verifier verifier = new Verifier(it.getLong("sdkappid"), it.getString("key"))) {
            String token = it.getString("token");
            String user = it.getString("userid");
            long now = it.getLong("now");
            if (it.isNull("userbuf_hex")) {
                verifier.verifyAt(token, user, now);
            } else {
                verifier.verifyWithUserbufAt(token, user, Protocol.hex(it.getString("userbuf_hex")), now);
            }
            return "ok";
        } catch (UserSigException e) { // every rejection is one of these
            return e.getKind() + ": " + e.getMessage();
        }
    }

    @Override
    public Supplier<String> generator(JSONObject c) {
        Signer signer = new Signer(c.getLong("sdkappid"), c.getString("key")); // lives as long as the process
        String user = c.getString("userid");
        long expire = c.getLong("expire");
        if (c.getString("kind").equals("usersig")) {
            return () -> signer.userSig(user, expire);
        }
        byte[] userbuf = Protocol.hex(c.getString("userbuf_hex"));
        return () -> signer.userSigWithUserbuf(user, userbuf, expire);
    }

    public static void main(String[] args) throws Exception {
        Protocol.serve(new Adapter());
    }
}
