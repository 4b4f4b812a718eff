package sun.misc;

/**
 * Stand-in for JDK 8's sun.misc.BASE64Encoder, which Tencent's Java library 1.1 calls and
 * which JDK 9 removed. It is patched into module jdk.unsupported (java --patch-module).
 *
 * It reproduces what JDK 8 printed: standard base64 in lines of 57 input bytes (76
 * characters), every full line followed by a line feed, the last one too when it is full.
 * The library strips whitespace from the token and the HMAC, but not from TLS.userbuf, so a
 * userbuf of 57 bytes or more carries line feeds into the JSON and into the signed content.
 */
public class BASE64Encoder {
    public String encode(byte[] data) {
        java.util.Base64.Encoder encoder = java.util.Base64.getEncoder();
        StringBuilder out = new StringBuilder();
        for (int start = 0; start < data.length; start += 57) {
            int n = Math.min(57, data.length - start);
            out.append(encoder.encodeToString(java.util.Arrays.copyOfRange(data, start, start + n)));
            if (n == 57) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
