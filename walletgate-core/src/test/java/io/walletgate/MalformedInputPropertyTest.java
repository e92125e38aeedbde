package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs (plain loops, fixed seeds, about 30,000 cases in a few seconds): random strings, and
 * mutations of valid tokens of every algorithm at the character, part and JSON level. Invariants: {@code verify}
 * returns or throws {@link WalletVerificationException} and nothing else, with a short message free of control
 * characters and of the token; a mutated token never verifies unless it is byte-identical to the original (the
 * canonical base64url check means no other string decodes to the same bytes). Wallet proofs built from random
 * strings never throw at construction, and {@code kind()} returns or throws {@code wallet_proof_invalid}.
 * A failure names the seed and case so that it replays.
 */
class MalformedInputPropertyTest {
    private static final long[] SEEDS = {1L, 42L, 20_260_101L, 0xC0FFEEL};
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String AUD = "api";
    private static final String CLIENT_ID = "BFL8Z_client";
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String HEX = "0123456789abcdefABCDEF";
    private static final String JSON_BITS = "{}[]\":,\\ 0123456789eE.-+utrfnl\u00e9";
    private static final List<String> ALGS = List.of("ES256", "ES384", "RS256", "PS256", "EdDSA");

    private static final Map<String, TestIssuer> ISSUERS = new LinkedHashMap<>();
    private static final List<Original> ORIGINALS = new ArrayList<>();
    private static WalletVerifier verifier;
    private static final Map<ErrorCode, Integer> SEEN = new EnumMap<>(ErrorCode.class);

    /** A valid token, the proof it verifies with, and the issuer that signed it. */
    private record Original(String token, WalletProof proof, TestIssuer issuer) {
    }

    @BeforeAll
    static void issue_valid_tokens() {
        WalletVerifier.Builder b = WalletVerifier.builder().clock(CLOCK);
        for (String alg : ALGS) {
            TestIssuer issuer = TestIssuer.create(alg, "k-" + alg);
            String iss = "https://" + alg.toLowerCase(Locale.ROOT) + ".example";
            ISSUERS.put(iss, issuer);
            b.issuer(IssuerProfiles.oidc(iss).withName(alg).withAudience(AUD).withAlgorithms(alg)
                    .withJwks(issuer.jwks()));
            ORIGINALS.add(new Original(issuer.sign(TestIssuer.claims(iss, AUD, NOW)), WalletProof.none(), issuer));
        }
        // A Web3Auth-shaped token, so that mutations also reach the wallets[] reading and the proof matching.
        TestIssuer w3a = TestIssuer.create("ES256", "w3a");
        b.issuer(IssuerProfiles.web3auth(CLIENT_ID).withJwks(w3a.jwks()));
        byte[] appKey = TestWallets.secp256k1(true);
        Map<String, Object> c = TestIssuer.claims("https://api-auth.web3auth.io", CLIENT_ID, NOW);
        c.remove("sub");
        c.put("userId", "user@example.com");
        Map<String, Object> threshold = new LinkedHashMap<>();
        threshold.put("public_key", TestWallets.hex(TestWallets.secp256k1(false)));
        threshold.put("type", "web3auth_threshold_key");
        threshold.put("curve", "secp256k1");
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("public_key", TestWallets.hex(appKey));
        app.put("type", "web3auth_app_key");
        app.put("curve", "secp256k1");
        c.put("wallets", List.of(threshold, app));
        ORIGINALS.add(new Original(w3a.signJson(c), WalletProof.appPublicKey(TestWallets.hex(appKey)), w3a));
        verifier = b.build();
        for (Original o : ORIGINALS) {
            assertThat(verifier.verify(o.token(), o.proof())).as("original verifies").isNotNull();
        }
    }

    // ---------------------------------------------------------------- random strings

    @Test
    void random_strings_of_any_characters_are_rejected_with_a_verification_exception() {
        forEachSeed(1500, r -> randomString(r, r.nextInt(400), i -> (char) r.nextInt(0x10000)), null);
    }

    @Test
    void random_ascii_with_dots_is_rejected_with_a_verification_exception() {
        forEachSeed(1500, r -> {
            String s = randomString(r, r.nextInt(300), i -> (char) (0x20 + r.nextInt(0x5f)));
            return r.nextBoolean() ? s : insertDots(r, s);
        }, null);
    }

    @Test
    void random_base64url_parts_are_rejected_with_a_verification_exception() {
        forEachSeed(1000, r -> {
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < 3; p++) {
                if (p > 0) {
                    sb.append('.');
                }
                sb.append(randomString(r, r.nextInt(200), i -> B64URL.charAt(r.nextInt(64))));
            }
            return sb.toString();
        }, null);
    }

    @Test
    void random_json_under_a_valid_looking_header_is_rejected_with_a_verification_exception() {
        forEachSeed(1000, r -> {
            Original o = ORIGINALS.get(r.nextInt(ORIGINALS.size()));
            String payload = randomString(r, r.nextInt(120), i -> JSON_BITS.charAt(r.nextInt(JSON_BITS.length())));
            return o.token().substring(0, o.token().indexOf('.') + 1) + b64(payload.getBytes(StandardCharsets.UTF_8))
                    + o.token().substring(o.token().lastIndexOf('.'));
        }, null);
    }

    // ---------------------------------------------------------------- mutated tokens

    @Test
    void character_and_part_mutations_of_valid_tokens_never_verify() {
        for (long seed : SEEDS) {
            Random r = new Random(seed);
            for (Original o : ORIGINALS) {
                for (int i = 0; i < 400; i++) {
                    String mutated = mutate(r, o.token());
                    check(seed, i, mutated, o);
                }
            }
        }
    }

    @Test
    void json_mutations_under_the_original_signature_never_verify() {
        for (long seed : SEEDS) {
            Random r = new Random(seed);
            for (int i = 0; i < 600; i++) {
                Original o = ORIGINALS.get(r.nextInt(ORIGINALS.size()));
                String[] p = o.token().split("\\.");
                int part = r.nextInt(2);
                p[part] = b64(mutateBytes(r, Base64.getUrlDecoder().decode(p[part])));
                check(seed, i, String.join(".", p), o);
            }
        }
    }

    @Test
    void json_mutations_signed_again_return_or_throw_only_verification_exceptions() {
        // Validly signed mutated JSON reaches every claim and wallet check; it may verify, but never crash.
        for (long seed : SEEDS) {
            Random r = new Random(seed);
            for (int i = 0; i < 200; i++) {
                Original o = ORIGINALS.get(r.nextInt(ORIGINALS.size()));
                String[] p = o.token().split("\\.");
                int part = r.nextInt(3) == 0 ? 0 : 1;
                p[part] = b64(mutateBytes(r, Base64.getUrlDecoder().decode(p[part])));
                String resigned = o.issuer().signEncoded(p[0], p[1]);
                check(seed, i, resigned, new Original(null, o.proof(), o.issuer()));
            }
        }
    }

    @Test
    void rejections_cover_the_parse_header_signature_and_claim_stages() {
        character_and_part_mutations_of_valid_tokens_never_verify();
        json_mutations_under_the_original_signature_never_verify();
        random_ascii_with_dots_is_rejected_with_a_verification_exception();
        synchronized (SEEN) {
            assertThat(SEEN.keySet()).contains(ErrorCode.TOKEN_MALFORMED, ErrorCode.HEADER_INVALID,
                    ErrorCode.SIGNATURE_INVALID, ErrorCode.TOKEN_MISSING);
        }
    }

    // ---------------------------------------------------------------- wallet proofs

    @Test
    void wallet_proofs_from_random_strings_never_throw_at_construction() {
        List<String> valid = List.of(TestWallets.hex(TestWallets.secp256k1(true)),
                TestWallets.hex(TestWallets.secp256k1(false)), TestWallets.hex(TestWallets.ed25519()),
                io.walletgate.internal.wallet.Base58.encode(TestWallets.ed25519()),
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "So11111111111111111111111111111111111111112");
        for (long seed : SEEDS) {
            Random r = new Random(seed);
            for (int i = 0; i < 2500; i++) {
                String s;
                switch (r.nextInt(6)) {
                    case 0:
                        s = randomString(r, r.nextInt(140), j -> (char) r.nextInt(0x10000));
                        break;
                    case 1:
                        s = (r.nextBoolean() ? "0x" : r.nextBoolean() ? "0X" : "")
                                + randomString(r, pick(r, 40, 64, 66, 130, r.nextInt(140)),
                                    j -> HEX.charAt(r.nextInt(HEX.length())));
                        break;
                    case 2:
                        s = (r.nextBoolean() ? "02" : r.nextBoolean() ? "03" : "04")
                                + randomString(r, pick(r, 64, 128, r.nextInt(130)), j -> HEX.charAt(r.nextInt(16)));
                        break;
                    case 3:
                        s = randomString(r, pick(r, 32, 43, 44, r.nextInt(90)), j -> B58.charAt(r.nextInt(58)));
                        break;
                    default:
                        s = mutateText(r, valid.get(r.nextInt(valid.size())));
                }
                checkProof(seed, i, s, WalletProof::appPublicKey);
                checkProof(seed, i, s, WalletProof::address);
            }
        }
    }

    // ---------------------------------------------------------------- invariants

    private static void forEachSeed(int perSeed, Function<Random, String> generator, Original original) {
        for (long seed : SEEDS) {
            Random r = new Random(seed);
            for (int i = 0; i < perSeed; i++) {
                check(seed, i, generator.apply(r), original);
            }
        }
    }

    /**
     * Verifies {@code token}: it returns or throws a verification exception with a safe message; when
     * {@code original} has a token, {@code token} verifies only if it equals it.
     */
    private static void check(long seed, int i, String token, Original original) {
        WalletProof proof = original == null ? WalletProof.none() : original.proof();
        String where = "seed " + seed + " case " + i + " token " + escape(token);
        Throwable t = catchThrowable(() -> verifier.verify(token, proof));
        if (t == null) {
            if (original != null && original.token() != null) {
                assertThat(token).as("a mutated token verified: " + where).isEqualTo(original.token());
            } else if (original == null) {
                fail("a random string verified: " + where);
            }
        } else {
            checkRejection(t, token, where);
        }
        if (i % 16 == 0) { // the async path must agree
            Throwable async = catchThrowable(() -> verifier.verifyAsync(token, proof).get(30, TimeUnit.SECONDS));
            if (t == null) {
                assertThat(async).as("verifyAsync disagrees: " + where).isNull();
            } else {
                assertThat(async).as("verifyAsync disagrees: " + where).isInstanceOf(ExecutionException.class);
                Throwable cause = async.getCause();
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                checkRejection(cause, token, where);
                assertThat(((WalletVerificationException) cause).code())
                        .isEqualTo(((WalletVerificationException) t).code());
            }
        }
    }

    private static void checkRejection(Throwable t, String token, String where) {
        if (!(t instanceof WalletVerificationException)) {
            throw new AssertionError("not a WalletVerificationException: " + where, t);
        }
        WalletVerificationException e = (WalletVerificationException) t;
        String m = e.getMessage();
        assertThat(m).as(where).isNotBlank().hasSizeLessThan(600);
        assertThat(m.chars().noneMatch(Character::isISOControl)).as("control character in %s: %s", escape(m), where)
                .isTrue();
        if (token != null && token.length() >= 24) {
            assertThat(m).as(where).doesNotContain(token);
        }
        synchronized (SEEN) {
            SEEN.merge(e.code(), 1, Integer::sum);
        }
    }

    private static void checkProof(long seed, int i, String s, Function<String, WalletProof> factory) {
        String where = "seed " + seed + " case " + i + " input " + escape(s);
        WalletProof p;
        try {
            p = factory.apply(s);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("construction threw: " + where, e);
        }
        assertThat(p).as(where).isNotNull();
        Throwable t = catchThrowable(p::kind);
        if (t == null) {
            assertThat(p.isValid()).as(where).isTrue();
            assertThat(p.kind()).as(where).isNotEqualTo(WalletProof.Kind.NONE);
            assertThat(p).as(where).isEqualTo(factory.apply(s)).hasSameHashCodeAs(factory.apply(s));
        } else {
            assertThat(t).as(where).isInstanceOf(WalletVerificationException.class);
            assertThat(((WalletVerificationException) t).code()).as(where).isEqualTo(ErrorCode.WALLET_PROOF_INVALID);
            assertThat(p.isValid()).as(where).isFalse();
            assertThat(p.toString()).isEqualTo("WalletProof[invalid]");
            if (s != null && s.strip().length() >= 8) {
                assertThat(t.getMessage()).as(where).doesNotContain(s.strip());
            }
        }
    }

    // ---------------------------------------------------------------- generators

    private static String mutate(Random r, String token) {
        int rounds = r.nextInt(8) == 0 ? 2 + r.nextInt(3) : 1;
        String s = token;
        for (int k = 0; k < rounds; k++) {
            s = mutateOnce(r, s);
        }
        return s;
    }

    private static String mutateOnce(Random r, String s) {
        String[] parts = s.split("\\.", -1);
        switch (r.nextInt(11)) {
            case 0: // replace one character
                return s.isEmpty() ? s : replaceAt(s, r.nextInt(s.length()), randomChar(r));
            case 1: // insert one character
                return insertAt(s, r.nextInt(s.length() + 1), randomChar(r));
            case 2: // delete one character
                if (s.isEmpty()) {
                    return s;
                }
                int at = r.nextInt(s.length());
                return s.substring(0, at) + s.substring(at + 1);
            case 3: // swap two parts
                if (parts.length == 3) {
                    int a = r.nextInt(3);
                    int b = (a + 1 + r.nextInt(2)) % 3;
                    String tmp = parts[a];
                    parts[a] = parts[b];
                    parts[b] = tmp;
                    return String.join(".", parts);
                }
                return s + ".";
            case 4: // truncate
                return s.substring(0, r.nextInt(s.length() + 1));
            case 5: // duplicate a part
                if (parts.length == 3) {
                    parts[r.nextInt(3)] = parts[r.nextInt(3)];
                }
                return String.join(".", parts);
            case 6: // a part of another valid token
                if (parts.length == 3) {
                    String[] other = ORIGINALS.get(r.nextInt(ORIGINALS.size())).token().split("\\.");
                    int p = r.nextInt(3);
                    parts[p] = other[p];
                }
                return String.join(".", parts);
            case 7: // flip the case of one letter
                return s.isEmpty() ? s : caseFlip(s, r.nextInt(s.length()));
            case 8: // flip one bit of the bytes of a part, re-encoded canonically
                if (parts.length == 3 && !parts[2].isEmpty()) {
                    int p = r.nextInt(3);
                    byte[] bytes = decodeOrNull(parts[p]);
                    if (bytes != null && bytes.length > 0) {
                        bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
                        parts[p] = b64(bytes);
                    }
                }
                return String.join(".", parts);
            case 9: // junk appended
                return s + randomString(r, 1 + r.nextInt(8), i -> randomChar(r));
            default: // set unused trailing bits, or add padding
                return r.nextBoolean() ? s + "=" : setTrailingBit(s);
        }
    }

    private static byte[] mutateBytes(Random r, byte[] json) {
        String s = new String(json, StandardCharsets.ISO_8859_1);
        int pos = json.length == 0 ? 0 : r.nextInt(json.length);
        switch (r.nextInt(6)) {
            case 0:
                byte[] flipped = json.clone();
                if (flipped.length > 0) {
                    flipped[pos] ^= (byte) (1 << r.nextInt(8));
                }
                return flipped;
            case 1:
                return (s.substring(0, pos) + JSON_BITS.charAt(r.nextInt(JSON_BITS.length())) + s.substring(pos))
                        .getBytes(StandardCharsets.ISO_8859_1);
            case 2:
                return (s.substring(0, pos) + s.substring(Math.min(s.length(), pos + 1 + r.nextInt(4))))
                        .getBytes(StandardCharsets.ISO_8859_1);
            case 3: // duplicate a slice (often a member, so a duplicate name)
                int end = Math.min(s.length(), pos + 1 + r.nextInt(30));
                return (s.substring(0, end) + s.substring(pos, end) + s.substring(end))
                        .getBytes(StandardCharsets.ISO_8859_1);
            case 4: // replace a random digit: time claims, kids and keys move
                List<Integer> digits = new ArrayList<>();
                for (int k = 0; k < s.length(); k++) {
                    if (Character.isDigit(s.charAt(k))) {
                        digits.add(k);
                    }
                }
                return digits.isEmpty() ? json : replaceAt(s, digits.get(r.nextInt(digits.size())),
                        (char) ('0' + r.nextInt(10))).getBytes(StandardCharsets.ISO_8859_1);
            default: // a value of another type
                String[] values = {"null", "true", "[]", "{}", "\"\"", "1e400", "-0", "123456789012345678901234567890",
                    "\"\\u0000\"", "[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]"};
                return s.replaceFirst(":(\"[^\"]*\"|[-0-9.eE]+|\\[[^\\]]*\\])",
                        Matcher.quoteReplacement(":" + values[r.nextInt(values.length)]))
                        .getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static String mutateText(Random r, String s) {
        switch (r.nextInt(4)) {
            case 0:
                return s.isEmpty() ? s : replaceAt(s, r.nextInt(s.length()), randomChar(r));
            case 1:
                return s.isEmpty() ? s : caseFlip(s, r.nextInt(s.length()));
            case 2:
                return s.substring(0, r.nextInt(s.length() + 1));
            default:
                return insertAt(s, r.nextInt(s.length() + 1), randomChar(r));
        }
    }

    private static char randomChar(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                return B64URL.charAt(r.nextInt(64));
            case 1:
                return ".=+/ \t\n\u0000".charAt(r.nextInt(8));
            case 2:
                return (char) (0x20 + r.nextInt(0x5f));
            default:
                return (char) r.nextInt(0x10000);
        }
    }

    private static String randomString(Random r, int length, java.util.function.IntFunction<Character> chars) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(chars.apply(i).charValue());
        }
        return sb.toString();
    }

    private static String insertDots(Random r, String s) {
        String t = s;
        for (int k = 0; k < 2; k++) {
            t = insertAt(t, r.nextInt(t.length() + 1), '.');
        }
        return t;
    }

    private static int pick(Random r, int... options) {
        return options[r.nextInt(options.length)];
    }

    private static String replaceAt(String s, int i, char c) {
        return s.substring(0, i) + c + s.substring(i + 1);
    }

    private static String insertAt(String s, int i, char c) {
        return s.substring(0, i) + c + s.substring(i);
    }

    private static String caseFlip(String s, int i) {
        char c = s.charAt(i);
        char f = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return replaceAt(s, i, f);
    }

    private static String setTrailingBit(String s) {
        String[] parts = s.split("\\.", -1);
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (part.length() % 4 >= 2 && B64URL.indexOf(part.charAt(part.length() - 1)) >= 0) {
                int v = B64URL.indexOf(part.charAt(part.length() - 1));
                parts[p] = part.substring(0, part.length() - 1) + B64URL.charAt(v | 1);
                return String.join(".", parts);
            }
        }
        return s + "A";
    }

    private static byte[] decodeOrNull(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : (s.length() > 300 ? s.substring(0, 300) + "…" : s).toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.append('"').toString();
    }
}
