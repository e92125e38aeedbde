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
 * spend on that provider. It verifies the same pool of distinct tokens as {@link WalletGateColdBench}'s new-token rows,
 * in the same order ({@link Fixtures#poolSize}, {@link BenchIssuer#tokens}), so the ratio of a new-token row to its
 * floor compares like with like: one token verified again and again keeps its input and signature in the caches and
 * lets the branch predictor learn one signature's arithmetic (issue 20: the ratio was unfair).
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
    private byte[][] inputs;
    private byte[][] signatures;
    private int next;

    /** The ACCP floor of a scenario, set up outside JMH (the paired and context probes). */
    static SignatureFloorBench accp(String scenario) throws GeneralSecurityException {
        SignatureFloorBench floor = new SignatureFloorBench();
        floor.scenario = scenario;
        floor.provider = BenchProviders.ACCP;
        floor.setUp();
        return floor;
    }

    @Setup
    public void setUp() throws GeneralSecurityException {
        Scenario s = Scenario.of(scenario);
        BenchIssuer issuer = BenchIssuer.create(s, Fixtures.poolSize(s));
        String[] tokens = issuer.tokens(Fixtures.poolSize(s));
        Provider p = BenchProviders.forName(provider, s.jcaName());
        key = issuer.publicKey(p);
        signature = p1363(s, p);
        boolean jose = signature != null;
        if (!jose) {
            signature = Signature.getInstance(s.jcaName(), p);
        }
        inputs = new byte[tokens.length][];
        signatures = new byte[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            inputs[i] = BenchIssuer.signingInput(tokens[i]);
            signatures[i] = jose ? BenchIssuer.joseSignature(tokens[i]) : issuer.jcaSignature(tokens[i]);
        }
        for (int i = 0; i < tokens.length; i++) {
            if (!verify()) {
                throw new IllegalStateException(provider + " rejects the " + scenario + " signature of token " + i);
            }
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
        int i = next;
        next = i + 1 == inputs.length ? 0 : i + 1;
        signature.initVerify(key);
        signature.update(inputs[i]);
        return signature.verify(signatures[i]);
    }
}
