package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.walletgate.ErrorCode;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.JwkSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same tokens, valid and broken, verified by WalletGate, by Nimbus JOSE+JWT (in this JVM) and by Node
 * {@code jose} (through {@code src/test/node/differential.mjs}), each configured alike: the issuer's key set, its
 * {@code iss} values, audience and algorithms, {@code exp} required, 60 s clock skew, the same fixed time. Cases: the
 * Node jose fixtures, the real Web3Auth token, Nimbus-minted variants aimed at each rule of docs/architecture.md §4
 * (see {@link DifferentialCases}) and seeded mutations.
 *
 * <p>Every disagreement must be explained: WalletGate rejecting what another accepts is allowed only under a rule of
 * {@link #STRICTER} (each with its reason and design section), and WalletGate accepting what another rejects only
 * under {@link #LENIENT}. Anything else fails the test: a bug to fix, or a rule to document. Each listed rule must be
 * seen at least once, so the lists stay exact. Without {@code node}, the jose side is skipped locally but fails
 * when {@code CI} is set.
 */
class DifferentialTest {
    /** Rules by which WalletGate rejects what Nimbus or jose accept: rule id → why. */
    static final Map<String, String> STRICTER = Map.ofEntries(
            Map.entry("key-source-header", "docs/architecture.md §4: a header naming its own key source (jwk, jku,"
                    + " x5u, x5c) is refused outright; Nimbus and jose merely ignore it when a key set is configured"),
            Map.entry("unsupported-header", "zip, enc or b64 in a JWS header mean another format (JWE, compressed or"
                    + " unencoded payload); refused rather than guessed"),
            Map.entry("header-member-types", "RFC 7515 §4.1: kid, typ and cty must be strings; a mistyped or null header is refused, not"
                    + " coerced or read as absent"),
            Map.entry("duplicate-members", "docs/architecture.md §4: JSON with duplicate member names is rejected;"
                    + " JSON.parse keeps the last one, so two parsers could read two different tokens"),
            Map.entry("strict-base64url", "docs/architecture.md §4 / RFC 7515 §2: base64url without padding or stray"
                    + " bits; lenient decoders let several strings stand for one token (malleability)"),
            Map.entry("json-bounds", "docs/architecture.md §4: header/payload depth (16) and member count (512)"
                    + " bounded"),
            Map.entry("token-size", "docs/architecture.md §4: tokens over 16 KiB are rejected before any parsing"),
            Map.entry("invalid-utf8", "JSON text must be UTF-8 (RFC 8259 §8.1); jose and Nimbus substitute U+FFFD"
                    + " for invalid bytes and go on"),
            Map.entry("iat-in-future", "docs/architecture.md §4: iat may not lie in the future beyond the skew;"
                    + " jose and Nimbus check iat only against a maximum age"),
            Map.entry("time-claim-range", "exp/nbf/iat beyond year 9999 (or not an integer number of seconds that"
                    + " fits) are refused as overflow bait"),
            Map.entry("audience-types", "aud must be a string or an array of strings; jose accepts an array with"
                    + " non-strings as long as one string matches"),
            Map.entry("unsafe-key", "docs/architecture.md §4/KeyImport: keys unsafe to verify with (RSA under 2048"
                    + " bits, even or tiny exponent, ROCA) are dropped from the set"),
            Map.entry("wallet-proof", "docs/architecture.md §3: the client's wallet proof must match the token's"
                    + " wallet; jose and Nimbus verify the JWT only"),
            Map.entry("profile-claims", "docs/architecture.md §3: the issuer profile's own required claims (subject,"
                    + " wallet_type, wallet_address, …); jose and Nimbus verify the JWT only"));

    /** Rules by which WalletGate accepts what Nimbus or jose reject: rule id → why it is safe. */
    static final Map<String, String> LENIENT = Map.ofEntries(
            Map.entry("kidless-key-stands-in", "docs/keys.md (key sources) / KeySelector: a key without a"
                    + " kid (a Web3Auth SPKI PEM, a kid-less JWKS) may verify a token that names a kid; the signature"
                    + " must still verify with that configured key, so only the hint is ignored"));

    private static DifferentialCases cases;
    private static final Map<String, Verdict> WALLETGATE = new LinkedHashMap<>();
    private static final Map<String, Verdict> NIMBUS = new LinkedHashMap<>();

    /** One library's answer for one token. */
    record Verdict(boolean valid, String code, String message) {
    }

    @BeforeAll
    static void verify_every_case_with_walletgate_and_nimbus() {
        cases = DifferentialCases.build();
        for (DifferentialCases.Case c : cases.all()) {
            WALLETGATE.put(c.id(), walletgate(c));
            NIMBUS.put(c.id(), nimbus(c));
        }
        System.out.println("[differential] " + cases.all().size() + " cases: WalletGate accepts "
                + count(WALLETGATE) + ", Nimbus accepts " + count(NIMBUS));
    }

    @Test
    void walletgate_and_nimbus_disagree_only_by_documented_rules() {
        check("Nimbus", NIMBUS);
    }

    @Test
    void walletgate_and_node_jose_disagree_only_by_documented_rules() throws Exception {
        check("jose", jose());
    }

    @Test
    void the_corpus_has_valid_and_broken_tokens_of_every_kind() {
        assertThat(count(WALLETGATE)).isGreaterThanOrEqualTo(30);
        Set<ErrorCode> codes = new HashSet<>();
        WALLETGATE.values().stream().filter(v -> !v.valid()).forEach(v -> codes.add(ErrorCode.fromCode(v.code())));
        assertThat(codes).contains(ErrorCode.TOKEN_MALFORMED, ErrorCode.HEADER_INVALID, ErrorCode.ALG_NOT_ALLOWED,
                ErrorCode.ISSUER_UNKNOWN, ErrorCode.KEY_NOT_FOUND, ErrorCode.SIGNATURE_INVALID,
                ErrorCode.TOKEN_EXPIRED, ErrorCode.TOKEN_NOT_YET_VALID, ErrorCode.AUDIENCE_MISMATCH,
                ErrorCode.CLAIM_MISSING, ErrorCode.CLAIM_INVALID, ErrorCode.TOKEN_TOO_LARGE);
    }

    private static void check(String other, Map<String, Verdict> theirs) {
        Map<String, Integer> byRule = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        int agree = 0;
        for (DifferentialCases.Case c : cases.all()) {
            Verdict ours = WALLETGATE.get(c.id());
            Verdict their = theirs.get(c.id());
            assertThat(their).as("%s verdict of %s", other, c.id()).isNotNull();
            if (ours.valid() == their.valid()) {
                agree++;
                continue;
            }
            String rule = ours.valid() ? lenientRule(c) : stricterRule(c, ours);
            if (rule == null) {
                unexplained.add(c.id() + ": WalletGate " + describe(ours) + ", " + other + " " + describe(their)
                        + " [" + c.note() + "]");
            } else {
                byRule.merge(rule, 1, Integer::sum);
            }
        }
        System.out.println("[differential] WalletGate vs " + other + ": " + agree + " agree; disagreements by rule "
                + byRule);
        if (!unexplained.isEmpty()) {
            fail(unexplained.size() + " disagreement(s) with " + other + " that no documented rule explains:\n  "
                    + String.join("\n  ", unexplained));
        }
    }

    @Test
    void every_listed_rule_is_seen_so_the_lists_stay_exact() throws Exception {
        Set<String> seen = new HashSet<>();
        List<Map<String, Verdict>> others = new ArrayList<>(List.of(NIMBUS));
        Map<String, Verdict> jose = joseOrNull();
        if (jose != null) {
            others.add(jose);
        }
        for (DifferentialCases.Case c : cases.all()) {
            Verdict ours = WALLETGATE.get(c.id());
            for (Map<String, Verdict> theirs : others) {
                if (ours.valid() != theirs.get(c.id()).valid()) {
                    String rule = ours.valid() ? lenientRule(c) : stricterRule(c, ours);
                    if (rule != null) {
                        seen.add(rule);
                    }
                }
            }
        }
        Set<String> listed = new HashSet<>(STRICTER.keySet());
        listed.addAll(LENIENT.keySet());
        assertThat(seen).as("rules the cases exercise").containsExactlyInAnyOrderElementsOf(listed);
    }

    // ---------------------------------------------------------------- classification

    /** The documented rule under which WalletGate rejects this case, or null. */
    static String stricterRule(DifferentialCases.Case c, Verdict ours) {
        ErrorCode code = ErrorCode.fromCode(ours.code());
        String m = ours.message();
        switch (code) {
            case HEADER_INVALID:
                if (m.contains("names a key source")) {
                    return "key-source-header";
                }
                if (m.contains("is not supported in a signed JWT")) {
                    return "unsupported-header";
                }
                if (m.matches("header '(kid|typ|cty)' is not a string")) {
                    return "header-member-types";
                }
                return null;
            case TOKEN_TOO_LARGE:
                return "token-size";
            case TOKEN_MALFORMED:
                if (m.contains("duplicate member name")) {
                    return "duplicate-members";
                }
                if (m.contains("is not base64url")) {
                    return "strict-base64url";
                }
                if (m.contains("nested deeper than") || m.contains("members")) {
                    return "json-bounds";
                }
                if (m.contains("JSON is not UTF-8") || m.contains("invalid JSON") && !validUtf8(c.token())) {
                    return "invalid-utf8";
                }
                return null;
            case TOKEN_NOT_YET_VALID:
                return m.contains("issued in the future") ? "iat-in-future" : null;
            case CLAIM_INVALID:
                if (m.contains("is out of range")) {
                    return "time-claim-range";
                }
                if (m.startsWith("claim 'aud'")) {
                    return "audience-types";
                }
                return registeredClaim(m) ? null : "profile-claims";
            case CLAIM_MISSING:
                return registeredClaim(m) ? null : "profile-claims";
            case KEY_NOT_FOUND:
                return JwkSet.parse(c.issuer().jwks(), "case").skipped().isEmpty() ? null : "unsafe-key";
            case WALLET_MISMATCH:
            case WALLET_PROOF_INVALID:
                return "wallet-proof";
            default:
                return null;
        }
    }

    /** The documented rule under which WalletGate accepts this case, or null. */
    static String lenientRule(DifferentialCases.Case c) {
        JsonNode header = header(c.token());
        if (header != null && header.hasNonNull("kid")) {
            boolean kidKnown = false;
            boolean kidless = false;
            for (JsonNode k : DifferentialCases.json(c.issuer().jwks()).get("keys")) {
                kidKnown |= header.get("kid").asText().equals(k.path("kid").asText(null));
                kidless |= !k.has("kid");
            }
            if (!kidKnown && kidless) {
                return "kidless-key-stands-in";
            }
        }
        return null;
    }

    private static boolean registeredClaim(String message) {
        for (String name : List.of("exp", "nbf", "iat", "iss", "aud")) {
            if (message.startsWith("claim '" + name + "'")) {
                return true;
            }
        }
        return false;
    }

    private static boolean validUtf8(String token) {
        String[] p = token.split("\\.", -1);
        for (int i = 0; i < Math.min(2, p.length); i++) {
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(p[i]);
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                return false;
            } catch (IllegalArgumentException e) {
                // not base64url at all: some other rule
            }
        }
        return true;
    }

    private static JsonNode header(String token) {
        try {
            return DifferentialCases.json(new String(Base64.getUrlDecoder().decode(token.substring(0,
                    token.indexOf('.'))), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- the three verifiers

    private static Verdict walletgate(DifferentialCases.Case c) {
        WalletVerifier verifier = c.group().verifier();
        try {
            verifier.verify(c.token(), c.proof() == null ? WalletProof.none() : c.proof());
            return new Verdict(true, null, null);
        } catch (WalletVerificationException e) {
            return new Verdict(false, e.code().code(), e.getMessage());
        }
    }

    private static Verdict nimbus(DifferentialCases.Case c) {
        DifferentialCases.Issuer iss = c.issuer();
        try {
            Set<JWSAlgorithm> algs = iss.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
            DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
            p.setJWSTypeVerifier((type, context) -> { }); // jose and WalletGate do not check typ either
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(algs, new ImmutableJWKSet<>(
                    JWKSet.parse(iss.jwks()))));
            Date now = Date.from(c.group().now());
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    new HashSet<>(List.of(iss.audience())), new JWTClaimsSet.Builder().build(),
                    new HashSet<>(List.of("exp", "iss")), null) {
                @Override
                protected Date currentTime() {
                    return now;
                }
            };
            claims.setMaxClockSkew(60);
            p.setJWTClaimsSetVerifier(claims);
            JWTClaimsSet set = algs.contains(JWSAlgorithm.EdDSA) ? ed25519(c.token(), iss, claims)
                    : p.process(c.token(), null);
            if (!iss.issuers().contains(set.getIssuer())) {
                return new Verdict(false, "iss", "iss not accepted");
            }
            return new Verdict(true, null, null);
        } catch (RuntimeException e) {
            throw new AssertionError("Nimbus failed unexpectedly on " + c.id(), e);
        } catch (Exception e) {
            return new Verdict(false, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    // Nimbus's JWTProcessor selects java.security keys, which OKP keys are not: EdDSA goes through its
    // Ed25519Verifier with the key chosen by kid (or the only key), then the same claims verifier.
    private static JWTClaimsSet ed25519(String token, DifferentialCases.Issuer iss,
                                        DefaultJWTClaimsVerifier<SecurityContext> claims) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm())) {
            throw new BadJOSEException("not EdDSA");
        }
        List<JWK> keys = new JWKSelector(new JWKMatcher.Builder().keyType(KeyType.OKP).curve(Curve.Ed25519)
                .keyID(jwt.getHeader().getKeyID()).build()).select(JWKSet.parse(iss.jwks()));
        for (JWK key : keys) {
            if (jwt.verify(new Ed25519Verifier(key.toOctetKeyPair()))) {
                JWTClaimsSet set = jwt.getJWTClaimsSet();
                claims.verify(set, null);
                return set;
            }
        }
        throw new BadJOSEException("no Ed25519 key verifies the signature");
    }

    private static Map<String, Verdict> jose() throws Exception {
        Map<String, Verdict> verdicts = joseOrNull();
        if (verdicts == null) {
            fail("node is not installed (the differential test's other side is Node jose): apt-get install nodejs "
                    + "(.ci/run installs it)");
        }
        return verdicts;
    }

    private static Map<String, Verdict> joseVerdicts;

    private static synchronized Map<String, Verdict> joseOrNull() throws Exception {
        if (joseVerdicts != null) {
            return joseVerdicts;
        }
        Path nodeDir = Path.of("src/test/node").toAbsolutePath();
        if (!commandExists("node")) {
            return null;
        }
        if (!Files.isDirectory(nodeDir.resolve("node_modules/jose"))) {
            run(nodeDir, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        }
        Path dir = Files.createDirectories(Path.of("target/differential").toAbsolutePath());
        Path in = dir.resolve("cases.json");
        Path out = dir.resolve("verdicts.json");
        ObjectNode root = DifferentialCases.JSON.createObjectNode();
        ArrayNode list = root.putArray("cases");
        for (DifferentialCases.Case c : cases.all()) {
            ObjectNode n = list.addObject();
            n.put("id", c.id());
            n.put("token", c.token());
            ArrayNode issuers = n.putArray("issuer");
            c.issuer().issuers().forEach(issuers::add);
            n.put("audience", c.issuer().audience());
            ArrayNode algs = n.putArray("algorithms");
            c.issuer().algorithms().forEach(algs::add);
            n.set("jwks", DifferentialCases.json(c.issuer().jwks()));
            n.put("now", c.group().now().getEpochSecond());
            n.put("clockTolerance", 60);
        }
        DifferentialCases.JSON.writeValue(in.toFile(), root);
        run(nodeDir, List.of("node", "differential.mjs", in.toString(), out.toString()));
        JsonNode verdicts = DifferentialCases.JSON.readTree(out.toFile()).get("verdicts");
        Map<String, Verdict> map = new LinkedHashMap<>();
        verdicts.fields().forEachRemaining(e -> map.put(e.getKey(), new Verdict(e.getValue().get("valid")
                .asBoolean(), e.getValue().path("code").asText(null), e.getValue().path("message").asText(null))));
        joseVerdicts = map;
        return map;
    }

    private static boolean commandExists(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed in " + dir + ":\n" + output);
        }
        System.out.print(output);
    }

    private static long count(Map<String, Verdict> verdicts) {
        return verdicts.values().stream().filter(Verdict::valid).count();
    }

    private static String describe(Verdict v) {
        return v.valid() ? "accepts" : "rejects (" + v.code() + ": " + v.message() + ")";
    }
}
