package io.github.usersig.bench;

import io.github.usersig.Privileges;
import io.github.usersig.Signer;
import io.github.usersig.Verifier;
import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * usersig against Tencent's Java library (Maven Central tls-sig-api-v2 1.1, and 2.0, the newest,
 * loaded in a class loader of its own since it defines the same class) in one JMH run:
 * microseconds per token, single thread, the same sdkappid, key, validity and user ids (1000
 * distinct ids, taken in turn) for every contender.
 *
 * <p>Run from bindings/kotlin: {@code mvn -Pbench test-compile exec:exec}; pass JMH options with
 * {@code -Dbench.args="-f 1 -wi 3 -i 5"} (a regular expression there picks benchmarks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignBenchmark {
    static final long SDKAPPID = 1400000000L;
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    static final long EXPIRE = 86400L;
    static final int BATCH = 1000;

    List<String> userIds;
    int next;
    com.tencentyun.TLSSigAPIv2 official;
    io.github.usersig.TLSSigAPIv2 dropIn;
    Signer signer;
    Verifier verifier;
    String token;
    /** A PrivateMapKey's userbuf, for the signatures that carry one. */
    byte[] userbuf;
    /** Tencent's 2.0 genUserSig and genPrivateMapKey, bound to one instance. */
    MethodHandle official20GenUserSig;
    MethodHandle official20GenPrivateMapKey;

    /** Tencent's 2.0 from the folder -Dusersig.tencent20 names (the POM copies it there). */
    static Object tencent20(MethodHandle[] genUserSigAndPmk) throws Exception {
        File[] jars = new File(System.getProperty("usersig.tencent20")).listFiles((d, n) -> n.endsWith(".jar"));
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toURI().toURL();
        }
        Class<?> api = Class.forName("com.tencentyun.TLSSigAPIv2", true, new URLClassLoader(urls, ClassLoader.getPlatformClassLoader()));
        Object instance = api.getConstructor(long.class, String.class).newInstance(SDKAPPID, KEY);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        genUserSigAndPmk[0] = lookup.findVirtual(api, "genUserSig", MethodType.methodType(String.class, String.class, long.class))
            .bindTo(instance);
        genUserSigAndPmk[1] = lookup.findVirtual(api, "genPrivateMapKey",
            MethodType.methodType(String.class, String.class, long.class, long.class, long.class)).bindTo(instance);
        return instance;
    }

    @Setup
    public void setUp() throws Exception {
        userIds = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            userIds.add(String.format("user_%05d", i));
        }
        official = new com.tencentyun.TLSSigAPIv2(SDKAPPID, KEY);
        dropIn = new io.github.usersig.TLSSigAPIv2(SDKAPPID, KEY);
        signer = new Signer(SDKAPPID, KEY);
        verifier = new Verifier(SDKAPPID, KEY);
        token = signer.userSig(userIds.get(0), EXPIRE);
        MethodHandle[] handles = new MethodHandle[2];
        tencent20(handles);
        official20GenUserSig = handles[0];
        official20GenPrivateMapKey = handles[1];
        userbuf = verifier.verifyAnyUserbuf(signer.privateMapKey("user_00000", 1234L, Privileges.ALL, EXPIRE), "user_00000").getUserbuf();
    }

    @TearDown
    public void tearDown() {
        signer.close();
        verifier.close();
    }

    private String nextUserId() {
        next = (next + 1) % BATCH;
        return userIds.get(next);
    }

    /** Tencent's library: one UserSig. */
    @Benchmark
    public String officialGenSig() {
        return official.genSig(nextUserId(), EXPIRE);
    }

    /** Tencent's library 2.0: one UserSig. */
    @Benchmark
    public String official20GenUserSig() throws Throwable {
        return (String) official20GenUserSig.invokeExact(nextUserId(), EXPIRE);
    }

    /** Tencent's library 2.0: one PrivateMapKey. */
    @Benchmark
    public String official20GenPrivateMapKey() throws Throwable {
        return (String) official20GenPrivateMapKey.invokeExact(nextUserId(), EXPIRE, 1234L, (long) Privileges.ALL);
    }

    /** usersig through the drop-in class: one PrivateMapKey. */
    @Benchmark
    public String dropInGenPrivateMapKey() {
        return dropIn.genPrivateMapKey(nextUserId(), EXPIRE, 1234L, Privileges.ALL);
    }

    /** usersig through the drop-in class: one UserSig. */
    @Benchmark
    public String dropInGenUserSig() {
        return dropIn.genUserSig(nextUserId(), EXPIRE);
    }

    /** usersig's Signer: one UserSig. */
    @Benchmark
    public String userSig() {
        return signer.userSig(nextUserId(), EXPIRE);
    }

    /** usersig's Signer: 1000 UserSigs in one call; the score is per token. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<String> userSigsBatch() {
        return signer.userSigs(userIds, EXPIRE);
    }

    /** Tencent's library: one UserSig carrying a userbuf (1.1's way to make a PrivateMapKey). */
    @Benchmark
    public String officialGenSigWithUserBuf() {
        return official.genSigWithUserBuf(nextUserId(), EXPIRE, userbuf);
    }

    /** usersig's Signer: one UserSig carrying the same userbuf. */
    @Benchmark
    public String userSigWithUserbuf() {
        return signer.userSigWithUserbuf(nextUserId(), userbuf, EXPIRE);
    }

    /** usersig's Signer: one PrivateMapKey (Tencent's 1.1 has no such method; 2.0's is above). */
    @Benchmark
    public String privateMapKey() {
        return signer.privateMapKey(nextUserId(), 1234L, Privileges.ALL, EXPIRE);
    }

    /** usersig's Verifier: one check (neither of Tencent's Java libraries has a verifier). */
    @Benchmark
    public Object verify() {
        return verifier.verify(token, "user_00000");
    }
}
