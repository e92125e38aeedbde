package io.walletgate.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CompactJws's own parsing: the cache of header segments (a hit is the very segment checked before; a rejected header
 * is never kept) and the one byte copy its three parts are decoded from (a character outside ISO-8859-1 is no
 * base64url character either).
 */
class CompactJwsTest {
    private static final String SIG = Base64Url.encode(new byte[] {1, 2, 3, 4, 5, 6});

    @Test
    void a_repeated_header_segment_gives_each_token_its_own_payload_signature_and_signing_input() {
        String header = b64("{\"alg\":\"ES256\",\"kid\":\"k-repeated\"}");
        String sig2 = Base64Url.encode(new byte[] {9, 8, 7});
        CompactJws one = CompactJws.parse(header + "." + b64("{\"n\":1}") + "." + SIG);
        CompactJws two = CompactJws.parse(header + "." + b64("{\"n\":2}") + "." + sig2);
        assertThat(two.alg()).isEqualTo("ES256");
        assertThat(two.kid()).isEqualTo("k-repeated");
        assertThat(two.header()).isEqualTo(one.header()).containsKeys("alg", "kid");
        assertThat(one.claims()).containsEntry("n", 1L);
        assertThat(two.claims()).containsEntry("n", 2L);
        assertThat(two.signature()).containsExactly(9, 8, 7);
        assertThat(new String(two.signingInput(), StandardCharsets.US_ASCII))
                .isEqualTo(header + "." + b64("{\"n\":2}"));
    }

    @Test
    void headers_that_differ_in_one_member_are_each_read_as_written() {
        CompactJws a = CompactJws.parse(b64("{\"alg\":\"ES256\",\"kid\":\"a\"}") + "." + b64("{}") + "." + SIG);
        CompactJws b = CompactJws.parse(b64("{\"alg\":\"ES256\",\"kid\":\"b\"}") + "." + b64("{}") + "." + SIG);
        CompactJws c = CompactJws.parse(b64("{\"alg\":\"ES384\",\"kid\":\"a\"}") + "." + b64("{}") + "." + SIG);
        assertThat(List.of(a.kid(), b.kid(), c.kid())).containsExactly("a", "b", "a");
        assertThat(List.of(a.alg(), b.alg(), c.alg())).containsExactly("ES256", "ES256", "ES384");
    }

    @Test
    void a_rejected_header_is_rejected_again_every_time() {
        String keySource = b64("{\"alg\":\"ES256\",\"jku\":\"https://evil.example/jwks\"}") + "." + b64("{}") + "."
                + SIG;
        String duplicate = b64("{\"alg\":\"ES256\",\"alg\":\"none\"}") + "." + b64("{}") + "." + SIG;
        for (int i = 0; i < 3; i++) {
            rejects(keySource, ErrorCode.HEADER_INVALID, "header member 'jku' names a key source; keys come only from"
                    + " the issuer's configured source");
            rejects(duplicate, ErrorCode.TOKEN_MALFORMED, "header is not a JSON object: duplicate member name");
        }
    }

    @Test
    void a_header_too_long_to_be_kept_is_parsed_and_checked_each_time() {
        String kid = "k".repeat(600);
        String header = b64("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}");
        assertThat(header.length()).isGreaterThan(512);
        assertThat(CompactJws.parse(header + "." + b64("{}") + "." + SIG).kid()).isEqualTo(kid);
        assertThat(CompactJws.parse(header + "." + b64("{}") + "." + SIG).kid()).isEqualTo(kid);
        String crit = b64("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"crit\":[\"b64\"]}") + "." + b64("{}")
                + "." + SIG;
        for (int i = 0; i < 2; i++) {
            rejects(crit, ErrorCode.HEADER_INVALID,
                    "header lists critical extensions ('crit') that are not understood");
        }
    }

    @Test
    void a_character_outside_base64url_is_malformed_in_every_part_whether_or_not_it_is_iso_8859_1() {
        String header = b64("{\"alg\":\"ES256\",\"kid\":\"k\"}");
        String payload = b64("{\"sub\":\"u\"}");
        // é is one ISO-8859-1 byte above 0x7F; Ā, € and 😀 are none and become '?' in the byte copy
        for (String c : List.of("\u00e9", "\u0100", "\u20ac", "\ud83d\ude00", "?", "=", "+", "/")) {
            rejects(header.substring(0, 4) + c + header.substring(4) + "." + payload + "." + SIG,
                    ErrorCode.TOKEN_MALFORMED, "header is not base64url");
            rejects(header + "." + payload + "." + SIG.substring(0, 4) + c + SIG.substring(4),
                    ErrorCode.TOKEN_MALFORMED, "signature is not base64url");
            CompactJws jws = CompactJws.parse(header + "." + payload.substring(0, 4) + c + payload.substring(4) + "."
                    + SIG);
            Throwable t = catchThrowable(jws::claims);
            assertThat(t).as(c).isInstanceOf(WalletVerificationException.class)
                    .hasMessage("payload is not base64url");
            assertThat(((WalletVerificationException) t).code()).isEqualTo(ErrorCode.TOKEN_MALFORMED);
        }
    }

    private static void rejects(String token, ErrorCode code, String message) {
        Throwable t = catchThrowable(() -> CompactJws.parse(token));
        assertThat(t).as(token).isInstanceOf(WalletVerificationException.class).hasMessage(message);
        assertThat(((WalletVerificationException) t).code()).isEqualTo(code);
    }

    private static String b64(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }
}
