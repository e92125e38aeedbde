package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfiles;
import io.walletgate.TestIssuer;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.internal.token.BoundedJson;
import io.walletgate.keys.JwkSet;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * One test per bug that the fuzzers, the differential test or the soak run found (docs/reliability.md, "Findings"),
 * each feeding the input that exposed it. The fuzzers' own reproducers stay in their corpus directories as
 * {@code finding-*} files and replay in every test run too.
 */
class FindingsRegressionTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ISS = "https://login.example.com";
    private static final TestIssuer ES256 = TestIssuer.create("ES256", "k1");
    private static final WalletVerifier VERIFIER = WalletVerifier.builder()
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .issuer(IssuerProfiles.oidc(ISS).withAudience("api").withAlgorithms("ES256").withJwks(ES256.jwks()))
            .build();
    private static final String HEADER = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"k1\"}";
    private static final String CLAIMS = "{\"iss\":\"" + ISS + "\",\"aud\":\"api\",\"sub\":\"user-1\",\"exp\":"
            + (NOW.getEpochSecond() + 3600) + "}";

    // Finding 1 (differential test): Jackson detects UTF-16 and UTF-32 from a BOM or zero bytes, so WalletGate read
    // header and claims JSON in encodings that jose and Nimbus reject: a second encoding of the same token.

    @Test
    void rejects_a_header_in_utf16_with_a_bom() {
        rejectsAsNotUtf8(token(HEADER.getBytes(StandardCharsets.UTF_16), CLAIMS.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejects_claims_in_utf16le_without_a_bom() {
        rejectsAsNotUtf8(token(HEADER.getBytes(StandardCharsets.UTF_8), CLAIMS.getBytes(StandardCharsets.UTF_16LE)));
    }

    @Test
    void rejects_claims_in_utf32() {
        rejectsAsNotUtf8(token(HEADER.getBytes(StandardCharsets.UTF_8),
                CLAIMS.getBytes(Charset.forName("UTF-32BE"))));
    }

    @Test
    void still_reads_utf8_json_with_a_utf8_bom_as_jose_and_nimbus_do() throws Exception {
        String token = token(("\ufeff" + HEADER).getBytes(StandardCharsets.UTF_8), CLAIMS.getBytes(StandardCharsets.UTF_8));
        assertThat(VERIFIER.verify(token, WalletProof.none()).subject()).isEqualTo("user-1");
        assertThat(BoundedJson.parseObject("{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8))).containsEntry("a", "\u00e9");
    }

    @Test
    void a_jwks_document_in_utf16_is_not_a_key_set() {
        assertThatThrownBy(() -> JwkSet.parse(ES256.jwks().getBytes(StandardCharsets.UTF_16), "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON is not UTF-8");
    }

    // Finding 2 (BoundedJsonFuzzTest, 5-minute run): Jackson's shared name table matches member names by their bytes
    // padded with 0xFF, so once "exp" had been read, a member named "\xFFexp" (an invalid UTF-8 byte, then "exp") was
    // read as "exp" without any UTF-8 check. jose and Nimbus read it as "\uFFFDexp", a different claim.

    @Test
    void a_member_name_with_an_invalid_byte_is_not_read_as_a_claim_seen_before() {
        byte[] exp = "{\"exp\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] confusable = {'{', '"', (byte) 0xFF, 'e', 'x', 'p', '"', ':', '1', '}'};
        assertThat(parse(exp)).containsEntry("exp", 1L);
        assertThatThrownBy(() -> BoundedJson.parseObject(confusable)).isInstanceOf(BoundedJson.JsonException.class)
                .hasMessage("JSON is not UTF-8");
    }

    @Test
    void a_token_whose_only_exp_is_a_confusable_name_is_malformed_not_valid() {
        VERIFIER.verify(token(HEADER.getBytes(StandardCharsets.UTF_8), CLAIMS.getBytes(StandardCharsets.UTF_8)),
                WalletProof.none()); // "exp" is now in Jackson's name table
        String claims = CLAIMS.replace("\"exp\"", "\"\u00ffexp\"");
        byte[] bytes = claims.getBytes(StandardCharsets.ISO_8859_1); // the lone byte 0xFF, not its UTF-8 form
        rejectsAsNotUtf8(token(HEADER.getBytes(StandardCharsets.UTF_8), bytes));
    }

    @Test
    void invalid_utf8_anywhere_and_utf8_encoded_surrogates_are_not_json() {
        for (byte[] bad : new byte[][] {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},                 // truncated sequence
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},    // overlong '/'
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // lone surrogate
            {'{', '"', 'a', '"', ':', '1', '}', 0}}) {                                // a zero byte
            assertThatThrownBy(() -> BoundedJson.parseObject(bad)).hasMessage("JSON is not UTF-8");
        }
    }

    // Finding 3 (JwksFuzzTest, 5-minute run): key ids come from the issuer's endpoint, or from whoever answers for it
    // (a hijacked DNS name, a compromised issuer), yet key_not_found messages listed every kid of the set verbatim:
    // control characters (a line break forges log lines) and no bound on length (100 kids of any size).

    @Test
    void key_ids_of_the_key_set_reach_messages_printable_and_bounded() {
        StringBuilder jwks = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < 20; i++) {
            TestIssuer k = TestIssuer.create("ES256", "kid-" + i + "\n[FORGED] " + "x".repeat(300));
            String jwk = k.publicJwk().toJSONString();
            jwks.append(i == 0 ? "" : ",").append(jwk);
        }
        jwks.append("]}");
        WalletVerifier verifier = WalletVerifier.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .issuer(IssuerProfiles.oidc(ISS).withAudience("api").withAlgorithms("ES256")
                        .withJwks(jwks.toString()))
                .build();
        String token = token(HEADER.getBytes(StandardCharsets.UTF_8), CLAIMS.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(token, WalletProof.none()))
                .isInstanceOfSatisfying(WalletVerificationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
                    assertThat(e.getMessage()).contains("no key with id 'k1'").contains("and 15 more")
                            .doesNotContain("\n").hasSizeLessThan(600);
                });
        assertThat(JwkSet.parse(jwks.toString(), "test").kids())
                .allSatisfy(kid -> assertThat(kid).doesNotContain("\n").hasSizeLessThanOrEqualTo(81));
    }

    // Finding 4 (VerifierFuzzTest.verify_signed, 5-minute run): a validly signed Web3Auth token with a wallets[] entry
    // that has no "type", verified with an app key proof, threw a NullPointerException out of verify (an HTTP 500 in
    // the service) instead of skipping the entry.

    @Test
    void a_wallets_entry_without_a_type_is_skipped_not_a_null_pointer() {
        String appKey = "0266a8eb616c3569623d7e4129a50c6c6a63975555ac9161e067a9936fd8c10ffb";
        String untyped = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
        WalletVerifier web3auth = WalletVerifier.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .issuer(IssuerProfiles.web3auth("client").withJwks(ES256.jwks())).build();
        String claims = "{\"iss\":\"https://api-auth.web3auth.io\",\"aud\":\"client\",\"userId\":\"alice\",\"exp\":"
                + (NOW.getEpochSecond() + 3600) + ",\"wallets\":[{\"public_key\":\"" + untyped
                + "\",\"curve\":\"secp256k1\"},{\"public_key\":\"" + appKey
                + "\",\"type\":\"web3auth_app_key\",\"curve\":\"secp256k1\"}]}";
        String token = token(HEADER.getBytes(StandardCharsets.UTF_8), claims.getBytes(StandardCharsets.UTF_8));
        assertThat(web3auth.verify(token, WalletProof.appPublicKey(appKey)).wallet().publicKey()).isEqualTo(appKey);
        assertThatThrownBy(() -> web3auth.verify(token, WalletProof.appPublicKey(untyped)))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WALLET_MISMATCH));
    }

    // Finding 5 (VerifierFuzzTest.verify_signed, second 5-minute run): the audience_mismatch message echoed the token's
    // aud verbatim: control characters (a DEL, a line break) and no bound on its length or number of values.

    @Test
    void a_mismatched_audience_reaches_the_message_printable_and_bounded() {
        StringBuilder aud = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            aud.append(i == 0 ? "" : ",").append("\"app-").append(i).append("\\n[FORGED]\u007f").append("y".repeat(200))
                    .append('"');
        }
        String claims = CLAIMS.replace("\"aud\":\"api\"", "\"aud\":" + aud + "]");
        String token = token(HEADER.getBytes(StandardCharsets.UTF_8), claims.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> VERIFIER.verify(token, WalletProof.none()))
                .isInstanceOfSatisfying(WalletVerificationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUDIENCE_MISMATCH);
                    assertThat(e.getMessage()).startsWith("token audience [app-0?[FORGED]?yyy")
                            .contains("] and 35 more does not include the configured audience")
                            .hasSizeLessThan(1_400); // five values of at most 256 characters, then a count
                    assertThat(e.getMessage().chars().noneMatch(Character::isISOControl)).isTrue();
                });
    }

    private static java.util.Map<String, Object> parse(byte[] json) {
        try {
            return BoundedJson.parseObject(json);
        } catch (BoundedJson.JsonException e) {
            throw new AssertionError(e);
        }
    }

    private static void rejectsAsNotUtf8(String token) {
        assertThatThrownBy(() -> VERIFIER.verify(token, WalletProof.none()))
                .isInstanceOfSatisfying(WalletVerificationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_MALFORMED);
                    assertThat(e.getMessage()).contains("JSON is not UTF-8");
                });
    }

    private static String token(byte[] header, byte[] claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return ES256.signEncoded(b64.encodeToString(header), b64.encodeToString(claims));
    }
}
