package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.walletgate.ErrorCode;
import io.walletgate.TestIssuer;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.internal.token.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The whole {@link WalletVerifier#verify} with static keys (no network), two ways in:
 * <ul>
 *   <li>{@code verify_token}: the fuzzer writes the token (and the wallet proof); the corpus holds real tokens, so
 *   mutations reach every parse, header and signature check. An accepted token must carry a signature that the JDK's
 *   own providers verify with the key the identity names: nothing gets in without a real signature.</li>
 *   <li>{@code verify_signed}: the fuzzer writes the header and payload JSON; the target signs them with the issuer's
 *   key, so mutations reach every claim, audience, time and wallet rule. An accepted token must meet those rules as
 *   re-checked here from the raw claims.</li>
 * </ul>
 * Input format: the parts separated by a NUL byte (JSON and tokens never hold one); the proof part starts with
 * {@code k} (app public key) or {@code a} (address), else there is none. Every call ends within the bounds of
 * {@link Bounded}; a rejection carries a verification code, never {@code jwks_unavailable} (keys are static); a
 * second call (the verified-token cache) gives the same result.
 */
class VerifierFuzzTest {
    private static final Set<ErrorCode> VERIFY_CODES = EnumSet.complementOf(EnumSet.of(ErrorCode.JWKS_UNAVAILABLE,
            ErrorCode.TOKEN_REPLAYED, ErrorCode.SESSION_INVALID, ErrorCode.REQUEST_INVALID,
            ErrorCode.STORE_UNAVAILABLE));
    private static final long SKEW_SECONDS = 60;

    private static final FuzzIssuers ISSUERS = FuzzIssuers.load();
    private static final WalletVerifier VERIFIER = ISSUERS.verifier();
    private static final Map<String, String> AUDIENCES = ISSUERS.audienceByIss(VERIFIER);
    private static final Map<String, TestIssuer> SIGNERS = new LinkedHashMap<>(); // default signer: the first issuer's
    private static final WalletVerifier SIGNED_VERIFIER = ISSUERS.signingVerifier(SIGNERS);
    private static final TestIssuer DEFAULT_SIGNER = SIGNERS.values().iterator().next();

    static {
        // Load every provider, curve and parser once: the first call's start-up is not the cost of a call.
        for (TestIssuer signer : SIGNERS.values()) {
            String token = signer.signEncoded(Base64Url.encode("{}".getBytes(StandardCharsets.UTF_8)), "e30");
            Bounded.warmUp(() -> verify(SIGNED_VERIFIER, token, WalletProof.none()));
        }
    }

    @FuzzTest(maxDuration = "5m")
    void verify_token(byte[] data) {
        List<byte[]> parts = split(data, 2);
        String token = new String(parts.get(0), StandardCharsets.UTF_8);
        WalletProof proof = proof(parts.get(1));
        Bounded.run("WalletVerifier.verify", () -> {
            VerifiedIdentity id = verify(VERIFIER, token, proof);
            if (id != null) {
                checkIdentity(id, proof);
                assertThat(signatureVerifiesWithJdk(token, id)).as("accepted token's signature, checked by the JDK")
                        .isTrue();
            }
        });
    }

    @FuzzTest(maxDuration = "5m")
    void verify_signed(byte[] data) {
        List<byte[]> parts = split(data, 3);
        WalletProof proof = proof(parts.get(2));
        String h = Base64Url.encode(parts.get(0));
        String p = Base64Url.encode(parts.get(1));
        String token = signerFor(parts.get(0)).signEncoded(h, p);
        Bounded.run("WalletVerifier.verify (signed)", () -> {
            VerifiedIdentity id = verify(SIGNED_VERIFIER, token, proof);
            if (id != null) {
                checkIdentity(id, proof);
            }
        });
    }

    /** Verifies twice (the second call may hit the verified-token cache) and checks both ends agree. */
    private static VerifiedIdentity verify(WalletVerifier verifier, String token, WalletProof proof) {
        VerifiedIdentity first = null;
        ErrorCode firstCode = null;
        try {
            first = verifier.verify(token, proof);
        } catch (WalletVerificationException e) {
            Bounded.rejected(e, VERIFY_CODES, token);
            firstCode = e.code();
        }
        try {
            VerifiedIdentity second = verifier.verify(token, proof);
            assertThat(firstCode).as("second verify accepted what the first rejected").isNull();
            assertThat(second.subject()).isEqualTo(first.subject());
            assertThat(second.wallet()).isEqualTo(first.wallet());
            assertThat(second.expiresAt()).isEqualTo(first.expiresAt());
        } catch (WalletVerificationException e) {
            assertThat(e.code()).as("second verify gave another result").isEqualTo(firstCode);
        }
        return first;
    }

    /** The claim rules, re-checked from the raw claims of an accepted token. */
    private static void checkIdentity(VerifiedIdentity id, WalletProof proof) {
        Map<String, Object> c = id.claims();
        assertThat(c.get("iss")).isEqualTo(id.issuer());
        String audience = AUDIENCES.get(id.issuer());
        assertThat(audience).as("accepted iss %s is configured", id.issuer()).isNotNull();
        Object aud = c.get("aud");
        assertThat(aud instanceof String ? List.of(aud) : aud).asList().contains(audience);
        long now = ISSUERS.now.getEpochSecond();
        assertThat(c.get("exp")).isInstanceOf(Number.class);
        assertThat(((Number) c.get("exp")).doubleValue()).isGreaterThan(now - SKEW_SECONDS);
        for (String name : List.of("nbf", "iat")) {
            if (c.get(name) != null) {
                assertThat(((Number) c.get(name)).doubleValue()).as(name).isLessThanOrEqualTo(now + SKEW_SECONDS);
            }
        }
        assertThat(id.expiresAt()).isAfter(Instant.ofEpochSecond(now - SKEW_SECONDS));
        assertThat(id.subject()).isNotEmpty();
        if (proof.isValid() && proof.kind() != WalletProof.Kind.NONE) {
            assertThat(id.wallet()).as("a proof was given, so a wallet was proven").isNotNull();
            assertThat(id.wallets()).contains(id.wallet());
        }
    }

    /** Independent of WalletGate's providers and P1363 handling: the JDK's default providers. */
    private static boolean signatureVerifiesWithJdk(String token, VerifiedIdentity id) {
        try {
            String[] parts = token.split("\\.", -1);
            String alg = FuzzIssuers.JSON.readTree(Base64Url.decode(parts[0])).get("alg").asText();
            JsonNode jwk = null;
            for (FuzzIssuers.Issuer i : ISSUERS.issuers) {
                for (JsonNode k : i.jwks().get("keys")) {
                    if (Objects.equals(k.path("kid").asText(null), id.keyId())
                            && id.issuerName().equals(TestIssuer.issuerAccepting(VERIFIER, i.iss()))) {
                        jwk = k;
                    }
                }
            }
            assertThat(jwk).as("the key the identity names").isNotNull();
            PublicKey key = publicKey(JWK.parse(jwk.toString()));
            Signature s;
            switch (alg) {
                case "ES256":
                    s = Signature.getInstance("SHA256withECDSAinP1363Format");
                    break;
                case "ES384":
                    s = Signature.getInstance("SHA384withECDSAinP1363Format");
                    break;
                case "RS256":
                    s = Signature.getInstance("SHA256withRSA");
                    break;
                case "PS256":
                    s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    break;
                case "EdDSA":
                    s = Signature.getInstance("Ed25519");
                    break;
                default:
                    return false;
            }
            s.initVerify(key);
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return s.verify(Base64Url.decode(parts[2]));
        } catch (Exception e) {
            throw new AssertionError("independent signature check failed to run", e);
        }
    }

    private static PublicKey publicKey(JWK jwk) throws Exception {
        if (jwk instanceof ECKey) {
            return ((ECKey) jwk).toPublicKey();
        }
        if (jwk instanceof RSAKey) {
            return ((RSAKey) jwk).toPublicKey();
        }
        // RFC 8410 SubjectPublicKeyInfo of an Ed25519 key, decoded by the JDK's own key factory.
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] x = ((OctetKeyPair) jwk).getX().decode();
        byte[] spki = Arrays.copyOf(prefix, prefix.length + x.length);
        System.arraycopy(x, 0, spki, prefix.length, x.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    private static TestIssuer signerFor(byte[] header) {
        try {
            JsonNode h = FuzzIssuers.JSON.readTree(header);
            String kid = h == null ? null : h.path("kid").asText(null);
            return kid != null && SIGNERS.containsKey(kid) ? SIGNERS.get(kid) : DEFAULT_SIGNER;
        } catch (java.io.IOException | RuntimeException e) {
            return DEFAULT_SIGNER;
        }
    }

    private static WalletProof proof(byte[] part) {
        if (part.length == 0) {
            return WalletProof.none();
        }
        String value = new String(part, 1, part.length - 1, StandardCharsets.UTF_8);
        return part[0] == 'k' ? WalletProof.appPublicKey(value) : part[0] == 'a' ? WalletProof.address(value)
                : WalletProof.none();
    }

    /** {@code data} split at its first {@code n - 1} NUL bytes; missing parts are empty. */
    static List<byte[]> split(byte[] data, int n) {
        byte[][] out = new byte[n][];
        int start = 0;
        for (int i = 0; i < n - 1; i++) {
            int end = start;
            while (end < data.length && data[end] != 0) {
                end++;
            }
            out[i] = Arrays.copyOfRange(data, start, end);
            start = Math.min(end + 1, data.length);
        }
        out[n - 1] = Arrays.copyOfRange(data, start, data.length);
        return List.of(out);
    }
}
