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
 * WalletGate's full verification of a token it has never seen: parse, route, key, signature, claims, wallet proof,
 * cache insert. {@code accp} is WalletGate's default (no {@code signatureProvider} set: ACCP when it loads, which
 * setup checks); {@code jdk} and {@code bc} are set with {@code signatureProvider(…)}. The path runs a lot of Java
 * (BouncyCastle curve arithmetic for the wallets, Jackson, Caffeine), so setup warms it with 3 to 8 s of CPU time
 * ({@link CpuWarmup}).
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WalletGateColdBench {
    @Param({"ES256-web3auth", "ES256-oidc", "RS256-oidc", "EdDSA-oidc"})
    public String scenario;

    @Param({"jdk", "accp", "bc"})
    public String provider;

    private ColdTokens cold;

    /** WalletGate's new-token path on ACCP for a scenario, set up outside JMH (the paired and context probes). */
    static WalletGateColdBench accp(String scenario) {
        WalletGateColdBench cold = new WalletGateColdBench();
        cold.scenario = scenario;
        cold.provider = BenchProviders.ACCP;
        cold.setUp();
        return cold;
    }

    @Setup
    public void setUp() {
        Scenario s = Scenario.of(scenario);
        BenchIssuer issuer = BenchIssuer.create(s, Fixtures.poolSize(s));
        cold = new ColdTokens(issuer, () -> verifier(issuer, provider));
        CpuWarmup.run(this::verify, CpuWarmup.millisFor(s));
    }

    static WalletVerifier verifier(BenchIssuer issuer, String provider) {
        WalletVerifier.Builder b = WalletVerifier.builder().issuer(issuer.profile());
        if (BenchProviders.ACCP.equals(provider)) {
            BenchProviders.accp(); // WalletGate's own choice; fail rather than measure its BouncyCastle fallback
        } else {
            b.signatureProvider(BenchProviders.forName(provider, issuer.scenario().jcaName()));
        }
        return b.build();
    }

    @Benchmark
    public VerifiedIdentity verify() {
        return cold.verify();
    }
}
