package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfiles;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.internal.claims.ClaimsCheck;
import io.walletgate.internal.magic.DidToken;
import io.walletgate.internal.magic.DidTokenParser;
import io.walletgate.internal.magic.DidTokenSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The providers' own Node server SDKs against the testkit, and the testkit's core against tokens made the providers'
 * way ({@code src/test/node-providers}, its packages pinned by its lock file; docs/providers-sources.md):
 * <ul>
 *   <li>Privy's {@code @privy-io/node} ({@code verifyAccessToken}, {@code verifyIdentityToken}) with the dashboard's
 *   PEM and with the JWKS; Magic's {@code @magic-sdk/admin} {@code token.validate}; Dynamic's
 *   {@code @dynamic-labs/passport-dynamic} and its documents' jose recipe; Para's documented jose recipe (Para's
 *   server SDK verifies online only). Testkit tokens pass them; broken ones fail them.</li>
 *   <li>Magic DID tokens signed by an ethers wallet as Magic's documents describe, and Privy tokens from Privy's
 *   mock-JWT recipe (an access token and an identity token listing an ethers wallet), each accepted by that
 *   provider's SDK first, pass WalletGate's {@code magic} and {@code privy} profiles with the wallet as the proof;
 *   tampered ones fail. The testkit tokens of the first test also go through WalletGate's four profiles, which
 *   accept what the SDKs accept and refuse what they refuse, with the differences named there.</li>
 * </ul>
 * Magic's SDK reads the system clock, so the issuer here uses it too.
 */
@WalletGateTestIssuer(audience = "app-id")
class ProviderSdkInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NodeScripts NODE = new NodeScripts("node-providers");
    private static final String WHY = "the interop test runs the providers' own Node SDKs";

    @Test
    void the_providers_sdks_accept_testkit_tokens_and_reject_the_broken_ones(DevIssuer issuer, @TempDir Path tmp)
            throws Exception {
        NODE.prepare(tmp, "@privy-io/node", WHY);
        MintedToken privy = issuer.privy().mint();
        MintedToken magic = issuer.magic().mint();
        List<Map<String, Object>> cases = new ArrayList<>(List.of(
                privy(issuer, "privy identity", privy), privy(issuer, "privy access", issuer.privy().accessToken().mint()),
                privy(issuer, "privy solana", issuer.privy().solana().mint()),
                privy(issuer, "privy tampered", issuer.privy().tamperedSignature().mint()),
                privy(issuer, "privy expired", issuer.privy().expired().mint()),
                privy(issuer, "privy other app", issuer.privy().wrongAudience().mint()),
                privy(issuer, "privy accounts array", issuer.privy().linkedAccountsAsArray().mint()),
                privy(issuer, "privy no typ", issuer.privy().withoutHeader("typ").mint()),
                magic("magic", magic, "none"), magic("magic attachment", issuer.magic().attachment("a@b.c").mint(), "a@b.c"),
                magic("magic float ext", issuer.magic().claim("ext", 1.0000000000016881e21).mint(), "none"),
                magic("magic tampered", issuer.magic().tamperedSignature().mint(), "none"),
                magic("magic other wallet", issuer.magic().signedByOtherKey().mint(), "none"),
                magic("magic expired", issuer.magic().expired().mint(), "none"),
                magic("magic other app", issuer.magic().wrongAudience().mint(), "none"),
                magic("magic other attachment", issuer.magic().attachment("a@b.c").mint(), "mallory@b.c"),
                dynamic(issuer, "dynamic id", issuer.dynamic().mint()),
                dynamic(issuer, "dynamic access", issuer.dynamic().accessToken().mint()),
                dynamic(issuer, "dynamic documented iss", issuer.dynamic().documentedIssuer().mint()),
                dynamic(issuer, "dynamic mfa pending", issuer.dynamic().requiresAdditionalAuth().mint()),
                dynamic(issuer, "dynamic tampered", issuer.dynamic().tamperedSignature().mint()),
                dynamic(issuer, "dynamic expired", issuer.dynamic().expired().mint()),
                para(issuer, "para", issuer.para().mint()), para(issuer, "para tampered", issuer.para().tamperedSignature().mint()),
                para(issuer, "para other app", issuer.para().wrongAudience().mint()),
                para(issuer, "para expired", issuer.para().expired().mint())));

        Map<String, JsonNode> results = run(tmp, cases);

        for (String valid : List.of("privy identity|privy-node pem", "privy identity|privy-node jwks",
                "privy access|privy-node pem", "privy solana|privy-node jwks", "magic|magic-admin",
                "magic attachment|magic-admin", "magic float ext|magic-admin", "dynamic id|passport-dynamic",
                "dynamic id|dynamic-docs-jose", "dynamic access|passport-dynamic", "dynamic access|dynamic-docs-jose",
                "dynamic documented iss|dynamic-docs-jose", "para|para-docs-jose",
                // passport-dynamic checks the signature only: a sign-in still waiting for MFA passes it
                "dynamic mfa pending|passport-dynamic")) {
            assertThat(results.get(valid).get("ok").asBoolean()).as(valid + ": " + results.get(valid)).isTrue();
        }
        for (String broken : List.of("privy tampered|privy-node pem", "privy tampered|privy-node jwks",
                "privy expired|privy-node pem", "privy other app|privy-node pem",
                // Privy's SDK refuses linked_accounts that is not a JSON string, and a header without typ JWT
                "privy accounts array|privy-node pem", "privy no typ|privy-node pem",
                "magic tampered|magic-admin", "magic other wallet|magic-admin", "magic expired|magic-admin",
                "magic other app|magic-admin", "magic other attachment|magic-admin",
                "dynamic mfa pending|dynamic-docs-jose", "dynamic tampered|passport-dynamic",
                "dynamic tampered|dynamic-docs-jose", "dynamic expired|passport-dynamic", "para tampered|para-docs-jose",
                "para other app|para-docs-jose", "para expired|para-docs-jose")) {
            assertThat(results.get(broken).get("ok").asBoolean()).as(broken + ": " + results.get(broken)).isFalse();
        }
        assertThat(results.get("privy identity|privy-node pem").get("detail").get("wallets").get(0).asText())
                .isEqualTo(privy.address());
        assertThat(results.get("magic|magic-admin").get("detail").get("address").asText())
                .isEqualToIgnoringCase(magic.address());
        assertThat(results.get("privy accounts array|privy-node pem").get("error").asText())
                .contains("Unable to parse identity token");
        assertThat(results.get("dynamic mfa pending|dynamic-docs-jose").get("error").asText())
                .contains("lacks user:basic");
        assertThat(issuer.jwksHits("privy")).isPositive();

        // The same tokens through WalletGate's profiles: what the SDKs accept passes, what they refuse fails, except
        // Privy's linked_accounts as an array (read on purpose), the MFA-pending Dynamic token (passport-dynamic lets
        // it through; Dynamic's documents and WalletGate refuse it) and another attachment (the verifier does not
        // check Magic's attachment: the application does, with the attachment it expects).
        List<String> accepted = List.of("privy identity", "privy access", "privy solana", "privy accounts array",
                "magic", "magic attachment", "magic float ext", "magic other attachment", "dynamic id",
                "dynamic access", "dynamic documented iss", "para");
        try (WalletVerifier ours = WalletVerifier.builder().issuer(issuer.profile("privy"))
                .issuer(issuer.profile("dynamic")).issuer(issuer.profile("para")).issuer(issuer.profile("magic"))
                .build()) {
            for (Map<String, Object> c : cases) {
                String name = (String) c.get("name");
                boolean passed;
                try {
                    ours.verify((String) c.get("token"), WalletProof.none());
                    passed = true;
                } catch (WalletVerificationException e) {
                    passed = false;
                }
                assertThat(passed).as("WalletGate on %s", name).isEqualTo(accepted.contains(name));
            }
        }
    }

    @Test
    void tokens_made_the_providers_way_pass_walletgate_and_tampered_ones_fail(@TempDir Path tmp) throws Exception {
        NODE.prepare(tmp, "@privy-io/node", WHY);
        NodeScripts.Result minted = NODE.run(tmp, List.of("node", "mint.mjs"),
                "{\"audience\":\"app-id\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(minted.exit()).as(minted.output() + minted.errors()).isZero();
        JsonNode tokens = JSON.readTree(minted.output());

        ClaimsCheck times = new ClaimsCheck(Clock.systemUTC(), Duration.ofSeconds(60));
        assertThat(tokens.get("magic")).hasSize(3);
        try (WalletVerifier magic = WalletVerifier.builder().issuer(IssuerProfiles.magic("app-id")).build()) {
            for (JsonNode t : tokens.get("magic")) {
                String token = t.get("token").asText();
                DidToken did = DidTokenParser.parse(token);
                DidTokenSignature.verifyAttachment(did, t.get("attachment").asText());
                times.checkTimes(did.times(), null);
                VerifiedIdentity id = magic.verify(token, WalletProof.address(t.get("address").asText()));
                assertThat(id.wallet().address()).as(t.get("name").asText()).isEqualTo(t.get("address").asText());
                assertThatThrownBy(() -> magic.verify(tamperedDid(token), WalletProof.none()))
                        .isInstanceOfSatisfying(WalletVerificationException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
            }
        }

        assertThat(tokens.get("privy")).hasSize(2);
        for (JsonNode privy : tokens.get("privy")) {
            try (WalletVerifier verifier = WalletVerifier.builder().issuer(IssuerProfiles.privy("app-id")
                    .withPublicKeyPem(privy.get("pem").asText())).build()) {
                String token = privy.get("token").asText();
                WalletProof proof = privy.has("address") ? WalletProof.address(privy.get("address").asText())
                        : WalletProof.none();
                VerifiedIdentity id = verifier.verify(token, proof);
                assertThat(id.subject()).startsWith("did:privy:");
                if (privy.has("address")) {
                    assertThat(id.wallet().address()).isEqualTo(privy.get("address").asText());
                    assertThat(id.email()).isEqualTo("alice@example.com");
                } else {
                    assertThat(id.sessionId()).isNotBlank();
                }
                String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "B" : "A") + "A";
                assertThatThrownBy(() -> verifier.verify(tampered, proof))
                        .isInstanceOfSatisfying(WalletVerificationException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
            }
        }
    }

    // The DID token with one hex digit of its proof's s changed: still a well-formed token.
    private static String tamperedDid(String token) {
        String json = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        int at = json.indexOf("0x") + 2 + 64 + 10;
        char c = json.charAt(at);
        String changed = json.substring(0, at) + (c == '0' ? '1' : '0') + json.substring(at + 1);
        return Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, JsonNode> run(Path tmp, List<Map<String, Object>> cases) throws Exception {
        NodeScripts.Result result = NODE.run(tmp, List.of("node", "verify.mjs"), JSON.writeValueAsBytes(cases));
        assertThat(result.exit()).as(result.output() + result.errors()).isZero();
        Map<String, JsonNode> byCase = new LinkedHashMap<>();
        for (String line : result.output().strip().split("\n")) {
            JsonNode n = JSON.readTree(line);
            byCase.put(n.get("name").asText() + "|" + n.get("via").asText(), n);
        }
        return byCase;
    }

    private static Map<String, Object> base(String name, String provider, MintedToken t) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("provider", provider);
        c.put("token", t.token());
        c.put("audience", "app-id");
        return c;
    }

    private static Map<String, Object> privy(DevIssuer issuer, String name, MintedToken t) {
        Map<String, Object> c = base(name, "privy", t);
        c.put("kind", t.claims().containsKey("sid") ? "access" : "identity");
        c.put("key", issuer.verificationKey("privy"));
        c.put("jwksUri", issuer.jwksUri("privy").toString());
        return c;
    }

    private static Map<String, Object> magic(String name, MintedToken t, String attachment) {
        Map<String, Object> c = base(name, "magic", t);
        c.put("attachment", attachment);
        return c;
    }

    private static Map<String, Object> dynamic(DevIssuer issuer, String name, MintedToken t) {
        Map<String, Object> c = base(name, "dynamic", t);
        c.put("key", issuer.verificationKey("dynamic"));
        c.put("jwksUri", issuer.jwksUri("dynamic").toString());
        return c;
    }

    private static Map<String, Object> para(DevIssuer issuer, String name, MintedToken t) {
        Map<String, Object> c = base(name, "para", t);
        c.put("jwksUri", issuer.jwksUri("para").toString());
        return c;
    }
}
