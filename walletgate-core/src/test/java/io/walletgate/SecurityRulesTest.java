package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.impl.ECDSA;
import io.walletgate.keys.JwkSet;
import io.walletgate.keys.JwksServer;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySources;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test (or one parameterized family) per security rule of docs/architecture.md §4, each feeding the bad input and
 * asserting the exact error code, a message fragment, and that the message carries neither the token nor key material.
 */
class SecurityRulesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ISS = "https://login.example.com";
    private static final String AUD = "api";
    // The order n of P-256 (SEC 2 §2.4.2); checked against the JDK's curve parameters below.
    private static final BigInteger P256_N =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<WalletVerifier> STARTED = new ArrayList<>();

    private static final TestIssuer ES256 = TestIssuer.create("ES256", "es-1");
    private static final TestIssuer ES384 = TestIssuer.create("ES384", "es384-1");
    private static final TestIssuer RS256 = TestIssuer.create("RS256", "rs-1");
    private static final TestIssuer ATTACKER = TestIssuer.create("ES256", "es-1");

    // ---------------------------------------------------------------- algorithms

    @Test
    void rejects_unsecured_token_with_alg_none_and_empty_signature() {
        WalletVerifier v = verifier(oidc("ES256", "RS256").withJwks(ES256.jwks()));
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String token = b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + b64(json(claims())) + ".";
            rejects(v, token, ErrorCode.ALG_NOT_ALLOWED, "algorithm '" + none + "' is not allowed for issuer 'oidc'");
        }
    }

    @Test
    void rejects_alg_none_even_when_a_valid_signature_is_attached() {
        String valid = ES256.sign(claims());
        String token = b64("{\"alg\":\"none\",\"kid\":\"es-1\"}") + valid.substring(valid.indexOf('.'));
        rejects(verifier(oidc("ES256").withJwks(ES256.jwks())), token, ErrorCode.ALG_NOT_ALLOWED,
                "algorithm 'none' is not allowed");
    }

    @Test
    void rejects_hs256_token_signed_with_the_issuers_public_key_as_hmac_secret() throws Exception {
        String pem = pem(ES256.publicJwk().toECKey().toECPublicKey().getEncoded());
        WalletVerifier v = verifier(oidc("ES256").withPublicKeyPem(pem));
        // The classic confusion: a verifier that feeds "the key" to whatever alg the header names would check this
        // HMAC with the public key bytes the attacker also has. Try every form of those bytes.
        List<byte[]> secrets = List.of(pem.getBytes(StandardCharsets.US_ASCII),
                ES256.publicJwk().toECKey().toECPublicKey().getEncoded(),
                ES256.jwks().getBytes(StandardCharsets.UTF_8),
                ES256.publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8));
        for (String alg : List.of("HS256", "HS384", "HS512")) {
            for (byte[] secret : secrets) {
                String token = hmacToken(alg, secret);
                rejects(v, token, ErrorCode.ALG_NOT_ALLOWED, "algorithm '" + alg + "' is not allowed");
            }
        }
    }

    @Test
    void refuses_to_configure_hmac_or_none_as_an_allowed_algorithm() {
        for (String alg : List.of("HS256", "hs512")) {
            assertThatThrownBy(() -> IssuerProfiles.oidc(ISS).withAlgorithms(alg))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(alg)
                    .hasMessageContaining("HMAC is never accepted");
        }
        assertThatThrownBy(() -> IssuerProfiles.oidc(ISS).withAlgorithms("none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("algorithm must be one of ES256, ES384, RS256, PS256, EdDSA: none");
    }

    @Test
    void rejects_es256_token_whose_kid_names_an_rsa_key() {
        TestIssuer ecSigner = TestIssuer.create("ES256", "shared-kid");
        TestIssuer rsaOwner = TestIssuer.create("RS256", "shared-kid");
        WalletVerifier v = verifier(oidc("ES256", "RS256").withJwks(rsaOwner.jwks()));
        rejects(v, ecSigner.sign(claims()), ErrorCode.KEY_NOT_FOUND,
                "key 'shared-kid' at static JWKS cannot verify ES256 (it is RSA)");
    }

    @Test
    void rejects_rs256_token_on_an_es256_only_issuer() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(TestIssuer.jwks(ES256, RS256)));
        rejects(v, RS256.sign(claims()), ErrorCode.ALG_NOT_ALLOWED,
                "algorithm 'RS256' is not allowed for issuer 'oidc' (allowed: ES256)");
    }

    @Test
    void rejects_es384_token_whose_kid_names_a_p256_key() {
        TestIssuer p384 = TestIssuer.create("ES384", "es-1");
        WalletVerifier v = verifier(oidc("ES256", "ES384").withJwks(ES256.jwks()));
        rejects(v, p384.sign(claims()), ErrorCode.KEY_NOT_FOUND, "cannot verify ES384 (it is EC P-256)");
    }

    @Test
    void rejects_eddsa_token_whose_kid_names_an_ec_key() {
        TestIssuer ed = TestIssuer.create("EdDSA", "es-1");
        WalletVerifier v = verifier(oidc("ES256", "EdDSA").withJwks(ES256.jwks()));
        rejects(v, ed.sign(claims()), ErrorCode.KEY_NOT_FOUND, "cannot verify EdDSA (it is EC P-256)");
    }

    @Test
    void rejects_token_without_kid_when_no_key_has_its_algorithms_type() {
        WalletVerifier v = verifier(oidc("ES256", "RS256").withJwks(ES256.jwks()));
        String token = RS256.sign(claims(), h -> h.keyID(null));
        rejects(v, token, ErrorCode.KEY_NOT_FOUND, "no RS256 key at static JWKS (it holds es-1)");
    }

    // ---------------------------------------------------------------- ECDSA signature encoding

    @Test
    void p256_order_constant_is_the_curves_order() throws Exception {
        ECPublicKey key = ES256.publicJwk().toECKey().toECPublicKey();
        assertThat(key.getParams().getOrder()).isEqualTo(P256_N);
    }

    @Test
    void rejects_es256_and_es384_signatures_in_der_form() throws Exception {
        for (TestIssuer issuer : List.of(ES256, ES384)) {
            WalletVerifier v = verifier(oidc(issuer.alg()).withJwks(issuer.jwks()));
            String token = issuer.sign(claims());
            assertThat(v.verify(token, WalletProof.none()).keyId()).isEqualTo(issuer.kid());
            byte[] der = ECDSA.transcodeSignatureToDER(signatureOf(token));
            assertThat(der[0]).isEqualTo((byte) 0x30);
            rejects(v, withSignature(token, der), ErrorCode.SIGNATURE_INVALID,
                    "signature does not verify with key '" + issuer.kid() + "' of static JWKS");
        }
    }

    @Test
    void rejects_es256_signature_of_wrong_length() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String token = ES256.sign(claims());
        byte[] sig = signatureOf(token);
        for (int length : new int[] {0, 1, 32, 63, 65, 96, 128}) {
            byte[] wrong = Arrays.copyOf(sig, length); // truncated, or zero-extended
            rejects(v, withSignature(token, wrong), ErrorCode.SIGNATURE_INVALID,
                    "signature does not verify with key 'es-1'");
        }
        // 65 bytes with a leading zero: the same numbers, still not the exact P1363 length.
        byte[] padded = new byte[65];
        System.arraycopy(sig, 0, padded, 1, 64);
        rejects(v, withSignature(token, padded), ErrorCode.SIGNATURE_INVALID, "signature does not verify");
    }

    @Test
    void rejects_es256_signature_with_r_or_s_outside_one_to_n_minus_one() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String token = ES256.sign(claims());
        byte[] sig = signatureOf(token);
        byte[] r = Arrays.copyOfRange(sig, 0, 32);
        byte[] s = Arrays.copyOfRange(sig, 32, 64);
        byte[] zero = new byte[32];
        byte[] n = fixed(P256_N, 32);
        byte[] nPlusR = fixed(P256_N.add(new BigInteger(1, r)).mod(BigInteger.TWO.pow(256)), 32);
        byte[] max = fixed(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), 32);
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("r=0", concat(zero, s));
        cases.put("s=0", concat(r, zero));
        cases.put("r=s=0 (CVE-2022-21449)", concat(zero, zero));
        cases.put("r=n", concat(n, s));
        cases.put("s=n", concat(r, n));
        cases.put("r=s=n", concat(n, n));
        cases.put("r=2^256-1", concat(max, s));
        cases.put("s=2^256-1", concat(r, max));
        cases.put("r+n (mod 2^256)", concat(nPlusR, s));
        cases.forEach((name, bad) -> rejects(v, withSignature(token, bad), ErrorCode.SIGNATURE_INVALID,
                "signature does not verify with key 'es-1'"));
    }

    @Test
    void accepts_high_s_malleated_es256_signature_consistently_on_every_provider() {
        // ECDSA: (r, s) and (r, n - s) both verify. RFC 7515/7518 do not require low-s (unlike Bitcoin's BIP 62),
        // and neither jose, Nimbus nor the JCA providers enforce it, so WalletGate accepts both forms. This is safe
        // because nothing here keys on the signature bytes: the verified-token cache is an optimisation whose hit
        // re-checks time claims and the wallet proof, and replay protection (docs/architecture.md §8) uses jti/nonce,
        // which the malleated token shares with the original. This test pins that decision on every provider.
        String token = ES256.sign(claims());
        byte[] sig = signatureOf(token);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] malleated = concat(Arrays.copyOfRange(sig, 0, 32), fixed(P256_N.subtract(s), 32));
        String other = withSignature(token, malleated);
        assertThat(other).isNotEqualTo(token);
        List<Provider> providers = new ArrayList<>();
        providers.add(null); // the default choice: native (ACCP) when it loads, else BouncyCastle
        providers.add(new BouncyCastleProvider());
        providers.add(Security.getProvider("SunEC"));
        for (Provider provider : providers) {
            WalletVerifier.Builder b = WalletVerifier.builder().issuer(oidc("ES256").withJwks(ES256.jwks()))
                    .clock(CLOCK);
            if (provider != null) {
                b.signatureProvider(provider);
            }
            WalletVerifier v = b.build();
            assertThat(v.verify(token, WalletProof.none()).subject()).isEqualTo("user-1");
            assertThat(v.verify(other, WalletProof.none()).subject())
                    .as("high-s form on %s", provider == null ? "default provider" : provider.getName())
                    .isEqualTo("user-1");
        }
    }

    // ---------------------------------------------------------------- header

    @ParameterizedTest
    @ValueSource(strings = {"jwk", "jku", "x5u", "x5c"})
    void rejects_header_that_names_a_key_source(String member) throws Exception {
        try (JwksServer attacker = JwksServer.start(ATTACKER.jwks())) {
            Map<String, Object> header = header(ES256);
            header.put(member, keySourceValue(member, attacker));
            // Signed by the real key: the header member alone must cause the rejection.
            String token = ES256.signJson(header, claims());
            WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
            rejects(v, token, ErrorCode.HEADER_INVALID, "header member '" + member
                    + "' names a key source; keys come only from the issuer's configured source");
            assertThat(attacker.allHits()).isZero();
        }
    }

    @Test
    void keys_come_only_from_the_configured_source_never_from_a_jku_the_attacker_serves() {
        try (JwksServer configured = JwksServer.start(ES256.jwks());
             JwksServer attacker = JwksServer.start(ATTACKER.jwks())) {
            WalletVerifier v = verifier(oidc("ES256").withJwksUri(configured.uri()));
            Map<String, Object> header = header(ATTACKER);
            header.put("jku", attacker.uri().toString());
            rejects(v, ATTACKER.signJson(header, claims()), ErrorCode.HEADER_INVALID, "header member 'jku'");
            // Without the header, the attacker's key (same kid as the real one) simply does not verify; a kid that
            // is a URL is just an unknown kid, looked up in the configured source only.
            rejects(v, ATTACKER.sign(claims()), ErrorCode.SIGNATURE_INVALID, "signature does not verify");
            rejects(v, ATTACKER.sign(claims(), h -> h.keyID(attacker.uri().toString())), ErrorCode.KEY_NOT_FOUND,
                    "at " + configured.uri());
            assertThat(attacker.allHits()).isZero();
            assertThat(configured.hits()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"exp\"]", "[]", "[\"b64\"]", "[\"jku\"]", "\"exp\"", "null"})
    void rejects_header_with_crit(String crit) {
        String header = "{\"alg\":\"ES256\",\"kid\":\"es-1\",\"crit\":" + crit + ",\"exp\":1}";
        String token = ES256.signRaw(header, json(claims()));
        rejects(verifier(oidc("ES256").withJwks(ES256.jwks())), token, ErrorCode.HEADER_INVALID,
                "header lists critical extensions ('crit') that are not understood");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"enc\":\"A256GCM\"", "\"zip\":\"DEF\"", "\"b64\":false", "\"b64\":true"})
    void rejects_header_with_jwe_compression_or_unencoded_payload_members(String member) {
        String name = member.substring(1, member.indexOf('"', 1));
        String token = ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"," + member + "}", json(claims()));
        rejects(verifier(oidc("ES256").withJwks(ES256.jwks())), token, ErrorCode.HEADER_INVALID,
                "header member '" + name + "' is not supported in a signed JWT");
    }

    // ---------------------------------------------------------------- issuer routing

    @Test
    void rejects_unconfigured_iss_without_any_network_call_or_key_source_call() {
        try (JwksServer configured = JwksServer.start(ES256.jwks());
             JwksServer attacker = JwksServer.start(ATTACKER.jwks())) {
            CountingKeySource counting = new CountingKeySource(KeySources.jwks(RS256.jwks()));
            WalletVerifier v = started(WalletVerifier.builder()
                    .issuer(oidc("ES256").withJwksUri(configured.uri()))
                    .issuer(IssuerProfiles.oidc("https://other.example.com").withName("other").withAudience(AUD)
                            .withAlgorithms("RS256").withKeySource(counting))
                    .clock(CLOCK).build());
            // Measured from here: a source may fetch at start (docs/architecture.md §5), never because of a token.
            v.keySources().get("oidc").keys().join();
            int before = configured.allHits();
            int callsBefore = counting.calls();
            String attackerIss = attacker.uri("/").toString();
            for (String iss : List.of(attackerIss, ISS + "/", "HTTPS://LOGIN.EXAMPLE.COM", "https://evil.example")) {
                Map<String, Object> c = TestIssuer.claims(iss, AUD, NOW);
                rejects(v, ATTACKER.sign(c), ErrorCode.ISSUER_UNKNOWN, "issuer '" + iss + "' is not configured");
            }
            assertThat(configured.allHits()).isEqualTo(before);
            assertThat(attacker.allHits()).isZero();
            assertThat(counting.calls()).isEqualTo(callsBefore);
            // The counters do count: a configured issuer's token reaches its source.
            v.verify(RS256.sign(TestIssuer.claims("https://other.example.com", AUD, NOW)), WalletProof.none());
            assertThat(counting.calls()).isGreaterThan(callsBefore);
            assertThat(v.verify(ES256.sign(claims()), WalletProof.none()).keyId()).isEqualTo("es-1");
        }
    }

    @Test
    void rejects_iss_with_control_characters_without_echoing_them() {
        Map<String, Object> c = TestIssuer.claims("https://evil.example\r\nX-Injected: 1", AUD, NOW);
        WalletVerificationException e = rejects(verifier(oidc("ES256").withJwks(ES256.jwks())), ATTACKER.sign(c),
                ErrorCode.ISSUER_UNKNOWN, "issuer 'https://evil.example??X-Injected: 1' is not configured");
        assertThat(e.getMessage()).doesNotContain("\r", "\n");
    }

    @Test
    void messages_do_not_echo_long_or_control_character_header_values() {
        // alg and kid are read before any signature check: wholly the sender's text. Messages go to clients and logs,
        // so they carry it only cut short and with control characters replaced, as for iss.
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String evil = "x\r\nX-Injected: 1\u0000\u001b[31m" + "A".repeat(8000);
        Map<String, Object> badAlg = header(ATTACKER);
        badAlg.put("alg", evil);
        Map<String, Object> badKid = header(ATTACKER);
        badKid.put("kid", evil);
        // the bad alg is refused before any key is looked at; the bad kid is looked up and not found
        Map<String, ErrorCode> expected = Map.of(ATTACKER.signJson(badAlg, claims()), ErrorCode.ALG_NOT_ALLOWED,
                ATTACKER.signJson(badKid, claims()), ErrorCode.KEY_NOT_FOUND);
        for (Map.Entry<String, ErrorCode> token : expected.entrySet()) {
            Throwable t = catchThrowable(() -> v.verify(token.getKey(), WalletProof.none()));
            assertThat(t).isInstanceOf(WalletVerificationException.class);
            assertThat(((WalletVerificationException) t).code()).isEqualTo(token.getValue());
            assertThat(t.getMessage()).contains("x??X-Injected: 1").doesNotContain("\r", "\n", "\u0000", "\u001b")
                    .hasSizeLessThan(400);
        }
    }

    // ---------------------------------------------------------------- size limits

    @Test
    void rejects_token_larger_than_16_kib_and_accepts_one_of_exactly_16_kib() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String exact = tokenOfLength(16 * 1024);
        assertThat(exact).hasSize(16_384);
        assertThat(v.verify(exact, WalletProof.none()).subject()).isEqualTo("user-1");
        rejects(v, exact + "A", ErrorCode.TOKEN_TOO_LARGE, "token is larger than 16384 characters");
        rejects(v, "A".repeat(1 << 20), ErrorCode.TOKEN_TOO_LARGE, "larger than 16384");
    }

    @Test
    void rejects_payload_nested_deeper_than_the_bound_and_accepts_the_bound() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        // The claims object is depth 1; each nested object adds one.
        assertThat(v.verify(ES256.signJson(withNested(claims(), 15)), WalletProof.none()).subject())
                .isEqualTo("user-1");
        rejects(v, ES256.signJson(withNested(claims(), 16)), ErrorCode.TOKEN_MALFORMED,
                "payload is not a JSON object: JSON nested deeper than 16");
    }

    @Test
    void rejects_header_nested_deeper_than_the_bound() {
        String header = "{\"alg\":\"ES256\",\"kid\":\"es-1\",\"x\":" + "[".repeat(16) + "]".repeat(16) + "}";
        rejects(verifier(oidc("ES256").withJwks(ES256.jwks())), ES256.signRaw(header, json(claims())),
                ErrorCode.TOKEN_MALFORMED, "header is not a JSON object: JSON nested deeper than 16");
    }

    @Test
    void rejects_thousands_of_nested_arrays_without_overflowing_the_stack() {
        String payload = "{\"iss\":\"" + ISS + "\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        String token = ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}", payload);
        assertThat(token.length()).isLessThan(16 * 1024);
        rejects(verifier(oidc("ES256").withJwks(ES256.jwks())), token, ErrorCode.TOKEN_MALFORMED,
                "payload is not a JSON object");
    }

    @Test
    void rejects_payload_with_more_members_than_the_bound_and_accepts_the_bound() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        // 5 claims + "m" + its elements: members and array elements count together, 512 at most.
        Map<String, Object> atBound = claims();
        atBound.put("m", new ArrayList<>(java.util.Collections.nCopies(506, 0)));
        assertThat(v.verify(ES256.signJson(atBound), WalletProof.none()).subject()).isEqualTo("user-1");
        Map<String, Object> over = claims();
        over.put("m", new ArrayList<>(java.util.Collections.nCopies(507, 0)));
        rejects(v, ES256.signJson(over), ErrorCode.TOKEN_MALFORMED,
                "payload is not a JSON object: JSON has more than 512 members");
    }

    @Test
    void rejects_header_with_more_members_than_the_bound() {
        Map<String, Object> header = header(ES256);
        for (int i = 0; header.size() <= 512; i++) {
            header.put("h" + i, 0);
        }
        rejects(verifier(oidc("ES256").withJwks(ES256.jwks())), ES256.signJson(header, claims()),
                ErrorCode.TOKEN_MALFORMED, "header is not a JSON object: JSON has more than 512 members");
    }

    @Test
    void rejects_jwks_over_512_kib_or_over_100_keys_and_accepts_the_bounds() throws Exception {
        try (JwksServer server = JwksServer.start(ES256.jwks())) {
            server.body(jwksOfSize(ES256.jwks(), JwkSet.MAX_BYTES));
            WalletVerifier atSize = verifier(oidc("ES256").withJwksUri(server.uri()));
            assertThat(atSize.verify(ES256.sign(claims()), WalletProof.none()).keyId()).isEqualTo("es-1");

            server.body(jwksOfSize(ES256.jwks(), JwkSet.MAX_BYTES + 1));
            rejects(verifier(oidc("ES256").withJwksUri(server.uri())), ES256.sign(claims()),
                    ErrorCode.JWKS_UNAVAILABLE, "key set " + server.uri() + " answered more than 524288 bytes");

            server.body(jwksWithKeys(100));
            WalletVerifier atCount = verifier(oidc("ES256").withJwksUri(server.uri()));
            assertThat(atCount.verify(ES256.sign(claims()), WalletProof.none()).keyId()).isEqualTo("es-1");

            server.body(jwksWithKeys(101));
            rejects(verifier(oidc("ES256").withJwksUri(server.uri())), ES256.sign(claims()),
                    ErrorCode.JWKS_UNAVAILABLE, "has 101 keys, more than 100");
        }
        assertThatThrownBy(() -> KeySources.jwks(jwksWithKeys(101)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key set from static JWKS has 101 keys, more than 100");
    }

    // ---------------------------------------------------------------- JSON strictness

    @Test
    void rejects_duplicate_member_names_in_the_header() {
        String header = "{\"alg\":\"ES256\",\"kid\":\"other\",\"kid\":\"es-1\"}";
        rejects(verifier(oidc("ES256").withJwks(ES256.jwks())), ES256.signRaw(header, json(claims())),
                ErrorCode.TOKEN_MALFORMED, "header is not a JSON object: duplicate member name");
        String algTwice = "{\"alg\":\"none\",\"alg\":\"ES256\",\"kid\":\"es-1\"}";
        rejects(verifier(oidc("ES256").withJwks(ES256.jwks())), ES256.signRaw(algTwice, json(claims())),
                ErrorCode.TOKEN_MALFORMED, "duplicate member name");
    }

    @Test
    void rejects_duplicate_member_names_in_the_payload_however_they_are_spelled() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String rest = ",\"aud\":\"api\",\"sub\":\"user-1\",\"exp\":" + (NOW.getEpochSecond() + 3600) + "}";
        List<String> payloads = List.of(
                "{\"iss\":\"https://evil.example\",\"iss\":\"" + ISS + "\"" + rest,
                "{\"iss\":\"" + ISS + "\",\"iss\":\"https://evil.example\"" + rest,
                "{\"iss\":\"" + ISS + "\",\"i\\u0073s\":\"https://evil.example\"" + rest,
                "{\"iss\":\"" + ISS + "\",\"w\":{\"a\":1,\"a\":2}" + rest);
        for (String payload : payloads) {
            rejects(v, ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}", payload), ErrorCode.TOKEN_MALFORMED,
                    "payload is not a JSON object: duplicate member name");
        }
    }

    @Test
    void rejects_duplicate_member_names_whose_values_are_null_or_malformed() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String rest = ",\"aud\":\"api\",\"sub\":\"user-1\",\"exp\":" + (NOW.getEpochSecond() + 3600) + "}";
        rejects(v, ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}",
                "{\"iss\":\"" + ISS + "\",\"nonce\":null,\"nonce\":null" + rest), ErrorCode.TOKEN_MALFORMED,
                "payload is not a JSON object: duplicate member name");
        rejects(v, ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}",
                "{\"iss\":\"" + ISS + "\",\"nonce\":null,\"nonce\":[" + rest), ErrorCode.TOKEN_MALFORMED,
                "payload is not a JSON object: duplicate member name");
        // a value malformed at its first character fails in the step that reads its name: refused as invalid JSON
        rejects(v, ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}",
                "{\"iss\":\"" + ISS + "\",\"nonce\":null,\"nonce\":" + rest), ErrorCode.TOKEN_MALFORMED,
                "payload is not a JSON object: invalid JSON");
        rejects(v, ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\",\"cty\":null,\"cty\":null}", json(claims())),
                ErrorCode.TOKEN_MALFORMED, "header is not a JSON object: duplicate member name");
    }

    @Test
    void rejects_payload_that_is_not_a_json_object() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        for (String payload : List.of("[\"" + ISS + "\"]", "\"" + ISS + "\"", "42", "null", "true")) {
            rejects(v, ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}", payload), ErrorCode.TOKEN_MALFORMED,
                    "payload is not a JSON object: not a JSON object");
        }
        rejects(v, ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}", json(claims()) + "{}"),
                ErrorCode.TOKEN_MALFORMED, "payload is not a JSON object: trailing data after the JSON object");
        rejects(v, ES256.signRaw("{\"alg\":\"ES256\",\"kid\":\"es-1\"}", ""), ErrorCode.TOKEN_MALFORMED,
                "payload is empty");
    }

    @Test
    void rejects_token_with_two_or_four_parts() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String token = ES256.sign(claims());
        String[] p = token.split("\\.");
        for (String bad : List.of(p[0] + "." + p[1], token + "." + p[2], token + ".", p[0] + "." + p[1] + "."
                + p[2] + "." + p[2] + "." + p[2], p[0], "." + token)) {
            rejects(v, bad, ErrorCode.TOKEN_MALFORMED, "token must have three dot-separated parts");
        }
    }

    // ---------------------------------------------------------------- base64url strictness

    @Test
    void rejects_base64_padding_in_any_part_even_under_a_valid_signature() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String h = b64(json(header(ES256)));
        String p = payloadB64WithLengthMod4(2);
        rejects(v, ES256.signEncoded(h + padding(h), p), ErrorCode.TOKEN_MALFORMED, "header is not base64url");
        rejects(v, ES256.signEncoded(h, p + padding(p)), ErrorCode.TOKEN_MALFORMED, "payload is not base64url");
        String token = ES256.signEncoded(h, p);
        assertThat(v.verify(token, WalletProof.none()).subject()).isEqualTo("user-1");
        String sig = token.substring(token.lastIndexOf('.') + 1);
        rejects(v, token + padding(sig), ErrorCode.TOKEN_MALFORMED, "signature is not base64url");
    }

    @Test
    void rejects_standard_base64_alphabet_plus_and_slash() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String h = b64(json(header(ES256)));
        String p = payloadB64Containing('-', '_');
        String standard = p.replace('-', '+').replace('_', '/');
        rejects(v, ES256.signEncoded(h, standard), ErrorCode.TOKEN_MALFORMED, "payload is not base64url");
        String token;
        do {
            token = ES256.sign(claims()); // ECDSA is randomized: sign until the signature shows '-' or '_'
        } while (!token.substring(token.lastIndexOf('.')).matches(".*[-_].*"));
        String sig = token.substring(token.lastIndexOf('.') + 1);
        rejects(v, withSignatureText(token, sig.replace('-', '+').replace('_', '/')), ErrorCode.TOKEN_MALFORMED,
                "signature is not base64url");
    }

    @Test
    void rejects_white_space_inside_or_around_the_token() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String h = b64(json(header(ES256)));
        String p = b64(json(claims()));
        String spaced = p.substring(0, 8) + " " + p.substring(8);
        rejects(v, ES256.signEncoded(h, spaced), ErrorCode.TOKEN_MALFORMED, "payload is not base64url");
        rejects(v, ES256.signEncoded(" " + h, p), ErrorCode.TOKEN_MALFORMED, "header is not base64url");
        String token = ES256.signEncoded(h, p);
        for (String bad : List.of(token + "\n", token + " ", token + "\r\n", token.replace(".", ". "))) {
            rejects(v, bad, ErrorCode.TOKEN_MALFORMED, "is not base64url");
        }
    }

    @Test
    void rejects_non_zero_trailing_bits_so_no_other_string_decodes_to_the_same_bytes() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        String h = b64(json(header(ES256)));
        for (int rem : new int[] {2, 3}) {
            String p = payloadB64WithLengthMod4(rem);
            String q = withTrailingBit(p);
            // The lenient JDK decoder maps both strings to the same bytes: accepting q would make tokens malleable.
            assertThat(Base64.getUrlDecoder().decode(q)).isEqualTo(Base64.getUrlDecoder().decode(p));
            assertThat(v.verify(ES256.signEncoded(h, p), WalletProof.none()).subject()).isEqualTo("user-1");
            rejects(v, ES256.signEncoded(h, q), ErrorCode.TOKEN_MALFORMED, "payload is not base64url");
        }
        String token = ES256.sign(claims());
        String sig = token.substring(token.lastIndexOf('.') + 1);
        assertThat(sig.length() % 4).isEqualTo(2); // 64 bytes: 86 characters, 4 unused bits
        rejects(v, withSignatureText(token, withTrailingBit(sig)), ErrorCode.TOKEN_MALFORMED,
                "signature is not base64url");
        String header = h.length() % 4 == 0 ? null : h;
        if (header != null) {
            rejects(v, ES256.signEncoded(withTrailingBit(header), b64(json(claims()))), ErrorCode.TOKEN_MALFORMED,
                    "header is not base64url");
        }
    }

    // ---------------------------------------------------------------- JWKS transport

    @Test
    void refuses_plain_http_jwks_on_a_non_loopback_host_at_configuration_naming_the_url() {
        for (String url : List.of("http://keys.example.com/jwks", "http://127.0.0.1.nip.io/jwks",
                "http://localhost.example.com/jwks", "http://10.0.0.1/jwks", "http://127.0.0.1@evil.example/jwks")) {
            assertThatThrownBy(() -> oidc("ES256").withJwksUri(URI.create(url)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("jwksUri must use https (plain http only on a loopback host)")
                    .hasMessageContaining(url);
            assertThatThrownBy(() -> KeySources.jwksUri(URI.create(url)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(url);
        }
        assertThatThrownBy(() -> IssuerProfiles.sequenceOms("http://oms.example.com", "project"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://oms.example.com");
        assertThatThrownBy(() -> oidc("ES256").withJwksUri(URI.create("ftp://keys.example.com/jwks")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://keys.example.com/jwks");
        assertThat(oidc("ES256").withJwksUri(URI.create("https://keys.example.com/jwks")).jwksUri())
                .hasToString("https://keys.example.com/jwks");
        assertThat(oidc("ES256").withJwksUri(URI.create("http://127.0.0.1:8080/jwks")).jwksUri())
                .hasToString("http://127.0.0.1:8080/jwks");
    }

    // ---------------------------------------------------------------- clock skew

    @Test
    void clock_skew_defaults_to_60_seconds() {
        WalletVerifier v = verifier(oidc("ES256").withJwks(ES256.jwks()));
        assertThat(v.verify(ES256.sign(claimsExpiringAt(NOW.minusSeconds(59))), WalletProof.none())).isNotNull();
        rejects(v, ES256.sign(claimsExpiringAt(NOW.minusSeconds(60))), ErrorCode.TOKEN_EXPIRED,
                "(clock skew 60s)");
    }

    @Test
    void clock_skew_is_configurable() {
        WalletVerifier strict = WalletVerifier.builder().issuer(oidc("ES256").withJwks(ES256.jwks()))
                .clock(CLOCK).clockSkew(Duration.ZERO).build();
        assertThat(strict.verify(ES256.sign(claimsExpiringAt(NOW.plusSeconds(1))), WalletProof.none())).isNotNull();
        rejects(strict, ES256.sign(claimsExpiringAt(NOW)), ErrorCode.TOKEN_EXPIRED, "(clock skew 0s)");
        WalletVerifier lenient = WalletVerifier.builder().issuer(oidc("ES256").withJwks(ES256.jwks()))
                .clock(CLOCK).clockSkew(Duration.ofMinutes(5)).build();
        assertThat(lenient.verify(ES256.sign(claimsExpiringAt(NOW.minusSeconds(299))), WalletProof.none()))
                .isNotNull();
        rejects(lenient, ES256.sign(claimsExpiringAt(NOW.minusSeconds(300))), ErrorCode.TOKEN_EXPIRED,
                "(clock skew 300s)");
    }

    // ================================================================ helpers

    /** A key source that counts how often the verifier asks it for keys. */
    static final class CountingKeySource implements KeySource {
        private final KeySource delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingKeySource(KeySource delegate) {
            this.delegate = delegate;
        }

        int calls() {
            return calls.get();
        }

        @Override
        public CompletableFuture<JwkSet> keys() {
            calls.incrementAndGet();
            return delegate.keys();
        }

        @Override
        public CompletableFuture<JwkSet> keysForUnknownKid(String kid) {
            calls.incrementAndGet();
            return delegate.keysForUnknownKid(kid);
        }

        @Override
        public String description() {
            return delegate.description();
        }
    }

    static IssuerProfile oidc(String... algs) {
        return IssuerProfiles.oidc(ISS).withAudience(AUD).withAlgorithms(algs);
    }

    static WalletVerifier verifier(IssuerProfile profile) {
        return started(WalletVerifier.builder().issuer(profile).clock(CLOCK).build());
    }

    /** Remembers a verifier so that its key sources' background refresh is stopped after the test. */
    private static WalletVerifier started(WalletVerifier v) {
        synchronized (STARTED) {
            STARTED.add(v);
        }
        return v;
    }

    @AfterEach
    void stop_started_verifiers() {
        synchronized (STARTED) {
            STARTED.forEach(WalletVerifier::close);
            STARTED.clear();
        }
    }

    static Map<String, Object> claims() {
        return TestIssuer.claims(ISS, AUD, NOW);
    }

    static Map<String, Object> claimsExpiringAt(Instant exp) {
        Map<String, Object> c = claims();
        c.put("iat", exp.getEpochSecond() - 600);
        c.put("exp", exp.getEpochSecond());
        return c;
    }

    static Map<String, Object> header(TestIssuer issuer) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", issuer.alg());
        h.put("typ", "JWT");
        h.put("kid", issuer.kid());
        return h;
    }

    /**
     * Asserts that verifying {@code token} fails with {@code code} and a message containing {@code fragment}, and
     * that the message holds neither the token, any of its parts, nor key material of the test keys.
     */
    static WalletVerificationException rejects(WalletVerifier v, String token, ErrorCode code, String fragment) {
        Throwable t = catchThrowable(() -> v.verify(token, WalletProof.none()));
        assertThat(t).as("verify must reject with %s", code).isInstanceOf(WalletVerificationException.class);
        WalletVerificationException e = (WalletVerificationException) t;
        assertThat(e.code()).as("code for: %s", e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(fragment);
        assertMessageIsSafe(e.getMessage(), token);
        return e;
    }

    static void assertMessageIsSafe(String message, String token) {
        List<String> secrets = new ArrayList<>();
        if (token != null && token.length() >= 12) {
            secrets.add(token);
            for (String part : token.split("\\.")) {
                if (part.length() >= 12) {
                    secrets.add(part.length() > 40 ? part.substring(0, 40) : part);
                }
            }
        }
        for (TestIssuer i : List.of(ES256, ES384, RS256, ATTACKER)) {
            Map<String, Object> jwk = i.privateJwk().toJSONObject();
            for (String member : List.of("x", "y", "n", "d", "p", "q")) {
                if (jwk.get(member) instanceof String) {
                    secrets.add(((String) jwk.get(member)).substring(0, 20));
                }
            }
        }
        for (String secret : secrets) {
            assertThat(message).as("error message must not carry token or key material").doesNotContain(secret);
        }
    }

    static String hmacToken(String alg, byte[] secret) throws Exception {
        String input = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"es-1\"}") + "." + b64(json(claims()));
        Mac mac = Mac.getInstance("Hmac" + "SHA" + alg.substring(2));
        mac.init(new SecretKeySpec(secret, mac.getAlgorithm()));
        return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Object keySourceValue(String member, JwksServer attacker) {
        switch (member) {
            case "jwk":
                return ATTACKER.publicJwk().toJSONObject();
            case "x5c":
                return List.of(Base64.getEncoder().encodeToString("not really a certificate".getBytes(
                        StandardCharsets.US_ASCII)));
            default:
                return attacker.uri().toString();
        }
    }

    /** A token of exactly {@code length} characters, found by growing a padding claim and a header member. */
    private static String tokenOfLength(int length) {
        for (int extra = 0; extra < 4; extra++) {
            String x = "x".repeat(extra);
            for (int pad = 11_900; pad < 12_400; pad++) {
                Map<String, Object> c = claims();
                c.put("pad", "p".repeat(pad));
                String token = ES256.sign(c, h -> h.customParam("x", x));
                if (token.length() == length) {
                    return token;
                }
                if (token.length() > length) {
                    break;
                }
            }
        }
        throw new AssertionError("no token of length " + length);
    }

    private static Map<String, Object> withNested(Map<String, Object> claims, int levels) {
        Map<String, Object> inner = new LinkedHashMap<>();
        for (int i = 1; i < levels; i++) {
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("n", inner);
            inner = outer;
        }
        claims.put("nested", inner);
        return claims;
    }

    private static String jwksOfSize(String jwks, int size) {
        String head = jwks.substring(0, jwks.length() - 1) + ",\"pad\":\"";
        String tail = "\"}";
        return head + "p".repeat(size - head.length() - tail.length()) + tail;
    }

    private static String jwksWithKeys(int count) {
        // The real key first, then copies of the attacker's public key under other kids.
        StringBuilder sb = new StringBuilder("{\"keys\":[").append(ES256.publicJwk().toJSONString());
        Map<String, Object> other = new LinkedHashMap<>(ATTACKER.publicJwk().toJSONObject());
        for (int i = 1; i < count; i++) {
            other.put("kid", "other-" + i);
            sb.append(',').append(json(other));
        }
        return sb.append("]}").toString();
    }

    private static String payloadB64WithLengthMod4(int rem) {
        for (int pad = 0; pad < 8; pad++) {
            Map<String, Object> c = claims();
            c.put("pad", "p".repeat(pad));
            String p = b64(json(c));
            if (p.length() % 4 == rem) {
                return p;
            }
        }
        throw new AssertionError();
    }

    private static String payloadB64Containing(char a, char b) {
        for (int pad = 0; pad < 8; pad++) {
            Map<String, Object> c = claims();
            c.put("pad", "p".repeat(pad) + "~~~?>?~~~?>?");
            String p = b64(json(c));
            if (p.indexOf(a) >= 0 && p.indexOf(b) >= 0) {
                return p;
            }
        }
        throw new AssertionError();
    }

    /** The same string with one unused trailing bit set in its last character. */
    private static String withTrailingBit(String b64) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int rem = b64.length() % 4;
        assertThat(rem).isIn(2, 3);
        int v = alphabet.indexOf(b64.charAt(b64.length() - 1));
        return b64.substring(0, b64.length() - 1) + alphabet.charAt(v | 1);
    }

    /** Standard base64 padding for a part ("==" or "="; a single "=" where none would be due). */
    private static String padding(String b64) {
        return b64.length() % 4 == 2 ? "==" : "=";
    }

    static byte[] signatureOf(String token) {
        return Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    }

    static String withSignature(String token, byte[] signature) {
        return withSignatureText(token, b64(signature));
    }

    static String withSignatureText(String token, String signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + signature;
    }

    static byte[] fixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String pem(byte[] spki) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(spki) + "\n-----END PUBLIC KEY-----\n";
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
