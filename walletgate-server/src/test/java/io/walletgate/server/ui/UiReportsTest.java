package io.walletgate.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.IssuerProfiles;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.KeySourceListener;
import io.walletgate.keys.RemoteKeyOptions;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The inspector's and the key-health reports, in process, on a test clock the test advances. */
class UiReportsTest {
    private final DevIssuer issuer = DevIssuer.start();
    private final TestClock clock = new TestClock(Instant.now());
    // Completes when a fetch of web3auth's keys fails: the report is read then, with no polling. Only that source's
    // failure counts: sequence-oms's first fetch may still be under way when the issuer goes down, and fail too.
    private final CompletableFuture<String> fetchFailed = new CompletableFuture<>();
    private final WalletVerifier verifier = WalletVerifier.builder()
            .clock(clock)
            .remoteKeyOptions(RemoteKeyOptions.builder().autoRefresh(false).defaultMaxAge(Duration.ofMinutes(10))
                    .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).listener(new KeySourceListener() {
                        @Override
                        public void onFetch(String source, String error, Duration took) {
                            if (error != null && source.equals(issuer.jwksUri("web3auth").toString())) {
                                fetchFailed.complete(error);
                            }
                        }
                    }).build())
            .issuer(issuer.profile("web3auth", issuer.audience()))
            .issuer(issuer.profile("sequence-oms", issuer.audience()))
            .issuer(IssuerProfiles.nopwd("a.example").withJwks("{\"keys\":[]}"))
            .build();
    private final TokenInspector inspector = new TokenInspector(verifier, clock, Duration.ofSeconds(60),
            Duration.ofHours(24));

    @AfterEach
    void stop() {
        verifier.close();
        issuer.close();
    }

    private JsonNode inspect(MintedToken t, WalletProof proof, String kind) {
        return inspector.inspect(t.token(), proof, kind);
    }

    @Test
    void a_token_not_yet_valid_fails_in_the_claims_stage_and_reports_its_window() {
        MintedToken later = issuer.web3auth().notBefore(clock.instant().plusSeconds(600)).mint();
        JsonNode r = inspect(later, later.proof(), "appPublicKey");
        assertThat(r.at("/result/error/code").asText()).isEqualTo("token_not_yet_valid");
        assertThat(r.at("/stages/4/state").asText()).isEqualTo("failed");
        assertThat(r.at("/stages/3/state").asText()).isEqualTo("passed");
        assertThat(r.at("/time/nbf").asLong()).isEqualTo(clock.instant().getEpochSecond() + 600);
        assertThat(r.at("/time/maxTokenAgeSeconds").asLong()).isEqualTo(86_400);
        assertThat(r.at("/wallets/derived").asBoolean()).isFalse();
        assertThat(r.at("/wallets/entries/0/publicKey").asText()).isNotBlank(); // as written, unverified
    }

    @Test
    void a_wallet_bound_to_the_subject_is_proven_without_a_proof() {
        MintedToken oms = issuer.sequenceOms().mint();
        JsonNode r = inspect(oms, WalletProof.none(), "none");
        assertThat(r.at("/result/valid").asBoolean()).as(r.toString()).isTrue();
        assertThat(r.at("/proof/matched").asBoolean()).isFalse();
        assertThat(r.at("/wallets/entries/0/address").asText()).isEqualTo(oms.address());
        assertThat(r.at("/wallets/entries/0/proven").asBoolean()).isTrue();
    }

    @Test
    void a_missing_iss_fails_in_the_issuer_stage() {
        JsonNode r = inspect(issuer.web3auth().withoutClaim("iss").mint(), WalletProof.none(), "none");
        assertThat(r.at("/result/error/code").asText()).isEqualTo("claim_missing");
        assertThat(r.at("/stages/1/state").asText()).isEqualTo("failed");
        assertThat(r.at("/issuer/configured").asBoolean()).isFalse();
    }

    @Test
    void key_health_reports_fresh_then_stale_keys_with_the_failed_fetch_and_static_sources() throws Exception {
        MintedToken login = issuer.web3auth().mint();
        assertThat(inspect(login, login.proof(), "appPublicKey").at("/result/valid").asBoolean()).isTrue();
        KeyHealth health = new KeyHealth(verifier, clock);
        JsonNode fresh = health.report().at("/issuers/0");
        assertThat(fresh.get("state").asText()).isEqualTo("fresh");
        assertThat(fresh.at("/keys/0/kid").asText()).isEqualTo(login.keyId());

        String jwks = issuer.jwksUri("web3auth").toString();
        issuer.close(); // the issuer goes down
        clock.advance(Duration.ofMinutes(11));
        verifier.verify(login.token(), login.proof()); // still verifies (cached), and the keys are now past expiry
        verifier.keySources().get("web3auth").keys(); // due: starts a refresh that fails
        // Refused at once (nothing listens on the issuer's port now); the bound only keeps a hang from hanging the
        // build, generous for a loaded machine and above the 10 s read timeout a stray listener could cause.
        assertThat(fetchFailed).succeedsWithin(Duration.ofMinutes(2)).asString().contains(jwks);
        JsonNode stale = health.report().at("/issuers/0");
        assertThat(stale.get("state").asText()).isEqualTo("stale");
        assertThat(stale.get("stale").asBoolean()).isTrue();
        assertThat(stale.get("usable").asBoolean()).isTrue();
        assertThat(stale.at("/lastFetch/outcome").asText()).isEqualTo("failed");
        assertThat(stale.at("/lastFetch/error").asText()).contains(jwks);
        assertThat(stale.get("failures").asLong()).isEqualTo(1);
        assertThat(stale.at("/keys/0/ageSeconds").asLong()).isGreaterThanOrEqualTo(660);

        JsonNode fixed = health.report().at("/issuers/2");
        assertThat(fixed.get("name").asText()).isEqualTo("nopwd");
        assertThat(fixed.get("state").asText()).isEqualTo("static");
        assertThat(fixed.get("keys")).isEmpty();
    }
}
