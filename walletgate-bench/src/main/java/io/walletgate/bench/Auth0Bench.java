package io.walletgate.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
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
 * auth0 java-jwt as its documentation sets it up: {@code JWT.require(Algorithm.ECDSA256(keyProvider))} with
 * {@code iss}, {@code aud}, a required {@code exp} and 60 s leeway; the key provider looks the {@code kid} up in an
 * immutable map (what jwks-rsa's cached provider amounts to). java-jwt has no provider setting: it calls
 * {@code Signature.getInstance(alg)}. So {@code accp} installs ACCP at the highest priority in that fork (ACCP's
 * documented installation), and the key is imported by the default key factory after that, as jwks-rsa would.
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Auth0Bench {
    @Param({"ES256-web3auth", "ES256-oidc"})
    public String scenario;

    @Param({"jdk", "accp"})
    public String provider;

    private JWTVerifier verifier;
    private String token;

    @Setup
    public void setUp() throws Exception {
        BenchIssuer issuer = BenchIssuer.create(Scenario.of(scenario));
        if (BenchProviders.ACCP.equals(provider)) {
            Provider accp = BenchProviders.accp();
            BenchProviders.installFirst(accp);
            if (Signature.getInstance("SHA256withECDSA").getProvider() != accp) {
                throw new IllegalStateException("ACCP is not the default SHA256withECDSA provider");
            }
        }
        ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(issuer.publicKey().getEncoded()));
        Map<String, ECPublicKey> keys = Map.of(issuer.kid(), key);
        Algorithm es256 = Algorithm.ECDSA256(new ECDSAKeyProvider() {
            @Override
            public ECPublicKey getPublicKeyById(String keyId) {
                return keys.get(keyId);
            }

            @Override
            public ECPrivateKey getPrivateKey() {
                return null;
            }

            @Override
            public String getPrivateKeyId() {
                return null;
            }
        });
        verifier = JWT.require(es256)
                .withIssuer(issuer.issuer())
                .withAudience(issuer.audience())
                .withClaimPresence("exp")
                .acceptLeeway(60)
                .build();
        token = issuer.mint(0);
        verify();
        CpuWarmup.run(this::verify, 2000);
    }

    @Benchmark
    public DecodedJWT verify() {
        return verifier.verify(token);
    }
}
