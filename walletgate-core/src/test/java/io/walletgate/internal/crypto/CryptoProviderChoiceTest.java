package io.walletgate.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.IssuerProfiles;
import io.walletgate.TestIssuer;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerifier;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The default signature provider, as the README's "Crypto providers" documents it: Amazon Corretto Crypto Provider
 * when it is on the class path and loads, otherwise the private BouncyCastle instance. ACCP is an optional dependency
 * of walletgate-core, so an application on macOS or ARM does not have it: walletgate-core's pom runs this class a
 * second time with ACCP removed from the class path (surefire execution {@code without-accp}, which sets
 * {@code walletgate.test.classpath=without-accp}).
 */
class CryptoProviderChoiceTest {
    private static final String CLASSPATH = "walletgate.test.classpath";
    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    @DisabledIfSystemProperty(named = CLASSPATH, matches = "without-accp")
    void chooses_accp_on_linux_x86_64_when_it_is_on_the_class_path() throws ClassNotFoundException {
        assertThat(Class.forName(ACCP_CLASS)).isNotNull();
        Provider accp = CryptoProviders.accp();
        assertThat(accp).as("ACCP loads on Linux x86-64").isNotNull();
        assertThat(accp.getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(CryptoProviders.preferred()).containsExactly(accp, CryptoProviders.bouncyCastle());
        assertThat(CryptoProviders.forAlgorithm(JwsAlgorithm.ES256)).isSameAs(accp);
        assertThat(CryptoProviders.forAlgorithm(JwsAlgorithm.RS256)).isSameAs(accp);
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            assertThat(CryptoProviders.forAlgorithm(alg)).as(alg.joseName())
                    .isSameAs(CryptoProviders.supports(accp, alg) ? accp : CryptoProviders.bouncyCastle());
        }
        assertThat(Security.getProvider(accp.getName())).as("never installed globally").isNull();
        verifies(JwsAlgorithm.ES256); // SmokeTest verifies every algorithm with this choice
    }

    @Test
    @EnabledIfSystemProperty(named = CLASSPATH, matches = "without-accp")
    void chooses_the_private_bouncycastle_when_accp_is_not_on_the_class_path() {
        assertThatThrownBy(() -> Class.forName(ACCP_CLASS)).isInstanceOf(ClassNotFoundException.class);
        assertThat(CryptoProviders.accp()).isNull();
        Provider bc = CryptoProviders.bouncyCastle();
        assertThat(bc.getName()).isEqualTo("BC");
        assertThat(CryptoProviders.preferred()).containsExactly(bc);
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            assertThat(CryptoProviders.forAlgorithm(alg)).as(alg.joseName()).isSameAs(bc);
        }
        assertThat(Security.getProvider("BC")).as("never installed globally").isNull();
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            verifies(alg);
        }
    }

    /** A token signed by Nimbus for {@code alg} verifies with the default provider choice. */
    private static void verifies(JwsAlgorithm alg) {
        TestIssuer issuer = TestIssuer.create(alg.joseName(), "k-" + alg.joseName());
        String token = issuer.sign(TestIssuer.claims("https://login.example.com", "api", NOW));
        try (WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.oidc("https://login.example.com").withAudience("api")
                        .withAlgorithms(alg.joseName()).withJwks(issuer.jwks()))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
            assertThat(verifier.verify(token, WalletProof.none()).keyId()).isEqualTo("k-" + alg.joseName());
        }
    }
}
