package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.TokenBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} stays under 300 lines whatever the traffic (issue 20; docs/metrics.md): {@code walletgate serve} as
 * a process with five issuers, sign-in with a wallet signature and the web page on, then the widest traffic this test
 * can make over real HTTP: every route with every method and some no server knows, random paths, malformed and
 * oversized requests, every verification error code the issuers can be made to answer, sessions, sign-in nonces and
 * refusals, the admin endpoint with and without its token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsBoundIT {
    private static final String ADMIN = "metrics-bound-admin-token-0123456789";
    private static final int MAX_LINES = 300;
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "BREW", "PROPFIND", "M-SEARCH", "X");
    private static final List<String> PATHS = List.of("/v1/verify", "/v1/sessions", "/v1/sessions/current",
            "/v1/auth", "/v1/auth/some/original/path", "/healthz", "/readyz", "/metrics", "/openapi.json",
            "/v1/admin/sessions/revoke", "/v1/siwe/nonce", "/v1/siwe/sessions", "/v1/siws/nonce", "/v1/siws/sessions",
            "/", "/ui", "/ui/keys", "/ui/app.js", "/ui/app.css", "/ui/favicon.svg", "/ui/api/access",
            "/ui/api/inspect", "/ui/api/keys");
    private final Random random = new Random(20);
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
                "    name: down",
                "    issuer: https://down.example.invalid",
                "    audience: api",
                "    algorithms: [" + issuer.oidcAlgorithm() + "]",
                "    jwksUri: http://127.0.0.1:9/jwks",
                "  - profile: oidc",
                "    issuer: " + issuer.issuer("oidc"),
                "    audience: " + issuer.audience(),
                "    algorithms: [" + issuer.oidcAlgorithm() + "]",
                "    jwksUri: " + issuer.jwksUri("oidc"),
                "sessions: {cookieSecure: false}",
                "server:",
                "  adminToken: " + ADMIN,
                "  corsOrigins: [https://app.example.com]",
                "signIn:",
                "  ethereum:",
                "    domains: [localhost]",
                "    uris: [http://localhost]",
                "    chains: {1: ~}",
                "  solana:",
                "    domains: [localhost]",
                "    uris: [http://localhost]",
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

    @Test
    void metrics_stay_under_300_lines_after_the_widest_traffic() throws IOException {
        Set<Integer> statuses = new TreeSet<>();
        for (int round = 0; round < 2; round++) {
            for (String path : PATHS) {
                for (String method : METHODS) {
                    statuses.add(exchange(method, path, "{}", "Content-Type: application/json"));
                    statuses.add(exchange(method, path + "?x=" + random.nextInt(), "not json",
                            "Content-Type: text/plain"));
                }
            }
            for (int i = 0; i < 50; i++) {
                statuses.add(exchange(METHODS.get(i % METHODS.size()), "/" + Long.toHexString(random.nextLong())
                        + "/" + i, null));
            }
            statuses.add(exchange("POST", "/v1/verify", "x".repeat(2 << 20), "Content-Type: application/json"));
            statuses.add(exchange("GET", "/v1/auth", null, "X-Big: " + "y".repeat(40_000)));
            statuses.add(exchange("GET", "/v1/auth", null, "Origin: https://app.example.com"));
            statuses.add(exchange("OPTIONS", "/v1/verify", null, "Origin: https://app.example.com",
                    "Access-Control-Request-Method: POST"));
            verifications(statuses);
            sessionsAndAdmin(statuses);
            signIns(statuses);
        }
        // the traffic did reach the codes the service answers, not only 404s
        assertThat(statuses).contains(200, 201, 204, 400, 401, 404, 405, 413, 415, 431, 503);
        String metrics = new String(get("/metrics"), StandardCharsets.UTF_8);
        List<String> lines = metrics.lines().toList();
        assertThat(metrics).contains("walletgate_verifications_total{issuer=\"down\",outcome=\"jwks_unavailable\"}")
                .contains("walletgate_verifications_total{issuer=\"unknown\",outcome=\"issuer_unknown\"}")
                .contains("walletgate_signins_total{kind=\"siwe\"").contains("walletgate_signin_nonces_total")
                .contains("walletgate_http_requests_seconds_count{method=\"other\"")
                .contains("walletgate_verification_seconds_bucket{issuer=\"web3auth\",le=\"0.001\"}");
        System.out.printf("MetricsBoundIT: /metrics has %d lines after the widest traffic%n", lines.size());
        assertThat(lines).as(metrics).hasSizeLessThan(MAX_LINES);
    }

    private void verifications(Set<Integer> statuses) throws IOException {
        List<MintedToken> tokens = new ArrayList<>();
        for (TokenBuilder b : List.of(issuer.web3auth(), issuer.nopwd(), issuer.sequenceOms(), issuer.oidc())) {
            tokens.add(b.mint());
            tokens.add(b.expired().mint());
            tokens.add(b.wrongAudience().mint());
            tokens.add(b.tamperedSignature().mint());
            tokens.add(b.algNone().mint());
            tokens.add(b.unknownKid().mint());
            tokens.add(b.claim("iss", "https://evil.example").mint());
            tokens.add(b.notBefore(Instant.now().plusSeconds(3600)).mint());
            tokens.add(b.withoutClaim("sub").mint());
            tokens.add(b.header("jwk", java.util.Map.of("kty", "EC")).mint());
        }
        tokens.add(issuer.oidc().claim("iss", "https://down.example.invalid").audience("api").mint());
        tokens.add(issuer.sequenceOms().claim("wallet_type", "solana").mint());
        for (MintedToken t : tokens) {
            statuses.add(exchange("POST", "/v1/verify", null, "Authorization: Bearer " + t.token()));
            statuses.add(exchange("POST", "/v1/verify", "{\"token\":\"" + t.token() + "\",\"appPubKey\":\"02"
                    + "11".repeat(32) + "\"}", "Content-Type: application/json"));
            statuses.add(exchange("GET", "/v1/auth", null, "Authorization: Bearer " + t.token()));
        }
        statuses.add(exchange("POST", "/v1/verify", null, "Authorization: Bearer not.a.token"));
        statuses.add(exchange("POST", "/v1/verify", null, "Authorization: Basic Zm9vOmJhcg=="));
    }

    private void sessionsAndAdmin(Set<Integer> statuses) throws IOException {
        MintedToken t = issuer.web3auth().mint();
        String created = exchangeText("POST", "/v1/sessions", "{\"appPubKey\":\"" + t.appPublicKey() + "\"}",
                "Content-Type: application/json", "Authorization: Bearer " + t.token());
        statuses.add(status(created));
        String id = cookie(created);
        for (String method : List.of("GET", "POST", "HEAD", "DELETE")) {
            statuses.add(exchange(method, "/v1/auth/app", null, "Cookie: walletgate_session=" + id));
        }
        statuses.add(exchange("GET", "/v1/sessions/current", null, "Cookie: walletgate_session=" + id));
        statuses.add(exchange("GET", "/v1/sessions/current", null, "Cookie: walletgate_session=forged"));
        statuses.add(exchange("POST", "/v1/admin/sessions/revoke", "{\"wallet\":\"" + t.address() + "\"}",
                "Content-Type: application/json"));
        statuses.add(exchange("POST", "/v1/admin/sessions/revoke", "{\"wallet\":\"" + t.address() + "\"}",
                "Content-Type: application/json", "Authorization: Bearer wrong-token-wrong-token"));
        statuses.add(exchange("POST", "/v1/admin/sessions/revoke", "{\"wallet\":\"" + t.address() + "\"}",
                "Content-Type: application/json", "Authorization: Bearer " + ADMIN));
        statuses.add(exchange("POST", "/v1/admin/sessions/revoke", "{}", "Content-Type: application/json",
                "Authorization: Bearer " + ADMIN));
        MintedToken other = issuer.web3auth().subject("bob@example.com").mint();
        String second = exchangeText("POST", "/v1/sessions", "{\"appPubKey\":\"" + other.appPublicKey() + "\"}",
                "Content-Type: application/json", "Authorization: Bearer " + other.token());
        statuses.add(exchange("DELETE", "/v1/sessions/current", null, "Cookie: walletgate_session=" + cookie(second)));
    }

    private void signIns(Set<Integer> statuses) throws IOException {
        for (String kind : List.of("siwe", "siws")) {
            for (int i = 0; i < 5; i++) {
                statuses.add(exchange("POST", "/v1/" + kind + "/nonce", null));
            }
            statuses.add(exchange("POST", "/v1/" + kind + "/sessions", "{\"message\":\"hello\",\"signature\":\"0x00\"}",
                    "Content-Type: application/json"));
            statuses.add(exchange("POST", "/v1/" + kind + "/sessions", "[1,2]", "Content-Type: application/json"));
        }
    }

    private static String cookie(String response) {
        return response.replaceAll("(?s).*walletgate_session=([^;\\s]+).*", "$1");
    }

    private byte[] get(String path) throws IOException {
        String r = exchangeText("GET", path, null);
        assertThat(status(r)).as(r.substring(0, Math.min(200, r.length()))).isEqualTo(200);
        return r.substring(r.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
    }

    private int exchange(String method, String target, String body, String... headers) throws IOException {
        return status(exchangeText(method, target, body, headers));
    }

    private static int status(String response) {
        return response.length() < 12 ? 0 : Integer.parseInt(response.substring(9, 12));
    }

    // One request on its own connection, written as is (any method, any header), the whole answer read.
    private String exchangeText(String method, String target, String body, String... headers) throws IOException {
        try (Socket s = new Socket(service.base().getHost(), service.port())) {
            s.setSoTimeout(15_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\nContent-Length: " + content.length + "\r\n");
            for (String h : headers) {
                head.append(h).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(content);
                out.flush();
            } catch (IOException e) {
                // the service may answer (413) and close before an oversized body is written
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                in.transferTo(answer);
            } catch (IOException e) {
                // a reset after the answer: what was read is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
