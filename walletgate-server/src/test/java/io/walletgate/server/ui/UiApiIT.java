package io.walletgate.server.ui;

import static io.walletgate.server.ui.UiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.ErrorCode;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page's JSON API and files over plain HTTP, against {@code walletgate serve} as a process on a loopback
 * bind with a testkit issuer: the inspector's report for valid and rejected tokens, key health across a rotation,
 * the admin token for requests that did not come straight from this machine, the security headers, and no token in
 * the logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiApiIT {
    private final List<String> inspected = new ArrayList<>();
    private int requests;
    private DevIssuer issuer;
    private UiServer server;
    private UiHttp http;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        issuer = DevIssuer.start();
        server = UiServer.start(dir, issuer, "adminToken: " + UiServer.ADMIN);
        http = new UiHttp(server);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    private JsonNode inspect(String token, String... proof) throws Exception {
        inspected.add(token);
        String[] members = new String[2 + proof.length];
        members[0] = "token";
        members[1] = token;
        System.arraycopy(proof, 0, members, 2, proof.length);
        HttpResponse<String> r = http.inspect(members);
        requests++;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        return json(r);
    }

    private static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static void assertRejected(JsonNode report, ErrorCode code, String failedStage) {
        assertThat(report.at("/result/valid").asBoolean()).isFalse();
        assertThat(report.at("/result/error/code").asText()).isEqualTo(code.code());
        assertThat(report.at("/result/error/meaning").asText()).isEqualTo(code.meaning());
        assertThat(report.at("/result/error/message").asText()).isNotBlank();
        List<String> states = new ArrayList<>();
        report.get("stages").forEach(s -> states.add(s.get("name").asText() + "=" + s.get("state").asText()));
        int failed = TokenInspector.STAGES.indexOf(failedStage);
        for (int i = 0; i < TokenInspector.STAGES.size(); i++) {
            String expected = i < failed ? "passed" : i == failed ? "failed" : "not reached";
            assertThat(states.get(i)).isEqualTo(TokenInspector.STAGES.get(i) + "=" + expected);
        }
    }

    @Test
    void the_page_is_served_at_the_root_ui_and_ui_keys_with_a_strict_content_security_policy() throws Exception {
        for (String path : List.of("/", "/ui", "/ui/keys")) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(type(r)).isEqualTo("text/html;charset=utf-8");
            assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(UiRoutes.CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.body()).contains("<main", "<script src=\"/ui/app.js\" defer></script>");
        }
        assertThat(UiRoutes.CSP).startsWith("default-src 'self'").contains("script-src 'self';")
                .doesNotContain("unsafe");
        assertThat(type(http.get("/ui/app.js"))).isEqualTo("text/javascript;charset=utf-8");
        assertThat(type(http.get("/ui/app.css"))).isEqualTo("text/css;charset=utf-8");
        assertThat(http.get("/ui/favicon.svg").statusCode()).isEqualTo(200);
        HttpResponse<String> missing = http.get("/ui/nothing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).at("/error/code").asText()).isEqualTo("request_invalid");
        assertThat(server.output()).contains("web page (token inspector, key health): " + server.uri("/"));
    }

    @Test
    void a_valid_token_is_reported_with_its_identity_key_wallets_and_time_window() throws Exception {
        MintedToken login = issuer.web3auth().wallets(2).mint();
        JsonNode r = inspect(login.token(), "appPubKey", login.appPublicKey());

        assertThat(r.at("/result/valid").asBoolean()).isTrue();
        assertThat(r.at("/result/identity/wallet/address").asText()).isEqualTo(login.address());
        assertThat(r.at("/result/identity/issuerName").asText()).isEqualTo("web3auth");
        // inspecting verifies with a verifier of its own over the service's keys: no verification metric counts it
        assertThat(http.get("/metrics").body()).doesNotContain("walletgate_verifications_total{");
        r.get("stages").forEach(s -> assertThat(s.get("state").asText()).isEqualTo("passed"));
        assertThat(r.at("/issuer/configured").asBoolean()).isTrue();
        assertThat(r.at("/issuer/profile").asText()).isEqualTo("web3auth");
        assertThat(r.at("/issuer/keySource").asText()).isEqualTo(issuer.jwksUri("web3auth").toString());
        assertThat(r.at("/key/kid").asText()).isEqualTo(login.keyId());
        assertThat(r.at("/key/used").asBoolean()).isTrue();
        assertThat(r.at("/key/held").asBoolean()).isTrue();
        assertThat(r.at("/key/thumbprint").asText()).hasSize(43);
        assertThat(r.at("/proof/kind").asText()).isEqualTo("appPublicKey");
        assertThat(r.at("/proof/matched").asBoolean()).isTrue();
        assertThat(r.at("/wallets/derived").asBoolean()).isTrue();
        assertThat(r.at("/wallets/entries")).hasSize(2);
        List<String> proven = new ArrayList<>();
        r.at("/wallets/entries").forEach(w -> {
            assertThat(w.get("address").asText()).isNotBlank();
            if (w.get("proven").asBoolean()) {
                proven.add(w.get("address").asText());
            }
        });
        assertThat(proven).containsExactly(login.address());
        assertThat(r.at("/time/exp").asLong()).isEqualTo(login.expiresAt().getEpochSecond());
        assertThat(r.at("/time/iat").asLong()).isEqualTo(login.issuedAt().getEpochSecond());
        assertThat(r.at("/time/skewSeconds").asLong()).isEqualTo(60);
        assertThat(r.at("/time/now").asLong()).isBetween(login.issuedAt().getEpochSecond() - 5,
                login.expiresAt().getEpochSecond());
        assertThat(r.at("/decoded/header/kid").asText()).isEqualTo(login.keyId());
        assertThat(r.at("/decoded/claims/aud").toString()).contains(issuer.audience());
    }

    @Test
    void each_rejection_is_reported_with_its_code_meaning_message_and_the_stage_that_failed() throws Exception {
        assertRejected(inspect(issuer.web3auth().expired().mint().token()), ErrorCode.TOKEN_EXPIRED, "claims");
        assertRejected(inspect(issuer.web3auth().wrongAudience().mint().token()), ErrorCode.AUDIENCE_MISMATCH,
                "claims");
        assertRejected(inspect(issuer.web3auth().tamperedSignature().mint().token()), ErrorCode.SIGNATURE_INVALID,
                "signature");

        JsonNode unknownKid = inspect(issuer.web3auth().unknownKid().mint().token());
        assertRejected(unknownKid, ErrorCode.KEY_NOT_FOUND, "keys");
        assertThat(unknownKid.at("/key/held").asBoolean()).isFalse();
        assertThat(unknownKid.at("/key/source").asText()).isEqualTo(issuer.jwksUri("web3auth").toString());
        assertThat(unknownKid.at("/key/heldKids").toString()).contains(issuer.keyIds("web3auth").get(0));

        JsonNode foreign = inspect(issuer.oidc().mint().token());
        assertRejected(foreign, ErrorCode.ISSUER_UNKNOWN, "issuer");
        assertThat(foreign.at("/issuer/configured").asBoolean()).isFalse();

        JsonNode garbage = inspect("not.a-token");
        assertRejected(garbage, ErrorCode.TOKEN_MALFORMED, "decode");
        assertThat(garbage.get("decoded").isNull()).isTrue();

        // The proof fails, the rest passed: the token's wallets are shown derived, none of them proven.
        MintedToken login = issuer.web3auth().mint();
        MintedToken other = issuer.web3auth().mint();
        JsonNode mismatch = inspect(login.token(), "appPubKey", other.appPublicKey());
        assertRejected(mismatch, ErrorCode.WALLET_MISMATCH, "wallet");
        assertThat(mismatch.at("/wallets/derived").asBoolean()).isTrue();
        assertThat(mismatch.at("/wallets/entries/0/address").asText()).isEqualTo(login.address());
        assertThat(mismatch.at("/wallets/entries/0/proven").asBoolean()).isFalse();
    }

    @Test
    void malformed_requests_are_answered_4xx_json_and_never_echo_the_body() throws Exception {
        MintedToken login = issuer.web3auth().mint();
        inspected.add(login.token());
        assertThat(json(http.inspect(new String[] {"appPubKey", "02ab"})).at("/error/code").asText())
                .isEqualTo("request_invalid");
        HttpResponse<String> both = http.inspect(new String[] {"token", login.token(), "appPubKey",
            login.appPublicKey(), "address", login.address()});
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).doesNotContain(login.token());
        HttpResponse<String> notJson = http.send("POST", "/ui/api/inspect", "token=" + login.token(), "text/plain");
        assertThat(notJson.statusCode()).isEqualTo(415);
        HttpResponse<String> broken = http.send("POST", "/ui/api/inspect", "{\"token\":\"" + login.token() + "\"",
                "application/json");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).doesNotContain(login.token());
        HttpResponse<String> duplicate = http.send("POST", "/ui/api/inspect", "{\"token\":\"a\",\"token\":\"b\"}",
                "application/json");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(http.send("POST", "/ui/api/inspect", "{\"token\":7}", "application/json").statusCode())
                .isEqualTo(400);
        assertThat(http.get("/ui/api/inspect").statusCode()).isEqualTo(405);
    }

    @Test
    void key_health_reports_each_issuer_and_shows_a_rotation_after_the_unknown_kid_refetch() throws Exception {
        JsonNode before = json(http.get("/ui/api/keys"));
        assertThat(before.get("issuers")).extracting(i -> i.get("name").asText()).containsExactly("web3auth", "nopwd");
        JsonNode w3a = before.at("/issuers/0");
        assertThat(w3a.get("source").asText()).isEqualTo(issuer.jwksUri("web3auth").toString());
        assertThat(w3a.get("state").asText()).isEqualTo("fresh");
        assertThat(w3a.get("stale").asBoolean()).isFalse();
        assertThat(w3a.at("/lastFetch/outcome").asText()).isEqualTo("ok");
        assertThat(w3a.get("keys").toString()).contains(issuer.keyIds("web3auth").get(0));
        assertThat(w3a.at("/keys/0/thumbprint").asText()).hasSize(43);
        assertThat(w3a.at("/keys/0/ageSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(w3a.at("/history/0/change").asText()).isEqualTo("added");

        String newKid = issuer.rotateKeys("web3auth");
        MintedToken rotated = issuer.web3auth().mint();
        assertThat(rotated.keyId()).isEqualTo(newKid);
        JsonNode r = inspect(rotated.token(), "appPubKey", rotated.appPublicKey());
        assertThat(r.at("/result/valid").asBoolean()).as(r.toString()).isTrue();
        assertThat(r.at("/key/kid").asText()).isEqualTo(newKid);

        JsonNode after = json(http.get("/ui/api/keys")).at("/issuers/0");
        assertThat(after.get("keys")).extracting(k -> k.get("kid").asText()).contains(newKid);
        JsonNode last = after.get("history").get(after.get("history").size() - 1);
        assertThat(last.get("change").asText()).isEqualTo("added");
        assertThat(last.get("kid").asText()).isEqualTo(newKid);
        assertThat(after.get("fetches").asLong()).isGreaterThan(w3a.get("fetches").asLong());
    }

    @Test
    void a_request_through_a_proxy_or_naming_another_host_needs_the_admin_token() throws Exception {
        assertThat(json(http.get("/ui/api/access")).get("adminTokenRequired").asBoolean()).isFalse();
        assertThat(json(http.get("/ui/api/access")).get("demo").isNull()).as("not the demo mode").isTrue();
        assertThat(json(http.get("/ui/api/access", "X-Forwarded-For", "203.0.113.9"))
                .get("adminTokenRequired").asBoolean()).isTrue();
        HttpResponse<String> proxied = http.get("/ui/api/keys", "X-Forwarded-For", "203.0.113.9");
        assertThat(proxied.statusCode()).isEqualTo(401);
        assertThat(json(proxied).at("/error/code").asText()).isEqualTo("token_missing");
        assertThat(proxied.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"walletgate\"");
        assertThat(http.get("/ui/api/keys", "Forwarded", "for=203.0.113.9", "Authorization", "Bearer wrong-token")
                .statusCode()).isEqualTo(401);
        assertThat(http.get("/ui/api/keys", "X-Forwarded-For", "203.0.113.9", "Authorization",
                "Bearer " + UiServer.ADMIN).statusCode()).isEqualTo(200);

        // DNS rebinding: a page of another site, resolved to 127.0.0.1, names its own host.
        assertThat(http.rawGet("/ui/api/keys", "rebind.example:" + server.uri("/").getPort()))
                .startsWith("HTTP/1.1 401").contains("token_missing");
        assertThat(http.rawGet("/ui/api/keys", "localhost:" + server.uri("/").getPort())).startsWith("HTTP/1.1 200");
        assertThat(http.rawGet("/", "rebind.example")).startsWith("HTTP/1.1 200"); // the page itself holds nothing
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void no_inspected_token_appears_in_the_logs() throws Exception {
        MintedToken login = issuer.web3auth().mint();
        inspect(login.token(), "appPubKey", login.appPublicKey());
        // the access log line of the last request may still be on its way to the output reader
        String logs = server.awaitOutput(out -> count(out, "\"route\":\"/ui/api/inspect\"") >= requests,
                Duration.ofSeconds(5));
        assertThat(logs).contains("/ui/api/inspect");
        assertThat(inspected).hasSizeGreaterThan(5);
        for (String token : inspected) {
            String[] parts = token.split("\\.");
            assertThat(logs).doesNotContain(token);
            for (String part : parts) {
                if (part.length() > 8) {
                    assertThat(logs).doesNotContain(part);
                }
            }
        }
        assertThat(logs).doesNotContain(login.appPublicKey()).doesNotContain(UiServer.ADMIN);
    }
}
