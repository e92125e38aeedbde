package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node's {@code jose} (the library in every provider's sample code) accepts every profile's token, fetching keys
 * from the running dev issuer with {@code createRemoteJWKSet} (OIDC through its discovery document), and rejects
 * the broken ones with its own matching errors: the tokens are standard JWTs, not something only WalletGate reads.
 * Runs {@code src/test/node/verify.mjs} as a process; installs its pinned {@code jose} with {@code npm ci} first
 * when {@code node_modules} is missing.
 */
@WalletGateTestIssuer(audience = "jose-check")
class NodeJoseInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NodeScripts NODE = new NodeScripts("node");

    @Test
    void node_jose_accepts_every_profiles_token_and_rejects_the_broken_ones(DevIssuer issuer, @TempDir Path tmp)
            throws Exception {
        NODE.prepare(tmp, "jose", "the jose interop test verifies our tokens with Node jose");
        List<Map<String, Object>> cases = new ArrayList<>();
        cases.add(valid("web3auth 1 wallet", issuer, issuer.web3auth().mint()));
        cases.add(valid("web3auth 4 wallets ed25519", issuer, issuer.web3auth().wallets(4).curve("ed25519").mint()));
        cases.add(valid("web3auth legacy names", issuer, issuer.web3auth().wallets(2).legacyClaimNames().mint()));
        cases.add(valid("web3auth-legacy", issuer, issuer.web3authLegacy().mint()));
        cases.add(valid("web3auth-external ethereum", issuer, issuer.web3authExternal().mint()));
        cases.add(valid("web3auth-external solana", issuer, issuer.web3authExternal().solana().mint()));
        cases.add(valid("sequence-oms", issuer, issuer.sequenceOms().mint()));
        cases.add(valid("sequence-waas", issuer, issuer.sequenceWaas().mint()));
        cases.add(valid("nopwd", issuer, issuer.nopwd().mint()));
        Map<String, Object> oidc = valid("oidc via discovery", issuer, issuer.oidc().mint());
        oidc.remove("jwksUri");
        oidc.put("discovery", issuer.baseUri() + "/oidc/.well-known/openid-configuration");
        cases.add(oidc);
        cases.add(broken("expired", issuer, issuer.web3auth().expired(), "ERR_JWT_EXPIRED"));
        cases.add(broken("wrong audience", issuer, issuer.web3auth().wrongAudience(),
                "ERR_JWT_CLAIM_VALIDATION_FAILED"));
        cases.add(broken("tampered signature", issuer, issuer.web3auth().tamperedSignature(),
                "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
        cases.add(broken("alg none", issuer, issuer.web3auth().algNone(), "ERR_JOSE_ALG_NOT_ALLOWED"));
        cases.add(broken("der signature", issuer, issuer.web3auth().derSignature(),
                "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
        cases.add(broken("unknown kid", issuer, issuer.web3auth().unknownKid(), "ERR_JWKS_NO_MATCHING_KEY"));
        cases.add(broken("other key", issuer, issuer.web3auth().signedByOtherKey(),
                "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));

        NodeScripts.Result result = NODE.run(tmp, List.of("node", "verify.mjs"), JSON.writeValueAsBytes(cases));

        assertThat(result.exit()).as(result.output() + result.errors()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.output().strip().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(cases.size());
        assertThat(lines).allSatisfy(l -> assertThat(l.get("ok").asBoolean()).as(l.toString()).isTrue());
        assertThat(lines.get(0).get("kid").asText()).isEqualTo(issuer.keyIds("web3auth").get(0));
        assertThat(issuer.jwksHits("nopwd")).isPositive();
    }

    private static Map<String, Object> valid(String name, DevIssuer issuer, MintedToken t) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("token", t.token());
        c.put("jwksUri", issuer.jwksUri(t.profile()).toString());
        c.put("issuer", t.issuer());
        c.put("audience", issuer.audience());
        c.put("algorithms", List.of(issuer.profile(t.profile()).algorithms().get(0)));
        c.put("expect", "valid");
        return c;
    }

    private static Map<String, Object> broken(String name, DevIssuer issuer, TokenBuilder b, String joseCode) {
        Map<String, Object> c = valid(name, issuer, b.mint());
        c.put("expect", joseCode);
        return c;
    }
}
