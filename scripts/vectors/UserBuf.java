import com.tencentyun.TLSSigAPIv2;

/**
 * Prints the PrivateMapKey userbuf that Tencent's Java library 2.0 (Maven Central) builds with its
 * public genUserBuf, for a given absolute expiry: one line of hex per input line. genUserBuf writes
 * its own clock (whole seconds) plus the expiry it is given, so it is given the wanted absolute
 * expiry minus the clock read just before, and the call is repeated until the clock read just
 * after is the same second: the library then added exactly that second.
 * Input lines (tab-separated): sdkappid, UserID as UTF-8 hex, room id, absolute expiry,
 * privilege, room string as UTF-8 hex (empty for a numeric room).
 */
public final class UserBuf {
    public static void main(String[] args) throws Exception {
        java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.split("\t", -1);
            TLSSigAPIv2 api = new TLSSigAPIv2(Long.parseLong(f[0]), "unused");
            long expireAt = Long.parseLong(f[3]);
            byte[] buf;
            long before;
            do {
                before = System.currentTimeMillis() / 1000;
                buf = api.genUserBuf(text(f[1]), Long.parseLong(f[2]), expireAt - before,
                        Long.parseLong(f[4]), 0, text(f[5]));
            } while (System.currentTimeMillis() / 1000 != before);
            StringBuilder hex = new StringBuilder();
            for (byte b : buf) hex.append(String.format("%02x", b & 0xff));
            System.out.println(hex);
        }
    }

    private static String text(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++)
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
