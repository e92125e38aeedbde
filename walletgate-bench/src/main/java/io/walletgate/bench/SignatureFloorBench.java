package io.walletgate.bench;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
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
 * The floor: one provider's raw signature check of a token's signing input, with nothing around it. A cached
 * {@link Signature}, a key from the provider's own key factory, the signature already in JCA form (DER for ECDSA):
 * the least any verifier of that token can spend on that provider.
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureFloorBench {
    @Param({"ES256-web3auth", "ES256-oidc", "RS256-oidc", "EdDSA-oidc"})
    public String scenario;

    @Param({"jdk", "accp", "bc"})
    public String provider;

    private Signature signature;
    private PublicKey key;
    private byte[] input;
    private byte[] jcaSignature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Scenario s = Scenario.of(scenario);
        BenchIssuer issuer = BenchIssuer.create(s);
        String token = issuer.mint(0);
        Provider p = BenchProviders.forName(provider, s.jcaName());
        signature = Signature.getInstance(s.jcaName(), p);
        key = issuer.publicKey(p);
        input = BenchIssuer.signingInput(token);
        jcaSignature = issuer.jcaSignature(token);
        if (!verify()) {
            throw new IllegalStateException(provider + " rejects the " + scenario + " signature");
        }
        CpuWarmup.run(this::verify, 2000);
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        signature.initVerify(key);
        signature.update(input);
        return signature.verify(jcaSignature);
    }
}
