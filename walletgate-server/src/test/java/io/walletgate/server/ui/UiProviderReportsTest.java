package io.walletgate.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerifier;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inspector and key health with the providers of docs/architecture.md §12: each shape is decoded and verified. */
class UiProviderReportsTest {
    private final DevIssuer issuer = DevIssuer.start();
    private final TestClock clock = new TestClock(Instant.now());
    private final WalletVerifier verifier = WalletVerifier.builder().clock(clock)
            .issuer(issuer.profile("privy")).issuer(issuer.profile("dynamic")).issuer(issuer.profile("para"))
            .issuer(issuer.profile("magic")).build();
    private final TokenInspector inspector = new TokenInspector(verifier, clock, Duration.ofSeconds(60), null);

    @AfterEach
    void stop() {
        verifier.close();
        issuer.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"privy", "dynamic", "para", "magic"})
    void each_providers_token_is_decoded_verified_and_its_wallet_shown_proven(String profile) {
        MintedToken t = issuer.token(profile).mint();

        JsonNode r = inspector.inspect(t.token(), t.proof(), "address");

        assertThat(r.at("/result/valid").asBoolean()).as(r.toString()).isTrue();
        assertThat(r.at("/result/identity/profile").asText()).isEqualTo(profile);
        assertThat(r.at("/decoded/claims/aud").isMissingNode()).isFalse();
        assertThat(r.at("/proof/matched").asBoolean()).isTrue();
        assertThat(r.at("/time/exp").asLong()).isEqualTo(t.expiresAt().getEpochSecond());
        assertThat(r.at("/wallets/derived").asBoolean()).isTrue();
        boolean proven = false;
        for (JsonNode w : r.at("/wallets/entries")) {
            proven |= w.get("proven").asBoolean() && w.get("address").asText().equalsIgnoreCase(t.address());
        }
        assertThat(proven).as(r.at("/wallets").toString()).isTrue();
    }

    @Test
    void a_forged_magic_token_is_decoded_and_fails_at_its_signature() {
        MintedToken forged = issuer.magic().signedByOtherKey().mint();

        JsonNode r = inspector.inspect(forged.token(), WalletProof.none(), "none");

        assertThat(r.at("/decoded/header/typ").asText()).isEqualTo("DID");
        assertThat(r.at("/decoded/signatureLength").asInt()).isEqualTo(65);
        assertThat(r.at("/result/error/code").asText()).isEqualTo("signature_invalid");
        assertThat(r.at("/issuer/configured").asBoolean()).isTrue();
        assertThat(r.at("/issuer/profile").asText()).isEqualTo("magic");
        assertThat(r.at("/key/used").asBoolean()).isFalse();
    }

    @Test
    void key_health_shows_the_magic_issuer_without_keys() {
        JsonNode magic = new KeyHealth(verifier, clock).report().at("/issuers/3");
        assertThat(magic.get("profile").asText()).isEqualTo("magic");
        assertThat(magic.get("kind").asText()).isEqualTo("none");
        assertThat(magic.get("keys")).isEmpty();
    }
}
