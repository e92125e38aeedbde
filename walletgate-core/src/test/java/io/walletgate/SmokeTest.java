package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void verifies_nimbus_minted_tokens_for_every_algorithm() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (String alg : new String[] {"ES256", "ES384", "RS256", "PS256", "EdDSA"}) {
            TestIssuer issuer = TestIssuer.create(alg, "k-" + alg);
            WalletVerifier v = WalletVerifier.builder()
                    .issuer(IssuerProfiles.oidc("https://login.example.com").withAudience("api")
                            .withAlgorithms(alg).withJwks(issuer.jwks()))
                    .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
            VerifiedIdentity id = v.verify(issuer.sign(TestIssuer.claims("https://login.example.com", "api", now)),
                    WalletProof.none());
            assertThat(id.subject()).isEqualTo("user-1");
            assertThat(id.keyId()).isEqualTo("k-" + alg);
        }
    }
}
