package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.walletgate.ErrorCode;
import io.walletgate.UnverifiedToken;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.token.Base64Url;
import io.walletgate.internal.token.CompactJws;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The compact JWS parser ({@link CompactJws}, {@link UnverifiedToken}) on any string. Invariants: it returns or
 * throws {@link WalletVerificationException} with a parse-stage code; a parsed token has a non-empty {@code alg},
 * no key-source or {@code crit} header, canonical base64url parts (re-encoding gives the same text, so no two
 * strings decode to the same token), and {@link UnverifiedToken#decode} agrees with it.
 */
class TokenParserFuzzTest {
    private static final Set<ErrorCode> PARSE_CODES = Set.of(ErrorCode.TOKEN_MISSING, ErrorCode.TOKEN_TOO_LARGE,
            ErrorCode.TOKEN_MALFORMED, ErrorCode.HEADER_INVALID);

    static {
        Bounded.warmUp(() -> check("eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.AA"));
    }

    @FuzzTest(maxDuration = "5m")
    void compact_jws_parse(byte[] data) {
        String token = new String(data, StandardCharsets.UTF_8);
        Bounded.run("CompactJws.parse", () -> check(token));
    }

    private static void check(String token) {
        CompactJws jws;
        try {
            jws = CompactJws.parse(token);
        } catch (WalletVerificationException e) {
            Bounded.rejected(e, PARSE_CODES, token);
            WalletVerificationException again = decodeFailure(token);
            assertThat(again).as("UnverifiedToken.decode disagrees with CompactJws.parse").isNotNull();
            assertThat(again.code()).isEqualTo(e.code());
            return;
        }
        assertThat(token.length()).isLessThanOrEqualTo(CompactJws.MAX_TOKEN_LENGTH);
        assertThat(jws.alg()).isNotEmpty().isEqualTo(jws.header().get("alg"));
        assertThat(jws.header()).doesNotContainKeys("jwk", "jku", "x5u", "x5c", "crit", "enc", "zip", "b64");
        String[] parts = token.split("\\.", -1);
        assertThat(parts).hasSize(3);
        for (String part : parts) {
            byte[] bytes = Base64Url.decode(part);
            if (bytes != null) {
                assertThat(Base64Url.encode(bytes)).as("canonical base64url").isEqualTo(part);
            }
        }
        Map<String, Object> claims = null;
        WalletVerificationException claimsFailure = null;
        try {
            claims = jws.claims();
            // Only a payload that decodes is ever signed or verified; then the signing input is the token's prefix.
            assertThat(new String(jws.signingInput(), StandardCharsets.US_ASCII))
                    .isEqualTo(parts[0] + "." + parts[1]);
        } catch (WalletVerificationException e) {
            Bounded.rejected(e, Set.of(ErrorCode.TOKEN_MALFORMED), token);
            claimsFailure = e;
        }
        try {
            UnverifiedToken decoded = UnverifiedToken.decode(token);
            assertThat(claimsFailure).as("decode accepted a payload that claims() rejects").isNull();
            assertThat(decoded.header()).isEqualTo(jws.header());
            assertThat(decoded.claims()).isEqualTo(claims);
            assertThat(decoded.signatureLength()).isEqualTo(jws.signature().length);
            assertThat(decoded.alg()).isEqualTo(jws.alg());
            assertThat(decoded.kid()).isEqualTo(jws.kid());
        } catch (WalletVerificationException e) {
            assertThat(claimsFailure).as("decode rejected a token that parse and claims() accept: %s", e).isNotNull();
            assertThat(e.code()).isEqualTo(claimsFailure.code());
        }
    }

    private static WalletVerificationException decodeFailure(String token) {
        try {
            UnverifiedToken.decode(token);
            return null;
        } catch (WalletVerificationException e) {
            return e;
        }
    }
}
