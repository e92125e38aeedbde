package io.walletgate.bench;

import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerifier;
import java.nio.charset.StandardCharsets;
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
 * WalletGate verifying a token it verified before: a verified-token cache hit, where only the time claims and the
 * wallet proof are checked again. The proof object is built once (what {@code verify} itself costs); parsing a
 * proof from hex is measured apart, in {@link WalletProofBench}. The provider does not matter here (no signature).
 * The token is a new string made from its bytes on each call, as a server reads it from a request (a string kept
 * from call to call keeps its hash code and spared the cache lookup its hashing).
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WalletGateCacheHitBench {
    @Param({"ES256-web3auth", "ES256-oidc"})
    public String scenario;

    private WalletVerifier verifier;
    private String token;
    private byte[] tokenBytes;
    private WalletProof proof;

    @Setup
    public void setUp() {
        BenchIssuer issuer = BenchIssuer.create(Scenario.of(scenario));
        verifier = WalletVerifier.builder().issuer(issuer.profile()).build();
        token = issuer.mint(0);
        tokenBytes = token.getBytes(StandardCharsets.ISO_8859_1);
        String appKey = issuer.appPublicKey(0);
        proof = appKey == null ? WalletProof.none() : WalletProof.appPublicKey(appKey);
        verifier.verify(token, proof);
        verifier.verify(token, proof);
        if (verifier.tokenCacheStats().hits() != 1) {
            throw new IllegalStateException("the second verification was not a cache hit");
        }
        CpuWarmup.run(this::verify, 1000);
    }

    @Benchmark
    public VerifiedIdentity verify() {
        return verifier.verify(new String(tokenBytes, StandardCharsets.ISO_8859_1), proof);
    }
}
