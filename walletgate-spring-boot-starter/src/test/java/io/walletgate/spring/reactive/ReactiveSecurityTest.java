package io.walletgate.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.spring.NimbusIssuer;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.DevIssuerExtension;
import io.walletgate.testkit.MintedToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The WebFlux integration in a real application: Netty on a free port, the testkit's issuer and an independent one
 * (Nimbus keys on the JDK's HTTP server) serving keys, real HTTP requests through {@link WebTestClient}. Every
 * rejection is answered as the servlet side answers it: status, {@code WWW-Authenticate} with the realm and code, the
 * JSON body with the exact code; and no answer starts a session.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class ReactiveSecurityTest {
    static final String CLIENT_ID = "my-client-id";
    static final NimbusIssuer NIMBUS = NimbusIssuer.start();
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final DevIssuerExtension ISSUERS = new DevIssuerExtension();

    @DynamicPropertySource
    static void walletgate(DynamicPropertyRegistry registry) {
        registry.add("walletgate.issuers[0].profile", () -> "web3auth");
        registry.add("walletgate.issuers[0].audience", () -> CLIENT_ID);
        registry.add("walletgate.issuers[0].jwks-uri", () -> ISSUERS.issuer().jwksUri("web3auth").toString());
        registry.add("walletgate.issuers[1].profile", () -> "oidc");
        registry.add("walletgate.issuers[1].name", () -> "nimbus");
        registry.add("walletgate.issuers[1].issuer", () -> NimbusIssuer.ISSUER);
        registry.add("walletgate.issuers[1].audience", () -> "api");
        registry.add("walletgate.issuers[1].algorithms", () -> "ES256");
        registry.add("walletgate.issuers[1].jwks-uri", () -> NIMBUS.jwksUri().toString());
        registry.add("walletgate.issuers[2].profile", () -> "oidc");
        registry.add("walletgate.issuers[2].name", () -> "down");
        registry.add("walletgate.issuers[2].issuer", () -> DOWN_ISSUER);
        registry.add("walletgate.issuers[2].audience", () -> "api");
        registry.add("walletgate.issuers[2].algorithms", () -> "ES256");
        registry.add("walletgate.issuers[2].jwks-uri", () -> "http://127.0.0.1:" + deadPort() + "/jwks");
    }

    static final String DOWN_ISSUER = "https://down.example.com";

    @AfterAll
    static void stop() {
        NIMBUS.close();
    }

    @LocalServerPort
    int port;

    WebTestClient client;
    DevIssuer issuer;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        issuer = ISSUERS.issuer();
    }

    private MintedToken login() {
        return issuer.web3auth().audience(CLIENT_ID).claim("userId", "ada@example.com").mint();
    }

    private EntityExchangeResult<byte[]> get(String path, String... headers) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(path);
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.exchange().expectBody().returnResult();
    }

    private EntityExchangeResult<byte[]> me(String token, String... proofHeader) {
        String[] headers = new String[2 + proofHeader.length];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        System.arraycopy(proofHeader, 0, headers, 2, proofHeader.length);
        return get("/api/me", headers);
    }

    @Test
    void answers_the_proven_wallet_of_a_testkit_login() {
        MintedToken login = login();

        EntityExchangeResult<byte[]> r = me(login.token(), "X-WalletGate-App-Pub-Key", login.appPublicKey());

        assertThat(r.getStatus().value()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("address").asText()).isEqualTo(login.address());
        assertThat(body.get("subject").asText()).isEqualTo("ada@example.com");
        assertThat(body.get("authorities")).extracting(JsonNode::asText).containsExactly(
                "FACTOR_BEARER", "WALLET_ISSUER_web3auth", "WALLET_PROFILE_web3auth", "WALLET_PROVEN");
        assertThat(r.getResponseHeaders().get("Set-Cookie")).isNull();
    }

    @Test
    void accepts_the_wallet_address_as_proof() {
        MintedToken login = login();

        EntityExchangeResult<byte[]> r = me(login.token(), "X-WalletGate-Address", login.address().toLowerCase());

        assertThat(r.getStatus().value()).isEqualTo(200);
        assertThat(json(r).get("address").asText()).isEqualTo(login.address());
    }

    @Test
    void accepts_a_token_minted_by_nimbus_for_an_oidc_issuer() {
        EntityExchangeResult<byte[]> r = me(NIMBUS.mint("api", "grace"));

        assertThat(r.getStatus().value()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("subject").asText()).isEqualTo("grace");
        assertThat(body.get("issuer").asText()).isEqualTo(NimbusIssuer.ISSUER);
        assertThat(body.get("address").isNull()).isTrue();
        assertThat(body.get("authorities")).extracting(JsonNode::asText).containsExactly(
                "FACTOR_BEARER", "WALLET_ISSUER_nimbus", "WALLET_PROFILE_oidc");
    }

    @Test
    void a_post_with_a_bearer_token_needs_no_csrf_token() {
        EntityExchangeResult<byte[]> r = client.post().uri("/api/me").header("Authorization", "Bearer "
                + login().token()).exchange().expectBody().returnResult();

        assertThat(r.getStatus().value()).isEqualTo(200);
        assertThat(json(r).get("updated").asText()).isEqualTo("ada@example.com");
    }

    @Test
    void rejects_a_request_without_token_with_token_missing() {
        EntityExchangeResult<byte[]> r = get("/api/me");

        assertThat(r.getStatus().value()).isEqualTo(401);
        assertThat(r.getResponseHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer realm=\"walletgate\"");
        assertError(r, "token_missing", "no bearer ID token was given (Authorization: Bearer <ID token>)");
    }

    @Test
    void rejects_a_post_without_token_or_cookie_with_token_missing_not_csrf() {
        EntityExchangeResult<byte[]> r = client.post().uri("/api/me").exchange().expectBody().returnResult();

        assertThat(r.getStatus().value()).isEqualTo(401);
        assertError(r, "token_missing", "no bearer ID token was given");
    }

    @Test
    void a_post_with_a_cookie_and_no_token_meets_csrf_protection() {
        EntityExchangeResult<byte[]> r = client.post().uri("/api/me").header("Cookie", "theme=dark").exchange()
                .expectBody().returnResult();

        assertThat(r.getStatus().value()).isEqualTo(403); // Spring's CSRF answer: a cookie is ambient
    }

    @Test
    void rejects_another_authorization_scheme_with_token_missing() {
        EntityExchangeResult<byte[]> r = get("/api/me", "Authorization", "Basic dXNlcjpwYXNz");

        assertThat(r.getStatus().value()).isEqualTo(401);
        assertError(r, "token_missing", "no bearer ID token was given");
    }

    @Test
    void rejects_an_expired_token() {
        assertRejected(me(issuer.web3auth().audience(CLIENT_ID).expired().mint().token()), "token_expired",
                "expired");
    }

    @Test
    void rejects_an_expired_nimbus_token() {
        assertRejected(me(NIMBUS.mintExpired("api", "grace")), "token_expired", "expired");
    }

    @Test
    void rejects_a_token_for_another_audience() {
        assertRejected(me(issuer.web3auth().audience(CLIENT_ID).wrongAudience().mint().token()),
                "audience_mismatch", "audience");
    }

    @Test
    void rejects_a_nimbus_token_for_another_audience() {
        assertRejected(me(NIMBUS.mint("someone-else", "grace")), "audience_mismatch", "audience");
    }

    @Test
    void rejects_a_tampered_signature() {
        assertRejected(me(issuer.web3auth().audience(CLIENT_ID).tamperedSignature().mint().token()),
                "signature_invalid", "the signature does not verify with the key of issuer 'web3auth'");
    }

    @Test
    void rejects_alg_none() {
        assertRejected(me(issuer.web3auth().audience(CLIENT_ID).algNone().mint().token()), "alg_not_allowed",
                "none");
    }

    @Test
    void rejects_an_unknown_kid_naming_the_issuer_but_not_the_key_source() {
        EntityExchangeResult<byte[]> r = me(issuer.web3auth().audience(CLIENT_ID).unknownKid().mint().token());

        assertRejected(r, "key_not_found", "no key of issuer 'web3auth' matches this token");
        assertThat(new String(r.getResponseBody(), StandardCharsets.UTF_8))
                .doesNotContain(issuer.jwksUri("web3auth").toString());
        assertThat(r.getResponseHeaders().getFirst("WWW-Authenticate"))
                .doesNotContain(issuer.jwksUri("web3auth").toString());
    }

    @Test
    void rejects_a_token_of_an_issuer_not_configured() {
        assertRejected(me(issuer.nopwd().audience(CLIENT_ID).mint().token()), "issuer_unknown", "nopwd.io");
    }

    @Test
    void rejects_another_wallet_in_the_proof_header() {
        assertRejected(me(login().token(), "X-WalletGate-App-Pub-Key", login().appPublicKey()), "wallet_mismatch",
                "wallet");
    }

    @Test
    void rejects_a_malformed_proof_header() {
        assertRejected(me(login().token(), "X-WalletGate-App-Pub-Key", "02abc"), "wallet_proof_invalid",
                "app public key");
    }

    @Test
    void rejects_both_proof_headers_at_once() {
        MintedToken login = login();

        assertRejected(me(login.token(), "X-WalletGate-App-Pub-Key", login.appPublicKey(), "X-WalletGate-Address",
                login.address()), "wallet_proof_invalid",
                "give either X-WalletGate-App-Pub-Key or X-WalletGate-Address, not both");
    }

    @Test
    void rejects_two_proof_headers_of_one_kind() {
        MintedToken login = login();

        assertRejected(me(login.token(), "X-WalletGate-Address", login.address(), "X-WalletGate-Address",
                login.address()), "wallet_proof_invalid", "the request has more than one X-WalletGate-Address header");
    }

    @Test
    void rejects_a_malformed_token() {
        assertRejected(me("not-a-jwt"), "token_malformed", "");
    }

    @Test
    void answers_two_bearer_tokens_with_400_request_invalid() {
        EntityExchangeResult<byte[]> r = get("/api/me", "Authorization", "Bearer " + login().token(),
                "Authorization", "Bearer " + login().token());

        assertThat(r.getStatus().value()).isEqualTo(400);
        assertThat(r.getResponseHeaders().getFirst("WWW-Authenticate")).isNull();
        assertError(r, "request_invalid", "the request has more than one bearer token");
    }

    @Test
    void answers_an_issuer_whose_keys_cannot_be_had_with_503_and_retry_after() {
        EntityExchangeResult<byte[]> r = me(NIMBUS.mint(DOWN_ISSUER, "api", "grace"));

        assertThat(r.getStatus().value()).isEqualTo(503);
        assertThat(r.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(r.getResponseHeaders().getFirst("WWW-Authenticate")).isNull();
        assertError(r, "jwks_unavailable", "");
    }

    @Test
    void answers_a_login_without_the_needed_authority_with_403() {
        EntityExchangeResult<byte[]> r = me(login().token());
        EntityExchangeResult<byte[]> admin = get("/admin", "Authorization", "Bearer " + login().token());

        assertThat(r.getStatus().value()).isEqualTo(200);
        assertThat(admin.getStatus().value()).isEqualTo(403);
    }

    @Test
    void an_open_route_needs_no_login() {
        assertThat(get("/public").getStatus().value()).isEqualTo(200);
    }

    @Test
    void no_answer_starts_a_session() {
        MintedToken login = login();
        String bearer = "Bearer " + login.token();

        assertThat(List.of(get("/api/me"), get("/api/me", "Accept", "text/html"), me("not-a-jwt"),
                me(login.token()), me(login.token(), "X-WalletGate-App-Pub-Key", login.appPublicKey()),
                client.post().uri("/api/me").exchange().expectBody().returnResult(),
                client.post().uri("/api/me").header("Authorization", bearer).exchange().expectBody().returnResult(),
                get("/public"))).allSatisfy(r -> assertThat(r.getResponseHeaders().get("Set-Cookie"))
                .as("Set-Cookie of %s %s", r.getMethod(), r.getUrl()).isNull());
    }

    static int deadPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed at once: connections to it are refused
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(EntityExchangeResult<byte[]> r) {
        try {
            return JSON.readTree(r.getResponseBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRejected(EntityExchangeResult<byte[]> r, String code, String messagePart) {
        assertThat(r.getStatus().value()).isEqualTo(401);
        String message = json(r).path("error").path("message").asText();
        String challenge = r.getResponseHeaders().getFirst("WWW-Authenticate");
        assertThat(challenge).startsWith("Bearer realm=\"walletgate\", error=\"invalid_token\", "
                + "error_description=\"" + code + ": ").endsWith("\"");
        assertThat(challenge).contains(message.replace('"', '\''));
        assertError(r, code, messagePart);
    }

    private static void assertError(EntityExchangeResult<byte[]> r, String code, String messagePart) {
        assertThat(r.getResponseHeaders().getFirst("Content-Type")).startsWith("application/json");
        assertThat(r.getResponseHeaders().get("Set-Cookie")).isNull();
        JsonNode error = json(r).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank().contains(messagePart);
    }
}
