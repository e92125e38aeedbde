package io.walletgate.bench;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
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
 * {@link Signature}, a key from the provider's own key factory, the signature already in the provider's cheapest
 * form: for ECDSA, JOSE's own R||S where the provider verifies it as is ({@code SHA256withECDSAinP1363Format}:
 * ACCP and the JDK, as WalletGate uses them), else DER (BouncyCastle). The least any verifier of that token can
 * spend on that provider.
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
        key = issuer.publicKey(p);
        input = BenchIssuer.signingInput(token);
        signature = p1363(s, p);
        if (signature != null) {
            jcaSignature = BenchIssuer.joseSignature(token);
        } else {
            signature = Signature.getInstance(s.jcaName(), p);
            jcaSignature = issuer.jcaSignature(token);
        }
        if (!verify()) {
            throw new IllegalStateException(provider + " rejects the " + scenario + " signature");
        }
        CpuWarmup.run(this::verify, 2000);
    }

    private static Signature p1363(Scenario s, Provider p) {
        if (!"ES256".equals(s.alg())) {
            return null;
        }
        try {
            return Signature.getInstance("SHA256withECDSAinP1363Format", p);
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        signature.initVerify(key);
        signature.update(input);
        return signature.verify(jcaSignature);
    }
}
