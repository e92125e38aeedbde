package io.walletgate.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.testkit.DevIssuer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Magic DID token is base64 of {@code [proof, claim]}: the verifier accepts it in either base64 alphabet, with or
 * without padding, and with the high-s twin of its secp256k1 proof. Each of those spellings verifies, so replay
 * protection must name them all with one record (the claim string the proof signs), or one login opens many sessions.
 */
class DidTokenReplayTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    // secp256k1's group order (SEC 2, §2.4.1)
    private static final BigInteger N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    @TempDir
    Path dir;

    @Test
    void every_spelling_of_a_did_token_and_its_twin_is_token_replayed_after_the_first_session() throws Exception {
        try (DevIssuer issuer = DevIssuer.builder().clock(CLOCK).start();
                WalletVerifier verifier = WalletVerifier.builder().clock(CLOCK).issuer(issuer.profile("magic")).build();
                SqliteSessionStore store = new SqliteSessionStore(dir.resolve("sessions.db"))) {
            String token = issuer.magic().mint().token();
            for (int i = 0; i < 100 && !token.endsWith("="); i++) {
                token = issuer.magic().mint().token(); // one with padding to leave out (2 in 3 have it)
            }
            String urlAlphabet = token.replace('+', '-').replace('/', '_');
            String unpadded = token.replaceAll("=+$", "");
            // (the URL alphabet differs only when the base64 holds a '+' or '/', which JSON text seldom yields)
            List<String> spellings = Stream.of(token, unpadded, twin(token), urlAlphabet).distinct().toList();
            assertThat(spellings).hasSizeGreaterThanOrEqualTo(3);

            ReplayGuard guard = new ReplayGuard(store, CLOCK, Map.of("magic", ReplayGuard.Mode.HASH));
            for (int i = 0; i < spellings.size(); i++) {
                String spelling = spellings.get(i);
                VerifiedIdentity identity = verifier.verify(spelling, WalletProof.none());
                if (i == 0) {
                    guard.claim(identity, spelling);
                } else {
                    assertThatThrownBy(() -> guard.claim(identity, spelling)).as(spelling)
                            .isInstanceOfSatisfying(WalletVerificationException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REPLAYED));
                }
            }
            // another login of the same wallet is another token
            String next = issuer.magic().mint().token();
            guard.claim(verifier.verify(next, WalletProof.none()), next);
        }
    }

    /** The same DID token with its proof's s replaced by n - s and the recovery id flipped. */
    private static String twin(String token) throws Exception {
        String json = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        int start = json.indexOf("\"0x") + 3;
        String proofHex = json.substring(start, start + 130);
        byte[] proof = HexFormat.of().parseHex(proofHex);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(proof, 32, 64));
        byte[] other = N.subtract(s).toByteArray();
        byte[] twin = proof.clone();
        Arrays.fill(twin, 32, 64, (byte) 0);
        int len = Math.min(other.length, 32);
        System.arraycopy(other, other.length - len, twin, 64 - len, len);
        twin[64] = (byte) (twin[64] == 27 ? 28 : 27);
        String twinJson = json.substring(0, start) + HexFormat.of().formatHex(twin) + json.substring(start + 130);
        return Base64.getEncoder().encodeToString(twinJson.getBytes(StandardCharsets.UTF_8));
    }
}
