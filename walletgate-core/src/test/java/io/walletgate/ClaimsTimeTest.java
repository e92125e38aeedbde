package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Registered time and audience claims (RFC 7519 §4.1) at their boundaries, with a fixed clock: {@code exp},
 * {@code nbf}, {@code iat}, the maximum token age, NumericDate types and ranges, {@code aud} shapes, and the
 * validation of the clock-skew and maximum-age options. Tokens are signed with the claims serialized verbatim, so
 * that wrong types reach the verifier.
 */
class ClaimsTimeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final String ISS = "https://login.example.com";
    private static final String AUD = "api";
    private static final TestIssuer ES256 = TestIssuer.create("ES256", "es-1");
    private static final Duration SKEW = Duration.ofSeconds(60);

    // ---------------------------------------------------------------- exp

    @Test
    void token_is_expired_at_exp_plus_skew_and_valid_one_second_before() {
        String token = sign(claims(T, null, T - 600));
        assertThat(verify(at(NOW.plusSeconds(59)), token).expiresAt()).isEqualTo(NOW);
        rejects(at(NOW.plusSeconds(60)), token, ErrorCode.TOKEN_EXPIRED,
                "token expired at 2026-01-01T00:00:00Z (clock skew 60s)");
        rejects(at(NOW.plusSeconds(3600)), token, ErrorCode.TOKEN_EXPIRED, "token expired at");
    }

    @Test
    void exp_boundary_holds_to_the_millisecond() {
        String token = sign(claims(T, null, T - 600));
        assertThat(verify(at(NOW.plusSeconds(60).minusMillis(1)), token)).isNotNull();
        rejects(at(NOW.plusSeconds(60)), token, ErrorCode.TOKEN_EXPIRED, "clock skew 60s");
    }

    @Test
    void without_skew_a_token_is_expired_at_exp_itself() {
        // RFC 7519 §4.1.4: exp is the time "on or after which the JWT MUST NOT be accepted".
        String token = sign(claims(T, null, T - 600));
        WalletVerifier strict = builder(at(NOW.minusMillis(1))).clockSkew(Duration.ZERO).build();
        assertThat(strict.verify(token, WalletProof.none())).isNotNull();
        rejects(builder(at(NOW)).clockSkew(Duration.ZERO).build(), token, ErrorCode.TOKEN_EXPIRED,
                "(clock skew 0s)");
    }

    @Test
    void time_comes_only_from_the_injected_clock() {
        // A token that expired in 2001 verifies on a clock set to 2000: nothing reads the wall clock.
        Instant then = Instant.parse("2000-06-01T00:00:00Z");
        String token = sign(claims(then.getEpochSecond() + 3600, null, then.getEpochSecond()));
        assertThat(verify(Clock.fixed(then, ZoneOffset.UTC), token).expiresAt())
                .isEqualTo(then.plusSeconds(3600));
        rejects(at(NOW), token, ErrorCode.TOKEN_EXPIRED, "token expired at 2000-06-01T01:00:00Z");
    }

    @Test
    void exp_missing_is_claim_missing() {
        Map<String, Object> c = claims(T + 3600, null, T);
        c.remove("exp");
        rejects(at(NOW), sign(c), ErrorCode.CLAIM_MISSING, "claim 'exp' is missing");
    }

    @Test
    void exp_null_is_claim_invalid() {
        Map<String, Object> c = claims(T + 3600, null, T);
        c.put("exp", null);
        rejects(at(NOW), sign(c), ErrorCode.CLAIM_INVALID, "claim 'exp' is null");
    }

    @Test
    void exp_of_the_wrong_type_is_claim_invalid() {
        for (Object bad : Arrays.asList(String.valueOf(T + 3600), true, List.of(T + 3600), Map.of("s", T + 3600),
                "2026-01-01T01:00:00Z")) {
            Map<String, Object> c = claims(T + 3600, null, T);
            c.put("exp", bad);
            rejects(at(NOW), sign(c), ErrorCode.CLAIM_INVALID, "claim 'exp' must be a number of seconds");
        }
    }

    @Test
    void exp_absurdly_large_or_small_is_claim_invalid() {
        List<Object> absurd = List.of(253_402_300_800L, Long.MAX_VALUE, -253_402_300_800L, Long.MIN_VALUE,
                new BigInteger("1000000000000000000000000000000"), new BigInteger("-99999999999999999999"), 1e300,
                -1e300, 253_402_300_799.5);
        for (Object exp : absurd) {
            Map<String, Object> c = claims(T + 3600, null, T);
            c.put("exp", exp);
            rejects(at(NOW), sign(c), ErrorCode.CLAIM_INVALID, "claim 'exp' is out of range");
        }
    }

    @Test
    void exp_at_the_end_of_year_9999_is_in_range() {
        String token = sign(claims(253_402_300_799L, null, T));
        assertThat(verify(at(NOW), token).expiresAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void exp_with_more_digits_than_the_json_number_bound_is_token_malformed() {
        String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"sub\":\"u\",\"exp\":1" + "0".repeat(80)
                + "}";
        rejects(at(NOW), ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}", payload), ErrorCode.TOKEN_MALFORMED,
                "payload is not a JSON object: invalid JSON");
    }

    @Test
    void negative_exp_is_a_date_before_1970_and_so_expired() {
        rejects(at(NOW), sign(claims(-1L, null, null)), ErrorCode.TOKEN_EXPIRED,
                "token expired at 1969-12-31T23:59:59Z");
    }

    // ---------------------------------------------------------------- fractional NumericDates

    @Test
    void fractional_numeric_dates_are_kept_to_the_millisecond() {
        Map<String, Object> c = claims(T + 0.5, null, T - 1.25);
        WalletVerifier strict = builder(at(NOW)).clockSkew(Duration.ZERO).build();
        VerifiedIdentity id = strict.verify(sign(c), WalletProof.none());
        assertThat(id.expiresAt()).isEqualTo(NOW.plusMillis(500));
        assertThat(id.issuedAt()).isEqualTo(NOW.minusMillis(1250));
        rejects(builder(at(NOW.plusMillis(500))).clockSkew(Duration.ZERO).build(), sign(c), ErrorCode.TOKEN_EXPIRED,
                "token expired at 2026-01-01T00:00:00.500Z");
    }

    @Test
    void fractional_exp_just_before_now_is_expired_without_skew() {
        Map<String, Object> c = claims(T - 0.25, null, T - 60);
        rejects(builder(at(NOW)).clockSkew(Duration.ZERO).build(), sign(c), ErrorCode.TOKEN_EXPIRED,
                "token expired at 2025-12-31T23:59:59.750Z");
    }

    @Test
    void exponent_notation_is_a_numeric_date() {
        String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"sub\":\"u\",\"exp\":1.7672292E9}";
        VerifiedIdentity id = WalletVerifier.builder().issuer(profile()).clock(at(NOW)).build()
                .verify(ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}", payload), WalletProof.none());
        assertThat(id.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_767_229_200L));
    }

    // ---------------------------------------------------------------- nbf and iat in the future

    @Test
    void nbf_within_skew_is_valid_and_beyond_skew_is_not_yet_valid() {
        assertThat(verify(at(NOW), sign(claims(T + 3600, T + 60, T)))).isNotNull();
        rejects(at(NOW), sign(claims(T + 3600, T + 61, T)), ErrorCode.TOKEN_NOT_YET_VALID,
                "token is not valid before 2026-01-01T00:01:01Z (clock skew 60s)");
        // Fractions are exact binary values here (.5): a decimal like .001 is not representable as a double.
        rejects(at(NOW), sign(claims(T + 3600, T + 60.5, T)), ErrorCode.TOKEN_NOT_YET_VALID,
                "token is not valid before 2026-01-01T00:01:00.500Z");
    }

    @Test
    void iat_within_skew_is_valid_and_beyond_skew_is_not_yet_valid() {
        assertThat(verify(at(NOW), sign(claims(T + 3600, null, T + 60))).issuedAt()).isEqualTo(NOW.plusSeconds(60));
        rejects(at(NOW), sign(claims(T + 3600, null, T + 61)), ErrorCode.TOKEN_NOT_YET_VALID,
                "token is issued in the future, at 2026-01-01T00:01:01Z (clock skew 60s)");
    }

    @Test
    void nbf_and_iat_of_the_wrong_type_or_null_are_claim_invalid() {
        for (String claim : List.of("nbf", "iat")) {
            Map<String, Object> text = claims(T + 3600, null, null);
            text.put(claim, "now");
            rejects(at(NOW), sign(text), ErrorCode.CLAIM_INVALID, "claim '" + claim + "' must be a number of seconds");
            Map<String, Object> nul = claims(T + 3600, null, null);
            nul.put(claim, null);
            rejects(at(NOW), sign(nul), ErrorCode.CLAIM_INVALID, "claim '" + claim + "' is null");
            Map<String, Object> huge = claims(T + 3600, null, null);
            huge.put(claim, new BigInteger("1" + "0".repeat(40)));
            rejects(at(NOW), sign(huge), ErrorCode.CLAIM_INVALID, "claim '" + claim + "' is out of range");
        }
    }

    // ---------------------------------------------------------------- iat and the maximum token age

    @Test
    void iat_is_optional_without_a_maximum_token_age() {
        assertThat(verify(at(NOW), sign(claims(T + 3600, null, null))).issuedAt()).isNull();
    }

    @Test
    void iat_missing_with_a_maximum_token_age_is_claim_missing() {
        WalletVerifier v = builder(at(NOW)).maxTokenAge(Duration.ofHours(1)).build();
        rejects(v, sign(claims(T + 3600, null, null)), ErrorCode.CLAIM_MISSING, "claim 'iat' is missing");
    }

    @Test
    void token_too_old_holds_at_the_boundary_of_max_age_plus_skew() {
        // The skew widens the age window like every other time check: age = now - skew - iat.
        WalletVerifier v = builder(at(NOW)).maxTokenAge(Duration.ofMinutes(5)).build();
        assertThat(v.verify(sign(claims(T + 3600, null, T - 360)), WalletProof.none()).issuedAt())
                .isEqualTo(NOW.minusSeconds(360));
        rejects(v, sign(claims(T + 3600, null, T - 361)), ErrorCode.TOKEN_TOO_OLD,
                "token was issued at 2025-12-31T23:53:59Z, more than PT5M ago");
        rejects(v, sign(claims(T + 3600, null, T - 360.5)), ErrorCode.TOKEN_TOO_OLD, "more than PT5M ago");
    }

    @Test
    void an_issuers_maximum_token_age_overrides_the_verifiers_either_way() {
        String tenMinutesOld = sign(claims(T + 3600, null, T - 600));
        WalletVerifier stricterIssuer = WalletVerifier.builder()
                .issuer(profile().withMaxTokenAge(Duration.ofMinutes(5)))
                .maxTokenAge(Duration.ofHours(1)).clock(at(NOW)).build();
        rejects(stricterIssuer, tenMinutesOld, ErrorCode.TOKEN_TOO_OLD, "more than PT5M ago");

        WalletVerifier laxerIssuer = WalletVerifier.builder()
                .issuer(profile().withMaxTokenAge(Duration.ofHours(1)))
                .maxTokenAge(Duration.ofMinutes(5)).clock(at(NOW)).build();
        assertThat(laxerIssuer.verify(tenMinutesOld, WalletProof.none())).isNotNull();

        WalletVerifier onlyIssuer = WalletVerifier.builder()
                .issuer(profile().withMaxTokenAge(Duration.ofMinutes(5))).clock(at(NOW)).build();
        rejects(onlyIssuer, tenMinutesOld, ErrorCode.TOKEN_TOO_OLD, "more than PT5M ago");
        rejects(onlyIssuer, sign(claims(T + 3600, null, null)), ErrorCode.CLAIM_MISSING, "claim 'iat' is missing");
    }

    @Test
    void time_claims_are_checked_in_the_order_exp_nbf_iat_age() {
        WalletVerifier v = builder(at(NOW)).maxTokenAge(Duration.ofMinutes(5)).build();
        rejects(v, sign(claims(T - 3600, T + 3600, T + 3600)), ErrorCode.TOKEN_EXPIRED, "token expired");
        rejects(v, sign(claims(T + 3600, T + 3600, T + 3600)), ErrorCode.TOKEN_NOT_YET_VALID, "not valid before");
    }

    // ---------------------------------------------------------------- aud

    @Test
    void aud_array_containing_the_audience_is_accepted_and_kept() {
        Map<String, Object> c = claims(T + 3600, null, T);
        c.put("aud", List.of("web", AUD, "other"));
        assertThat(verify(at(NOW), sign(c)).audience()).containsExactly("web", AUD, "other");
    }

    @Test
    void aud_without_a_match_is_audience_mismatch() {
        for (Object aud : List.of(List.of("web", "other"), List.of(), "API", "", List.of("ap", "apii"))) {
            Map<String, Object> c = claims(T + 3600, null, T);
            c.put("aud", aud);
            rejects(at(NOW), sign(c), ErrorCode.AUDIENCE_MISMATCH, "does not include the configured audience");
        }
    }

    @Test
    void aud_of_the_wrong_type_is_claim_invalid() {
        for (Object aud : Arrays.asList(42, true, Map.of("aud", AUD), List.of(AUD, 1), Arrays.asList(AUD, null),
                List.of(List.of(AUD)))) {
            Map<String, Object> c = claims(T + 3600, null, T);
            c.put("aud", aud);
            rejects(at(NOW), sign(c), ErrorCode.CLAIM_INVALID, "claim 'aud' must be a string or an array of strings");
        }
    }

    @Test
    void aud_missing_is_claim_missing() {
        Map<String, Object> c = claims(T + 3600, null, T);
        c.remove("aud");
        rejects(at(NOW), sign(c), ErrorCode.CLAIM_MISSING, "claim 'aud' is missing");
        // An explicit null is read as absent (unlike exp, where null is claim_invalid).
        c.put("aud", null);
        rejects(at(NOW), sign(c), ErrorCode.CLAIM_MISSING, "claim 'aud' is missing");
    }

    // ---------------------------------------------------------------- option validation

    @Test
    void clock_skew_must_lie_between_zero_and_ten_minutes() {
        assertThatThrownBy(() -> WalletVerifier.builder().clockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clockSkew must be between 0 and 10 minutes: PT-1S");
        assertThatThrownBy(() -> WalletVerifier.builder().clockSkew(Duration.ofMinutes(10).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clockSkew must be between 0 and 10 minutes: PT10M1S");
        assertThatThrownBy(() -> WalletVerifier.builder().clockSkew(Duration.ofMinutes(10).plusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clockSkew must be between 0 and 10 minutes");
        assertThatThrownBy(() -> WalletVerifier.builder().clockSkew(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("clockSkew");
        assertThat(WalletVerifier.builder().clockSkew(Duration.ZERO)).isNotNull();
        assertThat(WalletVerifier.builder().clockSkew(Duration.ofMinutes(10))).isNotNull();
    }

    @Test
    void ten_minute_skew_is_honoured() {
        String token = sign(claims(T, null, T - 600));
        WalletVerifier v = builder(at(NOW.plusSeconds(599))).clockSkew(Duration.ofMinutes(10)).build();
        assertThat(v.verify(token, WalletProof.none())).isNotNull();
        rejects(builder(at(NOW.plusSeconds(600))).clockSkew(Duration.ofMinutes(10)).build(), token,
                ErrorCode.TOKEN_EXPIRED, "(clock skew 600s)");
    }

    @Test
    void maximum_token_age_must_be_positive() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> WalletVerifier.builder().maxTokenAge(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxTokenAge must be positive: " + bad);
            assertThatThrownBy(() -> profile().withMaxTokenAge(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxTokenAge must be positive: " + bad);
        }
        assertThatThrownBy(() -> WalletVerifier.builder().maxTokenAge(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WalletVerifier.builder().clock(null)).isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- helpers

    private static IssuerProfile profile() {
        return IssuerProfiles.oidc(ISS).withAudience(AUD).withAlgorithms("ES256").withJwks(ES256.jwks());
    }

    private static WalletVerifier.Builder builder(Clock clock) {
        return WalletVerifier.builder().issuer(profile()).clock(clock).clockSkew(SKEW);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static VerifiedIdentity verify(Clock clock, String token) {
        return builder(clock).build().verify(token, WalletProof.none());
    }

    private static void rejects(Clock clock, String token, ErrorCode code, String fragment) {
        rejects(builder(clock).build(), token, code, fragment);
    }

    private static void rejects(WalletVerifier v, String token, ErrorCode code, String fragment) {
        SecurityRulesTest.rejects(v, token, code, fragment);
    }

    /** Claims with the given exp, nbf and iat (each a Long or Double of seconds, or null to leave out). */
    private static Map<String, Object> claims(Object exp, Object nbf, Object iat) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISS);
        c.put("aud", AUD);
        c.put("sub", "user-1");
        if (exp != null) {
            c.put("exp", exp);
        }
        if (nbf != null) {
            c.put("nbf", nbf);
        }
        if (iat != null) {
            c.put("iat", iat);
        }
        return c;
    }

    private static String sign(Map<String, Object> claims) {
        return ES256.signJson(new LinkedHashMap<>(claims));
    }
}
