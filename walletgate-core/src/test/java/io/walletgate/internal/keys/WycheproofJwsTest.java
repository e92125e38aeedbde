package io.walletgate.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfiles;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.internal.crypto.JwsAlgorithm;
import io.walletgate.internal.crypto.SignatureVerifier;
import io.walletgate.internal.crypto.Wycheproof;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.JwkSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Project Wycheproof whole-JWS and JWK vectors through the verification pipeline minus claims: {@link CompactJws}
 * parsing, {@link JwsAlgorithm} lookup, {@link KeySelector} over a {@link JwkSet} built by {@link JwkParser}, and
 * {@link SignatureVerifier}; any exception is a rejection. A {@code valid} vector applies to us only when its
 * {@code alg} is one we verify and its key is not symmetric; every other token must be rejected.
 */
class WycheproofJwsTest {
    private static final Set<String> OUR_ALGORITHMS = Set.of("ES256", "ES384", "RS256", "PS256", "EdDSA");
    // RFC 7518 §6.2.2, §6.3.2, §6.4.1, RFC 8037 §2: members only a private or symmetric JWK has.
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    /** file, provider, and the totals: valid that apply, valid that do not, invalid, private JWKs in the file. */
    static Stream<Arguments> files() {
        List<Arguments> list = new ArrayList<>();
        for (Provider p : Wycheproof.providers()) {
            Named<Provider> provider = Named.of(p.getName(), p);
            list.add(Arguments.of("json_web_signature_test.json", provider, 16, 30, 355, 23));
            list.add(Arguments.of("json_web_key_test.json", provider, 1, 4, 21, 27));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("files")
    void accepts_valid_tokens_we_support_and_rejects_every_other_token(String file, Provider provider,
                                                                      int applicableTotal, int notApplicableTotal,
                                                                      int invalidTotal, int privateKeysTotal) {
        JsonNode root = Wycheproof.load(file);
        Map<JwsAlgorithm, SignatureVerifier> verifiers = new EnumMap<>(JwsAlgorithm.class);
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            verifiers.put(alg, new SignatureVerifier(alg, provider));
        }

        int applicable = 0;
        int applicableAccepted = 0;
        int notApplicable = 0;
        int notApplicableRejected = 0;
        int invalid = 0;
        int invalidRejected = 0;
        int acceptable = 0;
        int acceptableAccepted = 0;
        int privateKeys = 0;
        int privateKeysRefused = 0;
        Map<String, Integer> rejectedAt = new TreeMap<>();
        List<String> keyRefusals = new ArrayList<>();
        List<String> failures = new ArrayList<>();

        for (JsonNode group : root.get("testGroups")) {
            String source = "wycheproof " + group.get("comment").asText();
            // Our parser must never take private or symmetric key material, whatever else the group holds.
            for (JsonNode jwk : keys(group.get("private"))) {
                if (isPrivate(jwk)) {
                    privateKeys++;
                    try {
                        JwkParser.parseKey(toMap(jwk));
                        failures.add(source + ": private/symmetric JWK '" + jwk.path("kid").asText() + "' accepted");
                    } catch (IllegalArgumentException e) {
                        privateKeysRefused++;
                    }
                }
            }
            JsonNode material = group.has("public") ? group.get("public") : group.get("private");
            JwkSet set = keySet(material, source);
            boolean symmetric = false;
            for (JsonNode jwk : keys(material)) {
                symmetric |= "oct".equals(jwk.path("kty").asText());
            }

            for (JsonNode t : group.get("tests")) {
                String jws = t.get("jws").asText();
                String result = t.get("result").asText();
                String id = "tcId " + t.get("tcId").asInt() + " (" + group.get("comment").asText() + ": "
                        + t.get("comment").asText() + ")";
                Outcome outcome = verify(jws, set, verifiers);
                if (!outcome.accepted()) {
                    rejectedAt.merge(result + " at " + outcome.stage(), 1, Integer::sum);
                    if ("key".equals(outcome.stage())) {
                        keyRefusals.add(id + ": " + outcome.reason());
                    }
                }
                if (jws.startsWith("{") && outcome.accepted()) {
                    failures.add(id + ": JSON serialization accepted");
                }
                switch (result) {
                    case "valid":
                        String alg = lenientHeaderAlg(jws);
                        if (!jws.startsWith("{") && OUR_ALGORITHMS.contains(alg) && !symmetric) {
                            applicable++;
                            if (outcome.accepted()) {
                                applicableAccepted++;
                            } else {
                                failures.add(id + ": valid " + alg + " token rejected at " + outcome.stage() + ": "
                                        + outcome.reason());
                            }
                        } else {
                            notApplicable++;
                            if (!outcome.accepted()) {
                                notApplicableRejected++;
                            } else {
                                failures.add(id + ": " + alg + (symmetric ? " with a symmetric key" : "")
                                        + " token accepted, but we do not support it");
                            }
                        }
                        break;
                    case "invalid":
                        invalid++;
                        if (!outcome.accepted()) {
                            invalidRejected++;
                        } else {
                            failures.add(id + ": invalid token accepted");
                        }
                        break;
                    case "acceptable":
                        acceptable++;
                        if (outcome.accepted()) {
                            acceptableAccepted++;
                            System.out.println("  acceptable accepted: " + id);
                        }
                        break;
                    default:
                        failures.add(id + ": unknown result '" + result + "'");
                }
            }
        }

        System.out.printf("wycheproof %s %s: valid accepted %d/%d, valid not applicable rejected %d/%d, invalid"
                        + " rejected %d/%d, acceptable accepted %d/%d, private/symmetric JWKs refused %d/%d%n", file,
                provider.getName(), applicableAccepted, applicable, notApplicableRejected, notApplicable,
                invalidRejected, invalid, acceptableAccepted, acceptable, privateKeysRefused, privateKeys);
        System.out.println("  rejected at: " + rejectedAt);
        keyRefusals.forEach(r -> System.out.println("  no usable key: " + r));

        assertThat(failures).as("%s with %s", file, provider.getName()).isEmpty();
        assertThat(applicable).isEqualTo(applicableTotal);
        assertThat(applicableAccepted).isEqualTo(applicable);
        assertThat(notApplicable).isEqualTo(notApplicableTotal);
        assertThat(notApplicableRejected).isEqualTo(notApplicable);
        assertThat(invalid).isEqualTo(invalidTotal);
        assertThat(invalidRejected).isEqualTo(invalid);
        assertThat(acceptable).isZero();
        assertThat(privateKeys).isEqualTo(privateKeysTotal);
        assertThat(privateKeysRefused).isEqualTo(privateKeys);
    }

    /**
     * The {@code es256} group's {@code acceptsValid} token through the public {@link WalletVerifier}. Wycheproof's
     * payload is {@code foo}, not a JWT claims set, so the full claims path cannot run: then the verifier must
     * refuse it as {@code token_malformed} (it reads {@code iss} to route before any signature work). Should a
     * future fixture carry a claims set, the token is verified end to end instead.
     */
    @Test
    void es256_accepts_valid_token_goes_through_the_public_verifier_when_its_payload_is_a_claims_set() {
        JsonNode group = null;
        for (JsonNode g : Wycheproof.load("json_web_signature_test.json").get("testGroups")) {
            if ("es256".equals(g.get("comment").asText())) {
                group = g;
            }
        }
        assertThat(group).as("es256 group").isNotNull();
        JsonNode test = null;
        for (JsonNode t : group.get("tests")) {
            if ("acceptsValid".equals(t.get("comment").asText())) {
                test = t;
            }
        }
        assertThat(test).as("acceptsValid test").isNotNull();
        assertThat(test.get("result").asText()).isEqualTo("valid");
        String token = test.get("jws").asText();
        String jwks = "{\"keys\":[" + group.get("public") + "]}";
        JsonNode claims = claimsSet(CompactJws.parse(token).payload());

        if (claims == null || !claims.path("iss").isTextual()) {
            System.out.println("wycheproof json_web_signature_test.json es256 acceptsValid: payload is not a JWT"
                    + " claims set; end-to-end claims check skipped, WalletVerifier refuses it as token_malformed");
            WalletVerifier verifier = WalletVerifier.builder()
                    .issuer(IssuerProfiles.oidc("https://wycheproof.example").withAudience("wycheproof")
                            .withAlgorithms("ES256").withJwks(jwks))
                    .build();
            assertThatThrownBy(() -> verifier.verify(token, WalletProof.none()))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_MALFORMED));
            return;
        }
        JsonNode aud = claims.path("aud");
        String audience = aud.isArray() ? aud.get(0).asText() : aud.asText("wycheproof");
        Instant at = claims.has("exp") ? Instant.ofEpochSecond(claims.get("exp").asLong() - 1) : Instant.now();
        WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.oidc(claims.get("iss").asText()).withAudience(audience)
                        .withAlgorithms("ES256").withJwks(jwks))
                .clock(Clock.fixed(at, ZoneOffset.UTC))
                .build();
        VerifiedIdentity id = verifier.verify(token, WalletProof.none());
        assertThat(id.keyId()).isEqualTo("kid-ec-sign");
    }

    private record Outcome(boolean accepted, String stage, String reason) {
    }

    /** Our pipeline minus claims; any exception is a rejection. */
    private static Outcome verify(String jws, JwkSet set, Map<JwsAlgorithm, SignatureVerifier> verifiers) {
        CompactJws parsed;
        try {
            parsed = CompactJws.parse(jws);
        } catch (RuntimeException e) {
            return new Outcome(false, "parse", e.getMessage());
        }
        JwsAlgorithm alg = JwsAlgorithm.fromJoseName(parsed.alg());
        if (alg == null) {
            return new Outcome(false, "alg", "'" + parsed.alg() + "' is not supported");
        }
        KeySelector.Selection selection;
        try {
            selection = KeySelector.select(set, parsed.kid(), alg);
        } catch (RuntimeException e) {
            return new Outcome(false, "key", e.getMessage());
        }
        if (selection.unknownKid()) {
            return new Outcome(false, "key", "no key for kid " + parsed.kid() + " (skipped: " + set.skipped() + ")");
        }
        SignatureVerifier verifier = verifiers.get(alg);
        for (Jwk key : selection.candidates()) {
            try {
                if (verifier.verify(key.publicKey(), parsed.signingInput(), parsed.signature())) {
                    return new Outcome(true, "accepted", key.toString());
                }
            } catch (RuntimeException e) {
                return new Outcome(false, "verify threw", e.toString());
            }
        }
        return new Outcome(false, "signature", "does not verify");
    }

    /**
     * The key set of a group's key material exactly as given: a JWKS through {@link JwkParser#parseSet}, a single
     * JWK through {@link JwkParser#parseKey} (a refused key gives an empty set, its reason in {@code skipped}).
     */
    private static JwkSet keySet(JsonNode material, String source) {
        try {
            if (material.has("keys")) {
                return JwkParser.parseSet(Wycheproof.json().writeValueAsBytes(material), source);
            }
            return new JwkSet(List.of(JwkParser.parseKey(toMap(material))), List.of(), source);
        } catch (IllegalArgumentException e) {
            return new JwkSet(List.of(), List.of(e.getMessage()), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> keys(JsonNode material) {
        List<JsonNode> list = new ArrayList<>();
        if (material == null) {
            return list;
        }
        if (material.has("keys")) {
            material.get("keys").forEach(list::add);
        } else {
            list.add(material);
        }
        return list;
    }

    private static boolean isPrivate(JsonNode jwk) {
        for (String name : PRIVATE_MEMBERS) {
            if (jwk.has(name)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode jwk) {
        return Wycheproof.json().convertValue(jwk, Map.class);
    }

    /**
     * The header {@code alg}, read leniently and independently of {@link CompactJws} (only to classify a vector):
     * characters outside base64 are skipped. Null when there is no readable header.
     */
    private static String lenientHeaderAlg(String jws) {
        if (jws.startsWith("{")) {
            return null;
        }
        int dot = jws.indexOf('.');
        String header = (dot < 0 ? jws : jws.substring(0, dot)).replace('-', '+').replace('_', '/');
        try {
            JsonNode node = Wycheproof.json().readTree(Base64.getMimeDecoder().decode(header));
            return node.path("alg").isTextual() ? node.get("alg").asText() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonNode claimsSet(byte[] payload) {
        try {
            JsonNode node = Wycheproof.json().readTree(new String(payload, StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
