package sun.misc;

import java.util.Arrays;
import java.util.Base64;

/**
 * Test-only stand-in for JDK 8's {@code sun.misc.BASE64Encoder}, which Tencent's Java library 1.1
 * (Maven Central {@code com.github.tencentyun:tls-sig-api-v2}) calls and JDK 9 removed. The build
 * compiles it into {@code target/shim} and the test and benchmark JVMs patch it into the module
 * {@code jdk.unsupported}. It writes what JDK 8 wrote: standard base64 in lines of 57 input bytes,
 * each full line followed by a line feed.
 */
public class BASE64Encoder {
    /** The base64 text of {@code data}, in JDK 8's line layout. */
    public String encode(byte[] data) {
        Base64.Encoder encoder = Base64.getEncoder();
        StringBuilder out = new StringBuilder();
        for (int start = 0; start < data.length; start += 57) {
            int end = Math.min(start + 57, data.length);
            out.append(encoder.encodeToString(Arrays.copyOfRange(data, start, end)));
            if (end - start == 57) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
