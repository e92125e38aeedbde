package io.walletgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.ErrorCode;
import io.walletgate.server.config.ConfigLoader;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.openapi.ApiContract;
import io.walletgate.server.session.SessionStores;
import io.walletgate.server.signin.SignInService;
import io.walletgate.testkit.EthereumTestWallet;
import io.walletgate.testkit.SiweMessageBuilder;
import io.walletgate.testkit.SiwsMessageBuilder;
import io.walletgate.testkit.SolanaTestWallet;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed {@code openapi.json} against the service (issue 19): it is a valid OpenAPI 3.1 document, served as
 * committed at {@code GET /openapi.json}; every route the service registers is in it and every route in it is
 * registered; its error codes are {@link ErrorCode}'s; and every response it documents (each operation, each
 * status) is produced by a real request here and conforms to it ({@link ApiContract}). The service runs in this JVM
 * on loopback, configured as {@code walletgate serve} would be, with a session store the test can take down.
 *
 * <p>A route added to the service, or a status added to the document, fails this test until both agree and a test
 * here exercises it: the failure names the route or the response.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin-token-for-the-openapi-test-0123";
    /** Handler kinds that are not routes (filters). */
    private static final Set<String> NOT_ROUTES = Set.of("BEFORE", "BEFORE_MATCHED", "AFTER", "AFTER_MATCHED",
            "INVALID");

    private final ApiContract api = ApiContract.load();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private DevIssuer issuer;
    private Node full;
    private Node bare;
    private Node pageOff;

    /** A service in this JVM: everything configured ({@code full}), or the least ({@code bare}). */
    private record Node(WalletGateService service, OutageStore store, URI base) implements AutoCloseable {
        static Node start(Path dir, String yaml) throws IOException {
            Files.createDirectories(dir);
            Path file = dir.resolve("walletgate.yaml");
            Files.writeString(file, yaml);
            WalletGateConfig cfg = ConfigLoader.load(file, Map.of());
            Clock clock = Clock.systemUTC();
            OutageStore store = new OutageStore(SessionStores.open(cfg.sessions(), dir));
            WalletGateService service = new WalletGateService(cfg, dir.resolve("keys"), store, clock);
            int port = service.start("127.0.0.1", 0);
            return new Node(service, store, URI.create("http://127.0.0.1:" + port));
        }

        @Override
        public void close() {
            service.close();
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        issuer = DevIssuer.start();
        String web3auth = String.join("\n",
                "issuers:",
                "  - profile: web3auth",
                "    audience: " + issuer.audience(),
                "    jwksUri: " + issuer.jwksUri("web3auth"),
                "");
        full = Node.start(dir.resolve("full"), web3auth + String.join("\n",
                "  - profile: oidc                      # its keys cannot be fetched: 503 jwks_unavailable",
                "    issuer: https://down.example.invalid",
                "    audience: api",
                "    algorithms: [" + issuer.oidcAlgorithm() + "]",
                "    jwksUri: http://127.0.0.1:9/jwks",
                "sessions: {cookieSecure: false}",
                "signIn:                                # chain 1's RPC is down: 503 chain_unavailable",
                "  ethereum: {domains: [localhost], uris: ['http://localhost'], chains: {1: 'http://127.0.0.1:9/rpc'}}",
                "  solana: {domains: [localhost], uris: ['http://localhost']}",
                "server:",
                "  adminToken: " + ADMIN,
                "  corsOrigins: [https://app.example.com]",
                ""));
        bare = Node.start(dir.resolve("bare"), web3auth);
        pageOff = Node.start(dir.resolve("page-off"), web3auth + "server: {ui: 'off'}\n");
    }

    @AfterAll
    void stop() {
        try (AutoCloseable i = issuer; AutoCloseable f = full; AutoCloseable b = bare; AutoCloseable o = pageOff) {
            // closed in reverse order
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Sends, checks the exchange against the document, and expects {@code status}. */
    private HttpResponse<String> call(Node node, String method, String path, int status, String body, String type,
                                      String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        api.check(r, body);
        assertThat(r.statusCode()).as("%s %s -> %s", method, path, r.body()).isEqualTo(status);
        return r;
    }

    private HttpResponse<String> call(String method, String path, int status, String body, String... headers) {
        return call(full, method, path, status, body, "application/json", headers);
    }

    private static String bearer(MintedToken t) {
        return "Bearer " + t.token();
    }

    private String session() {
        MintedToken t = issuer.web3auth().mint();
        HttpResponse<String> r = call("POST", "/v1/sessions", 201, "{\"appPubKey\":\"" + t.appPublicKey() + "\"}",
                "Authorization", bearer(t));
        try {
            return "walletgate_session=" + JSON.readTree(r.body()).at("/session/id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private MintedToken down() {
        return issuer.oidc().claim("iss", "https://down.example.invalid").audience("api").mint();
    }

    private void withStoreDown(Runnable calls) {
        full.store().down(true);
        try {
            calls.run();
        } finally {
            full.store().down(false);
        }
    }

    // ----------------------------------------------------------------------------------------- the document

    @Test
    @Order(1)
    void the_document_is_openapi_3_1_and_served_as_committed() throws IOException {
        HttpResponse<String> served = call(bare, "GET", "/openapi.json", 200, null, null);
        assertThat(JSON.readTree(served.body())).as("GET /openapi.json is the committed %s", ApiContract.DOCUMENT)
                .isEqualTo(api.document());
        assertThat(api.document().path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    @Order(2)
    void every_route_the_service_registers_is_documented_and_every_documented_route_is_registered() {
        Set<String> registered = new TreeSet<>();
        for (String route : full.service().routes()) {
            String[] mp = route.split(" ", 2);
            if (!NOT_ROUTES.contains(mp[0])) {
                registered.add(mp[0] + " " + mp[1].replaceAll("<([^>]+)>", "{$1}").replaceAll("\\{([^}]+)}", "{$1}"));
            }
        }
        Set<String> documented = api.operations();
        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<String> unregistered = new TreeSet<>(documented);
        unregistered.removeAll(registered);
        assertThat(undocumented).as("routes the service registers that %s does not describe (add them, with their "
                + "responses, and exercise them in OpenApiContractIT)", ApiContract.DOCUMENT).isEmpty();
        assertThat(unregistered).as("operations %s describes that the service does not register", ApiContract.DOCUMENT)
                .isEmpty();
    }

    @Test
    @Order(3)
    void its_error_codes_are_the_services() {
        Set<String> documented = new TreeSet<>();
        api.document().at("/components/schemas/ErrorCode/enum").forEach(c -> documented.add(c.asText()));
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).as("components.schemas.ErrorCode.enum of %s", ApiContract.DOCUMENT).isEqualTo(codes);
    }

    @Test
    @Order(4)
    void its_version_is_the_services() throws IOException {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/walletgate-version.properties")) {
            p.load(in);
        }
        assertThat(api.document().at("/info/version").asText()).as("info.version of %s", ApiContract.DOCUMENT)
                .isEqualTo(p.getProperty("version"));
    }

    @Test
    @Order(5)
    void a_field_a_header_or_a_route_that_drifts_is_named() throws IOException {
        ObjectNode drifted = api.document().deepCopy();
        ((ObjectNode) drifted.at("/components/schemas/Identity/properties"))
                .remove("email");
        ((ObjectNode) drifted.at("/components/headers/X-WalletGate-Issuer/schema"))
                .put("pattern", "^https://elsewhere\\.example$");
        ((ObjectNode) drifted.at("/paths")).remove("/healthz");
        ((ObjectNode) drifted.at("/paths/~1v1~1sessions~1current/get/responses")).remove("401");
        ApiContract contract = ApiContract.parse(JSON.writeValueAsString(drifted));
        MintedToken t = issuer.web3auth().mint();

        HttpResponse<String> verified = call("POST", "/v1/verify", 200, null, "Authorization", bearer(t));
        assertThat(contract.problems(verified, null)).singleElement().asString()
                .contains("response body").contains("'email'").contains("/components/schemas/Identity");
        HttpResponse<String> allowed = call("GET", "/v1/auth", 200, null, "Authorization", bearer(t));
        assertThat(contract.problems(allowed, null)).singleElement().asString()
                .contains("response header X-WalletGate-Issuer").contains("^https://elsewhere");
        HttpResponse<String> health = call("GET", "/healthz", 200, null);
        assertThat(contract.problems(health, null)).singleElement().asString()
                .contains("no path matching /healthz").contains("add the route");
        HttpResponse<String> unlisted = call("GET", "/v1/sessions/current", 401, null);
        assertThat(contract.problems(unlisted, null)).singleElement().asString()
                .contains("answered 401, which the document does not list");
    }

    // ------------------------------------------------------------------------------------ verify and sessions

    @Test
    @Order(10)
    void verify_and_sign_in_answer_as_documented() {
        MintedToken t = issuer.web3auth().claim("email", "ada@example.com").mint();
        for (String path : List.of("/v1/verify", "/v1/sessions")) {
            int ok = path.equals("/v1/verify") ? 200 : 201;
            call("POST", path, ok, "{\"appPubKey\":\"" + t.appPublicKey() + "\"}", "Authorization", bearer(t));
            call("POST", path, ok, "{\"token\":\"" + t.token() + "\",\"address\":\"" + t.address() + "\"}");
            call("POST", path, ok, null, "Authorization", bearer(t), "X-WalletGate-App-Pub-Key", t.appPublicKey());
            call("POST", path, 400, "{\"token\":\"" + t.token() + "\"}", "Authorization", bearer(t));
            call("POST", path, 401, null, "Authorization", bearer(issuer.web3auth().expired().mint()));
            call("POST", path, 401, null);
            call("POST", path, 413, "{\"token\":\"" + "a".repeat(70_000) + "\"}");
            call(full, "POST", path, 415, "x", "text/plain");
            call("POST", path, 503, null, "Authorization", bearer(down()));
        }
        withStoreDown(() -> call("POST", "/v1/sessions", 503, null, "Authorization", bearer(t)));
    }

    @Test
    @Order(11)
    void the_current_session_and_logout_answer_as_documented() {
        String cookie = session();
        call("GET", "/v1/sessions/current", 200, null, "Cookie", cookie);
        call("GET", "/v1/sessions/current", 200, null, "Authorization", "Session " + cookie.split("=", 2)[1]);
        call("GET", "/v1/sessions/current", 401, null);
        withStoreDown(() -> {
            call("GET", "/v1/sessions/current", 503, null, "Cookie", cookie);
            call("DELETE", "/v1/sessions/current", 503, null, "Cookie", cookie);
        });
        call("DELETE", "/v1/sessions/current", 204, null, "Cookie", cookie);
        call("DELETE", "/v1/sessions/current", 401, null, "Cookie", cookie);
        call("GET", "/v1/sessions/current", 401, null, "Cookie", cookie);
    }

    // ------------------------------------------------------------------------------ sign-in with a signature

    private String signInBody(String message, String signature) {
        return JSON.createObjectNode().put("message", message).put("signature", signature).toString();
    }

    private String nonce(String kind) {
        try {
            return JSON.readTree(call("POST", "/v1/" + kind + "/nonce", 201, null).body()).path("nonce").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(12)
    void sign_in_with_a_wallet_signature_answers_as_documented() {
        EthereumTestWallet eoa = EthereumTestWallet.random();
        String siwe = SiweMessageBuilder.of(eoa.address()).withNonce(nonce("siwe")).text();
        String cookie = "walletgate_session=" + SignInService.json(call("POST", "/v1/siwe/sessions", 201,
                signInBody(siwe, eoa.signMessage(siwe)))).at("/session/id").asText();
        call("GET", "/v1/sessions/current", 200, null, "Cookie", cookie);
        call("GET", "/v1/auth", 200, null, "Cookie", cookie);
        SolanaTestWallet sol = SolanaTestWallet.random();
        String siws = SiwsMessageBuilder.of(sol.address()).withNonce(nonce("siws")).text();
        call("POST", "/v1/siws/sessions", 201, signInBody(siws, sol.signMessage(siws)));
        call("POST", "/v1/siws/nonce", 201, "{}");
        String other = SiweMessageBuilder.of(eoa.address()).withNonce(nonce("siwe")).text();
        // another key signed: only chain 1 could tell whether the address is a wallet contract, and it is down
        call("POST", "/v1/siwe/sessions", 503, signInBody(other, EthereumTestWallet.random().signMessage(other)));
        call("POST", "/v1/siwe/sessions", 401, signInBody(siwe, eoa.signMessage(siwe))); // nonce used
        call("POST", "/v1/siws/sessions", 401, signInBody(siws, sol.signMessage(siws)));
        for (String kind : List.of("siwe", "siws")) {
            call("POST", "/v1/" + kind + "/sessions", 400, "{\"message\":\"x\"}");
            call("POST", "/v1/" + kind + "/sessions", 413, "{\"message\":\"" + "a".repeat(70_000) + "\"}");
            call(full, "POST", "/v1/" + kind + "/sessions", 415, "x", "text/plain");
            call("POST", "/v1/" + kind + "/nonce", 400, "{");
            call("POST", "/v1/" + kind + "/nonce", 413, "{\"a\":\"" + "a".repeat(70_000) + "\"}");
            call(full, "POST", "/v1/" + kind + "/nonce", 415, "x", "text/plain");
            withStoreDown(() -> {
                call("POST", "/v1/" + kind + "/nonce", 503, null);
                call("POST", "/v1/" + kind + "/sessions", 503, signInBody(kind.equals("siwe") ? siwe : siws, "0x00"));
            });
        }
    }

    // ------------------------------------------------------------------------------------------- forward-auth

    @Test
    @Order(20)
    void forward_auth_answers_as_documented_for_every_method_with_and_without_a_path() {
        String cookie = session();
        MintedToken t = issuer.web3auth().mint();
        for (String path : List.of("/v1/auth", "/v1/auth/api/orders/7")) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD")) {
                call(method, path, 200, null, "Cookie", cookie);
                call(method, path, 200, null, "Authorization", bearer(t), "X-WalletGate-App-Pub-Key",
                        t.appPublicKey());
                call(method, path, 200, null, "Authorization", bearer(t));
                call(method, path, 400, null, "Authorization", bearer(t), "X-WalletGate-App-Pub-Key",
                        t.appPublicKey(), "X-WalletGate-Address", t.address());
                call(method, path, 401, null);
                call(method, path, 401, null, "Cookie", "walletgate_session=" + "A".repeat(43));
                call(method, path, 503, null, "Authorization", bearer(down()));
                withStoreDown(() -> call(method, path, 503, null, "Cookie", cookie));
            }
        }
    }

    // ------------------------------------------------------------------------------------- ops and admin

    @Test
    @Order(30)
    void operations_answer_as_documented() {
        call("GET", "/healthz", 200, null);
        call(bare, "GET", "/readyz", 200, null, null);
        call("GET", "/readyz", 503, null); // the oidc issuer's keys are down on purpose
        call("GET", "/metrics", 200, null);
        call("GET", "/openapi.json", 200, null);
    }

    @Test
    @Order(31)
    void revocation_answers_as_documented() {
        session();
        MintedToken t = issuer.web3auth().subject("bob@example.com").mint();
        call("POST", "/v1/sessions", 201, null, "Authorization", bearer(t));
        String admin = "Bearer " + ADMIN;
        call("POST", "/v1/admin/sessions/revoke", 200, "{\"wallet\":\"" + issuer.web3auth().mint().address() + "\"}",
                "Authorization", admin);
        call("POST", "/v1/admin/sessions/revoke", 200, "{\"subject\":\"bob@example.com\",\"issuer\":\"web3auth\"}",
                "Authorization", admin);
        call("POST", "/v1/admin/sessions/revoke", 400, "{}", "Authorization", admin);
        call("POST", "/v1/admin/sessions/revoke", 401, "{\"wallet\":\"0x1\"}");
        call("POST", "/v1/admin/sessions/revoke", 401, "{\"wallet\":\"0x1\"}", "Authorization", "Bearer wrong");
        call("POST", "/v1/admin/sessions/revoke", 413, "{\"wallet\":\"" + "a".repeat(70_000) + "\"}",
                "Authorization", admin);
        call(full, "POST", "/v1/admin/sessions/revoke", 415, "wallet=0x1", "application/x-www-form-urlencoded",
                "Authorization", admin);
        String wallet = "{\"wallet\":\"" + t.address() + "\"}"; // well formed: a malformed one is a 400 first
        withStoreDown(() -> call("POST", "/v1/admin/sessions/revoke", 503, wallet, "Authorization", admin));
        call(bare, "POST", "/v1/admin/sessions/revoke", 404, "{\"wallet\":\"0x1\"}", "application/json",
                "Authorization", admin);
    }

    // ------------------------------------------------------------------------------------------- web page

    @Test
    @Order(40)
    void the_web_page_and_its_api_answer_as_documented() {
        for (String path : List.of("/", "/ui", "/ui/keys", "/ui/app.js", "/ui/app.css", "/ui/favicon.svg")) {
            call("GET", path, 200, null);
        }
        MintedToken t = issuer.web3auth().mint();
        call("GET", "/ui/api/access", 200, null);
        call("GET", "/ui/api/keys", 200, null);
        call("POST", "/ui/api/inspect", 200, "{\"token\":\"" + t.token() + "\",\"appPubKey\":\"" + t.appPublicKey()
                + "\"}");
        call("POST", "/ui/api/inspect", 200, "{\"token\":\"" + issuer.web3auth().expired().mint().token() + "\"}");
        call("POST", "/ui/api/inspect", 200, "{\"token\":\"not.a.jwt\"}");
        call("POST", "/ui/api/inspect", 200, "{\"token\":\"" + down().token() + "\"}");
        call("POST", "/ui/api/inspect", 400, "{\"token\":\"\"}");
        call("POST", "/ui/api/inspect", 413, "{\"token\":\"" + "a".repeat(70_000) + "\"}");
        call(full, "POST", "/ui/api/inspect", 415, "x", "text/plain");
        // Through a proxy: the admin token is needed (401 without it), or there is none to give (403).
        String proxied = "X-Forwarded-For";
        call("GET", "/ui/api/access", 200, null, proxied, "203.0.113.7");
        call("GET", "/ui/api/keys", 401, null, proxied, "203.0.113.7");
        call("GET", "/ui/api/keys", 200, null, proxied, "203.0.113.7", "Authorization", "Bearer " + ADMIN);
        call("POST", "/ui/api/inspect", 401, "{\"token\":\"x\"}", proxied, "203.0.113.7");
        call(bare, "GET", "/ui/api/keys", 403, null, null, proxied, "203.0.113.7");
        call(bare, "POST", "/ui/api/inspect", 403, "{\"token\":\"x\"}", "application/json", proxied, "203.0.113.7");
        // server.ui: off serves none of it
        for (String path : List.of("/", "/ui", "/ui/keys", "/ui/app.js", "/ui/app.css", "/ui/favicon.svg",
                "/ui/api/access", "/ui/api/keys")) {
            call(pageOff, "GET", path, 404, null, null);
        }
        call(pageOff, "POST", "/ui/api/inspect", 404, "{\"token\":\"" + t.token() + "\"}", "application/json");
    }

    // ------------------------------------------------------------------------------ outside the operations

    @Test
    @Order(50)
    void unknown_paths_and_methods_and_oversized_headers_answer_the_documented_errors() {
        call("GET", "/nowhere", 404, null);
        call("PUT", "/v1/verify", 405, "{}");
        call("DELETE", "/healthz", 405, null);
        call("GET", "/v1/auth", 431, null, "Cookie", "a".repeat(40_000));
    }

    // ------------------------------------------------------------------------------------------ coverage

    @Test
    @Order(100)
    void every_documented_response_was_produced_by_a_real_request() {
        Set<String> missing = new TreeSet<>(api.responses());
        missing.removeAll(api.exercised());
        assertThat(missing).as("responses %s documents that no request in OpenApiContractIT produced: add a request "
                + "that does (or remove the response from the document if the service cannot give it)",
                ApiContract.DOCUMENT).isEmpty();
    }
}
