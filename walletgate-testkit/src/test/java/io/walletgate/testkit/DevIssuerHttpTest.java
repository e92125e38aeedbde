package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dev issuer as an HTTP server: what it serves, how it mints over HTTP, and how it answers bad requests. */
@WalletGateTestIssuer
class DevIssuerHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final DevIssuer issuer;

    DevIssuerHttpTest(DevIssuer issuer) {
        this.issuer = issuer;
    }

    @Test
    void listens_on_loopback_only_on_a_free_port() {
        assertThat(issuer.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(issuer.port()).isPositive();
        try (DevIssuer other = DevIssuer.start()) {
            assertThat(other.port()).isNotEqualTo(issuer.port());
        }
    }

    @Test
    void listens_on_a_chosen_port_and_says_when_it_is_taken() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (DevIssuer chosen = DevIssuer.builder().port(port).start()) {
            assertThat(chosen.port()).isEqualTo(port);
            assertThatThrownBy(() -> DevIssuer.builder().port(port).start()).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("port " + port + " on 127.0.0.1 cannot be bound");
        }
        assertThatThrownBy(() -> DevIssuer.builder().port(70000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 0 and 65535: 70000");
    }

    @Test
    void serves_each_profiles_jwks_at_the_path_the_provider_uses() throws Exception {
        for (String profile : io.walletgate.IssuerProfiles.NAMES) {
            if (profile.equals("magic")) {
                continue; // its tokens are signed by their wallets: no JWKS
            }
            HttpResponse<String> r = get(issuer.jwksUri(profile).getPath());
            JsonNode keys = JSON.readTree(r.body()).get("keys");

            assertThat(r.statusCode()).as(profile).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
            List<String> kids = new ArrayList<>();
            keys.forEach(k -> kids.add(k.get("kid").asText()));
            assertThat(kids).as(profile).isEqualTo(issuer.keyIds(profile));
            keys.forEach(k -> assertThat(k.has("d")).as("no private member").isFalse());
        }
        assertThat(get("/jwks").body()).isEqualTo(get("/.well-known/jwks.json").body());
        assertThat(issuer.jwksUri("web3auth").getPath()).isEqualTo("/jwks");
        assertThat(issuer.jwksUri("sequence-oms").toString()).isEqualTo(issuer.issuer("sequence-oms")
                + "/.well-known/jwks.json");
        assertThat(issuer.jwksUri("nopwd").getPath()).isEqualTo("/nopwd/v0/jwks");
    }

    @Test
    void jwks_carry_the_providers_key_types_and_nopwd_keys_carry_no_alg_or_use() throws Exception {
        JsonNode nopwd = JSON.readTree(get(issuer.jwksUri("nopwd").getPath()).body()).get("keys").get(0);
        JsonNode waas = JSON.readTree(get(issuer.jwksUri("sequence-waas").getPath()).body()).get("keys").get(0);
        JsonNode oidc = JSON.readTree(get(issuer.jwksUri("oidc").getPath()).body()).get("keys").get(0);
        JsonNode web3auth = JSON.readTree(get("/jwks").body()).get("keys").get(0);

        assertThat(nopwd.has("alg")).isFalse();
        assertThat(nopwd.has("use")).isFalse();
        assertThat(nopwd.get("crv").asText()).isEqualTo("P-256");
        assertThat(waas.get("kty").asText()).isEqualTo("RSA");
        assertThat(waas.get("alg").asText()).isEqualTo("RS256");
        assertThat(oidc.get("kty").asText()).isEqualTo("OKP");
        assertThat(oidc.get("crv").asText()).isEqualTo("Ed25519");
        assertThat(web3auth.get("alg").asText()).isEqualTo("ES256");
        assertThat(web3auth.get("use").asText()).isEqualTo("sig");
    }

    @Test
    void serves_an_oidc_discovery_document_naming_its_issuer_and_keys() throws Exception {
        HttpResponse<String> r = get("/oidc/.well-known/openid-configuration");
        JsonNode doc = JSON.readTree(r.body());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(doc.get("issuer").asText()).isEqualTo(issuer.issuer("oidc"));
        assertThat(doc.get("jwks_uri").asText()).isEqualTo(issuer.jwksUri("oidc").toString());
        assertThat(doc.get("id_token_signing_alg_values_supported").get(0).asText()).isEqualTo("EdDSA");
    }

    @Test
    void mints_over_http_a_token_that_verifies_with_the_key_or_address_it_returns() throws Exception {
        HttpResponse<String> r = post("/token", "{\"profile\":\"web3auth\",\"audience\":\"client-7\",\"wallets\":4,"
                + "\"curve\":\"ed25519\",\"claims\":{\"email\":\"g@example.com\"},\"removeClaims\":[\"name\"]}");
        JsonNode body = JSON.readTree(r.body());
        WalletVerifier verifier = WalletVerifier.builder().issuer(issuer.profile("web3auth", "client-7")).build();

        assertThat(r.statusCode()).isEqualTo(200);
        VerifiedIdentity id = verifier.verify(body.get("token").asText(),
                WalletProof.appPublicKey(body.get("appPublicKey").asText()));
        assertThat(id.wallet().address()).isEqualTo(body.get("address").asText());
        assertThat(id.email()).isEqualTo("g@example.com");
        assertThat(id.name()).isNull();
        assertThat(body.get("wallets")).hasSize(4);
        assertThat(r.body()).doesNotContain("privateKey");
        assertThat(body.get("kid").asText()).isEqualTo(issuer.keyIds("web3auth").get(0));
    }

    @Test
    void mints_over_http_the_default_profile_and_broken_tokens() throws Exception {
        JsonNode plain = JSON.readTree(post("/token", "").body());
        JsonNode expired = JSON.readTree(post("/token", "{\"profile\":\"web3auth-external\",\"chain\":\"solana\","
                + "\"defects\":[\"expired\"]}").body());
        WalletVerifier verifier = WalletVerifier.builder().issuer(issuer.profile("web3auth"))
                .issuer(issuer.profile("web3auth-external")).build();

        assertThat(plain.get("profile").asText()).isEqualTo("web3auth");
        assertThat(verifier.verify(plain.get("token").asText(), WalletProof.appPublicKey(plain.get("appPublicKey")
                .asText())).subject()).isEqualTo("alice@example.com");
        assertThatThrownBy(() -> verifier.verify(expired.get("token").asText(),
                WalletProof.address(expired.get("address").asText())))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code().code()).isEqualTo("token_expired"));
    }

    @Test
    void mints_every_defect_that_an_unknown_defect_error_lists() throws Exception {
        for (String defect : DevIssuer.DEFECTS.split(", ")) {
            HttpResponse<String> r = post("/token", "{\"defects\":[\"" + defect + "\"]}");
            assertThat(r.statusCode()).as("%s: %s", defect, r.body()).isEqualTo(200);
        }
    }

    @Test
    void answers_bad_requests_with_4xx_json_and_keeps_serving() throws Exception {
        assertError(get("/nope"), 404, "not_found", "nothing is served at /nope");
        assertError(post("/jwks", "{}"), 405, "request_invalid", "method POST is not allowed here; use GET");
        assertError(get("/token"), 405, "request_invalid", "method GET is not allowed here; use POST");
        assertError(post("/token", "{not json"), 400, "request_invalid", null);
        assertError(post("/token", "[1]"), 400, "request_invalid", "the body is not a JSON object: not a JSON object");
        assertError(post("/token", "{\"a\":1,\"a\":2}"), 400, "request_invalid", null);
        assertError(post("/token", "{\"profil\":\"web3auth\"}"), 400, "request_invalid", null);
        assertError(post("/token", "{\"profile\":\"auth0\"}"), 400, "request_invalid", null);
        assertError(post("/token", "{\"profile\":\"nopwd\",\"wallets\":2}"), 400, "request_invalid",
                "wallets() applies to web3auth and web3auth-legacy tokens, not nopwd");
        assertError(post("/token", "{\"wallets\":\"two\"}"), 400, "request_invalid", "'wallets' must be an integer");
        assertError(post("/token", "{\"lifetimeSeconds\":9223372036854775807}"), 400, "request_invalid", null);
        assertError(post("/token", "{\"appPublicKey\":\"02zz\"}"), 400, "request_invalid", null);
        assertError(post("/token", "{\"defects\":[\"broken\"]}"), 400, "request_invalid", "unknown defect 'broken'; "
                + "the defects are: expired, wrongAudience, tamperedSignature, derSignature, signedByOtherKey, algNone, "
                + "unknownKid");
        assertError(post("/token", "{\"profile\":\"sequence-waas\",\"defects\":[\"derSignature\"]}"), 400,
                "request_invalid", "derSignature() needs an ES256 profile; sequence-waas signs RS256");
        assertError(send(HttpRequest.newBuilder(issuer.baseUri().resolve("/token"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))), 415,
                "request_invalid", null);
        assertError(post("/token", "{\"claims\":{\"x\":\"" + "a".repeat(70_000) + "\"}}"), 413, "request_invalid",
                "the body is larger than 65536 bytes");

        assertThat(get("/jwks").statusCode()).isEqualTo(200);
    }

    @Test
    void index_lists_every_profile_with_its_issuer_and_keys() throws Exception {
        JsonNode index = JSON.readTree(get("/").body());

        assertThat(index.get("warning").asText()).startsWith("for development and tests only");
        assertThat(index.get("profiles")).hasSize(11);
        assertThat(index.get("profiles").get(3).get("issuer").asText()).isEqualTo(issuer.issuer("sequence-oms"));
        JsonNode para = index.get("profiles").get(9);
        assertThat(para.get("profile").asText()).isEqualTo("para");
        assertThat(para.get("issuer").isNull()).isTrue();
        JsonNode magic = index.get("profiles").get(10);
        assertThat(magic.get("jwksUri").isNull()).isTrue();
        assertThat(magic.get("algorithm").asText()).isEqualTo("personal_sign (secp256k1, by the token's wallet)");
    }

    @Test
    void serves_the_providers_keys_as_jwks_and_as_the_pem_their_dashboards_show() throws Exception {
        for (String profile : List.of("privy", "dynamic", "para")) {
            HttpResponse<String> jwks = get(issuer.jwksUri(profile).getPath());
            assertThat(JSON.readTree(jwks.body()).get("keys").get(0).get("kid").asText()).as(profile)
                    .isEqualTo(issuer.keyIds(profile).get(0));
            HttpResponse<String> pem = get("/" + profile + "/verification-key.pem");
            assertThat(pem.statusCode()).isEqualTo(200);
            assertThat(pem.headers().firstValue("Content-Type")).contains("application/x-pem-file");
            assertThat(pem.body()).isEqualTo(issuer.verificationKey(profile)).startsWith("-----BEGIN PUBLIC KEY-----\n");
        }
        assertThat(issuer.jwksUri("dynamic").getPath())
                .isEqualTo("/dynamic/api/v0/sdk/" + DevIssuer.DYNAMIC_ENVIRONMENT_ID + "/.well-known/jwks");
        assertError(get("/magic/verification-key.pem"), 404, "not_found", "nothing is served at /magic/verification-key.pem");
    }

    @Test
    void mints_the_providers_shapes_over_http_with_their_options() throws Exception {
        JsonNode privy = JSON.readTree(post("/token", "{\"profile\":\"privy\",\"tokenType\":\"access\"}").body());
        assertThat(privy.get("issuer").asText()).isEqualTo("privy.io");
        assertThat(privy.get("wallets")).isEmpty();
        JsonNode array = JSON.readTree(post("/token", "{\"profile\":\"privy\",\"linkedAccounts\":\"array\","
                + "\"chain\":\"solana\"}").body());
        assertThat(array.get("wallets").get(0).get("type").asText()).isEqualTo("solana");
        JsonNode dynamic = JSON.readTree(post("/token", "{\"profile\":\"dynamic\",\"requiresAdditionalAuth\":true,"
                + "\"issuerSpelling\":\"app.dynamic.xyz\"}").body());
        assertThat(dynamic.get("issuer").asText()).isEqualTo("app.dynamic.xyz/" + DevIssuer.DYNAMIC_ENVIRONMENT_ID);
        assertThat(dynamic.get("alg").asText()).isEqualTo("RS256");
        JsonNode para = JSON.readTree(post("/token", "{\"profile\":\"para\"}").body());
        assertThat(para.get("issuer").isNull()).isTrue();
        JsonNode magic = JSON.readTree(post("/token", "{\"profile\":\"magic\",\"attachment\":\"a@b.c\","
                + "\"defects\":[\"expired\"]}").body());
        assertThat(magic.get("issuer").asText()).isEqualTo("did:ethr:" + magic.get("address").asText());
        assertThat(magic.get("kid").isNull()).isTrue();

        assertError(post("/token", "{\"profile\":\"web3auth\",\"tokenType\":\"access\"}"), 400, "request_invalid",
                "accessToken() does not apply to web3auth tokens");
        assertError(post("/token", "{\"profile\":\"dynamic\",\"issuerSpelling\":\"dynamic.xyz\"}"), 400,
                "request_invalid", "issuerSpelling must be 'app.dynamicauth.com' or 'app.dynamic.xyz': dynamic.xyz");
        assertError(post("/token", "{\"profile\":\"magic\",\"defects\":[\"unknownKid\"]}"), 400,
                "request_invalid", "unknown_kid applies to JWTs, not to magic's DID token");
        assertError(post("/token", "{\"profile\":\"dynamic\",\"requiresAdditionalAuth\":\"yes\"}"), 400,
                "request_invalid", "'requiresAdditionalAuth' must be true or false");
    }

    @Test
    void usage_of_each_provider_profile_says_how_to_get_its_keys_tokens_and_verify_them() {
        String base = issuer.baseUri().toString();
        assertThat(issuer.usage("privy")).contains("FOR DEVELOPMENT AND TESTS ONLY").contains("iss      privy.io")
                .contains("key      " + base + "/privy/verification-key.pem")
                .contains("{\"profile\":\"privy\"}")
                .contains("verify   walletgate verify --profile privy --audience walletgate-dev --jwks-uri " + base
                        + "/privy/jwks.json --address <address> <token>");
        assertThat(issuer.usage("dynamic")).contains("--environment-id " + DevIssuer.DYNAMIC_ENVIRONMENT_ID)
                .contains("environmentId: " + DevIssuer.DYNAMIC_ENVIRONMENT_ID);
        assertThat(issuer.usage("para")).contains("iss      (none: para tokens carry no iss)");
        assertThat(issuer.usage("magic")).contains("iss      did:ethr:<wallet address>")
                .contains("verify   walletgate verify --profile magic --audience walletgate-dev <token>")
                .doesNotContain("jwks");
    }

    @Test
    void usage_says_loudly_it_is_for_development_and_how_to_mint_and_verify() {
        String web3auth = issuer.usage("web3auth");
        String oms = issuer.usage("sequence-oms");
        String base = issuer.baseUri().toString();

        assertThat(web3auth).contains("FOR DEVELOPMENT AND TESTS ONLY")
                .contains("curl -s -X POST " + base + "/token")
                .contains("walletgate verify --profile web3auth --audience walletgate-dev --jwks-uri " + base
                        + "/jwks --app-pub-key <appPublicKey> <token>");
        assertThat(oms).contains("walletgate verify --profile sequence-oms --audience walletgate-dev --issuer "
                + base + "/oms <token>");
    }

    @Test
    void a_closed_issuer_refuses_connections_and_closing_twice_is_harmless() {
        DevIssuer temporary = DevIssuer.start();
        URI jwks = temporary.jwksUri("web3auth");
        temporary.close();
        temporary.close();

        assertThat(temporary.isClosed()).isTrue();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(jwks).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
        assertThat(temporary.web3auth().mint().token()).isNotEmpty();
    }

    private void assertError(HttpResponse<String> r, int status, String code, String message) throws IOException {
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(error.get("code").asText()).isEqualTo(code);
        if (message != null) {
            assertThat(error.get("message").asText()).isEqualTo(message);
        } else {
            assertThat(error.get("message").asText()).isNotBlank();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(issuer.baseUri().resolve(path)).GET());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(issuer.baseUri().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
