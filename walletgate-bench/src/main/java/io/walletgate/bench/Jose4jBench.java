package io.walletgate.bench;

import java.security.Provider;
import java.util.concurrent.TimeUnit;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
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
 * jose4j as its documentation sets it up: a {@link JwtConsumer} requiring {@code exp}, expecting {@code iss} and
 * {@code aud}, 60 s skew, ES256 only, keys from a JWKS resolver. {@code accp}: jose4j's own hook, a
 * {@link ProviderContext} naming the signature provider (a name, so ACCP is registered, at the lowest priority).
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Jose4jBench {
    @Param({"ES256-web3auth", "ES256-oidc"})
    public String scenario;

    @Param({"jdk", "accp"})
    public String provider;

    private JwtConsumer consumer;
    private String token;

    @Setup
    public void setUp() throws Exception {
        BenchIssuer issuer = BenchIssuer.create(Scenario.of(scenario));
        JwtConsumerBuilder b = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(issuer.issuer())
                .setExpectedAudience(issuer.audience())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                        new JsonWebKeySet(issuer.jwks()).getJsonWebKeys()));
        if (BenchProviders.ACCP.equals(provider)) {
            Provider accp = BenchProviders.accp();
            BenchProviders.registerLast(accp);
            ProviderContext context = new ProviderContext();
            context.getSuppliedKeyProviderContext().setSignatureProvider(accp.getName());
            context.getGeneralProviderContext().setSignatureProvider(accp.getName());
            b.setJwsProviderContext(context);
        }
        consumer = b.build();
        token = issuer.mint(0);
        verify();
        CpuWarmup.run(this::verify, 2000);
    }

    @Benchmark
    public JwtClaims verify() throws Exception {
        return consumer.processToClaims(token);
    }
}
