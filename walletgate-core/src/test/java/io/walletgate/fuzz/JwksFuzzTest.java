package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.crypto.JwsAlgorithm;
import io.walletgate.internal.keys.KeySelector;
import io.walletgate.internal.token.Base64Url;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.JwkSet;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

/**
 * JWKS documents ({@link JwkSet#parse}) on any bytes: what a hijacked or compromised issuer endpoint can serve.
 * Invariants: it returns a set or throws {@link IllegalArgumentException} (as documented), and nothing else; a set
 * holds at most {@value JwkSet#MAX_KEYS} keys, each of a type and curve we verify with, RSA of 2048 to 8192 bits with
 * an odd exponent of at least 3, a 43-character thumbprint; key selection over it returns candidates or throws
 * {@code key_not_found}.
 */
class JwksFuzzTest {
    static {
        FuzzIssuers.load().issuers.forEach(i -> Bounded.warmUp(() -> check(i.jwks().toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8))));
    }

    @FuzzTest(maxDuration = "5m")
    void jwks_parse(byte[] json) {
        Bounded.run("JwkSet.parse", () -> check(json));
    }

    private static void check(byte[] json) {
        JwkSet set;
        try {
            set = JwkSet.parse(json, "fuzz");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("key set from fuzz ");
            return;
        }
        assertThat(set.keys().size()).isLessThanOrEqualTo(JwkSet.MAX_KEYS);
        for (Jwk k : set.keys()) {
            assertThat(k.kty()).isIn("EC", "RSA", "OKP");
            assertThat(k.thumbprint()).hasSize(43);
            assertThat(Base64Url.decode(k.thumbprint())).hasSize(32);
            assertThat(k.use()).isIn(null, "sig");
            if (k.keyOps() != null) {
                assertThat(k.keyOps()).contains("verify");
            }
            switch (k.kty()) {
                case "EC":
                    assertThat(k.crv()).isIn("P-256", "P-384");
                    assertThat(k.publicKey()).isInstanceOf(ECPublicKey.class);
                    break;
                case "RSA":
                    assertThat(k.publicKey()).isInstanceOf(RSAPublicKey.class);
                    RSAPublicKey rsa = (RSAPublicKey) k.publicKey();
                    assertThat(rsa.getModulus().bitLength()).isBetween(2048, 8192);
                    assertThat(rsa.getPublicExponent().testBit(0)).isTrue();
                    break;
                default:
                    assertThat(k.crv()).isEqualTo("Ed25519");
            }
        }
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            select(set, null, alg);
            if (!set.keys().isEmpty()) {
                select(set, set.keys().get(0).kid(), alg);
            }
        }
    }

    private static void select(JwkSet set, String kid, JwsAlgorithm alg) {
        try {
            KeySelector.Selection s = KeySelector.select(set, kid, alg);
            assertThat(s.candidates().size()).isLessThanOrEqualTo(KeySelector.MAX_CANDIDATES_WITHOUT_KID);
            for (Jwk k : s.candidates()) {
                assertThat(k.kty()).isEqualTo(alg.keyType());
                assertThat(k.alg()).isIn(null, alg.joseName());
            }
            if (s.unknownKid()) {
                assertThat(s.candidates()).isEmpty();
                Bounded.rejected(KeySelector.unknownKid(set, kid, alg), Set.of(ErrorCode.KEY_NOT_FOUND), null);
            }
        } catch (WalletVerificationException e) {
            Bounded.rejected(e, Set.of(ErrorCode.KEY_NOT_FOUND), null);
        }
    }
}
