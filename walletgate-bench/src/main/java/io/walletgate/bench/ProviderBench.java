package io.walletgate.bench;

import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A new token of each provider of docs/architecture.md §12, verified with the client's address as the wallet proof:
 * the pools of {@link ProviderFixtures} taken in turn, the verified-token cache off, so every operation is a token
 * never seen (parse, route, key, signature or Magic's signer recovery, claims, the provider's wallet list, the proof,
 * the identity). Keys are the dashboard's PEM, held: no network. The same tokens go through each provider's own Node
 * SDK in {@code walletgate-testkit/src/test/node-providers/bench.mjs}. Warmed by 3 s of CPU time ({@link CpuWarmup}).
 */
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProviderBench {
    @Param({"privy", "dynamic", "para", "magic"})
    public String profile;

    private WalletVerifier verifier;
    private String[] tokens;
    private WalletProof[] proofs;
    private int next;

    @Setup
    public void setUp() {
        ProviderFixtures.Pool pool = ProviderFixtures.load(profile);
        IssuerProfile p;
        switch (profile) {
            case "privy":
                p = IssuerProfiles.privy(pool.audience());
                break;
            case "dynamic":
                p = IssuerProfiles.dynamic(io.walletgate.testkit.DevIssuer.DYNAMIC_ENVIRONMENT_ID, pool.audience());
                break;
            case "para":
                p = IssuerProfiles.para(pool.audience());
                break;
            default:
                p = IssuerProfiles.magic(pool.audience());
        }
        if (pool.pem() != null) {
            p = p.withPublicKeyPem(pool.pem());
        }
        verifier = WalletVerifier.builder().issuer(p).verifiedTokenCache(0).build();
        tokens = pool.tokens().toArray(String[]::new);
        proofs = pool.addresses().stream().map(WalletProof::address).toArray(WalletProof[]::new);
        for (int i = 0; i < tokens.length; i++) {
            VerifiedIdentity id = verifier.verify(tokens[i], proofs[i]);
            if (id.wallet() == null) {
                throw new IllegalStateException(profile + " token " + i + " proved no wallet");
            }
        }
        CpuWarmup.run(this::verify, 3_000); // as the other new-token rows: JIT done before JMH measures
    }

    @TearDown
    public void tearDown() {
        verifier.close();
    }

    @Benchmark
    public VerifiedIdentity verify() {
        int i = next;
        next = i + 1 == tokens.length ? 0 : i + 1;
        return verifier.verify(tokens[i], proofs[i]);
    }
}
