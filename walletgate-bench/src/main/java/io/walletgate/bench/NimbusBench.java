package io.walletgate.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Set;
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
 * Nimbus JOSE+JWT as its documentation sets it up: {@link DefaultJWTProcessor}, an ES256 key selector over an
 * immutable JWK set, a claims verifier for {@code iss}, {@code aud} and a required {@code exp} (60 s skew, its
 * default). {@code accp}: Nimbus's own provider hook, {@code JCAContext.setProvider} on its verifier factory.
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NimbusBench {
    @Param({"ES256-web3auth", "ES256-oidc"})
    public String scenario;

    @Param({"jdk", "accp"})
    public String provider;

    private DefaultJWTProcessor<SecurityContext> processor;
    private String token;

    @Setup
    public void setUp() throws Exception {
        BenchIssuer issuer = BenchIssuer.create(Scenario.of(scenario));
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.parse(issuer.jwks()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(issuer.audience(),
                new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(), Set.of("exp")));
        if (BenchProviders.ACCP.equals(provider)) {
            DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
            factory.getJCAContext().setProvider(BenchProviders.accp());
            processor.setJWSVerifierFactory(factory);
        }
        token = issuer.mint(0);
        verify();
        CpuWarmup.run(this::verify, 2000);
    }

    @Benchmark
    public JWTClaimsSet verify() throws Exception {
        return processor.process(token, null);
    }
}
