package io.walletgate.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.internal.keys.KeyImport;
import io.walletgate.internal.token.Base64Url;
import java.math.BigInteger;
import java.security.Provider;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Project Wycheproof signature vectors against {@link SignatureVerifier}, with keys imported by {@link KeyImport},
 * for every provider that loads: every {@code valid} vector is accepted, every {@code invalid} one rejected, and
 * which {@code acceptable} ones are accepted is printed.
 */
class WycheproofSignatureTest {
    private static final String DER_FILE = "ecdsa_secp256r1_sha256_test.json";

    /** file, algorithm, provider, and the file's valid/invalid/acceptable totals (so a shrunken fixture fails). */
    static Stream<Arguments> vectors() {
        List<Arguments> list = new ArrayList<>();
        for (Provider p : Wycheproof.providers()) {
            Named<Provider> provider = Named.of(p.getName(), p);
            list.add(Arguments.of("ecdsa_secp256r1_sha256_p1363_test.json", JwsAlgorithm.ES256, provider, 173, 89, 0));
            list.add(Arguments.of("ecdsa_secp384r1_sha384_p1363_test.json", JwsAlgorithm.ES384, provider, 193, 87, 0));
            list.add(Arguments.of("ed25519_test.json", JwsAlgorithm.EDDSA, provider, 88, 63, 0));
            list.add(Arguments.of("rsa_signature_2048_sha256_test.json", JwsAlgorithm.RS256, provider, 9, 249, 1));
            list.add(Arguments.of("rsa_pss_2048_sha256_mgf1_32_test.json", JwsAlgorithm.PS256, provider, 63, 45, 0));
        }
        return list.stream();
    }

    static Stream<Named<Provider>> providers() {
        return Wycheproof.providers().stream().map(p -> Named.of(p.getName(), p));
    }

    @ParameterizedTest(name = "{0} with {2}")
    @MethodSource("vectors")
    void accepts_every_valid_and_rejects_every_invalid_vector(String file, JwsAlgorithm alg, Provider provider,
                                                              int validTotal, int invalidTotal,
                                                              int acceptableTotal) {
        JsonNode root = Wycheproof.load(file);
        assertThat(CryptoProviders.supports(provider, alg))
                .as("%s is loaded but does not implement %s", provider.getName(), alg.joseName()).isTrue();
        SignatureVerifier verifier = new SignatureVerifier(alg, provider);

        int valid = 0;
        int validAccepted = 0;
        int validKeyRefused = 0;
        int invalid = 0;
        int invalidRejected = 0;
        int acceptable = 0;
        List<String> acceptableAccepted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        List<String> validRefused = new ArrayList<>();

        for (JsonNode group : root.get("testGroups")) {
            PublicKey key;
            String refusal = null;
            try {
                key = importKey(alg, group);
            } catch (IllegalArgumentException e) {
                key = null;
                refusal = e.getMessage();
                String why = unsafeKeyReason(alg, group);
                refusals.add(refusal + (why == null ? " [NOT JUSTIFIED]" : " [justified: " + why + "]"));
                if (why == null) {
                    failures.add("key refused without a safety reason: " + refusal + " (group of "
                            + group.get("tests").size() + " tests)");
                }
            }
            for (JsonNode t : group.get("tests")) {
                String result = t.get("result").asText();
                String id = "tcId " + t.get("tcId").asInt() + " (" + t.get("comment").asText() + ", "
                        + t.get("flags") + ")";
                boolean accepted;
                if (key == null) {
                    accepted = false;
                } else {
                    try {
                        accepted = verifier.verify(key, Wycheproof.hex(t.get("msg").asText()),
                                Wycheproof.hex(t.get("sig").asText()));
                    } catch (RuntimeException e) {
                        failures.add(id + ": verify threw " + e); // its contract is to return false, never throw
                        accepted = false;
                    }
                }
                switch (result) {
                    case "valid":
                        valid++;
                        if (accepted) {
                            validAccepted++;
                        } else if (key == null) {
                            validKeyRefused++;
                            validRefused.add(id);
                        } else {
                            failures.add(id + ": valid signature rejected");
                        }
                        break;
                    case "invalid":
                        invalid++;
                        if (!accepted) {
                            invalidRejected++;
                        } else {
                            failures.add(id + ": invalid signature accepted");
                        }
                        break;
                    case "acceptable":
                        acceptable++;
                        if (accepted) {
                            acceptableAccepted.add(id);
                        }
                        break;
                    default:
                        failures.add(id + ": unknown result '" + result + "'");
                }
            }
        }

        System.out.printf("wycheproof %s %s: valid accepted %d/%d, invalid rejected %d/%d, acceptable accepted %d/%d"
                        + "%s%n", file, provider.getName(), validAccepted, valid, invalidRejected, invalid,
                acceptableAccepted.size(), acceptable,
                validKeyRefused == 0 ? "" : ", valid key refused " + validKeyRefused + "/" + valid);
        refusals.forEach(r -> System.out.println("  key refused: " + r));
        validRefused.forEach(v -> System.out.println("  valid, key refused: " + v));
        acceptableAccepted.forEach(a -> System.out.println("  acceptable accepted: " + a));

        assertThat(failures).as("%s with %s", file, provider.getName()).isEmpty();
        assertThat(valid).isEqualTo(validTotal);
        assertThat(invalid).isEqualTo(invalidTotal);
        assertThat(acceptable).isEqualTo(acceptableTotal);
        // Nothing valid is silently lost: each one was accepted or belongs to a key refused for a stated reason.
        assertThat(validAccepted + validKeyRefused).isEqualTo(valid);
        assertThat(invalidRejected).isEqualTo(invalid);
    }

    /**
     * docs/architecture.md §4: an ES256 signature is raw R||S, never DER. Every signature of the DER file, whether or
     * not it is valid DER, must be refused; and, so that this proves the format check rather than a broken key or
     * message, each valid one re-encoded as R||S must verify.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejects_every_der_signature_as_an_es256_jose_signature(Provider provider) {
        JsonNode root = Wycheproof.load(DER_FILE);
        SignatureVerifier verifier = new SignatureVerifier(JwsAlgorithm.ES256, provider);
        int total = 0;
        int rejected = 0;
        int validDer = 0;
        int reencodedAccepted = 0;
        int sixtyFourBytes = 0;
        List<String> failures = new ArrayList<>();

        for (JsonNode group : root.get("testGroups")) {
            PublicKey key = importKey(JwsAlgorithm.ES256, group);
            for (JsonNode t : group.get("tests")) {
                total++;
                String id = "tcId " + t.get("tcId").asInt() + " (" + t.get("comment").asText() + ")";
                byte[] msg = Wycheproof.hex(t.get("msg").asText());
                byte[] der = Wycheproof.hex(t.get("sig").asText());
                if (der.length == 64) {
                    // 64 bytes could also read as a 32-byte r || 32-byte s. If such bytes verified, the signature
                    // would be a genuine R||S signature that happens to look like DER, not a DER acceptance: report
                    // it with the file's verdict so it can be analysed.
                    sixtyFourBytes++;
                    System.out.println("  64-byte DER signature: " + id + " result " + t.get("result").asText());
                }
                if (!verifier.verify(key, msg, der)) {
                    rejected++;
                } else {
                    failures.add(id + ": DER signature (" + der.length + " bytes, " + t.get("result").asText()
                            + " as DER) accepted as ES256");
                }
                if ("valid".equals(t.get("result").asText())) {
                    validDer++;
                    if (verifier.verify(key, msg, derToP1363(der, 32))) {
                        reencodedAccepted++;
                    } else {
                        failures.add(id + ": valid DER signature re-encoded as R||S rejected");
                    }
                }
            }
        }

        System.out.printf("wycheproof %s %s: DER signatures rejected as ES256 %d/%d, valid ones re-encoded as R||S"
                + " accepted %d/%d, 64-byte DER signatures %d%n", DER_FILE, provider.getName(), rejected, total,
                reencodedAccepted, validDer, sixtyFourBytes);
        assertThat(failures).isEmpty();
        assertThat(total).isEqualTo(484);
        assertThat(rejected).isEqualTo(total);
        assertThat(validDer).isEqualTo(174);
        assertThat(reencodedAccepted).isEqualTo(validDer);
    }

    /** The group's public key through {@link KeyImport}, from the raw fields, cross-checked with the JWK if any. */
    static PublicKey importKey(JwsAlgorithm alg, JsonNode group) {
        JsonNode pk = group.get("publicKey");
        JsonNode jwk = group.has("publicKeyJwk") ? group.get("publicKeyJwk") : group.get("keyJwk");
        switch (alg) {
            case ES256:
            case ES384: {
                int len = alg.coordinateLength();
                byte[] x = Wycheproof.fixedLength(pk.get("wx").asText(), len);
                byte[] y = Wycheproof.fixedLength(pk.get("wy").asText(), len);
                if (jwk != null) {
                    assertThat(jwk.get("crv").asText()).isEqualTo(alg.curve());
                    assertThat(Base64Url.decode(jwk.get("x").asText())).isEqualTo(x);
                    assertThat(Base64Url.decode(jwk.get("y").asText())).isEqualTo(y);
                }
                return KeyImport.ec(alg.curve(), x, y);
            }
            case EDDSA: {
                byte[] x = Wycheproof.hex(pk.get("pk").asText());
                if (jwk != null) {
                    assertThat(Base64Url.decode(jwk.get("x").asText())).isEqualTo(x);
                }
                return KeyImport.okp("Ed25519", x);
            }
            case RS256:
            case PS256: {
                BigInteger n = Wycheproof.integer(pk.get("modulus").asText());
                BigInteger e = Wycheproof.integer(pk.get("publicExponent").asText());
                if (jwk != null) {
                    assertThat(new BigInteger(1, Base64Url.decode(jwk.get("n").asText()))).isEqualTo(n);
                    assertThat(new BigInteger(1, Base64Url.decode(jwk.get("e").asText()))).isEqualTo(e);
                }
                return KeyImport.rsa(n, e);
            }
            default:
                throw new AssertionError(alg);
        }
    }

    /**
     * Why a key is genuinely unsafe, judged here independently of {@link KeyImport}, or null when it is not: only
     * then may KeyImport's refusal of a group with valid vectors be accepted.
     */
    private static String unsafeKeyReason(JwsAlgorithm alg, JsonNode group) {
        if (alg == JwsAlgorithm.RS256 || alg == JwsAlgorithm.PS256) {
            JsonNode pk = group.get("publicKey");
            BigInteger n = Wycheproof.integer(pk.get("modulus").asText());
            BigInteger e = Wycheproof.integer(pk.get("publicExponent").asText());
            if (n.bitLength() < 2048) {
                return "modulus of " + n.bitLength() + " bits";
            }
            if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
                return "public exponent " + e;
            }
        }
        return null; // Wycheproof's EC and Ed25519 verification keys are all valid curve points
    }

    /** A strict-DER ECDSA signature as R||S of {@code len}-byte halves. */
    private static byte[] derToP1363(byte[] der, int len) {
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (java.io.IOException e) {
            throw new AssertionError("a valid vector is not DER", e);
        }
        byte[] out = new byte[2 * len];
        for (int i = 0; i < 2; i++) {
            byte[] v = ASN1Integer.getInstance(seq.getObjectAt(i)).getValue().toByteArray();
            int start = v.length > len ? v.length - len : 0;
            System.arraycopy(v, start, out, i * len + len - (v.length - start), v.length - start);
        }
        return out;
    }
}
