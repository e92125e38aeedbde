package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.server.openapi.ApiContract;
import io.walletgate.server.testing.SignatureTwins;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.TokenBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API of docs/architecture.md §7 against {@code walletgate serve} as a process: every endpoint's success and
 * every error code it can return, with the exact status and body shape; bad input answers 4xx JSON, never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin-token-for-tests-0123456789";
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
                "  - profile: web3auth",
                "    audience: " + issuer.audience(),
                "    jwksUri: " + issuer.jwksUri("web3auth"),
                "  - profile: nopwd",
                "    audience: " + issuer.audience(),
                "    jwksUri: " + issuer.jwksUri("nopwd"),
                "    replayProtection: jti",
                "  - profile: sequence-oms",
                "    issuer: " + issuer.issuer("sequence-oms"),
                "    audience: " + issuer.audience(),
                "    replayProtection: hash",
                "  - profile: oidc",
                "    issuer: https://down.example.invalid",
                "    audience: api",
                "    algorithms: [" + issuer.oidcAlgorithm() + "]",
                "    jwksUri: http://127.0.0.1:9/jwks",
                "server:",
                "  adminToken: " + ADMIN,
                "  corsOrigins: [https://app.example.com]",
                ""));
        service = ServiceProcess.serve(dir, dir.resolve("serve.log"), "--config", config.toString(), "--port", "0",
                "--data", dir.resolve("data").toString());
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

    // ------------------------------------------------------------------------------------------------ helpers

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
        API.check(r, body); // every exchange conforms to openapi.json
        return r;
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode n = json(r);
        assertThat(fields(n)).containsExactly("error");
        assertThat(fields(n.get("error"))).containsExactly("code", "message");
        assertThat(n.get("error").get("code").asText()).isEqualTo(code);
        if (status == 401) {
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                    .startsWith("Bearer realm=\"walletgate\""));
        }
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private HttpResponse<String> verifyBearer(MintedToken t) throws Exception {
        return send("POST", "/v1/verify", null, "Authorization", "Bearer " + t.token());
    }

    private String session(MintedToken t) throws Exception {
        HttpResponse<String> r = send("POST", "/v1/sessions", "{\"appPubKey\":\"" + t.appPublicKey() + "\"}",
                "Authorization", "Bearer " + t.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("session").get("id").asText();
    }

    // ---------------------------------------------------------------------------------------------- /v1/verify

    @Test
    void verify_answers_the_identity_for_a_bearer_token_and_for_a_token_in_the_body() throws Exception {
        MintedToken t = issuer.web3auth().mint();
        HttpResponse<String> bearer = send("POST", "/v1/verify", "{\"appPubKey\":\"" + t.appPublicKey() + "\"}",
                "Authorization", "Bearer " + t.token());
        assertThat(bearer.statusCode()).isEqualTo(200);
        JsonNode id = json(bearer);
        assertThat(fields(id)).containsExactly("valid", "profile", "issuer", "subject", "audience", "expiresAt",
                "wallet", "wallets", "email");
        assertThat(id.get("wallet").get("publicKey").asText()).isEqualTo(t.appPublicKey());
        HttpResponse<String> inBody = send("POST", "/v1/verify", "{\"token\":\"" + t.token() + "\",\"address\":\""
                + t.address() + "\"}");
        assertThat(inBody.statusCode()).isEqualTo(200);
        assertThat(json(inBody).get("wallet").get("address").asText()).isEqualTo(t.address());
        // the external-wallet guide's frontend sends public_address
        MintedToken oms = issuer.sequenceOms().mint();
        HttpResponse<String> alias = send("POST", "/v1/verify", "{\"public_address\":\"" + oms.address() + "\"}",
                "Authorization", "Bearer " + oms.token());
        assertThat(alias.statusCode()).as(alias.body()).isEqualTo(200);
    }

    @Test
    void verify_answers_each_rejection_with_401_its_code_and_an_rfc6750_challenge() throws Exception {
        TokenBuilder w3a = issuer.web3auth();
        assertError(verifyBearer(w3a.expired().mint()), 401, "token_expired");
        assertError(verifyBearer(w3a.wrongAudience().mint()), 401, "audience_mismatch");
        assertError(verifyBearer(w3a.tamperedSignature().mint()), 401, "signature_invalid");
        assertError(verifyBearer(w3a.derSignature().mint()), 401, "signature_invalid");
        assertError(verifyBearer(w3a.algNone().mint()), 401, "alg_not_allowed");
        assertError(verifyBearer(w3a.unknownKid().mint()), 401, "key_not_found");
        assertError(verifyBearer(w3a.header("jwk", java.util.Map.of("kty", "EC")).mint()), 401, "header_invalid");
        assertError(verifyBearer(w3a.claim("iss", "https://evil.example").mint()), 401, "issuer_unknown");
        assertError(verifyBearer(w3a.notBefore(Instant.now().plusSeconds(3600)).mint()), 401, "token_not_yet_valid");
        assertError(verifyBearer(issuer.sequenceOms().withoutClaim("sub").mint()), 401, "claim_missing");
        assertError(verifyBearer(issuer.sequenceOms().claim("wallet_type", "solana").mint()), 401, "claim_invalid");
        MintedToken t = w3a.mint();
        assertError(send("POST", "/v1/verify", "{\"appPubKey\":\"0xzz\"}", "Authorization", "Bearer " + t.token()),
                401, "wallet_proof_invalid");
        assertError(send("POST", "/v1/verify", "{\"appPubKey\":\"" + w3a.mint().appPublicKey() + "\"}",
                "Authorization", "Bearer " + t.token()), 401, "wallet_mismatch");
        assertError(send("POST", "/v1/verify", null, "Authorization", "Bearer not.a.jwt"), 401, "token_malformed");
        assertError(send("POST", "/v1/verify", "{\"token\":\"" + "a".repeat(17_000) + "\"}"), 401,
                "token_too_large");
        HttpResponse<String> missing = send("POST", "/v1/verify", null);
        assertError(missing, 401, "token_missing");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"walletgate\"");
        HttpResponse<String> expired = verifyBearer(w3a.expired().mint());
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"").contains("error_description=\"token_expired: ");
    }

    @Test
    void an_issuer_whose_keys_cannot_be_fetched_answers_503_jwks_unavailable() throws Exception {
        MintedToken t = issuer.oidc().claim("iss", "https://down.example.invalid").audience("api").mint();
        HttpResponse<String> r = verifyBearer(t);
        assertError(r, 503, "jwks_unavailable");
        // the operator's details (the key URL) stay in the log and /readyz, not in the answer
        assertThat(json(r).get("error").get("message").asText())
                .isEqualTo("the keys of issuer 'oidc' cannot be fetched right now; try again later");
        assertThat(r.body()).doesNotContain("127.0.0.1:9");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void key_failures_name_neither_the_key_url_nor_the_kids_held_in_the_body_or_the_challenge() throws Exception {
        String url = issuer.jwksUri("web3auth").toString();
        String heldKid = issuer.web3auth().mint().keyId();
        for (MintedToken t : List.of(issuer.web3auth().unknownKid().mint(), issuer.web3auth().tamperedSignature()
                .mint())) {
            for (HttpResponse<String> r : List.of(verifyBearer(t), send("GET", "/v1/auth", null, "Authorization",
                    "Bearer " + t.token()))) {
                assertThat(r.statusCode()).isEqualTo(401);
                String challenge = r.headers().firstValue("WWW-Authenticate").orElseThrow();
                for (String leaked : List.of(url, "127.0.0.1", heldKid, "it holds")) {
                    assertThat(challenge).as("challenge").doesNotContain(leaked);
                    assertThat(r.body()).as("body").doesNotContain(leaked);
                }
            }
        }
        HttpResponse<String> unknown = verifyBearer(issuer.web3auth().unknownKid().mint());
        assertThat(json(unknown).at("/error/message").asText())
                .isEqualTo("no key of issuer 'web3auth' matches this token (its kid is unknown, or was retired)");
        assertThat(unknown.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error_description="
                + "\"key_not_found: no key of issuer 'web3auth' matches this token");
        // where an operator finds them instead
        JsonNode ready = json(send("GET", "/readyz", null));
        assertThat(ready.at("/issuers/web3auth/source").asText()).isEqualTo(url);
        assertThat(ready.at("/issuers/web3auth/kids").toString()).contains(heldKid);
        assertThat(ready.get("demo").asBoolean()).isFalse();
    }

    @Test
    void bad_requests_answer_4xx_json_and_never_500() throws Exception {
        MintedToken t = issuer.web3auth().mint();
        assertError(send("POST", "/v1/verify", "{\"token\":\"" + t.token() + "\"}", "Authorization",
                "Bearer " + t.token()), 400, "request_invalid");
        assertError(send("POST", "/v1/verify", "not json"), 400, "request_invalid");
        assertError(send("POST", "/v1/verify", "[1,2]"), 400, "request_invalid");
        assertError(send("POST", "/v1/verify", "{\"token\":1}"), 400, "request_invalid");
        assertError(send("POST", "/v1/verify", "{\"token\":\"a\",\"token\":\"b\"}"), 400, "request_invalid");
        assertError(send("POST", "/v1/verify", "{\"appPubKey\":\"02\",\"address\":\"0x\"}", "Authorization",
                "Bearer " + t.token()), 400, "request_invalid");
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(service.uri("/v1/verify"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        API.check(text, "x");
        assertError(text, 415, "request_invalid");
        assertError(send("POST", "/v1/verify", "{\"token\":\"" + "a".repeat(70_000) + "\"}"), 413,
                "request_invalid");
        assertError(send("GET", "/nowhere", null), 404, "request_invalid");
        assertError(send("PUT", "/v1/verify", "{}"), 405, "request_invalid");
        assertError(send("GET", "/v1/sessions/current", null, "Cookie", "walletgate_session=%00garbage;;"), 401,
                "session_invalid");
        assertError(send("GET", "/v1/sessions/current", null, "Authorization", "Session x"), 401,
                "session_invalid");
    }

    @Test
    void a_valid_token_at_the_16_kib_limit_is_accepted_as_a_bearer_header() throws Exception {
        MintedToken big = Http.atTokenLimit(issuer.web3auth().subject("ivy@example.com"));
        HttpResponse<String> auth = send("GET", "/v1/auth", null, "Authorization", "Bearer " + big.token(),
                "X-WalletGate-App-Pub-Key", big.appPublicKey());
        assertThat(auth.statusCode()).as(auth.body()).isEqualTo(200);
        assertThat(auth.headers().firstValue("X-WalletGate-Subject")).hasValue("ivy@example.com");
        HttpResponse<String> verified = verifyBearer(big);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(json(verified).get("subject").asText()).isEqualTo("ivy@example.com");
    }

    @Test
    void header_injection_and_oversized_headers_are_refused_with_json() throws Exception {
        String injected = raw("GET /v1/auth HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\rX-Evil: 1\r\n\r\n");
        assertThat(injected).startsWith("HTTP/1.1 400").contains("application/json").contains("request_invalid");
        String huge = raw("GET /v1/auth HTTP/1.1\r\nHost: x\r\nCookie: " + "a".repeat(40_000) + "\r\n\r\n");
        assertThat(huge).startsWith("HTTP/1.1 431").contains("request_invalid");
        assertThat(service.output()).doesNotContain("\tat ").doesNotContain(" ERROR ");
    }

    private String raw(String request) throws IOException {
        URI u = service.uri("/");
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
        }
    }

    // -------------------------------------------------------------------------------------------- sessions

    @Test
    void a_session_is_created_read_and_ended_by_cookie_or_authorization_header() throws Exception {
        MintedToken t = issuer.web3auth().mint();
        HttpResponse<String> created = send("POST", "/v1/sessions", "{\"appPubKey\":\"" + t.appPublicKey() + "\"}",
                "Authorization", "Bearer " + t.token());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json(created);
        String id = body.get("session").get("id").asText();
        assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(body.get("identity").get("wallet").get("address").asText()).isEqualTo(t.address());
        String cookie = created.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("walletgate_session=" + id + ";").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Secure").contains("Path=/").contains("Max-Age=86400");

        HttpResponse<String> byCookie = send("GET", "/v1/sessions/current", null, "Cookie", "walletgate_session=" + id);
        assertThat(byCookie.statusCode()).isEqualTo(200);
        assertThat(json(byCookie).get("identity").get("subject").asText()).isEqualTo(t.claims().get("userId"));
        HttpResponse<String> byHeader = send("GET", "/v1/sessions/current", null, "Authorization", "Session " + id);
        assertThat(byHeader.statusCode()).isEqualTo(200);

        HttpResponse<String> logout = send("DELETE", "/v1/sessions/current", null, "Cookie", "walletgate_session=" + id);
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertError(send("GET", "/v1/sessions/current", null, "Cookie", "walletgate_session=" + id), 401,
                "session_invalid");
        assertError(send("DELETE", "/v1/sessions/current", null, "Cookie", "walletgate_session=" + id), 401,
                "session_invalid");
        assertError(send("GET", "/v1/sessions/current", null), 401, "token_missing");
        assertError(send("POST", "/v1/sessions", null, "Authorization", "Bearer " + issuer.web3auth().expired().mint()
                .token()), 401, "token_expired");
    }

    @Test
    void a_token_of_an_issuer_with_replay_protection_creates_one_session_only() throws Exception {
        MintedToken t = issuer.nopwd().mint();
        HttpResponse<String> first = send("POST", "/v1/sessions", null, "Authorization", "Bearer " + t.token());
        assertThat(first.statusCode()).isEqualTo(201);
        assertError(send("POST", "/v1/sessions", null, "Authorization", "Bearer " + t.token()), 401, "token_replayed");
        assertError(send("POST", "/v1/sessions", null, "Authorization", "Bearer " + issuer.nopwd().withoutClaim("jti")
                .mint().token()), 401, "claim_missing");
        // verify alone is not an exchange: it stays allowed
        assertThat(verifyBearer(t).statusCode()).isEqualTo(200);
    }

    @Test
    void the_ecdsa_twin_of_a_token_used_once_is_token_replayed_in_hash_mode() throws Exception {
        // sequence-oms runs replayProtection: hash here; its tokens are ES256
        MintedToken first = issuer.sequenceOms().mint();
        String twin = SignatureTwins.twin(first.token());
        assertThat(twin).isNotEqualTo(first.token());
        assertThat(send("POST", "/v1/verify", null, "Authorization", "Bearer " + twin).statusCode())
                .as("the twin is a valid token in its own right").isEqualTo(200);
        assertThat(send("POST", "/v1/sessions", null, "Authorization", "Bearer " + first.token()).statusCode())
                .isEqualTo(201);
        assertError(send("POST", "/v1/sessions", null, "Authorization", "Bearer " + twin), 401, "token_replayed");
        assertError(send("POST", "/v1/sessions", null, "Authorization", "Bearer " + first.token()), 401,
                "token_replayed");

        MintedToken second = issuer.sequenceOms().mint(); // the twin first this time
        assertThat(send("POST", "/v1/sessions", null, "Authorization", "Bearer " + SignatureTwins.twin(second.token()))
                .statusCode()).isEqualTo(201);
        assertError(send("POST", "/v1/sessions", null, "Authorization", "Bearer " + second.token()), 401,
                "token_replayed");
        // a token the issuer signed apart is another token
        assertThat(send("POST", "/v1/sessions", null, "Authorization", "Bearer " + issuer.sequenceOms().mint().token())
                .statusCode()).isEqualTo(201);
    }

    // ---------------------------------------------------------------------------------------------- /v1/auth

    @Test
    void forward_auth_answers_identity_headers_for_a_session_or_a_bearer_token() throws Exception {
        MintedToken t = issuer.web3auth().mint();
        String id = session(t);
        HttpResponse<String> bySession = send("GET", "/v1/auth", null, "Cookie", "walletgate_session=" + id);
        assertThat(bySession.statusCode()).isEqualTo(200);
        assertThat(bySession.headers().firstValue("X-WalletGate-Subject")).hasValue((String) t.claims().get("userId"));
        assertThat(bySession.headers().firstValue("X-WalletGate-Wallet")).hasValue(t.address());
        assertThat(bySession.headers().firstValue("X-WalletGate-Issuer")).hasValue("https://api-auth.web3auth.io");
        assertThat(bySession.headers().firstValue("X-WalletGate-Email")).hasValue((String) t.claims().get("email"));

        HttpResponse<String> byBearer = send("GET", "/v1/auth", null, "Authorization", "Bearer " + t.token(),
                "X-WalletGate-App-Pub-Key", t.appPublicKey());
        assertThat(byBearer.statusCode()).isEqualTo(200);
        assertThat(byBearer.headers().firstValue("X-WalletGate-Wallet")).hasValue(t.address());

        // Envoy ext_authz (HTTP) keeps the method and appends the original path
        HttpResponse<String> envoy = send("POST", "/v1/auth/api/orders?x=1", "{}", "Cookie", "walletgate_session=" + id);
        assertThat(envoy.statusCode()).isEqualTo(200);

        assertError(send("GET", "/v1/auth", null), 401, "token_missing");
        assertError(send("GET", "/v1/auth", null, "Authorization", "Bearer " + issuer.web3auth().expired().mint()
                .token()), 401, "token_expired");
        assertError(send("GET", "/v1/auth", null, "Cookie", "walletgate_session=" + "A".repeat(43)), 401,
                "session_invalid");
        assertError(send("GET", "/v1/auth", null, "Authorization", "Bearer " + t.token(), "X-WalletGate-Address",
                "0x0000000000000000000000000000000000000001"), 401, "wallet_mismatch");
    }

    // ------------------------------------------------------------------------------------- ops and admin

    @Test
    void health_readiness_and_metrics() throws Exception {
        HttpResponse<String> health = send("GET", "/healthz", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("ok");
        HttpResponse<String> ready = send("GET", "/readyz", null);
        // the oidc issuer's keys are down on purpose: not ready, with the reason
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode r = json(ready);
        assertThat(r.get("status").asText()).isEqualTo("not ready");
        assertThat(r.get("issuers").get("oidc").get("keys").asText()).isEqualTo("unavailable");
        assertThat(r.get("issuers").get("web3auth").get("keys").asText()).isEqualTo("usable");
        assertThat(r.get("store").get("reachable").asBoolean()).isTrue();

        verifyBearer(issuer.web3auth().mint());
        verifyBearer(issuer.web3auth().expired().mint());
        String metrics = send("GET", "/metrics", null).body();
        assertThat(metrics).contains("walletgate_verifications_total{issuer=\"web3auth\",outcome=\"valid\"}")
                .contains("walletgate_verifications_total{issuer=\"web3auth\",outcome=\"token_expired\"}")
                .contains("walletgate_verification_seconds_bucket")
                .contains("walletgate_http_requests_seconds_count{method=\"POST\",route=\"/v1/verify\"")
                .contains("walletgate_keys_usable{issuer=\"web3auth\"} 1.0")
                .contains("walletgate_keys_usable{issuer=\"oidc\"} 0.0")
                .contains("walletgate_sessions_active");
    }

    @Test
    void the_admin_endpoint_revokes_by_wallet_or_subject_behind_its_token() throws Exception {
        MintedToken t = issuer.web3auth().mint();
        String id = session(t);
        assertError(send("POST", "/v1/admin/sessions/revoke", "{\"wallet\":\"" + t.address() + "\"}"), 401,
                "token_missing");
        assertError(send("POST", "/v1/admin/sessions/revoke", "{\"wallet\":\"" + t.address() + "\"}",
                "Authorization", "Bearer wrong-token-wrong-token"), 401, "admin_token_invalid");
        assertError(send("POST", "/v1/admin/sessions/revoke", "{}", "Authorization", "Bearer " + ADMIN), 400,
                "request_invalid");
        // a typo is not "nothing to revoke"
        HttpResponse<String> typo = send("POST", "/v1/admin/sessions/revoke", "{\"wallet\":\"" + t.address()
                .substring(0, 41) + "\"}", "Authorization", "Bearer " + ADMIN);
        assertError(typo, 400, "request_invalid");
        assertThat(json(typo).at("/error/message").asText()).startsWith("'wallet' is not a wallet address: ");
        HttpResponse<String> unknownIssuer = send("POST", "/v1/admin/sessions/revoke",
                "{\"subject\":\"bob@example.com\",\"issuer\":\"web3oauth\"}", "Authorization", "Bearer " + ADMIN);
        assertError(unknownIssuer, 400, "request_invalid");
        assertThat(json(unknownIssuer).at("/error/message").asText())
                .isEqualTo("'issuer' is 'web3oauth', not a configured issuer (configured: web3auth, nopwd, sequence-oms,"
                        + " oidc)");
        assertThat(send("GET", "/v1/auth", null, "Cookie", "walletgate_session=" + id).statusCode())
                .as("nothing was revoked by the refusals").isEqualTo(200);
        HttpResponse<String> revoked = send("POST", "/v1/admin/sessions/revoke", "{\"wallet\":\""
                + t.address().toLowerCase() + "\"}", "Authorization", "Bearer " + ADMIN);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("revoked").asInt()).isEqualTo(1);
        assertError(send("GET", "/v1/auth", null, "Cookie", "walletgate_session=" + id), 401, "session_invalid");

        MintedToken other = issuer.web3auth().subject("bob@example.com").mint();
        session(other);
        session(issuer.web3auth().subject("bob@example.com").mint());
        HttpResponse<String> bySubject = send("POST", "/v1/admin/sessions/revoke",
                "{\"subject\":\"bob@example.com\",\"issuer\":\"web3auth\"}", "Authorization", "Bearer " + ADMIN);
        assertThat(json(bySubject).get("revoked").asInt()).isEqualTo(2);
    }

    @Test
    void cors_allows_only_the_configured_frontend_origins() throws Exception {
        HttpResponse<String> allowed = send("OPTIONS", "/v1/sessions", null, "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        HttpResponse<String> other = send("OPTIONS", "/v1/sessions", null, "Origin", "https://evil.example.com",
                "Access-Control-Request-Method", "POST");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void access_logs_never_contain_a_token_or_a_session_id() throws Exception {
        long before = accessLines();
        MintedToken t = issuer.web3auth().mint();
        String id = session(t);
        send("GET", "/v1/auth", null, "Cookie", "walletgate_session=" + id);
        send("GET", "/v1/auth?token=" + t.token().substring(0, 40), null);
        // a token put in the path (Envoy's ext_authz appends the original path): the log has the route, not the path
        HttpResponse<String> inPath = send("GET", "/v1/auth/" + t.token(), null, "Authorization", "Bearer "
                + t.token());
        assertThat(inPath.statusCode()).isEqualTo(200);
        send("GET", "/nowhere/" + t.token(), null);
        // the access log's writer thread writes in batches: wait for this test's five lines
        service.awaitLine(l -> accessLines() >= before + 5, Duration.ofSeconds(10));
        String logs = service.output();
        assertThat(logs).contains("\"route\":\"/v1/auth\"").contains("\"route\":\"/v1/auth/<path>\"")
                .contains("\"route\":\"unmatched\"").doesNotContain("\"path\"")
                .doesNotContain(t.token()).doesNotContain(id)
                .doesNotContain(t.token().substring(0, 40)).doesNotContain(t.token().split("\\.")[1])
                .doesNotContain("walletgate_session=");
    }

    private long accessLines() {
        return service.stdout().stream().filter(l -> l.contains(" INFO access - {")).count();
    }
}
