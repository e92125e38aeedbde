package io.walletgate.bench;

import io.walletgate.IssuerProfiles;
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
 * Routing by {@code iss}: the same cold web3auth verification (WalletGate's default provider) with one configured
 * issuer, and with five (web3auth, sequence-oms, nopwd and two OIDC issuers, each with its own keys). The token's
 * issuer is looked up in a map, so the two rows should differ by noise only.
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MultiIssuerBench {
    @Param({"1", "5"})
    public int issuers;

    private ColdTokens cold;

    @Setup
    public void setUp() {
        BenchIssuer web3auth = BenchIssuer.create(Scenario.ES256_WEB3AUTH,
                Fixtures.poolSize(Scenario.ES256_WEB3AUTH));
        String es256Keys = BenchIssuer.create(Scenario.ES256_OIDC).jwks();
        String eddsaKeys = BenchIssuer.create(Scenario.EDDSA_OIDC).jwks();
        BenchProviders.accp();
        cold = new ColdTokens(web3auth, () -> {
            WalletVerifier.Builder b = WalletVerifier.builder();
            if (issuers == 5) {
                b.issuer(IssuerProfiles.sequenceOms("https://oms.example.com", "my-project").withJwks(es256Keys))
                        .issuer(IssuerProfiles.nopwd("example.com").withJwks(es256Keys))
                        .issuer(IssuerProfiles.oidc("https://login.example.com").withName("login")
                                .withAudience("api").withAlgorithms("ES256").withJwks(es256Keys))
                        .issuer(IssuerProfiles.oidc("https://accounts.example.org").withName("accounts")
                                .withAudience("web").withAlgorithms("EdDSA").withJwks(eddsaKeys));
            }
            return b.issuer(web3auth.profile()).build();
        });
        CpuWarmup.run(this::verify, CpuWarmup.millisFor(Scenario.ES256_WEB3AUTH));
    }

    @Benchmark
    public VerifiedIdentity verify() {
        return cold.verify();
    }
}
