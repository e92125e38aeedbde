package io.walletgate.bench;

import io.walletgate.WalletProof;
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
 * Parsing the client's app public key (compressed secp256k1 hex, as Web3Auth frontends send it) into a
 * {@link WalletProof}: part of every request that carries a proof, cold or cached.
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WalletProofBench {
    private String appPublicKey;

    @Setup
    public void setUp() {
        appPublicKey = BenchIssuer.create(Scenario.ES256_WEB3AUTH).appPublicKey(0);
        CpuWarmup.run(this::appPublicKey, 1000);
    }

    @Benchmark
    public WalletProof appPublicKey() {
        return WalletProof.appPublicKey(appPublicKey);
    }
}
