package io.walletgate.bench;

import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Everything WalletGate does around the signature, measured directly: the cold path of {@link WalletGateColdBench}
 * (new tokens, proof parsed, cache insert and eviction) with a signature provider that costs nothing
 * ({@link NoopSignatureProvider}). Comparing this with the floor does not depend on two noisy measurements of
 * nearly equal, large numbers, as "full verify ÷ floor" does.
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WalletGateOverheadBench {
    @Param({"ES256-web3auth", "ES256-oidc", "RS256-oidc", "EdDSA-oidc"})
    public String scenario;

    private ColdTokens cold;

    @Setup
    public void setUp() {
        Scenario s = Scenario.of(scenario);
        BenchIssuer issuer = BenchIssuer.create(s, Fixtures.poolSize(s));
        NoopSignatureProvider noop = new NoopSignatureProvider();
        cold = new ColdTokens(issuer, () -> WalletVerifier.builder().issuer(issuer.profile())
                .signatureProvider(noop).build());
        CpuWarmup.run(this::verify, CpuWarmup.millisFor(s));
    }

    @Benchmark
    public VerifiedIdentity verify() {
        return cold.verify();
    }
}
