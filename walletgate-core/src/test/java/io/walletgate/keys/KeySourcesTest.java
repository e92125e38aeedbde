package io.walletgate.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.MutableClock;
import io.walletgate.TestIssuer;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.internal.keys.JwksFetcher;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where keys come from: a remote JWKS on a real loopback server (fetch, rotation, cooldown, every way a fetch fails),
 * the HTTPS-only rule, SPKI PEM keys, JWKS files, keys a JWKS holds that must not be used, key selection by kid and
 * alg, and RFC 7638 thumbprints. Time is a {@link MutableClock}; fetch counts are read on the server side.
 */
class KeySourcesTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ISS = "https://login.example.com";
    private static final String AUD = "api";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SHORT = Duration.ofMillis(300);

    private final MutableClock clock = new MutableClock(START);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop_everything_started() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    // ---------------------------------------------------------------- remote JWKS

    @Test
    void fetches_a_remote_jwks_over_loopback_http_once_and_serves_from_memory() {
        TestIssuer issuer = TestIssuer.create("ES256", "k1");
        JwksServer server = server(issuer.jwks());
        WalletVerifier v = closing(WalletVerifier.builder().issuer(oidc("ES256").withJwksUri(server.uri()))
                .clock(clock).build());
        for (int i = 0; i < 20; i++) {
            assertThat(v.verify(issuer.sign(claims()), WalletProof.none()).keyId()).isEqualTo("k1");
        }
        assertThat(server.hits()).isEqualTo(1);
        assertThat(v.keySources().get("oidc").description()).isEqualTo(server.uri().toString());
    }

    @Test
    void a_new_kid_after_rotation_causes_exactly_one_refetch() {
        TestIssuer old = TestIssuer.create("ES256", "old");
        TestIssuer rotated = TestIssuer.create("ES256", "new");
        JwksServer server = server(old.jwks());
        WalletVerifier v = verifier(remote(server));
        v.verify(old.sign(claims()), WalletProof.none());
        assertThat(server.hits()).isEqualTo(1);

        server.body(TestIssuer.jwks(old, rotated));
        assertThat(v.verify(rotated.sign(claims()), WalletProof.none()).keyId()).isEqualTo("new");
        assertThat(server.hits()).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            v.verify(rotated.sign(claims()), WalletProof.none());
            v.verify(old.sign(claims()), WalletProof.none());
        }
        assertThat(server.hits()).isEqualTo(2);
    }

    @Test
    void a_second_unknown_kid_within_the_cooldown_causes_no_fetch() {
        TestIssuer key = TestIssuer.create("ES256", "k1");
        JwksServer server = server(key.jwks());
        WalletVerifier v = verifier(remote(server));
        v.verify(key.sign(claims()), WalletProof.none());
        rejects(v, key.sign(claims(), h -> h.keyID("unknown-1")), ErrorCode.KEY_NOT_FOUND,
                "no key with id 'unknown-1' at " + server.uri() + " (it holds k1)");
        assertThat(server.hits()).isEqualTo(2); // the one refetch

        clock.advance(Duration.ofSeconds(29));
        rejects(v, key.sign(claims(), h -> h.keyID("unknown-2")), ErrorCode.KEY_NOT_FOUND,
                "no key with id 'unknown-2'");
        assertThat(server.hits()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1)); // the cooldown (30 s) is over: one more refetch is allowed
        rejects(v, key.sign(claims(), h -> h.keyID("unknown-3")), ErrorCode.KEY_NOT_FOUND,
                "no key with id 'unknown-3'");
        assertThat(server.hits()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- fetch failures

    @Test
    void non_200_status_is_jwks_unavailable_naming_the_url() {
        JwksServer server = server("{\"keys\":[]}");
        for (int status : new int[] {404, 500, 503, 204}) {
            server.status(status);
            fetchFails(fetcher(server), "key set " + server.uri() + " answered HTTP " + status);
        }
    }

    @Test
    void redirects_are_not_followed() {
        JwksServer target = server(TestIssuer.create("ES256", "k1").jwks());
        JwksServer server = server("").status(302).header("Location", target.uri().toString());
        fetchFails(fetcher(server), "key set " + server.uri() + " answered HTTP 302");
        assertThat(target.allHits()).isZero();
    }

    @Test
    void non_json_content_type_is_jwks_unavailable() {
        JwksServer server = server(TestIssuer.create("ES256", "k1").jwks());
        for (String type : List.of("text/html", "text/plain; charset=utf-8", "application/octet-stream")) {
            server.contentType(type);
            fetchFails(fetcher(server), "key set " + server.uri() + " answered with content type '" + type
                    + "', not JSON");
        }
    }

    @Test
    void json_content_types_and_a_missing_content_type_are_accepted() {
        JwksServer server = server(TestIssuer.create("ES256", "k1").jwks());
        for (String type : new String[] {"application/json", "application/jwk-set+json; charset=utf-8", null}) {
            server.contentType(type);
            assertThat(fetcher(server).fetch().join().set().kids()).as(String.valueOf(type)).containsExactly("k1");
        }
    }

    @Test
    void body_that_is_not_a_jwks_is_jwks_unavailable() {
        JwksServer server = server("<html>not json</html>");
        fetchFails(fetcher(server), "key set " + server.uri()
                + " answered something that is not a usable key set: key set from " + server.uri()
                + " is not valid JSON");
        server.body("{\"kys\":[]}");
        fetchFails(fetcher(server), "has no \"keys\" array");
        server.body("{\"keys\":[],\"keys\":[]}");
        fetchFails(fetcher(server), "is not valid JSON: duplicate member name");
        server.body("[]");
        fetchFails(fetcher(server), "is not valid JSON");
    }

    @Test
    void body_over_512_kib_is_jwks_unavailable() {
        JwksServer server = server(new byte[JwkSet.MAX_BYTES + 1]);
        fetchFails(fetcher(server), "key set " + server.uri() + " answered more than 524288 bytes");
        server.body(("{\"keys\":[]," + "\"p\":\"" + "x".repeat(4 << 20) + "\"}").getBytes(StandardCharsets.US_ASCII));
        fetchFails(fetcher(server), "answered more than 524288 bytes");
    }

    @Test
    void server_slower_than_the_read_timeout_is_jwks_unavailable_timed_out() {
        JwksServer server = server(TestIssuer.create("ES256", "k1").jwks()).hold(JwksServer.Hold.BEFORE_HEADERS);
        fetchFails(fetcher(server.uri(), SHORT), "key set " + server.uri() + " timed out");
    }

    @Test
    void server_that_stalls_in_the_middle_of_the_body_is_jwks_unavailable_timed_out() {
        // The JDK client's request timeout ends at the response headers: the body needs its own bound.
        JwksServer server = server(TestIssuer.create("ES256", "k1").jwks()).hold(JwksServer.Hold.MID_BODY);
        fetchFails(fetcher(server.uri(), SHORT), "key set " + server.uri() + " timed out");
    }

    @Test
    void server_that_is_not_listening_is_jwks_unavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/jwks");
        fetchFails(new JwksFetcher(uri, RemoteKeyOptions.builder().connectTimeout(SHORT)
                .readTimeout(Duration.ofSeconds(5)).build(), Clock.systemUTC()), "key set " + uri + " could not be reached");
    }

    @Test
    void a_failed_fetch_surfaces_through_verify_as_jwks_unavailable() {
        TestIssuer key = TestIssuer.create("ES256", "k1");
        JwksServer server = server(key.jwks()).status(500);
        rejects(verifier(remote(server)), key.sign(claims()), ErrorCode.JWKS_UNAVAILABLE,
                "key set " + server.uri() + " answered HTTP 500");
    }

    // ---------------------------------------------------------------- https only

    @Test
    void jwks_urls_must_be_https_except_on_loopback() {
        for (String ok : List.of("https://keys.example.com/jwks", "http://127.0.0.1/jwks", "http://127.0.0.1:8080/j",
                "http://127.1.2.3/jwks", "http://[::1]/jwks", "http://[::1]:9000/jwks", "http://[0:0:0:0:0:0:0:1]/j",
                "http://localhost/jwks", "http://LOCALHOST:8080/jwks")) {
            URI uri = URI.create(ok);
            assertThat(JwksFetcher.checkUri(uri)).isEqualTo(uri);
            assertThat(fetcher(uri, SHORT).uri()).isEqualTo(uri);
            assertThat(oidc("ES256").withJwksUri(uri).jwksUri()).isEqualTo(uri);
        }
        for (String bad : List.of("http://example.com/jwks", "http://localhost.example.com/jwks",
                "http://127.0.0.1.nip.io/jwks", "http://0.0.0.0/jwks", "http://[::2]/jwks", "http://192.168.1.1/jwks",
                "ftp://127.0.0.1/jwks", "file:///etc/jwks.json", "//example.com/jwks", "/jwks")) {
            URI uri = URI.create(bad);
            assertThatThrownBy(() -> KeySources.jwksUri(uri))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
            assertThatThrownBy(() -> oidc("ES256").withJwksUri(uri))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

    // ---------------------------------------------------------------- PEM

    @Test
    void public_key_pem_verifies_ec_p256_p384_rsa_and_ed25519_tokens() throws Exception {
        TestIssuer p256 = TestIssuer.create("ES256", "k");
        TestIssuer p384 = TestIssuer.create("ES384", "k");
        TestIssuer rsa = TestIssuer.create("RS256", "k");
        TestIssuer ed = TestIssuer.create("EdDSA", "k");
        Map<TestIssuer, byte[]> spki = new LinkedHashMap<>();
        spki.put(p256, p256.publicJwk().toECKey().toECPublicKey().getEncoded());
        spki.put(p384, p384.publicJwk().toECKey().toECPublicKey().getEncoded());
        spki.put(rsa, rsa.publicJwk().toRSAKey().toRSAPublicKey().getEncoded());
        spki.put(ed, ed25519Spki(ed.publicJwk().toOctetKeyPair().getDecodedX()));
        for (Map.Entry<TestIssuer, byte[]> e : spki.entrySet()) {
            TestIssuer issuer = e.getKey();
            String pem = pem(e.getValue());
            WalletVerifier v = WalletVerifier.builder().issuer(oidc(issuer.alg()).withPublicKeyPem(pem))
                    .clock(clock).build();
            // A PEM key has no kid: it verifies whatever kid the token names, and reports none.
            assertThat(v.verify(issuer.sign(claims()), WalletProof.none()).keyId()).isNull();
            assertThat(v.verify(issuer.sign(claims(), h -> h.keyID(null)), WalletProof.none()).subject())
                    .isEqualTo("user-1");
            JwkSet set = KeySources.publicKeyPem(pem).keys().join();
            assertThat(set.keys()).hasSize(1);
            assertThat(set.keys().get(0).thumbprint())
                    .isEqualTo(issuer.publicJwk().computeThumbprint().toString());
            // Another key of the same type does not verify.
            TestIssuer other = TestIssuer.create(issuer.alg(), "k");
            rejects(v, other.sign(claims()), ErrorCode.SIGNATURE_INVALID, "signature does not verify");
        }
    }

    @Test
    void unusable_pem_is_refused_at_configuration() throws Exception {
        assertPemRefused("hello", "publicKey must be a PEM block '-----BEGIN PUBLIC KEY-----'");
        assertPemRefused("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----", "publicKey must be a PEM block");
        assertPemRefused("-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----",
                "publicKey must be a PEM block");
        assertPemRefused("-----BEGIN PUBLIC KEY-----\n!!!not*base64!!!\n-----END PUBLIC KEY-----",
                "publicKey PEM body is not base64");
        assertPemRefused(pem("definitely not a SubjectPublicKeyInfo structure".getBytes(StandardCharsets.US_ASCII)),
                "publicKey is not an EC, RSA or Ed25519 public key");
        KeyPairGenerator weak = KeyPairGenerator.getInstance("RSA");
        weak.initialize(1024);
        assertPemRefused(pem(weak.generateKeyPair().getPublic().getEncoded()),
                "RSA modulus has 1024 bits, fewer than 2048");
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        k1.initialize(new ECGenParameterSpec("secp256k1"));
        Throwable t = catchThrowable(() -> KeySources.publicKeyPem(pem(k1.generateKeyPair().getPublic().getEncoded())));
        assertThat(t).as("a secp256k1 key is no JOSE signing key").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySources.publicKeyPem(null)).isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- files

    @Test
    void jwks_file_is_read_once_and_a_missing_one_is_refused_naming_the_path(@TempDir Path dir) throws Exception {
        TestIssuer key = TestIssuer.create("ES256", "k1");
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, key.jwks());
        WalletVerifier v = WalletVerifier.builder().issuer(oidc("ES256").withJwksFile(file)).clock(clock).build();
        Files.delete(file); // read at configuration, not per request
        assertThat(v.verify(key.sign(claims()), WalletProof.none()).keyId()).isEqualTo("k1");
        assertThat(v.keySources().get("oidc").description()).isEqualTo("file " + file);

        Path missing = dir.resolve("nope/jwks.json");
        assertThatThrownBy(() -> KeySources.jwksFile(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jwksFile " + missing + " cannot be read");
        assertThatThrownBy(() -> oidc("ES256").withJwksFile(missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[JwkSet.MAX_BYTES + 1]);
        assertThatThrownBy(() -> KeySources.jwksFile(big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jwksFile " + big + " is larger than 524288 bytes");
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"keys\":");
        assertThatThrownBy(() -> KeySources.jwksFile(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key set from file " + garbage + " is not valid JSON");
    }

    // ---------------------------------------------------------------- keys that must not be used

    @Test
    void keys_that_cannot_safely_verify_are_skipped_with_a_reason_and_never_used() throws Exception {
        TestIssuer good = TestIssuer.create("ES256", "good");
        TestIssuer privateEc = TestIssuer.create("ES256", "private");
        TestIssuer enc = TestIssuer.create("ES256", "enc");
        TestIssuer ops = TestIssuer.create("ES256", "ops");
        TestIssuer offCurve = TestIssuer.create("ES256", "off-curve");
        TestIssuer eOne = TestIssuer.create("RS256", "e-1");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair weak = g.generateKeyPair();

        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(jwk(good));
        keys.add(new LinkedHashMap<>(privateEc.privateJwk().toJSONObject()));
        Map<String, Object> oct = new LinkedHashMap<>();
        oct.put("kty", "oct");
        oct.put("kid", "oct");
        oct.put("k", b64("a shared secret of thirty-two by".getBytes(StandardCharsets.US_ASCII)));
        keys.add(oct);
        Map<String, Object> octNoK = new LinkedHashMap<>(Map.of("kty", "oct", "kid", "oct-2"));
        keys.add(octNoK);
        keys.add(with(jwk(enc), "use", "enc"));
        keys.add(with(jwk(ops), "key_ops", List.of("encrypt", "wrapKey")));
        Map<String, Object> bent = jwk(offCurve);
        byte[] y = Base64.getUrlDecoder().decode((String) bent.get("y"));
        y[31] ^= 1;
        bent.put("y", b64(y));
        keys.add(bent);
        Map<String, Object> rsa1024 = new LinkedHashMap<>();
        rsa1024.put("kty", "RSA");
        rsa1024.put("kid", "rsa-1024");
        rsa1024.put("n", b64(unsigned(((RSAPublicKey) weak.getPublic()).getModulus())));
        rsa1024.put("e", "AQAB");
        keys.add(rsa1024);
        keys.add(with(jwk(eOne), "e", "AQ"));
        String jwks = JSON.writeValueAsString(Map.of("keys", keys));

        JwkSet set = JwkSet.parse(jwks, "test JWKS");
        assertThat(set.kids()).containsExactly("good");
        assertThat(set.skipped()).containsExactly(
                "keys[1] (kid private): holds private or symmetric key material ('d')",
                "keys[2] (kid oct): holds private or symmetric key material ('k')",
                "keys[3] (kid oct-2): key type 'oct' cannot verify a signature here",
                "keys[4] (kid enc): use is 'enc', not 'sig'",
                "keys[5] (kid ops): key_ops does not include 'verify'",
                "keys[6] (kid off-curve): point is not on curve P-256",
                "keys[7] (kid rsa-1024): RSA modulus has 1024 bits, fewer than 2048",
                "keys[8] (kid e-1): RSA public exponent must be odd, at least 3 and below the modulus");
        for (String line : set.skipped()) {
            assertThat(line).doesNotContain((String) privateEc.privateJwk().toJSONObject().get("d"));
        }

        WalletVerifier v = WalletVerifier.builder()
                .issuer(oidc("ES256", "RS256").withJwks(jwks)).clock(clock).build();
        assertThat(v.verify(good.sign(claims()), WalletProof.none()).keyId()).isEqualTo("good");
        for (TestIssuer unusable : List.of(privateEc, enc, ops, offCurve, eOne)) {
            rejects(v, unusable.sign(claims()), ErrorCode.KEY_NOT_FOUND,
                    "no key with id '" + unusable.kid() + "' at static JWKS (it holds good)");
        }
        String weakToken = signRs256(weak, "rsa-1024");
        rejects(v, weakToken, ErrorCode.KEY_NOT_FOUND, "no key with id 'rsa-1024' at static JWKS (it holds good)");
    }

    @Test
    void duplicate_kid_of_the_same_type_is_key_not_found_ambiguous() throws Exception {
        TestIssuer a = TestIssuer.create("ES256", "dup");
        TestIssuer b = TestIssuer.create("ES256", "dup");
        WalletVerifier v = WalletVerifier.builder().issuer(oidc("ES256").withJwks(TestIssuer.jwks(a, b)))
                .clock(clock).build();
        for (TestIssuer signer : List.of(a, b)) {
            rejects(v, signer.sign(claims()), ErrorCode.KEY_NOT_FOUND,
                    "key id 'dup' is ambiguous at static JWKS (2 keys share it)");
        }
        // The same kid on keys of different types is not ambiguous: kty/crv tell them apart.
        TestIssuer rsa = TestIssuer.create("RS256", "dup");
        WalletVerifier mixed = WalletVerifier.builder()
                .issuer(oidc("ES256", "RS256").withJwks(TestIssuer.jwks(a, rsa))).clock(clock).build();
        assertThat(mixed.verify(a.sign(claims()), WalletProof.none()).keyId()).isEqualTo("dup");
        assertThat(mixed.verify(rsa.sign(claims()), WalletProof.none()).keyId()).isEqualTo("dup");
    }

    @Test
    void jwk_alg_that_contradicts_the_tokens_alg_is_key_not_found() throws Exception {
        TestIssuer ps = TestIssuer.create("PS256", "k1");
        String declaredRs256 = JSON.writeValueAsString(Map.of("keys", List.of(with(jwk(ps), "alg", "RS256"))));
        WalletVerifier v = WalletVerifier.builder().issuer(oidc("RS256", "PS256").withJwks(declaredRs256))
                .clock(clock).build();
        rejects(v, ps.sign(claims()), ErrorCode.KEY_NOT_FOUND,
                "key 'k1' at static JWKS cannot verify PS256 (it is RSA for RS256)");
        // The same key declared PS256, or with no alg at all (NoPwd's JWKs), verifies.
        for (Map<String, Object> key : List.of(with(jwk(ps), "alg", "PS256"), jwk(ps))) {
            WalletVerifier ok = WalletVerifier.builder()
                    .issuer(oidc("RS256", "PS256").withJwks(JSON.writeValueAsString(Map.of("keys", List.of(key)))))
                    .clock(clock).build();
            assertThat(ok.verify(ps.sign(claims()), WalletProof.none()).keyId()).isEqualTo("k1");
        }
    }

    // ---------------------------------------------------------------- thumbprints

    @Test
    void rfc7638_thumbprint_of_the_rfcs_example_key() {
        // RFC 7638 §3.1 (the key of RFC 7517 Appendix A.1)
        String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc"
                + "_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQ"
                + "R0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bF"
                + "TWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        String rfcKey = "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"" + n + "\",\"e\":\"AQAB\",\"alg\":\"RS256\","
                + "\"kid\":\"2011-04-29\"}]}";
        Jwk key = JwkSet.parse(rfcKey, "RFC 7638 §3.1").keys().get(0);
        assertThat(key.thumbprint()).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        assertThat(key.kid()).isEqualTo("2011-04-29");
        assertThat(key.alg()).isEqualTo("RS256");
    }

    @Test
    void thumbprints_match_nimbus_for_every_key_type() throws Exception {
        for (String alg : List.of("ES256", "ES384", "RS256", "EdDSA")) {
            TestIssuer issuer = TestIssuer.create(alg, "k");
            Jwk key = JwkSet.parse(issuer.jwks(), "test").keys().get(0);
            assertThat(key.thumbprint()).as(alg).isEqualTo(issuer.publicJwk().computeThumbprint().toString());
        }
    }

    // ---------------------------------------------------------------- helpers

    private JwksServer server(String body) {
        return server(body.getBytes(StandardCharsets.UTF_8));
    }

    private JwksServer server(byte[] body) {
        JwksServer s = JwksServer.start(body);
        closeables.add(s);
        return s;
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    /** The production remote source on the test's clock, background refresh off (the test drives time). */
    private KeySource remote(JwksServer server) {
        return closing(KeySources.remote(server.uri(), RemoteKeyOptions.builder().autoRefresh(false)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build(), clock));
    }

    private static JwksFetcher fetcher(JwksServer server) {
        return new JwksFetcher(server.uri(), RemoteKeyOptions.builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5)).build(), Clock.systemUTC());
    }

    private static JwksFetcher fetcher(URI uri, Duration timeout) {
        return new JwksFetcher(uri, RemoteKeyOptions.builder().connectTimeout(timeout).readTimeout(timeout).build(),
                Clock.systemUTC());
    }

    private WalletVerifier verifier(KeySource source) {
        return WalletVerifier.builder().issuer(oidc("ES256").withKeySource(source)).clock(clock).build();
    }

    private static IssuerProfile oidc(String... algs) {
        return IssuerProfiles.oidc(ISS).withAudience(AUD).withAlgorithms(algs);
    }

    private Map<String, Object> claims() {
        return TestIssuer.claims(ISS, AUD, clock.instant());
    }

    private static void fetchFails(JwksFetcher fetcher, String fragment) {
        CompletableFuture<?> f = fetcher.fetch();
        Throwable t = catchThrowable(f::join);
        assertThat(t).as("fetch must fail").isInstanceOf(CompletionException.class);
        assertThat(t.getCause()).isInstanceOf(WalletVerificationException.class);
        WalletVerificationException e = (WalletVerificationException) t.getCause();
        assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE);
        assertThat(e.getMessage()).contains(fragment);
    }

    private static void rejects(WalletVerifier v, String token, ErrorCode code, String fragment) {
        Throwable t = catchThrowable(() -> v.verify(token, WalletProof.none()));
        assertThat(t).isInstanceOf(WalletVerificationException.class);
        WalletVerificationException e = (WalletVerificationException) t;
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(fragment).doesNotContain(token);
        for (String part : token.split("\\.")) {
            assertThat(e.getMessage()).doesNotContain(part);
        }
    }

    private static void assertPemRefused(String pem, String fragment) {
        assertThatThrownBy(() -> KeySources.publicKeyPem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(fragment);
        assertThatThrownBy(() -> oidc("ES256").withPublicKeyPem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(fragment);
    }

    private String signRs256(KeyPair pair, String kid) throws Exception {
        String input = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "kid", kid))) + "."
                + b64(JSON.writeValueAsBytes(claims()));
        String sig = new RSASSASigner(pair.getPrivate(), true)
                .sign(new JWSHeader(JWSAlgorithm.RS256), input.getBytes(StandardCharsets.US_ASCII)).toString();
        return input + "." + sig;
    }

    private static Map<String, Object> jwk(TestIssuer issuer) {
        return new LinkedHashMap<>(issuer.publicJwk().toJSONObject());
    }

    private static Map<String, Object> with(Map<String, Object> jwk, String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(jwk);
        m.put(name, value);
        return m;
    }

    private static byte[] ed25519Spki(byte[] x) {
        // RFC 8410 §4: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (32 bytes) }
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] out = new byte[prefix.length + x.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(x, 0, out, prefix.length, x.length);
        return out;
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
