package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.walletgate.keys.JwksServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The error-code contract of docs/architecture.md §6: the exact wire strings in order, and for every code the core
 * produces one input that produces it, through {@code verify} and {@code verifyAsync} alike, with a client-safe
 * message. {@code token_replayed}, {@code session_invalid}, {@code request_invalid} and {@code store_unavailable}
 * belong to the service.
 */
class ErrorCodesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ISS = "https://login.example.com";
    private static final String AUD = "api";
    private static final String WEB3AUTH_ISS = "https://api-auth.web3auth.io";
    private static final String CLIENT_ID = "BFL8Z_client";
    private static final TestIssuer ES256 = TestIssuer.create("ES256", "es-1");

    /** Every code the core library can raise; the rest are the service's. */
    private static final Set<ErrorCode> SERVICE_ONLY =
            EnumSet.of(ErrorCode.TOKEN_REPLAYED, ErrorCode.SESSION_INVALID, ErrorCode.REQUEST_INVALID,
                    ErrorCode.STORE_UNAVAILABLE, ErrorCode.ADMIN_TOKEN_INVALID);
    /** Codes only sign-in raises: io.walletgate.signin.SiweVerifierTest produces each (and the shared ones). */
    private static final Set<ErrorCode> SIGN_IN_ONLY =
            EnumSet.of(ErrorCode.MESSAGE_INVALID, ErrorCode.NONCE_INVALID, ErrorCode.CHAIN_UNAVAILABLE);
    private static final Set<ErrorCode> PRODUCED = EnumSet.noneOf(ErrorCode.class);

    // ---------------------------------------------------------------- the list itself

    @Test
    void codes_are_exactly_the_design_list_in_order() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).containsExactly(
                "token_missing", "token_malformed", "token_too_large", "header_invalid", "alg_not_allowed",
                "issuer_unknown", "jwks_unavailable", "key_not_found", "signature_invalid", "token_expired",
                "token_not_yet_valid", "token_too_old", "audience_mismatch", "claim_missing", "claim_invalid",
                "wallet_proof_invalid", "wallet_mismatch", "token_replayed", "session_invalid", "request_invalid",
                // added after docs/architecture.md §6 for the service: a store outage answers 503 with this code
                "store_unavailable",
                // sign-in with a wallet signature (docs/architecture.md §13)
                "message_invalid", "nonce_invalid", "chain_unavailable",
                // the service's admin endpoint: a wrong admin token (issue 21, item 6)
                "admin_token_invalid");
    }

    @Test
    void from_code_round_trips_every_code_and_rejects_unknown_ones() {
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(ErrorCode.fromCode(c.code())).isSameAs(c);
            assertThat(c).hasToString(c.code());
            assertThat(c.meaning()).isNotBlank();
        }
        for (String unknown : List.of("TOKEN_EXPIRED", "token-expired", "", "expired")) {
            assertThatThrownBy(() -> ErrorCode.fromCode(unknown))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown error code: " + unknown);
        }
        assertThatThrownBy(() -> ErrorCode.fromCode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exception_carries_code_and_message_and_prints_the_wire_code() {
        WalletVerificationException e = new WalletVerificationException(ErrorCode.TOKEN_EXPIRED, "token expired");
        assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED);
        assertThat(e).hasMessage("token expired")
                .hasToString("WalletVerificationException[token_expired]: token expired");
        assertThatThrownBy(() -> new WalletVerificationException(null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WalletVerificationException(ErrorCode.TOKEN_EXPIRED, null))
                .isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- one input per code

    @Test
    void token_missing_for_null_empty_or_blank_token() {
        for (String token : Arrays.asList(null, "", "   ", "\n\t")) {
            rejects(oidcVerifier(), token, WalletProof.none(), ErrorCode.TOKEN_MISSING, "no token was given");
        }
    }

    @Test
    void token_malformed_for_a_string_that_is_no_compact_jws() {
        rejects(oidcVerifier(), "not-a-jwt", WalletProof.none(), ErrorCode.TOKEN_MALFORMED,
                "token must have three dot-separated parts");
        rejects(oidcVerifier(), "!!!.e30.", WalletProof.none(), ErrorCode.TOKEN_MALFORMED,
                "header is not base64url");
        rejects(oidcVerifier(), "bm90IGpzb24.e30.", WalletProof.none(), ErrorCode.TOKEN_MALFORMED,
                "header is not a JSON object: invalid JSON");
    }

    @Test
    void token_too_large_for_a_token_over_16_kib() {
        String token = ES256.sign(claims());
        String big = token + "A".repeat(16 * 1024 + 1 - token.length());
        rejects(oidcVerifier(), big, WalletProof.none(), ErrorCode.TOKEN_TOO_LARGE,
                "token is larger than 16384 characters");
    }

    @Test
    void header_invalid_for_missing_or_mistyped_header_members() {
        String payload = SecurityRulesTest.json(claims());
        rejects(oidcVerifier(), ES256.signRaw("{\"kid\":\"es-1\"}", payload), WalletProof.none(),
                ErrorCode.HEADER_INVALID, "header has no 'alg' string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":256,\"kid\":\"es-1\"}", payload), WalletProof.none(),
                ErrorCode.HEADER_INVALID, "header has no 'alg' string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":\"\",\"kid\":\"es-1\"}", payload), WalletProof.none(),
                ErrorCode.HEADER_INVALID, "header has no 'alg' string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":\"ES256\",\"kid\":7}", payload), WalletProof.none(),
                ErrorCode.HEADER_INVALID, "header 'kid' is not a string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\",\"typ\":[]}", payload),
                WalletProof.none(), ErrorCode.HEADER_INVALID, "header 'typ' is not a string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\",\"cty\":{}}", payload),
                WalletProof.none(), ErrorCode.HEADER_INVALID, "header 'cty' is not a string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":\"ES256\",\"jku\":\"https://evil.example/jwks\"}", payload),
                WalletProof.none(), ErrorCode.HEADER_INVALID, "header member 'jku' names a key source");
    }

    @Test
    void header_invalid_for_a_json_null_where_rfc_7515_wants_a_string() {
        // A null is present, not absent: "kid": null must not fall back to a kid-less key choice.
        String payload = SecurityRulesTest.json(claims());
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":null,\"kid\":\"es-1\"}", payload), WalletProof.none(),
                ErrorCode.HEADER_INVALID, "header has no 'alg' string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":\"ES256\",\"kid\":null}", payload), WalletProof.none(),
                ErrorCode.HEADER_INVALID, "header 'kid' is not a string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\",\"typ\":null}", payload),
                WalletProof.none(), ErrorCode.HEADER_INVALID, "header 'typ' is not a string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\",\"cty\":null}", payload),
                WalletProof.none(), ErrorCode.HEADER_INVALID, "header 'cty' is not a string");
        rejects(oidcVerifier(), ES256.signRaw("{\"alg\":\"ES256\",\"kid\":false}", payload), WalletProof.none(),
                ErrorCode.HEADER_INVALID, "header 'kid' is not a string");
    }

    @Test
    void alg_not_allowed_for_an_algorithm_the_issuer_does_not_allow() {
        TestIssuer rs = TestIssuer.create("RS256", "rs-1");
        rejects(oidcVerifier(), rs.sign(claims()), WalletProof.none(), ErrorCode.ALG_NOT_ALLOWED,
                "algorithm 'RS256' is not allowed for issuer 'oidc' (allowed: ES256)");
    }

    @Test
    void issuer_unknown_for_an_iss_that_is_not_configured() {
        rejects(oidcVerifier(), ES256.sign(TestIssuer.claims("https://evil.example", AUD, NOW)), WalletProof.none(),
                ErrorCode.ISSUER_UNKNOWN, "issuer 'https://evil.example' is not configured");
    }

    @Test
    void jwks_unavailable_when_the_key_set_cannot_be_fetched() {
        try (JwksServer server = JwksServer.start(ES256.jwks()).status(503);
             WalletVerifier v = WalletVerifier.builder()
                    .issuer(IssuerProfiles.oidc(ISS).withAudience(AUD).withAlgorithms("ES256")
                            .withJwksUri(server.uri()))
                    .clock(CLOCK).build()) {
            rejects(v, ES256.sign(claims()), WalletProof.none(), ErrorCode.JWKS_UNAVAILABLE,
                    "key set " + server.uri() + " answered HTTP 503");
        }
    }

    @Test
    void key_not_found_for_a_kid_the_issuer_does_not_have() {
        rejects(oidcVerifier(), ES256.sign(claims(), h -> h.keyID("rotated-away")), WalletProof.none(),
                ErrorCode.KEY_NOT_FOUND, "no key with id 'rotated-away' at static JWKS (it holds es-1)");
    }

    @Test
    void signature_invalid_for_a_payload_changed_after_signing() {
        String token = ES256.sign(claims());
        Map<String, Object> changed = claims();
        changed.put("sub", "admin");
        String other = ES256.sign(changed);
        String forged = token.substring(0, token.indexOf('.')) + other.substring(other.indexOf('.'),
                other.lastIndexOf('.')) + token.substring(token.lastIndexOf('.'));
        rejects(oidcVerifier(), forged, WalletProof.none(), ErrorCode.SIGNATURE_INVALID,
                "signature does not verify with key 'es-1' of static JWKS");
    }

    @Test
    void token_expired_for_exp_in_the_past() {
        Map<String, Object> c = claims();
        c.put("exp", NOW.getEpochSecond() - 3600);
        rejects(oidcVerifier(), ES256.sign(c), WalletProof.none(), ErrorCode.TOKEN_EXPIRED,
                "token expired at 2025-12-31T23:00:00Z (clock skew 60s)");
    }

    @Test
    void token_not_yet_valid_for_nbf_in_the_future() {
        Map<String, Object> c = claims();
        c.put("nbf", NOW.getEpochSecond() + 600);
        rejects(oidcVerifier(), ES256.sign(c), WalletProof.none(), ErrorCode.TOKEN_NOT_YET_VALID,
                "token is not valid before 2026-01-01T00:10:00Z (clock skew 60s)");
    }

    @Test
    void token_too_old_for_iat_beyond_the_maximum_token_age() {
        WalletVerifier v = WalletVerifier.builder().issuer(oidc()).clock(CLOCK).maxTokenAge(Duration.ofMinutes(5))
                .build();
        Map<String, Object> c = claims();
        c.put("iat", NOW.getEpochSecond() - 3600);
        rejects(v, ES256.sign(c), WalletProof.none(), ErrorCode.TOKEN_TOO_OLD,
                "token was issued at 2025-12-31T23:00:00Z, more than PT5M ago");
    }

    @Test
    void audience_mismatch_for_another_applications_token() {
        rejects(oidcVerifier(), ES256.sign(TestIssuer.claims(ISS, "another-app", NOW)), WalletProof.none(),
                ErrorCode.AUDIENCE_MISMATCH, "token audience [another-app] does not include the configured audience");
    }

    @Test
    void claim_missing_for_an_absent_required_claim() {
        Map<String, Object> c = claims();
        c.remove("sub");
        rejects(oidcVerifier(), ES256.sign(c), WalletProof.none(), ErrorCode.CLAIM_MISSING,
                "claim 'sub' is missing");
        Map<String, Object> noIss = claims();
        noIss.remove("iss");
        rejects(oidcVerifier(), ES256.sign(noIss), WalletProof.none(), ErrorCode.CLAIM_MISSING,
                "claim 'iss' is missing");
    }

    @Test
    void claim_invalid_for_a_claim_of_the_wrong_type() {
        Map<String, Object> c = claims();
        c.put("exp", "tomorrow");
        rejects(oidcVerifier(), ES256.signJson(c), WalletProof.none(), ErrorCode.CLAIM_INVALID,
                "claim 'exp' must be a number of seconds");
        Map<String, Object> iss = claims();
        iss.put("iss", List.of(ISS));
        rejects(oidcVerifier(), ES256.signJson(iss), WalletProof.none(), ErrorCode.CLAIM_INVALID,
                "claim 'iss' is not a string");
    }

    @Test
    void wallet_proof_invalid_for_a_malformed_client_key_or_a_missing_required_proof() {
        String token = ES256.signJson(web3authClaims(TestWallets.hex(TestWallets.secp256k1(true))));
        rejects(web3authVerifier(false), token, WalletProof.appPublicKey("02zz"), ErrorCode.WALLET_PROOF_INVALID,
                "app public key must be a secp256k1 key");
        rejects(web3authVerifier(true), token, WalletProof.none(), ErrorCode.WALLET_PROOF_INVALID,
                "issuer 'web3auth' requires a wallet public key or address");
    }

    @Test
    void wallet_mismatch_for_a_well_formed_key_that_is_not_the_tokens() {
        String token = ES256.signJson(web3authClaims(TestWallets.hex(TestWallets.secp256k1(true))));
        rejects(web3authVerifier(false), token, WalletProof.appPublicKey(TestWallets.hex(TestWallets.secp256k1(true))),
                ErrorCode.WALLET_MISMATCH, "the client's wallet is none of the token's app keys");
    }

    @Test
    void every_code_but_the_services_is_produced_by_a_test_here() {
        // Runs the per-code inputs again (JUnit gives no order) and checks that together they cover the core's codes.
        token_missing_for_null_empty_or_blank_token();
        token_malformed_for_a_string_that_is_no_compact_jws();
        token_too_large_for_a_token_over_16_kib();
        header_invalid_for_missing_or_mistyped_header_members();
        alg_not_allowed_for_an_algorithm_the_issuer_does_not_allow();
        issuer_unknown_for_an_iss_that_is_not_configured();
        jwks_unavailable_when_the_key_set_cannot_be_fetched();
        key_not_found_for_a_kid_the_issuer_does_not_have();
        signature_invalid_for_a_payload_changed_after_signing();
        token_expired_for_exp_in_the_past();
        token_not_yet_valid_for_nbf_in_the_future();
        token_too_old_for_iat_beyond_the_maximum_token_age();
        audience_mismatch_for_another_applications_token();
        claim_missing_for_an_absent_required_claim();
        claim_invalid_for_a_claim_of_the_wrong_type();
        wallet_proof_invalid_for_a_malformed_client_key_or_a_missing_required_proof();
        wallet_mismatch_for_a_well_formed_key_that_is_not_the_tokens();
        Set<ErrorCode> expected = EnumSet.allOf(ErrorCode.class);
        expected.removeAll(SERVICE_ONLY);
        expected.removeAll(SIGN_IN_ONLY);
        synchronized (PRODUCED) {
            assertThat(PRODUCED).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Asserts that {@code verify} and {@code verifyAsync} both reject with {@code code} and a message containing
     * {@code fragment}, carrying neither the token nor key material.
     */
    private static void rejects(WalletVerifier v, String token, WalletProof proof, ErrorCode code, String fragment) {
        Throwable sync = catchThrowable(() -> v.verify(token, proof));
        assertThat(sync).as("verify must reject with %s", code).isInstanceOf(WalletVerificationException.class);
        check((WalletVerificationException) sync, token, code, fragment);

        Throwable async = catchThrowable(() -> v.verifyAsync(token, proof).get(30, TimeUnit.SECONDS));
        assertThat(async).as("verifyAsync must fail").isNotNull();
        Throwable cause = async.getCause();
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).as("verifyAsync cause").isInstanceOf(WalletVerificationException.class);
        check((WalletVerificationException) cause, token, code, fragment);
        synchronized (PRODUCED) {
            PRODUCED.add(code);
        }
    }

    private static void check(WalletVerificationException e, String token, ErrorCode code, String fragment) {
        assertThat(e.code()).as("code for: %s", e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(fragment);
        SecurityRulesTest.assertMessageIsSafe(e.getMessage(), token);
        for (String member : List.of("x", "y", "d")) {
            Object v = ES256.privateJwk().toJSONObject().get(member);
            assertThat(e.getMessage()).doesNotContain(((String) v).substring(0, 20));
        }
    }

    private static IssuerProfile oidc() {
        return IssuerProfiles.oidc(ISS).withAudience(AUD).withAlgorithms("ES256").withJwks(ES256.jwks());
    }

    private static WalletVerifier oidcVerifier() {
        return WalletVerifier.builder().issuer(oidc()).clock(CLOCK).build();
    }

    private static WalletVerifier web3authVerifier(boolean requireProof) {
        return WalletVerifier.builder()
                .issuer(IssuerProfiles.web3auth(CLIENT_ID).withJwks(ES256.jwks()).requireWalletProof(requireProof))
                .clock(CLOCK).build();
    }

    private static Map<String, Object> claims() {
        return TestIssuer.claims(ISS, AUD, NOW);
    }

    private static Map<String, Object> web3authClaims(String appKeyHex) {
        Map<String, Object> c = TestIssuer.claims(WEB3AUTH_ISS, CLIENT_ID, NOW);
        c.remove("sub");
        c.put("userId", "user-1");
        List<Map<String, Object>> wallets = new ArrayList<>();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("public_key", appKeyHex);
        w.put("type", "web3auth_app_key");
        w.put("curve", "secp256k1");
        wallets.add(w);
        c.put("wallets", wallets);
        return c;
    }
}
