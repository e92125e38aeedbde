package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.server.openapi.ApiContract;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service with the profiles of docs/architecture.md §12 (Privy and Para from the YAML file, Dynamic and Magic from
 * the environment variables), the tokens minted by the dev issuer in each provider's shape: {@code POST /v1/verify}
 * and sessions accept each provider's token with the frontend's wallet, and answer each provider's rejections with
 * 401 and the exact code. Every exchange is checked against openapi.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiContract API = ApiContract.load();
    private final HttpClient http = HttpClient.newHttpClient();
    private DevIssuer issuer;
    private ServiceProcess service;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        issuer = DevIssuer.start();
        Path config = dir.resolve("walletgate.yaml");
        Files.writeString(config, String.join("\n",
                "issuers:",
                "  - profile: privy",
                "    audience: " + issuer.audience(),
                "    publicKey: |",
                issuer.verificationKey("privy").strip().indent(6).stripTrailing(),
                "  - profile: para",
                "    audience: " + issuer.audience(),
                "    environment: beta",
                "    jwksUri: " + issuer.jwksUri("para"),
                ""));
        service = ServiceProcess.serve(dir, dir.resolve("serve.log"), Map.of(
                "WALLETGATE_DYNAMIC_ENVIRONMENT_ID", DevIssuer.DYNAMIC_ENVIRONMENT_ID,
                "WALLETGATE_DYNAMIC_ORIGIN", issuer.audience(),
                "WALLETGATE_ISSUERS_2_JWKS_URI", issuer.jwksUri("dynamic").toString(),
                "WALLETGATE_MAGIC_CLIENT_ID", issuer.audience()),
                "--config", config.toString(), "--port", "0", "--data", dir.resolve("data").toString());
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        API.check(r, body);
        return r;
    }

    private HttpResponse<String> verify(MintedToken t, String address) throws Exception {
        String body = "{\"token\":\"" + t.token() + "\"" + (address == null ? "" : ",\"address\":\"" + address + "\"")
                + "}";
        return send("POST", "/v1/verify", body);
    }

    private static void assertRejected(HttpResponse<String> r, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).get("error").get("code").asText()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"privy", "dynamic", "para", "magic"})
    void verify_answers_each_providers_identity_with_the_frontends_wallet(String profile) throws Exception {
        MintedToken t = issuer.token(profile).mint();

        HttpResponse<String> r = verify(t, t.address());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode id = JSON.readTree(r.body());
        assertThat(id.get("profile").asText()).isEqualTo(profile);
        assertThat(id.get("wallet").get("address").asText()).isEqualToIgnoringCase(t.address());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"privy", "dynamic", "para", "magic"})
    void a_session_is_created_from_each_providers_token_and_read_back(String profile) throws Exception {
        MintedToken t = issuer.token(profile).mint();
        HttpResponse<String> created = send("POST", "/v1/sessions", "{\"address\":\"" + t.address() + "\"}",
                "Authorization", "Bearer " + t.token());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("session").get("id").asText();

        HttpResponse<String> current = send("GET", "/v1/sessions/current", null, "Authorization", "Session " + id);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(current.body()).get("identity").get("profile").asText()).isEqualTo(profile);
        assertThat(send("DELETE", "/v1/sessions/current", null, "Authorization", "Session " + id).statusCode())
                .isEqualTo(204);
    }

    @Test
    void each_providers_rejections_answer_401_with_their_code() throws Exception {
        String other = issuer.privy().mint().address();
        assertRejected(verify(issuer.privy().withoutHeader("typ").mint(), null), "header_invalid");
        assertRejected(verify(issuer.privy().claim("linked_accounts", "{not json").mint(), null), "claim_invalid");
        assertRejected(verify(issuer.privy().accessToken().mint(), other), "claim_missing");
        assertRejected(verify(issuer.privy().signedByOtherKey().mint(), null), "signature_invalid");
        assertRejected(verify(issuer.dynamic().requiresAdditionalAuth().mint(), null), "claim_invalid");
        assertRejected(verify(issuer.dynamic().claim("iss", "https://app.dynamicauth.com/"
                + DevIssuer.DYNAMIC_ENVIRONMENT_ID).mint(), null), "issuer_unknown");
        assertRejected(verify(issuer.dynamic().mint(), other), "wallet_mismatch");
        assertRejected(verify(issuer.para().wrongAudience().mint(), null), "audience_mismatch");
        assertRejected(verify(issuer.para().expired().mint(), null), "token_expired");
        assertRejected(verify(issuer.magic().signedByOtherKey().mint(), null), "signature_invalid");
        assertRejected(verify(issuer.magic().tamperedSignature().mint(), null), "signature_invalid");
        assertRejected(verify(issuer.magic().mint(), other), "wallet_mismatch");
        assertRejected(verify(issuer.magic().expired().mint(), null), "token_expired");
        MintedToken magic = issuer.magic().mint();
        assertRejected(send("POST", "/v1/verify", "{\"token\":\"" + magic.token().substring(0, 40) + "\"}"),
                "token_malformed");
    }
}
