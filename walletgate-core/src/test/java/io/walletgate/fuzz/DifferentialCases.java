package io.walletgate.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import io.walletgate.Fixtures;
import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.TestIssuer;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The corpus of the differential test: the Node jose fixtures, the real Web3Auth token, Nimbus-minted tokens aimed at
 * each rule of docs/architecture.md §4 and at the edges of the time checks, and seeded mutations (character-level, and
 * JSON-level signed again so they reach the claim checks). Deterministic apart from the keys.
 */
final class DifferentialCases {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20_261_125L;
    private static final String AUD = "api";

    /** One configured issuer, as all three verifiers are told about it. */
    record Issuer(String key, List<String> issuers, String audience, List<String> algorithms, String jwks) {
    }

    /** Issuers verified at one instant by one WalletGate verifier. */
    record Group(String name, Instant now, WalletVerifier verifier) {
    }

    /** One token to verify, against {@code issuer}'s configuration, with the proof WalletGate gets. */
    record Case(String id, Group group, Issuer issuer, String token, WalletProof proof, String note) {
    }

    private final List<Case> all = new ArrayList<>();

    private DifferentialCases() {
    }

    List<Case> all() {
        return all;
    }

    static DifferentialCases build() {
        DifferentialCases d = new DifferentialCases();
        d.addJoseFixtures();
        d.addRealWeb3AuthToken();
        d.addNimbusVariants();
        return d;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- jose fixtures and the real token

    private void addJoseFixtures() {
        JsonNode root = resource("/jose/fixtures.json");
        FuzzIssuers fixtures = FuzzIssuers.of(root);
        WalletVerifier.Builder b = WalletVerifier.builder().clock(Clock.fixed(fixtures.now, ZoneOffset.UTC));
        Map<String, Issuer> issuers = new LinkedHashMap<>();
        for (FuzzIssuers.Issuer i : fixtures.issuers) {
            IssuerProfile p = FuzzIssuers.profile(i);
            b.issuer(p.withJwks(i.jwks().toString()));
            issuers.put(i.name(), new Issuer(i.name(), p.acceptedIssuers(), i.audience(),
                    List.of(FuzzIssuers.algorithm(i)), i.jwks().toString()));
        }
        Group group = new Group("jose", fixtures.now, b.build());
        for (JsonNode c : root.get("cases")) {
            String key = c.get("appPubKey").asText(null);
            String address = c.get("address").asText(null);
            WalletProof proof = key != null ? WalletProof.appPublicKey(key) : address != null
                    ? WalletProof.address(address) : WalletProof.none();
            all.add(new Case("jose/" + c.get("name").asText(), group, issuers.get(c.get("issuer").asText()),
                    c.get("token").asText(), proof, "jose fixture, expect " + c.get("expect").asText()));
        }
    }

    private void addRealWeb3AuthToken() {
        JsonNode sample = file(Fixtures.fixture("web3auth/social-2023.json"));
        String jwks = file(Fixtures.fixture("web3auth/jwks.json")).toString();
        String clientId = sample.get("clientId").asText();
        Instant during = Instant.ofEpochSecond(sample.get("iat").asLong() + 3600);
        IssuerProfile p = IssuerProfiles.web3auth(clientId).withJwks(jwks);
        Group group = new Group("web3auth-real", during, WalletVerifier.builder().issuer(p)
                .clock(Clock.fixed(during, ZoneOffset.UTC)).build());
        Issuer issuer = new Issuer("web3auth-real", p.acceptedIssuers(), clientId, List.of("ES256"), jwks);
        String token = sample.get("token").asText();
        WalletProof proof = WalletProof.appPublicKey(sample.get("appPubKey").asText());
        all.add(new Case("real/web3auth-2023", group, issuer, token, proof, "real Web3Auth token"));
        all.add(new Case("real/web3auth-2023-signature-flipped", group, issuer, flipLastSignatureChar(token), proof,
                "real token, signature changed"));
        Random r = new Random(SEED);
        for (int i = 0; i < 20; i++) {
            all.add(new Case("real/mutation-" + i, group, issuer, mutate(r, token), proof, "real token mutated"));
        }
    }

    // ---------------------------------------------------------------- Nimbus-minted variants

    private void addNimbusVariants() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        WalletVerifier.Builder b = WalletVerifier.builder().clock(Clock.fixed(now, ZoneOffset.UTC));
        Map<String, TestIssuer> signers = new LinkedHashMap<>();
        Map<String, Issuer> issuers = new LinkedHashMap<>();
        for (String alg : List.of("ES256", "ES384", "RS256", "PS256", "EdDSA")) {
            TestIssuer t = TestIssuer.create(alg, alg.toLowerCase(Locale.ROOT) + "-1");
            String iss = "https://" + alg.toLowerCase(Locale.ROOT) + ".nimbus.example";
            signers.put(alg, t);
            issuers.put(alg, oidc(b, alg, iss, alg, t.jwks()));
        }
        // A kid-less key set, and a key set whose only key is an RSA key too small to trust.
        TestIssuer kidless = TestIssuer.create("ES256", "unused");
        String kidlessJwks = "{\"keys\":[" + stripKid(kidless.publicJwk().toJSONString()) + "]}";
        Issuer kidlessIssuer = oidc(b, "kidless", "https://kidless.nimbus.example", "ES256", kidlessJwks);
        KeyPair weak = rsa(1024);
        Issuer weakIssuer = oidc(b, "weak-rsa", "https://weak.nimbus.example", "RS256", rsaJwks(weak, "weak-1"));
        Group group = new Group("nimbus", now, b.build());

        for (String alg : signers.keySet()) {
            TestIssuer t = signers.get(alg);
            Issuer issuer = issuers.get(alg);
            String iss = issuer.issuers().get(0);
            String p = alg.toLowerCase(Locale.ROOT) + "/";
            Map<String, Object> h = header(alg, t.kid());
            long s = now.getEpochSecond();
            add(group, issuer, p + "valid", raw(t, h, claims(iss, s)), "valid");
            add(group, issuer, p + "no-typ-no-kid", raw(t, Map.of("alg", alg), claims(iss, s)), "valid, bare header");
            add(group, issuer, p + "exp-within-skew", raw(t, h, with(claims(iss, s), "exp", s - 30)), "valid");
            add(group, issuer, p + "exp-at-skew-edge", raw(t, h, with(claims(iss, s), "exp", s - 60)), "edge");
            add(group, issuer, p + "expired", raw(t, h, with(claims(iss, s), "exp", s - 3600)), "expired");
            add(group, issuer, p + "exp-fraction", raw(t, h, with(claims(iss, s), "exp", s + 3600.5)), "valid");
            add(group, issuer, p + "exp-string", raw(t, h, with(claims(iss, s), "exp", "" + (s + 3600))), "bad");
            add(group, issuer, p + "exp-missing", raw(t, h, without(claims(iss, s), "exp")), "no exp");
            add(group, issuer, p + "exp-year-99999", raw(t, h, with(claims(iss, s), "exp", 3_093_527_980_800L)),
                    "far future");
            add(group, issuer, p + "nbf-future", raw(t, h, with(claims(iss, s), "nbf", s + 3600)), "not yet");
            add(group, issuer, p + "nbf-within-skew", raw(t, h, with(claims(iss, s), "nbf", s + 30)), "valid");
            add(group, issuer, p + "nbf-string", raw(t, h, with(claims(iss, s), "nbf", "soon")), "bad nbf");
            add(group, issuer, p + "iat-future", raw(t, h, with(claims(iss, s), "iat", s + 3600)), "iat future");
            add(group, issuer, p + "iat-within-skew", raw(t, h, with(claims(iss, s), "iat", s + 30)), "valid");
            add(group, issuer, p + "aud-other", raw(t, h, with(claims(iss, s), "aud", "other")), "wrong aud");
            add(group, issuer, p + "aud-array", raw(t, h, with(claims(iss, s), "aud", List.of("x", AUD))), "valid");
            add(group, issuer, p + "aud-array-with-number", raw(t, h, with(claims(iss, s), "aud", List.of(1, AUD))),
                    "aud with a number");
            add(group, issuer, p + "iss-other", raw(t, h, with(claims(iss, s), "iss", "https://evil.example")),
                    "unknown iss");
            add(group, issuer, p + "iss-number", raw(t, h, with(claims(iss, s), "iss", 42)), "iss number");
            add(group, issuer, p + "sub-missing", raw(t, h, without(claims(iss, s), "sub")), "no sub");
            add(group, issuer, p + "kid-unknown", raw(t, header(alg, "unknown-kid"), claims(iss, s)), "kid");
            add(group, issuer, p + "kid-number", raw(t, with(header(alg, null), "kid", 7), claims(iss, s)), "kid num");
            add(group, issuer, p + "typ-number", raw(t, with(h, "typ", 1), claims(iss, s)), "typ num");
            add(group, issuer, p + "kid-null", raw(t, with(header(alg, null), "kid", null), claims(iss, s)), "kid null");
            add(group, issuer, p + "typ-null", raw(t, with(h, "typ", null), claims(iss, s)), "typ null");
            add(group, issuer, p + "typ-at-jwt", raw(t, with(h, "typ", "at+jwt"), claims(iss, s)), "valid");
            add(group, issuer, p + "jku", raw(t, with(h, "jku", "https://evil.example/jwks"), claims(iss, s)), "jku");
            add(group, issuer, p + "x5u", raw(t, with(h, "x5u", "https://evil.example/cert"), claims(iss, s)), "x5u");
            add(group, issuer, p + "jwk-own-key", raw(t, with(h, "jwk", t.publicJwk().toJSONObject()),
                    claims(iss, s)), "jwk");
            add(group, issuer, p + "x5c", raw(t, with(h, "x5c", List.of("MIIBIjAN")), claims(iss, s)), "x5c");
            add(group, issuer, p + "crit-exp", raw(t, with(with(h, "crit", List.of("exp")), "exp", s + 10),
                    claims(iss, s)), "crit");
            add(group, issuer, p + "crit-b64", raw(t, with(with(h, "crit", List.of("b64")), "b64", false),
                    claims(iss, s)), "b64");
            add(group, issuer, p + "zip", raw(t, with(h, "zip", "DEF"), claims(iss, s)), "zip");
            add(group, issuer, p + "enc", raw(t, with(h, "enc", "A128GCM"), claims(iss, s)), "enc");
            add(group, issuer, p + "alg-none", unsigned(Map.of("alg", "none", "kid", t.kid()), claims(iss, s)),
                    "none");
            add(group, issuer, p + "alg-lowercase", raw(t, with(h, "alg", alg.toLowerCase(Locale.ROOT)),
                    claims(iss, s)), "alg case");
            add(group, issuer, p + "hs256-public-key", hs256(t, claims(iss, s)), "alg confusion");
            String json = claimsJson(iss, s);
            add(group, issuer, p + "duplicate-exp", t.signRaw(toJson(h), json.substring(0, json.length() - 1)
                    + ",\"exp\":" + (s - 3600) + "}"), "duplicate exp, last expired");
            add(group, issuer, p + "duplicate-exp-last-valid", t.signRaw(toJson(h), "{\"exp\":" + (s - 3600) + ","
                    + json.substring(1)), "duplicate exp, last valid");
            add(group, issuer, p + "duplicate-alg", t.signRaw("{\"alg\":\"none\"," + toJson(h).substring(1), json),
                    "duplicate alg");
            add(group, issuer, p + "deep-claim", raw(t, h, with(claims(iss, s), "deep", nest(20))), "deep");
            add(group, issuer, p + "many-claims", raw(t, h, many(claims(iss, s), 600)), "600 claims");
            add(group, issuer, p + "too-large", raw(t, h, with(claims(iss, s), "pad", "x".repeat(13_000))), "big");
            add(group, issuer, p + "invalid-utf8", t.signEncoded(b64(toJson(h).getBytes(StandardCharsets.UTF_8)),
                    b64(replace(json.getBytes(StandardCharsets.UTF_8), "user-1", new byte[] {'u', (byte) 0xff}))),
                    "invalid UTF-8 in sub");
            add(group, issuer, p + "bom", t.signEncoded(b64(("\ufeff" + toJson(h)).getBytes(StandardCharsets.UTF_8)),
                    b64(json.getBytes(StandardCharsets.UTF_8))), "BOM before the header");
            add(group, issuer, p + "utf16-header", t.signEncoded(b64(toJson(h).getBytes(StandardCharsets.UTF_16)),
                    b64(json.getBytes(StandardCharsets.UTF_8))), "header in UTF-16 with a BOM");
            add(group, issuer, p + "utf16le-payload", t.signEncoded(b64(toJson(h).getBytes(StandardCharsets.UTF_8)),
                    b64(json.getBytes(StandardCharsets.UTF_16LE))), "payload in UTF-16LE, no BOM");
            add(group, issuer, p + "utf32-payload", t.signEncoded(b64(toJson(h).getBytes(StandardCharsets.UTF_8)),
                    b64(json.getBytes(java.nio.charset.Charset.forName("UTF-32BE")))), "payload in UTF-32BE");
            add(group, issuer, p + "payload-array", t.signRaw(toJson(h), "[" + json + "]"), "array payload");
            add(group, issuer, p + "payload-trailing", t.signRaw(toJson(h), json + " {}"), "trailing data");
            String valid = raw(t, h, claims(iss, s));
            add(group, issuer, p + "signature-padded", valid + "=", "padding");
            add(group, issuer, p + "signature-stray-bits", strayBits(valid), "non-canonical signature tail");
            add(group, issuer, p + "signature-truncated", valid.substring(0, valid.length() - 4), "truncated");
            add(group, issuer, p + "signature-empty", valid.substring(0, valid.lastIndexOf('.') + 1), "empty sig");
            add(group, issuer, p + "whitespace", " " + valid + "\n", "white space");
            add(group, issuer, p + "four-parts", valid + ".AA", "four parts");
            if (alg.startsWith("ES")) {
                addEcdsaVariants(group, issuer, p, valid, alg);
            }
        }
        TestIssuer es = signers.get("ES256");
        long s = now.getEpochSecond();
        add(group, kidlessIssuer, "kidless/token-names-a-kid", raw(kidless, header("ES256", "rotated-1"),
                claims(kidlessIssuer.issuers().get(0), s)), "kid-less key set, token kid");
        add(group, kidlessIssuer, "kidless/token-without-kid", raw(kidless, Map.of("alg", "ES256"),
                claims(kidlessIssuer.issuers().get(0), s)), "kid-less key set and token");
        add(group, weakIssuer, "weak-rsa/rs256-1024", rs256(weak, "weak-1", claims(weakIssuer.issuers().get(0), s)),
                "RSA 1024-bit key");
        add(group, issuers.get("ES256"), "es256/signed-by-es384-key-as-es256", raw(signers.get("ES384"),
                header("ES256", es.kid()), claims(issuers.get("ES256").issuers().get(0), s)), "alg confusion");
        addMutations(group, signers, issuers, now);
    }

    private void addEcdsaVariants(Group group, Issuer issuer, String p, String valid, String alg) {
        int len = "ES256".equals(alg) ? 32 : 48;
        BigInteger n = "ES256".equals(alg)
                ? new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16)
                : new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", 16);
        String prefix = valid.substring(0, valid.lastIndexOf('.') + 1);
        byte[] sig = Base64.getUrlDecoder().decode(valid.substring(valid.lastIndexOf('.') + 1));
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, len));
        BigInteger sv = new BigInteger(1, Arrays.copyOfRange(sig, len, 2 * len));
        add(group, issuer, p + "high-s", prefix + b64(concat(fixed(r, len), fixed(n.subtract(sv), len))),
                "s replaced by n - s: still a valid ECDSA signature");
        add(group, issuer, p + "s-plus-n", prefix + b64(concat(fixed(r, len), fixed(sv.add(n), len + 1))),
                "s + n, one byte longer");
        add(group, issuer, p + "r-zero", prefix + b64(concat(new byte[len], fixed(sv, len))), "r = 0");
        add(group, issuer, p + "der", prefix + b64(der(r, sv)), "DER-encoded signature");
    }

    // Seeded mutations: characters of whole tokens, and bytes of the claims JSON signed again.
    private void addMutations(Group group, Map<String, TestIssuer> signers, Map<String, Issuer> issuers,
                              Instant now) {
        Random r = new Random(SEED);
        List<String> algs = new ArrayList<>(signers.keySet());
        for (int i = 0; i < 60; i++) {
            String alg = algs.get(r.nextInt(algs.size()));
            Issuer issuer = issuers.get(alg);
            String token = raw(signers.get(alg), header(alg, signers.get(alg).kid()),
                    claims(issuer.issuers().get(0), now.getEpochSecond()));
            add(group, issuer, "mutation/token-" + i, mutate(r, token), "character mutation");
        }
        for (int i = 0; i < 120; i++) {
            String alg = algs.get(r.nextInt(algs.size()));
            TestIssuer t = signers.get(alg);
            Issuer issuer = issuers.get(alg);
            byte[] json = claimsJson(issuer.issuers().get(0), now.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
            byte[] header = toJson(header(alg, t.kid())).getBytes(StandardCharsets.UTF_8);
            boolean inHeader = r.nextInt(4) == 0;
            byte[] mutated = mutateBytes(r, inHeader ? header : json);
            add(group, issuer, "mutation/json-" + i, t.signEncoded(b64(inHeader ? mutated : header),
                    b64(inHeader ? json : mutated)), "JSON byte mutation, signed again");
        }
    }

    // ---------------------------------------------------------------- helpers

    private void add(Group group, Issuer issuer, String id, String token, String note) {
        all.add(new Case(id, group, issuer, token, WalletProof.none(), note));
    }

    private static Issuer oidc(WalletVerifier.Builder b, String name, String iss, String alg, String jwks) {
        b.issuer(IssuerProfiles.oidc(iss).withName(name).withAudience(AUD).withAlgorithms(alg).withJwks(jwks));
        return new Issuer(name, List.of(iss), AUD, List.of(alg), jwks);
    }

    private static Map<String, Object> header(String alg, String kid) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", alg);
        h.put("typ", "JWT");
        if (kid != null) {
            h.put("kid", kid);
        }
        return h;
    }

    private static Map<String, Object> claims(String iss, long now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", iss);
        c.put("aud", AUD);
        c.put("sub", "user-1");
        c.put("iat", now - 60);
        c.put("exp", now + 3600);
        return c;
    }

    private static String claimsJson(String iss, long now) {
        return toJson(claims(iss, now));
    }

    private static Map<String, Object> with(Map<String, Object> m, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> m, String name) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.remove(name);
        return copy;
    }

    private static Map<String, Object> many(Map<String, Object> m, int n) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        for (int i = 0; i < n; i++) {
            copy.put("c" + i, i);
        }
        return copy;
    }

    private static Object nest(int depth) {
        Object v = "bottom";
        for (int i = 0; i < depth; i++) {
            v = List.of(v);
        }
        return v;
    }

    private static String raw(TestIssuer t, Map<String, Object> header, Map<String, Object> claims) {
        return t.signRaw(toJson(header), toJson(claims));
    }

    private static String unsigned(Map<String, Object> header, Map<String, Object> claims) {
        return b64(toJson(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64(toJson(claims).getBytes(StandardCharsets.UTF_8)) + ".";
    }

    // HS256 keyed with the issuer's public key (the classic algorithm-confusion attack).
    private static String hs256(TestIssuer t, Map<String, Object> claims) {
        try {
            String input = b64(toJson(Map.of("alg", "HS256", "kid", t.kid())).getBytes(StandardCharsets.UTF_8)) + "."
                    + b64(toJson(claims).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(t.publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rsaJwks(KeyPair k, String kid) {
        RSAPublicKey pub = (RSAPublicKey) k.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(unsigned(pub.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
    }

    private static String rs256(KeyPair k, String kid, Map<String, Object> claims) {
        try {
            String input = b64(toJson(header("RS256", kid)).getBytes(StandardCharsets.UTF_8)) + "."
                    + b64(toJson(claims).getBytes(StandardCharsets.UTF_8));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(k.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripKid(String jwk) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(ECKey.parse(jwk).toJSONString());
            n.remove("kid");
            return n.toString();
        } catch (JsonProcessingException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String strayBits(String token) {
        // The last character of a 64-byte (ES256, EdDSA) or 96/256-byte signature carries unused low bits:
        // setting one decodes to the same bytes in lenient decoders.
        String sig = token.substring(token.lastIndexOf('.') + 1);
        int rem = sig.length() % 4;
        if (rem == 0) {
            return token.substring(0, token.lastIndexOf('.') + 1) + sig + "A"; // no spare bits: a stray character
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int v = alphabet.indexOf(sig.charAt(sig.length() - 1));
        return token.substring(0, token.length() - 1) + alphabet.charAt(v | 1);
    }

    private static String flipLastSignatureChar(String token) {
        char c = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (c == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        byte[] out = new byte[6 + rb.length + sb.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + rb.length + sb.length);
        out[2] = 0x02;
        out[3] = (byte) rb.length;
        System.arraycopy(rb, 0, out, 4, rb.length);
        out[4 + rb.length] = 0x02;
        out[5 + rb.length] = (byte) sb.length;
        System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
        return out;
    }

    private static byte[] fixed(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(b.length, len);
        System.arraycopy(b, b.length - n, out, len - n, n);
        return out;
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] replace(byte[] in, String what, byte[] with) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(what);
        byte[] out = new byte[in.length - what.length() + with.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(with, 0, out, at, with.length);
        System.arraycopy(in, at + what.length(), out, at + with.length, in.length - at - what.length());
        return out;
    }

    private static String mutate(Random r, String token) {
        StringBuilder sb = new StringBuilder(token);
        int rounds = 1 + r.nextInt(3);
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        for (int k = 0; k < rounds && sb.length() > 0; k++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0:
                    sb.setCharAt(at, chars.charAt(r.nextInt(chars.length())));
                    break;
                case 1:
                    sb.insert(at, chars.charAt(r.nextInt(chars.length())));
                    break;
                default:
                    sb.deleteCharAt(at);
            }
        }
        return sb.toString();
    }

    private static byte[] mutateBytes(Random r, byte[] in) {
        byte[] b = in.clone();
        String interesting = "{}[]\":,\\ 0-9eE.+tfn";
        int at = r.nextInt(b.length);
        switch (r.nextInt(4)) {
            case 0:
                b[at] = (byte) interesting.charAt(r.nextInt(interesting.length()));
                return b;
            case 1:
                b[at] = (byte) r.nextInt(256);
                return b;
            case 2:
                return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(at + 1 + r.nextInt(4), b.length),
                        b.length));
            default:
                byte[] insert = new byte[] {(byte) interesting.charAt(r.nextInt(interesting.length()))};
                return concat(concat(Arrays.copyOf(b, at), insert), Arrays.copyOfRange(b, at, b.length));
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode resource(String name) {
        try (InputStream in = DifferentialCases.class.getResourceAsStream(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode file(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
