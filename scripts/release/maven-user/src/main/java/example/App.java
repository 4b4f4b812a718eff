package example;

import io.github.usersig.Claims;
import io.github.usersig.Signer;
import io.github.usersig.TLSSigAPIv2;
import io.github.usersig.UserIdMismatchException;
import io.github.usersig.UserSig;
import io.github.usersig.Verifier;

/**
 * A user's program on the released JAR: it signs with the drop-in for Tencent's TLSSigAPIv2 and
 * with the Kotlin API, verifies, and checks one of the official Python library's vectors
 * (core/tests/vectors/official-python.jsonl), whose fields scripts/release/jvm.sh passes:
 *
 *   java -cp CLASSPATH example.App SDKAPPID KEY USERID EXPIRE TIME TOKEN TLS_SIG
 *
 * TOKEN is the official library's output for those inputs at TIME, TLS_SIG its decoded signature.
 * Prints what it checked; any mismatch exits with status 1.
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        if (args.length != 7) {
            System.err.println("usage: example.App SDKAPPID KEY USERID EXPIRE TIME TOKEN TLS_SIG");
            System.exit(2);
        }
        long sdkAppId = Long.parseLong(args[0]);
        String key = args[1];
        String userId = args[2];
        long expire = Long.parseLong(args[3]);
        long time = Long.parseLong(args[4]);
        String official = args[5];
        String officialSig = args[6];

        System.out.println("usersig from Java " + System.getProperty("java.version") + " on "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        try (Signer signer = new Signer(sdkAppId, key); Verifier verifier = new Verifier(sdkAppId, key)) {
            // The drop-in: Tencent's class name and methods, signing now.
            String dropIn = new TLSSigAPIv2(sdkAppId, key).genUserSig(userId, expire);
            Claims claims = verifier.verify(dropIn, userId);
            check(claims.getUserId().equals(userId) && claims.getExpire() == expire,
                    "drop-in token verifies with user " + claims.getUserId() + ", expire " + claims.getExpire());

            // The Kotlin API at the vector's time: the signature Tencent's library made.
            String ours = signer.userSigAt(userId, expire, time);
            String sig = UserSig.inspect(ours).getSignature();
            check(sig.equals(officialSig), "Signer.userSigAt(" + userId + ", " + expire + ", " + time
                    + ") signs TLS.sig " + sig + " (the vector's: " + officialSig + ")");

            // The official library's own token.
            Claims theirs = verifier.verifyAt(official, userId, time + 1);
            check(theirs.getSignature().equals(officialSig) && theirs.getIssuedAt() == time,
                    "the vector's token verifies, issued at " + theirs.getIssuedAt());
            try {
                verifier.verifyAt(official, userId + "x", time + 1);
                check(false, "the vector's token is refused for user " + userId + "x");
            } catch (UserIdMismatchException e) {
                check(Integer.valueOf(70013).equals(e.getTencentCode()),
                        "the vector's token is refused for user " + userId + "x: " + e.getKind()
                                + ", Tencent code " + e.getTencentCode());
            }
        }
        System.out.println("maven-user: all checks passed");
    }

    /** Prints {@code what} after "ok", or after "FAILED" and exits with status 1. */
    private static void check(boolean ok, String what) {
        System.out.println((ok ? "ok      " : "FAILED  ") + what);
        if (!ok) {
            System.exit(1);
        }
    }
}
