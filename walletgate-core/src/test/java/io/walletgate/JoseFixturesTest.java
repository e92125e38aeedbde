package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.internal.wallet.WalletKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Tokens minted by Node {@code jose} (the library every provider's sample code uses; see
 * {@code src/test/node/generate.mjs}) against one verifier holding all nine fixture issuers, at the fixture's fixed
 * {@code now}. Keys and tokens change on every regeneration; case names and expectations do not.
 */
class JoseFixturesTest {
    /**
     * What the message of each rejection case must say (beyond its code): the specific reason, so a case that is
     * rejected with the right code for the wrong reason fails.
     */
    private static final Map<String, String> CASE_MESSAGES = Map.ofEntries(
            Map.entry("web3auth-expired", "token expired at"),
            Map.entry("web3auth-not-yet-valid", "token is not valid before"),
            Map.entry("web3auth-audience-mismatch", "does not include the configured audience"),
            Map.entry("web3auth-signature-bit-flipped", "signature does not verify with key"),
            Map.entry("web3auth-signed-by-other-key-with-published-kid", "signature does not verify with key"),
            Map.entry("web3auth-unknown-kid", "no key with id 'unknown-kid'"),
            Map.entry("web3auth-hs256", "algorithm 'HS256' is not allowed for issuer 'web3auth'"),
            Map.entry("web3auth-alg-none", "algorithm 'none' is not allowed for issuer 'web3auth'"),
            Map.entry("web3auth-embedded-jwk-header", "header member 'jwk' names a key source"),
            Map.entry("web3auth-crit-exp-header", "critical extensions ('crit')"),
            Map.entry("web3auth-app-key-of-another-wallet", "none of the token's app keys"),
            Map.entry("web3auth-four-wallets-threshold-key-as-app-key", "none of the token's app keys"),
            Map.entry("web3auth-malformed-app-key", "app public key must be a secp256k1 key"),
            Map.entry("web3auth-unknown-issuer", "issuer 'https://evil.example' is not configured"),
            Map.entry("web3auth-external-address-mismatch", "none of the token's wallets"),
            Map.entry("sequence-oms-wallet-type-solana", "claim 'wallet_type' must be 'ethereum'"),
            Map.entry("sequence-oms-wallet-address-short", "claim 'wallet_address' is not an Ethereum address"),
            Map.entry("sequence-oms-sub-missing", "claim 'sub' is missing"),
            Map.entry("sequence-waas-es256-signed-by-oms-key",
                    "algorithm 'ES256' is not allowed for issuer 'sequence-waas'"),
            Map.entry("oidc-eddsa-signature-bit-flipped", "signature does not verify with key 'eddsa-1'"));

    /** For a rejection case added to the generator later: what every message of its code says. */
    private static final Map<ErrorCode, String> CODE_MESSAGES = Map.ofEntries(
            Map.entry(ErrorCode.TOKEN_EXPIRED, "token expired at"),
            Map.entry(ErrorCode.TOKEN_NOT_YET_VALID, "token is"),
            Map.entry(ErrorCode.AUDIENCE_MISMATCH, "does not include the configured audience"),
            Map.entry(ErrorCode.SIGNATURE_INVALID, "signature does not verify"),
            Map.entry(ErrorCode.KEY_NOT_FOUND, "key"),
            Map.entry(ErrorCode.ALG_NOT_ALLOWED, "is not allowed for issuer"),
            Map.entry(ErrorCode.HEADER_INVALID, "header"),
            Map.entry(ErrorCode.ISSUER_UNKNOWN, "is not configured"),
            Map.entry(ErrorCode.CLAIM_INVALID, "claim '"),
            Map.entry(ErrorCode.CLAIM_MISSING, "claim '"),
            Map.entry(ErrorCode.WALLET_MISMATCH, "the client's"),
            Map.entry(ErrorCode.WALLET_PROOF_INVALID, "address"));

    private static Map<String, Object> fixtures;
    private static Map<String, Object> issuers;
    private static List<Map<String, Object>> cases;
    private static Instant now;
    private static WalletVerifier verifier;
    private static final AtomicInteger PASSED = new AtomicInteger();

    @BeforeAll
    static void load() {
        fixtures = Fixtures.joseFixtures();
        issuers = Fixtures.object(fixtures, "issuers");
        cases = Fixtures.objects(fixtures, "cases");
        now = Instant.ofEpochSecond(Fixtures.member(fixtures, "now", Number.class).longValue());
        WalletVerifier.Builder builder = WalletVerifier.builder().clock(Clock.fixed(now, ZoneOffset.UTC));
        for (String key : issuers.keySet()) {
            builder.issuer(profileOf(key, Fixtures.object(issuers, key)));
        }
        verifier = builder.build();
    }

    @AfterAll
    static void report() {
        if (fixtures != null) {
            System.out.println("[jose fixtures] " + PASSED.get() + " of " + cases.size() + " cases passed ("
                    + fixtures.get("generator") + ")");
        }
    }

    /** The configured profile of one fixture issuer, as an application would write it. */
    private static IssuerProfile profileOf(String key, Map<String, Object> issuer) {
        String iss = Fixtures.member(issuer, "iss", String.class);
        String audience = Fixtures.member(issuer, "audience", String.class);
        IssuerProfile profile;
        switch (Fixtures.member(issuer, "profile", String.class)) {
            case "web3auth":
                profile = IssuerProfiles.web3auth(audience);
                break;
            case "web3auth-legacy":
                profile = IssuerProfiles.web3authLegacy(audience);
                break;
            case "web3auth-external":
                profile = IssuerProfiles.web3authExternal(audience).withConnectors("metamask");
                break;
            case "sequence-oms":
                profile = IssuerProfiles.sequenceOms(iss, audience);
                break;
            case "sequence-waas":
                profile = IssuerProfiles.sequenceWaas(audience);
                break;
            case "nopwd":
                profile = IssuerProfiles.nopwd(audience);
                break;
            case "oidc":
                // Three oidc issuers: each needs its own name (the default is the profile name).
                profile = IssuerProfiles.oidc(iss).withName(key).withAudience(audience)
                        .withAlgorithms(algorithmOf(key, Fixtures.object(issuer, "jwks")));
                break;
            default:
                throw new IllegalStateException("fixture issuer " + key + " has an unknown profile: " + issuer);
        }
        assertThat(profile.acceptedIssuers()).as("iss of fixture issuer %s", key).contains(iss);
        return profile.withJwks(Fixtures.json(Fixtures.object(issuer, "jwks")));
    }

    /** The one algorithm of an issuer's keys: the JWK's {@code alg}, else what its curve implies. */
    private static String algorithmOf(String key, Map<String, Object> jwks) {
        Set<String> algs = new LinkedHashSet<>();
        for (Map<String, Object> jwk : Fixtures.objects(jwks, "keys")) {
            String kty = Fixtures.optionalString(jwk, "kty");
            String crv = Fixtures.optionalString(jwk, "crv");
            if (jwk.get("alg") != null) {
                algs.add(Fixtures.member(jwk, "alg", String.class));
            } else if ("EC".equals(kty) && "P-256".equals(crv)) {
                algs.add("ES256");
            } else if ("EC".equals(kty) && "P-384".equals(crv)) {
                algs.add("ES384");
            } else if ("OKP".equals(kty) && "Ed25519".equals(crv)) {
                algs.add("EdDSA");
            } else {
                throw new IllegalStateException("fixture issuer " + key + ": cannot tell the algorithm of " + jwk);
            }
        }
        assertThat(algs).as("algorithms of fixture issuer %s", key).hasSize(1);
        return algs.iterator().next();
    }

    @TestFactory
    Stream<DynamicTest> every_jose_minted_case_meets_its_expectation() {
        Map<String, Integer> byExpect = new TreeMap<>();
        cases.forEach(c -> byExpect.merge(Fixtures.member(c, "expect", String.class), 1, Integer::sum));
        System.out.println("[jose fixtures] " + cases.size() + " cases over " + issuers.size() + " issuers: "
                + byExpect);
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(Fixtures.member(c, "name", String.class), () -> {
            check(c);
            PASSED.incrementAndGet();
        }));
    }

    @Test
    void one_verifier_holds_all_nine_issuers_each_under_its_own_name() {
        assertThat(verifier.issuers()).extracting(IssuerProfile::name).containsExactly("web3auth",
                "web3auth-legacy", "web3auth-external", "sequence-oms", "sequence-waas", "nopwd", "oidc-eddsa",
                "oidc-es384", "oidc-ps256");
        assertThat(TestIssuer.issuerAccepting(verifier, "metamask")).isEqualTo("web3auth-external");
        assertThat(TestIssuer.issuerAccepting(verifier, "https://api.openlogin.com/")).isEqualTo("web3auth-legacy");
    }

    @Test
    void fixture_has_a_valid_case_for_every_issuer_and_only_known_error_codes() {
        Set<String> withValid = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> c : cases) {
            String expect = Fixtures.member(c, "expect", String.class);
            String issuer = Fixtures.member(c, "issuer", String.class);
            assertThat(names.add(Fixtures.member(c, "name", String.class))).as("unique name %s", c.get("name"))
                    .isTrue();
            assertThat(issuers).as("issuer of %s", c.get("name")).containsKey(issuer);
            if ("valid".equals(expect)) {
                withValid.add(issuer);
            } else {
                ErrorCode.fromCode(expect); // throws for a code docs/architecture.md §6 does not list
            }
        }
        assertThat(withValid).containsExactlyInAnyOrderElementsOf(issuers.keySet());
    }

    private static void check(Map<String, Object> c) {
        String name = Fixtures.member(c, "name", String.class);
        String issuerKey = Fixtures.member(c, "issuer", String.class);
        Map<String, Object> issuer = Fixtures.object(issuers, issuerKey);
        String token = Fixtures.member(c, "token", String.class);
        WalletProof proof = proofOf(c);
        String expect = Fixtures.member(c, "expect", String.class);
        if (!"valid".equals(expect)) {
            ErrorCode code = ErrorCode.fromCode(expect);
            String fragment = CASE_MESSAGES.getOrDefault(name, CODE_MESSAGES.get(code));
            assertThat(fragment).as("message fragment for %s", name).isNotNull();
            assertThatThrownBy(() -> verifier.verify(token, proof))
                    .as(name)
                    .isInstanceOfSatisfying(WalletVerificationException.class, e -> {
                        assertThat(e.code()).as("code of %s (%s)", name, e.getMessage()).isEqualTo(code);
                        assertThat(e.getMessage()).as("message of %s", name).contains(fragment);
                    });
            return;
        }
        VerifiedIdentity id = verifier.verify(token, proof);
        String profile = Fixtures.member(issuer, "profile", String.class);
        assertThat(id.profile()).isEqualTo(profile);
        assertThat(id.issuerName()).isEqualTo("oidc".equals(profile) ? issuerKey : profile);
        assertThat(id.audience()).contains(Fixtures.member(issuer, "audience", String.class));
        assertThat(id.expiresAt()).isAfter(now);
        assertThat(id.claims()).containsEntry("iss", id.issuer());
        String subject = Fixtures.optionalString(c, "subject");
        if (subject != null) {
            assertThat(id.subject()).isEqualTo(subject);
        }
        String wallet = Fixtures.optionalString(c, "wallet");
        String appPubKey = Fixtures.optionalString(c, "appPubKey");
        if (wallet != null) {
            assertThat(id.wallet()).as("proven wallet of %s", name).isNotNull();
            assertThat(id.wallet().address()).isEqualTo(wallet);
        } else if (appPubKey != null && profile.startsWith("web3auth")) {
            byte[] compressed = TestWallets.compressed(WalletKeys.parseHex(appPubKey));
            assertThat(compressed).as("%s: a secp256k1 app key", name).isNotNull();
            assertThat(id.wallet()).as("proven wallet of %s", name).isNotNull();
            assertThat(id.wallet().curve()).isEqualTo("secp256k1");
            assertThat(id.wallet().publicKey()).isEqualTo(WalletKeys.hex(compressed));
            assertThat(id.wallet().address())
                    .isEqualTo(TestWallets.ethereumAddressIndependently(compressed));
        } else if (proof.kind() == WalletProof.Kind.NONE) {
            assertThat(id.wallet()).as("%s names no wallet", name).isNull();
        }
    }

    private static WalletProof proofOf(Map<String, Object> c) {
        String appPubKey = Fixtures.optionalString(c, "appPubKey");
        if (appPubKey != null) {
            return WalletProof.appPublicKey(appPubKey);
        }
        String address = Fixtures.optionalString(c, "address");
        if (address != null) {
            return WalletProof.address(address);
        }
        return WalletProof.none();
    }
}
