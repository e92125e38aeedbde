package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.EthereumTestWallet;
import io.walletgate.testkit.SiweMessageBuilder;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.WalletGateTestIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every shipped forward-auth example must do (docs/architecture.md §7, issues 7 and 19), run against a real proxy
 * process configured by that example, in front of WalletGate (the packaged jar, with a test issuer) and an application
 * that echoes the identity headers it receives: no session is refused by the proxy, a session cookie or a Bearer ID
 * token lets the request through with the identity, logout closes the door again, the application can trust the headers
 * (the client's own are dropped, and so is its wallet proof), and the proxy fails closed when WalletGate is down.
 * A subclass starts its proxy.
 */
@WalletGateTestIssuer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForwardAuthContract {
    private Path dir;
    private DevIssuer issuer;
    private EchoUpstream app;
    private ServiceProcess walletgate;
    private FrontProxy proxy;

    /** Starts the proxy in {@code dir}, in front of {@code walletgate} and {@code app} (both {@code host:port}). */
    abstract FrontProxy startProxy(Path dir, String walletgate, String app);

    /** The status the proxy answers when WalletGate cannot be reached (the application is never called). */
    abstract int statusWhenWalletGateIsDown();

    @BeforeAll
    void start(DevIssuer devIssuer, @TempDir Path tempDir) {
        dir = tempDir;
        issuer = devIssuer;
        app = EchoUpstream.start();
        Path config = ServiceProcess.web3authConfig(dir, issuer, // the proxy listens on plain HTTP in this test
                "signIn:",
                "  ethereum: {domains: ['127.0.0.1:*'], uris: ['http://127.0.0.1:*'], chains: {1: ~}}",
                "  solana: {domains: ['127.0.0.1:*'], uris: ['http://127.0.0.1:*']}");
        walletgate = ServiceProcess.serve(dir, dir.resolve("walletgate.log"), "--config", config.toString(),
                "--port", "0", "--data", dir.resolve("data").toString());
        proxy = startProxy(dir.resolve("proxy"), "127.0.0.1:" + walletgate.port(), app.address());
    }

    @AfterAll
    void stop() {
        try (AutoCloseable a = app; AutoCloseable w = walletgate; AutoCloseable p = proxy) {
            // closed in reverse order: the proxy, then WalletGate, then the application
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> throughProxy(String path, String... headers) {
        return Http.get(proxy.uri(path), headers);
    }

    /** Signs in on WalletGate itself with a fresh token and its app key; returns the 201 response. */
    private HttpResponse<String> signIn(MintedToken t) {
        HttpResponse<String> created = Http.send(Http.createSession(walletgate.base(), t.token(), t.appPublicKey()));
        assertThat(created.statusCode()).as(Http.describe(created)).isEqualTo(201);
        return created;
    }

    private JsonNode seenByApp(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s\n%s", Http.describe(response), proxy.logs()).isEqualTo(200);
        return Http.json(response);
    }

    private static List<String> names(JsonNode headers) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = headers.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void without_a_session_the_proxy_answers_401_and_the_application_is_not_reached() {
        int before = app.hits();
        HttpResponse<String> none = throughProxy("/orders");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"walletgate\"");

        HttpResponse<String> garbage = throughProxy("/orders", "Cookie", Http.COOKIE + "=not-a-session");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"walletgate\", error=\"invalid_token\"").contains("session_invalid");

        HttpResponse<String> expired = throughProxy("/orders", "Authorization", "Bearer "
                + issuer.web3auth().expired().mint().token());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("token_expired");
        assertThat(app.hits()).as("requests that reached the application").isEqualTo(before);
    }

    @Test
    void a_session_cookie_lets_the_request_through_with_the_identity_headers() {
        MintedToken t = issuer.web3auth().subject("carol@example.com").claim("email", "carol@example.com").mint();
        HttpResponse<String> created = signIn(t);
        String address = Http.json(created).at("/identity/wallet/address").asText();
        assertThat(address).isEqualTo(t.address());

        JsonNode seen = seenByApp(throughProxy("/orders?page=2", "Cookie", Http.sessionCookie(created)));
        assertThat(seen.get("path").asText()).isEqualTo("/orders?page=2");
        JsonNode headers = seen.get("headers");
        assertThat(names(headers)).containsExactlyInAnyOrder("x-walletgate-subject", "x-walletgate-wallet",
                "x-walletgate-issuer", "x-walletgate-email");
        assertThat(headers.get("x-walletgate-subject").asText()).isEqualTo("carol@example.com");
        assertThat(headers.get("x-walletgate-wallet").asText()).as("the EIP-55 address, as the session has it")
                .isEqualTo(address);
        assertThat(headers.get("x-walletgate-issuer").asText()).isEqualTo(issuer.issuer("web3auth"));
        assertThat(headers.get("x-walletgate-email").asText()).isEqualTo("carol@example.com");

        // A request with a body: the forward-auth request goes without it, the application gets it whole.
        HttpResponse<String> post = Http.send(Http.request(proxy.uri("/orders")).header("Cookie",
                Http.sessionCookie(created)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"coffee\"}")).build());
        JsonNode posted = seenByApp(post);
        assertThat(posted.get("method").asText()).isEqualTo("POST");
        assertThat(posted.get("body").asText()).isEqualTo("{\"item\":\"coffee\"}");
        assertThat(posted.at("/headers/x-walletgate-subject").asText()).isEqualTo("carol@example.com");
    }

    @Test
    void a_bearer_id_token_lets_the_request_through_without_a_session() {
        MintedToken t = issuer.web3auth().subject("dave@example.com").claim("email", "dave@example.com").mint();
        JsonNode proven = seenByApp(throughProxy("/api/me", "Authorization", "Bearer " + t.token(),
                "X-WalletGate-App-Pub-Key", t.appPublicKey())).get("headers");
        assertThat(proven.get("x-walletgate-subject").asText()).isEqualTo("dave@example.com");
        assertThat(proven.get("x-walletgate-wallet").asText()).isEqualTo(t.address());
        assertThat(proven.get("x-walletgate-issuer").asText()).isEqualTo(issuer.issuer("web3auth"));
        assertThat(proven.get("x-walletgate-email").asText()).isEqualTo("dave@example.com");

        JsonNode unproven = seenByApp(throughProxy("/api/me", "Authorization", "Bearer " + t.token())).get("headers");
        assertThat(names(unproven)).as("no wallet was proven, so none is named").containsExactlyInAnyOrder(
                "x-walletgate-subject", "x-walletgate-issuer", "x-walletgate-email");
        assertThat(unproven.get("x-walletgate-subject").asText()).isEqualTo("dave@example.com");

        HttpResponse<String> wrongKey = throughProxy("/api/me", "Authorization", "Bearer " + t.token(),
                "X-WalletGate-App-Pub-Key", issuer.web3auth().mint().appPublicKey());
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("wallet_mismatch");
    }

    @Test
    void a_bearer_token_at_the_16_kib_limit_passes_through_the_proxy() {
        MintedToken big = Http.atTokenLimit(issuer.web3auth().subject("hugo@example.com"));
        JsonNode seen = seenByApp(throughProxy("/api/me", "Authorization", "Bearer " + big.token())).get("headers");
        assertThat(seen.get("x-walletgate-subject").asText()).isEqualTo("hugo@example.com");
    }

    @Test
    void the_clients_wallet_proof_headers_never_reach_the_application() {
        MintedToken t = issuer.web3auth().subject("gina@example.com").mint();
        JsonNode byKey = seenByApp(throughProxy("/api/me", "Authorization", "Bearer " + t.token(),
                "X-WalletGate-App-Pub-Key", t.appPublicKey())).get("headers");
        assertThat(names(byKey)).as("WalletGate checked the key; the application sees only the proven wallet")
                .doesNotContain("x-walletgate-app-pub-key");
        assertThat(byKey.get("x-walletgate-wallet").asText()).isEqualTo(t.address());

        // With a session, WalletGate does not look at proof headers at all: they must not reach the application as
        // if they had been checked.
        JsonNode withSession = seenByApp(throughProxy("/api/me", "Cookie", Http.sessionCookie(signIn(t)),
                "X-WalletGate-Address", "0x52908400098527886E0F7030069857D2E4169EE7")).get("headers");
        assertThat(names(withSession)).doesNotContain("x-walletgate-address", "x-walletgate-app-pub-key");
        assertThat(withSession.get("x-walletgate-wallet").asText()).isEqualTo(t.address());
    }

    @Test
    void sign_in_and_logout_through_the_proxy_then_the_session_no_longer_passes() {
        MintedToken t = issuer.web3auth().subject("erin@example.com").mint();
        HttpResponse<String> created = Http.send(Http.createSession(proxy.uri("/"), t.token(), t.appPublicKey()));
        assertThat(created.statusCode()).as(Http.describe(created)).isEqualTo(201);
        String cookie = Http.sessionCookie(created);
        assertThat(created.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly")
                .contains("SameSite=Lax").doesNotContain("Secure");

        assertThat(seenByApp(throughProxy("/dashboard", "Cookie", cookie)).at("/headers/x-walletgate-subject")
                .asText()).isEqualTo("erin@example.com");
        HttpResponse<String> me = throughProxy("/v1/sessions/current", "Cookie", cookie);
        assertThat(me.statusCode()).as(Http.describe(me)).isEqualTo(200);
        assertThat(Http.json(me).at("/identity/subject").asText()).isEqualTo("erin@example.com");

        HttpResponse<String> logout = Http.send(Http.request(proxy.uri("/v1/sessions/current")).header("Cookie", cookie)
                .DELETE().build());
        assertThat(logout.statusCode()).as(Http.describe(logout)).isEqualTo(204);

        int before = app.hits();
        HttpResponse<String> after = throughProxy("/dashboard", "Cookie", cookie);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertThat(app.hits()).isEqualTo(before);
    }

    @Test
    void a_wallet_signs_in_with_a_signature_through_the_proxy_and_its_session_passes() {
        EthereumTestWallet wallet = EthereumTestWallet.random();
        HttpResponse<String> nonce = Http.send(Http.request(proxy.uri("/v1/siwe/nonce"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(nonce.statusCode()).as(Http.describe(nonce)).isEqualTo(201);
        String message = SiweMessageBuilder.of(wallet.address()).withDomain(proxy.uri("/").getAuthority())
                .withUri(proxy.uri("/").toString()).withNonce(Http.json(nonce).path("nonce").asText()).text();
        HttpResponse<String> created = Http.send(Http.request(proxy.uri("/v1/siwe/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        Http.JSON.createObjectNode().put("message", message)
                                .put("signature", wallet.signMessage(message)).toString())).build());
        assertThat(created.statusCode()).as(Http.describe(created)).isEqualTo(201);
        JsonNode seen = seenByApp(throughProxy("/dashboard", "Cookie", Http.sessionCookie(created)));
        assertThat(seen.at("/headers/x-walletgate-subject").asText()).isEqualTo("did:pkh:eip155:1:" + wallet.address());
        assertThat(seen.at("/headers/x-walletgate-wallet").asText()).isEqualTo(wallet.address());
        HttpResponse<String> solana = Http.send(Http.request(proxy.uri("/v1/siws/nonce"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(solana.statusCode()).as(Http.describe(solana)).isEqualTo(201);
    }

    @Test
    void nothing_else_of_walletgate_is_exposed_through_the_proxy() {
        String cookie = Http.sessionCookie(signIn(issuer.web3auth().mint()));
        for (String path : List.of("/metrics", "/v1/verify", "/v1/admin/sessions/revoke", "/readyz")) {
            JsonNode seen = seenByApp(throughProxy(path, "Cookie", cookie));
            assertThat(seen.get("path").asText()).as("%s goes to the application, not to WalletGate", path)
                    .isEqualTo(path);
        }
    }

    @Test
    void logout_on_walletgate_itself_is_seen_by_the_proxy_at_once() {
        HttpResponse<String> created = signIn(issuer.web3auth().mint());
        String cookie = Http.sessionCookie(created);
        assertThat(throughProxy("/dashboard", "Cookie", cookie).statusCode()).isEqualTo(200);
        HttpResponse<String> logout = Http.send(Http.request(walletgate.uri("/v1/sessions/current"))
                .header("Cookie", cookie).DELETE().build());
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(throughProxy("/dashboard", "Cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void identity_headers_sent_by_the_client_never_reach_the_application() {
        MintedToken t = issuer.web3auth().subject("frank@example.com").withoutClaim("email").mint();
        String cookie = Http.sessionCookie(signIn(t));
        JsonNode headers = seenByApp(throughProxy("/admin", "Cookie", cookie,
                "X-WalletGate-Subject", "admin@example.com",
                "X-WalletGate-Email", "ceo@example.com",
                "X-WalletGate-Issuer", "https://evil.example",
                "X_WalletGate_Email", "ceo@example.com")).get("headers");
        assertThat(headers.get("x-walletgate-subject").asText()).isEqualTo("frank@example.com");
        assertThat(headers.get("x-walletgate-issuer").asText()).isEqualTo(issuer.issuer("web3auth"));
        assertThat(names(headers)).as("the token has no email, and the client's are dropped")
                .containsExactlyInAnyOrder("x-walletgate-subject", "x-walletgate-wallet", "x-walletgate-issuer");

        // A Bearer token without a wallet proof: WalletGate names no wallet, and the client's wallet is dropped.
        JsonNode unproven = seenByApp(throughProxy("/admin", "Authorization", "Bearer " + t.token(),
                "X-WalletGate-Wallet", "0x52908400098527886E0F7030069857D2E4169EE7",
                "X_WalletGate_Wallet", "0x52908400098527886E0F7030069857D2E4169EE7")).get("headers");
        assertThat(names(unproven)).containsExactlyInAnyOrder("x-walletgate-subject", "x-walletgate-issuer");
    }

    @Test
    void identity_values_outside_printable_ascii_reach_the_application_percent_encoded() {
        MintedToken t = issuer.web3auth().subject("zo\u00eb@example.com").claim("email", "zo\u00eb+100%@example.com")
                .mint();
        JsonNode headers = seenByApp(throughProxy("/profile", "Cookie", Http.sessionCookie(signIn(t))))
                .get("headers");
        assertThat(headers.get("x-walletgate-subject").asText()).isEqualTo("zo%C3%AB@example.com");
        assertThat(headers.get("x-walletgate-email").asText()).isEqualTo("zo%C3%AB+100%25@example.com");
    }

    @Test
    void when_walletgate_cannot_be_reached_the_proxy_fails_closed() {
        int closedPort = FrontProxy.freePort();
        String cookie = Http.sessionCookie(signIn(issuer.web3auth().mint()));
        int before = app.hits();
        try (FrontProxy orphan = startProxy(dir.resolve("proxy-no-walletgate"), "127.0.0.1:" + closedPort,
                app.address())) {
            HttpResponse<String> r = Http.get(orphan.uri("/orders"), "Cookie", cookie);
            assertThat(r.statusCode()).as(Http.describe(r)).isEqualTo(statusWhenWalletGateIsDown());
        }
        assertThat(app.hits()).isEqualTo(before);
    }
}
