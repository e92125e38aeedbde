package io.walletgate.internal.magic;

import static io.walletgate.internal.magic.MagicFixtures.adminJsToken;
import static io.walletgate.internal.magic.MagicFixtures.claim;
import static io.walletgate.internal.magic.MagicFixtures.encode;
import static io.walletgate.internal.magic.MagicFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.internal.wallet.TestPersonalSigner;
import io.walletgate.internal.wallet.WalletKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidTokenParserTest {
    private static final TestPersonalSigner WALLET = TestPersonalSigner.generate();
    private static final long IAT = 1_700_000_000L;

    @Test
    void reads_magics_own_valid_token() {
        DidToken t = DidTokenParser.parse(adminJsToken("VALID_DIDT"));

        assertThat(WalletKeys.eip55(t.issuerAddress())).isEqualTo("0xB2ec9b61699762491b6542278E9dFEC9050f8089");
        assertThat(t.audience()).isEqualTo("did:magic:f54168e9-9ce9-47f2-81c8-7cb2a96b26ba");
        assertThat(t.subject()).isEqualTo("6tFXTfRxykwMKOOjSMbdPrEMrpUl3m3j8DQycFqO2tw=");
        assertThat(t.tokenId()).isEqualTo("2ddf5983-983b-487d-b464-bc5e283a03c5");
        assertThat(t.issuedAtMillis()).isEqualTo(1_585_011_204_000L);
        assertThat(t.expiresAtMillis()).isEqualTo(1_900_411_204_000L);
        assertThat(t.notBeforeMillis()).isEqualTo(1_585_011_204_000L);
        assertThat(t.times().nbf()).isEqualTo(1_585_011_204_000L - 300_000L);
        assertThat(t.attachmentSignature()).hasSize(65);
        assertThat(t.claimText()).startsWith("{\"iat\":1585011204,");
    }

    @Test
    void reads_magics_unpadded_token_whose_ext_is_a_float_beyond_the_year_9999_as_the_year_9999() {
        DidToken t = DidTokenParser.parse(adminJsToken("VALID_ATTACHMENT_DIDT"));

        assertThat(t.claims().get("ext")).isEqualTo(1.0000000000016881e21);
        assertThat(t.expiresAtMillis()).isEqualTo(DidTokenTimes.MAX_SECONDS * 1000);
        assertThat(t.audience()).isEqualTo("3w_mzVi-h3mS77pVxo_rvRaZ4vYzNgEnvm9dg0Zy3c8=");
    }

    @Test
    void reads_a_token_minted_here_with_the_standard_and_the_url_safe_alphabet_with_and_without_padding() {
        String claim = claim(WALLET, IAT, String.valueOf(IAT + 900), ",\"note\":\"~~~???>>>\"");
        String standard = token(WALLET, claim);
        assertThat(standard).contains("+").contains("/");
        String urlSafe = standard.replace('+', '-').replace('/', '_');
        String unpadded = standard.replaceAll("=+$", "");

        for (String t : new String[] {standard, urlSafe, unpadded, urlSafe.replaceAll("=+$", "")}) {
            DidToken parsed = DidTokenParser.parse(t);
            assertThat(parsed.claimText()).isEqualTo(claim);
            assertThat(parsed.issuerAddress()).isEqualTo(WALLET.address());
        }
    }

    @Test
    void converts_a_float_time_exactly_flooring_ext_and_iat_and_raising_nbf() {
        String claim = "{\"iat\":1700000000.0004,\"ext\":1700000900.9999,\"iss\":\"did:ethr:" + WALLET.addressHex()
                + "\",\"sub\":\"s\",\"aud\":\"a\",\"nbf\":1700000000.0001,\"tid\":\"t\"}";
        DidToken t = DidTokenParser.parse(token(WALLET, claim));

        assertThat(t.issuedAtMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(t.expiresAtMillis()).isEqualTo(1_700_000_900_999L);
        assertThat(t.notBeforeMillis()).isEqualTo(1_700_000_000_001L);
    }

    @Test
    void reads_an_exponent_integer_and_a_huge_integer_ext() {
        DidToken e = DidTokenParser.parse(token(WALLET, claim(WALLET, IAT, "1.7000009E9", "")));
        assertThat(e.expiresAtMillis()).isEqualTo(1_700_000_900_000L);
        DidToken huge = DidTokenParser.parse(token(WALLET, claim(WALLET, IAT, "100000000000000000000000000", "")));
        assertThat(huge.expiresAtMillis()).isEqualTo(DidTokenTimes.MAX_SECONDS * 1000);
    }

    @Test
    void accepts_a_token_without_add_and_a_proof_without_0x() {
        String claim = claim(WALLET, IAT, String.valueOf(IAT + 900), "");
        DidToken t = DidTokenParser.parse(encode(WalletKeys.hex(WALLET.signText(claim)), claim));
        assertThat(t.attachmentSignature()).isNull();
    }

    @Test
    void rejects_magics_malformed_claim_with_the_missing_claim_named() {
        expect(adminJsToken("INVALID_DIDT_MALFORMED_CLAIM"), ErrorCode.CLAIM_MISSING, "claim 'iat' is missing");
    }

    @Test
    void rejects_magics_token_whose_iss_is_a_quoted_did() {
        expect(adminJsToken("INVALID_SIGNER_DIDT"), ErrorCode.CLAIM_INVALID,
                "claim 'iss' must be did:ethr: and an Ethereum address (0x and 40 hex digits)");
    }

    @Test
    void rejects_an_empty_or_too_large_token() {
        expect("", ErrorCode.TOKEN_MALFORMED, "DID token is empty");
        expect("A".repeat(CompactJws.MAX_TOKEN_LENGTH + 1), ErrorCode.TOKEN_TOO_LARGE,
                "DID token is larger than 16384 characters");
    }

    @Test
    void rejects_base64_that_is_not_strict() {
        String good = token(WALLET, claim(WALLET, IAT, String.valueOf(IAT + 900), ",\"note\":\"~~~???>>>\""));
        String mixed = good.replaceFirst("\\+", "-");
        expect(mixed, ErrorCode.TOKEN_MALFORMED, "DID token mixes the standard and the URL-safe base64 alphabets");
        expect(good.replaceAll("=+$", "") + "===", ErrorCode.TOKEN_MALFORMED, "DID token has wrong base64 padding");
        String unpadded = good.replaceAll("=+$", "");
        if (unpadded.length() % 4 == 3) {
            expect(unpadded + "==", ErrorCode.TOKEN_MALFORMED, "DID token has wrong base64 padding");
        }
        expect(" " + unpadded, ErrorCode.TOKEN_MALFORMED, "DID token is not base64");
        expect(unpadded.substring(0, 10) + "\n" + unpadded.substring(10), ErrorCode.TOKEN_MALFORMED,
                "DID token is not base64");
        expect(unpadded.substring(0, 10) + "=" + unpadded.substring(10), ErrorCode.TOKEN_MALFORMED,
                "DID token is not base64");
        // "Wy" followed by a last character whose unused low bits are set: two encodings of the same byte
        expect("WZ", ErrorCode.TOKEN_MALFORMED, "DID token is not base64");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"proof\":\"0x\"}|DID token is not a JSON array [proof, claim]: not a JSON array",
        "[\"a\",\"b\",\"c\"]|DID token is not a JSON array [proof, claim]: JSON has more than 2 members",
        "[\"a\"]|DID token is not a JSON array of two strings [proof, claim]",
        "[1,\"b\"]|DID token is not a JSON array of two strings [proof, claim]",
        "[[\"a\"],\"b\"]|DID token is not a JSON array [proof, claim]: JSON nested deeper than 1",
        "[\"a\",\"b\"] x|DID token is not a JSON array [proof, claim]: invalid JSON",
        "[\"0x00\",\"{}\"]|DID token proof is not a 65-byte signature in hex",
    })
    void rejects_a_token_that_is_not_a_two_string_array_or_whose_proof_is_no_signature(String json, String message) {
        expect(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), ErrorCode.TOKEN_MALFORMED,
                message);
    }

    @Test
    void rejects_a_claim_that_is_not_a_json_object_or_repeats_a_member() {
        String proof = "0x" + "11".repeat(65);
        expect(encode(proof, "not json"), ErrorCode.TOKEN_MALFORMED,
                "DID token claim is not a JSON object: invalid JSON");
        expect(encode(proof, "[1]"), ErrorCode.TOKEN_MALFORMED, "DID token claim is not a JSON object: not a JSON object");
        String dup = claim(WALLET, IAT, String.valueOf(IAT + 900), ",\"ext\":9999999999");
        expect(token(WALLET, dup), ErrorCode.TOKEN_MALFORMED,
                "DID token claim is not a JSON object: duplicate member name");
        String deep = claim(WALLET, IAT, String.valueOf(IAT + 900), ",\"x\":" + "[".repeat(20) + "]".repeat(20));
        expect(token(WALLET, deep), ErrorCode.TOKEN_MALFORMED,
                "DID token claim is not a JSON object: JSON nested deeper than 16");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"1700000900\"|claim 'ext' must be a number of seconds",
        "true|claim 'ext' must be a number of seconds",
        "null|claim 'ext' is null",
        "1e400|claim 'ext' is not a finite number",
        "-1e20|claim 'ext' is out of range",
    })
    void rejects_an_ext_that_is_not_a_finite_number_of_seconds(String ext, String message) {
        expect(token(WALLET, claim(WALLET, IAT, ext, "")), ErrorCode.CLAIM_INVALID, message);
    }

    @Test
    void rejects_an_iat_or_nbf_beyond_the_year_9999_unlike_ext() {
        String claim = claim(WALLET, IAT, String.valueOf(IAT + 900), "").replace("\"nbf\":" + IAT,
                "\"nbf\":1e12");
        expect(token(WALLET, claim), ErrorCode.CLAIM_INVALID, "claim 'nbf' is out of range");
    }

    @Test
    void rejects_each_missing_or_mistyped_member() {
        String base = claim(WALLET, IAT, String.valueOf(IAT + 900), "");
        expect(token(WALLET, base.replace("\"nbf\":" + IAT + ",", "")), ErrorCode.CLAIM_MISSING,
                "claim 'nbf' is missing");
        expect(token(WALLET, base.replace("\"aud\":\"client-id\"", "\"aud\":[\"client-id\"]")),
                ErrorCode.CLAIM_INVALID, "claim 'aud' must be a non-empty string");
        expect(token(WALLET, base.replace("\"sub\":\"8ZMBg9sp0X0CAMjxsqQZ8dsE2p5YYZoebDOycOPSMl0=\"", "\"sub\":\"\"")),
                ErrorCode.CLAIM_INVALID, "claim 'sub' must be a non-empty string");
        expect(token(WALLET, base.replace(",\"tid\":\"c3e9edbc-8056-474b-8ad3-a8b633758e94\"", "")),
                ErrorCode.CLAIM_MISSING, "claim 'tid' is missing");
        expect(token(WALLET, base.replace("}", ",\"add\":\"0x12\"}")), ErrorCode.CLAIM_INVALID,
                "claim 'add' must be a 65-byte signature in hex");
        expect(token(WALLET, base.replace("}", ",\"add\":null}")), ErrorCode.CLAIM_INVALID,
                "claim 'add' must be a 65-byte signature in hex");
        String issMessage = "claim 'iss' must be did:ethr: and an Ethereum address (0x and 40 hex digits)";
        String eip55 = WalletKeys.eip55(WALLET.address());
        expect(token(WALLET, base.replace("did:ethr:" + eip55, "did:magic:" + eip55)), ErrorCode.CLAIM_INVALID,
                issMessage);
        expect(token(WALLET, base.replace("did:ethr:" + eip55, "did:ethr:" + eip55.substring(2))),
                ErrorCode.CLAIM_INVALID, issMessage);
        expect(token(WALLET, base.replace("did:ethr:" + eip55, "did:ethr:" + eip55 + "00")), ErrorCode.CLAIM_INVALID,
                issMessage);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> expect(String token, ErrorCode code,
                                                                          String message) {
        return assertThatThrownBy(() -> DidTokenParser.parse(token))
                .isInstanceOfSatisfying(WalletVerificationException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }
}
