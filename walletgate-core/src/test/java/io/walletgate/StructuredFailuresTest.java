package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.walletgate.keys.KeySources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * A rejection says where it happened (issue 16): the stage, the configured issuer the token was routed to, the claim
 * it is about, and for a failed wallet proof the token's wallets; a {@link VerificationListener} registered on the
 * builder sees every verification with its issuer, outcome and duration. Nothing needs to decode the token again.
 */
class StructuredFailuresTest {
    private static final String ISS = "https://api-auth.web3auth.io";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final TestIssuer key = TestIssuer.create("ES256", "w3a");
    private final String appKey = TestWallets.hex(TestWallets.secp256k1(true));
    private final List<String> seen = new ArrayList<>();

    private WalletVerifier verifier(long cacheBytes) {
        return WalletVerifier.builder()
                .issuer(IssuerProfiles.web3auth("client").withJwks(key.jwks()).withName("w3a"))
                .clock(clock)
                .verifiedTokenCache(cacheBytes)
                .listener((issuer, error, took) -> {
                    assertThat(took.isNegative()).isFalse();
                    seen.add(issuer + " " + (error == null ? "valid" : error.code()));
                })
                .build();
    }

    private Map<String, Object> claims() {
        Map<String, Object> c = TestIssuer.claims(ISS, "client", clock.instant());
        c.remove("sub");
        c.put("userId", "alice");
        c.put("wallets", List.of(Map.of("public_key", appKey, "type", "web3auth_app_key", "curve", "secp256k1")));
        return c;
    }

    private static WalletVerificationException rejection(WalletVerifier v, String token, WalletProof proof) {
        return catchThrowableOfType(WalletVerificationException.class, () -> v.verify(token, proof));
    }

    @Test
    void a_token_that_does_not_parse_is_rejected_at_parse_before_any_issuer() {
        WalletVerificationException e = rejection(verifier(0), "not.a-token", WalletProof.none());
        assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_MALFORMED);
        assertThat(e.stage()).isEqualTo(VerificationStage.PARSE);
        assertThat(e.issuerName()).isNull();
        assertThat(e.claim()).isNull();
        assertThat(seen).containsExactly("null token_malformed");
    }

    @Test
    void a_missing_or_unknown_iss_is_rejected_at_the_issuer_stage_naming_no_issuer() {
        Map<String, Object> noIss = claims();
        noIss.remove("iss");
        WalletVerificationException missing = rejection(verifier(0), key.sign(noIss), WalletProof.none());
        assertThat(missing.code()).isEqualTo(ErrorCode.CLAIM_MISSING);
        assertThat(missing.claim()).isEqualTo("iss");
        assertThat(missing.stage()).isEqualTo(VerificationStage.ISSUER);
        assertThat(missing.issuerName()).isNull();

        Map<String, Object> foreign = claims();
        foreign.put("iss", "https://elsewhere.example");
        WalletVerificationException unknown = rejection(verifier(0), key.sign(foreign), WalletProof.none());
        assertThat(unknown.code()).isEqualTo(ErrorCode.ISSUER_UNKNOWN);
        assertThat(unknown.stage()).isEqualTo(VerificationStage.ISSUER);
        assertThat(unknown.issuerName()).isNull();
    }

    @Test
    void an_algorithm_the_issuer_does_not_allow_names_the_issuer_it_was_routed_to() {
        TestIssuer rsa = TestIssuer.create("RS256", "w3a");
        WalletVerificationException e = rejection(verifier(0), rsa.sign(claims()), WalletProof.none());
        assertThat(e.code()).isEqualTo(ErrorCode.ALG_NOT_ALLOWED);
        assertThat(e.stage()).isEqualTo(VerificationStage.ISSUER);
        assertThat(e.issuerName()).isEqualTo("w3a");
        assertThat(e.getMessage()).isEqualTo("algorithm 'RS256' is not allowed for issuer 'w3a' (allowed: ES256)");
    }

    @Test
    void keys_and_signature_failures_name_their_stage_and_issuer() {
        TestIssuer stranger = TestIssuer.create("ES256", "other-kid");
        WalletVerificationException noKey = rejection(verifier(0), stranger.sign(claims()), WalletProof.none());
        assertThat(noKey.code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        assertThat(noKey.stage()).isEqualTo(VerificationStage.KEYS);
        assertThat(noKey.issuerName()).isEqualTo("w3a");

        TestIssuer impostor = TestIssuer.create("ES256", "w3a"); // the issuer's kid, another key
        WalletVerificationException forged = rejection(verifier(0), impostor.sign(claims()), WalletProof.none());
        assertThat(forged.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        assertThat(forged.stage()).isEqualTo(VerificationStage.SIGNATURE);
        assertThat(forged.issuerName()).isEqualTo("w3a");
    }

    @Test
    void claim_failures_name_the_claim_and_the_issuer() {
        Map<String, Object> other = claims();
        other.put("aud", "another-project");
        WalletVerificationException aud = rejection(verifier(0), key.sign(other), WalletProof.none());
        assertThat(aud.code()).isEqualTo(ErrorCode.AUDIENCE_MISMATCH);
        assertThat(aud.claim()).isEqualTo("aud");
        assertThat(aud.stage()).isEqualTo(VerificationStage.CLAIMS);
        assertThat(aud.issuerName()).isEqualTo("w3a");

        Map<String, Object> badWallets = claims();
        badWallets.put("wallets", List.of(Map.of("type", 7)));
        WalletVerificationException wallets = rejection(verifier(0), key.sign(badWallets), WalletProof.none());
        assertThat(wallets.code()).isEqualTo(ErrorCode.CLAIM_INVALID);
        assertThat(wallets.claim()).isEqualTo("wallets[0].type");
        assertThat(wallets.getMessage()).isEqualTo("claim 'wallets[0].type' is not a string");
        assertThat(wallets.stage()).isEqualTo(VerificationStage.CLAIMS);
    }

    @Test
    void an_expired_cached_token_is_rejected_at_claims_naming_exp_and_the_issuer() {
        WalletVerifier v = verifier(1 << 20);
        String token = key.sign(claims());
        v.verify(token, WalletProof.appPublicKey(appKey));
        clock.advance(Duration.ofHours(2));
        WalletVerificationException e = rejection(v, token, WalletProof.appPublicKey(appKey));
        assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED);
        assertThat(e.claim()).isEqualTo("exp");
        assertThat(e.stage()).isEqualTo(VerificationStage.CLAIMS);
        assertThat(e.issuerName()).isEqualTo("w3a");
        assertThat(v.tokenCacheStats().hits()).isEqualTo(1);
        assertThat(seen).containsExactly("w3a valid", "w3a token_expired");
    }

    @Test
    void a_failed_wallet_proof_carries_the_token_wallets_it_was_matched_against() {
        String other = TestWallets.hex(TestWallets.secp256k1(true));
        WalletVerificationException e = rejection(verifier(0), key.sign(claims()), WalletProof.appPublicKey(other));
        assertThat(e.code()).isEqualTo(ErrorCode.WALLET_MISMATCH);
        assertThat(e.stage()).isEqualTo(VerificationStage.WALLET);
        assertThat(e.issuerName()).isEqualTo("w3a");
        assertThat(e.wallets()).extracting(Wallet::publicKey).containsExactly(appKey);
        assertThat(e.wallets().get(0).address()).startsWith("0x").hasSize(42);

        WalletVerificationException malformed = rejection(verifier(0), key.sign(claims()),
                WalletProof.appPublicKey("02ab"));
        assertThat(malformed.code()).isEqualTo(ErrorCode.WALLET_PROOF_INVALID);
        assertThat(malformed.stage()).isEqualTo(VerificationStage.WALLET);
        assertThat(malformed.wallets()).hasSize(1);
    }

    @Test
    void the_listener_sees_every_verification_with_its_issuer_and_outcome() {
        WalletVerifier v = verifier(1 << 20);
        String token = key.sign(claims());
        v.verify(token, WalletProof.appPublicKey(appKey));
        v.verify(token, WalletProof.appPublicKey(appKey)); // a cache hit counts too
        catchThrowableOfType(WalletVerificationException.class, () -> v.verify(token,
                WalletProof.address("0x0000000000000000000000000000000000000001")));
        assertThat(v.verifyAsync(token, WalletProof.none())).succeedsWithin(Duration.ofSeconds(5));
        assertThat(v.verifyAsync("x.y.z", WalletProof.none())).failsWithin(Duration.ofSeconds(5));
        assertThat(seen).containsExactly("w3a valid", "w3a valid", "w3a wallet_mismatch", "w3a valid",
                "null token_malformed");
    }

    @Test
    void an_async_rejection_after_the_key_fetch_still_names_the_stage_and_issuer() {
        WalletVerifier v = WalletVerifier.builder()
                .issuer(IssuerProfiles.web3auth("client").withKeySource(KeySources.jwks(key.jwks())))
                .clock(clock)
                .build();
        TestIssuer impostor = TestIssuer.create("ES256", "w3a");
        Throwable t = catchThrowableOfType(Throwable.class,
                () -> v.verifyAsync(impostor.sign(claims()), WalletProof.none()).join());
        assertThat(t).isInstanceOf(CompletionException.class);
        WalletVerificationException e = (WalletVerificationException) t.getCause();
        assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        assertThat(e.stage()).isEqualTo(VerificationStage.SIGNATURE);
        assertThat(e.issuerName()).isEqualTo("web3auth");
    }
}
