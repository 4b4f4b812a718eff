package io.github.usersig.bench;

import io.github.usersig.ffi.FfiConverterString;
import io.github.usersig.ffi.RustBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where a per-call signature's time goes, step by step through the generated UniFFI bindings
 * (package io.github.usersig.ffi): a UniFFI method call is four crossings into Rust with JNA
 * (clone the object's handle, allocate a buffer for the string argument, the call itself, free
 * the returned buffer), each with a JNA Structure for its call status. This cost is why the
 * package's per-token calls take the one-crossing path of FastPath.kt instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FfiCostBenchmark {
    io.github.usersig.ffi.Signer ffiSigner;
    io.github.usersig.Signer signer;

    @Setup
    public void setUp() {
        ffiSigner = new io.github.usersig.ffi.Signer(SignBenchmark.SDKAPPID, SignBenchmark.KEY);
        signer = new io.github.usersig.Signer(SignBenchmark.SDKAPPID, SignBenchmark.KEY);
    }

    /** A JNA Structure, as each crossing allocates for its call status. */
    @Benchmark
    public Object newStatusStructure() {
        return new io.github.usersig.ffi.UniffiRustCallStatus();
    }

    /** A method with no buffers: two crossings (clone the handle, the call). */
    @Benchmark
    public long methodWithoutBuffers() {
        return ffiSigner.sdkappid();
    }

    /** A string into a Rust buffer and back: two crossings (allocate, free) and two copies. */
    @Benchmark
    public String stringLowerAndLift() {
        return FfiConverterString.INSTANCE.lift(FfiConverterString.INSTANCE.lower("user_00001"));
    }

    /** One UserSig through the generated bindings: four crossings. */
    @Benchmark
    public String generatedUserSig() throws Exception {
        return ffiSigner.userSigAt("user_00001", SignBenchmark.EXPIRE, 1700000000L);
    }

    /** One UserSig through the public API (the generated call plus the facade). */
    @Benchmark
    public String facadeUserSig() {
        return signer.userSigAt("user_00001", SignBenchmark.EXPIRE, 1700000000L);
    }
}
