package io.walletgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.WalletVerifier;
import io.walletgate.server.config.ConfigLoader;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.metrics.Metrics;
import io.walletgate.server.session.ReplayGuard;
import io.walletgate.server.session.SessionService;
import io.walletgate.server.session.SessionStore;
import io.walletgate.server.session.SessionStores;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean forward-auth path (issue 20, {@link ForwardAuthHandler}): it takes exactly the requests it should, and
 * answers each of them byte for byte as Javalin's {@code /v1/auth} route does (the date aside).
 *
 * <p>Which path answered is told apart in two ways. Against the handler alone (a Jetty server whose only other handler
 * answers 418 "fell through"), each request either gets forward-auth's answer or falls through. Against the whole
 * service (in this JVM, as {@code walletgate serve} runs it, CORS configured), the same request is sent without an
 * {@code Origin} (the lean path) and with an origin CORS does not allow (Javalin's route, which then adds nothing of
 * CORS's): both answers must be equal, for every outcome: a session, a Bearer token, each refusal, the store down,
 * the issuer's keys out of reach, HEAD, Envoy's methods and appended path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardAuthHandlerIT {
    private static final String FELL_THROUGH = "fell through";
    private static final String DISALLOWED_ORIGIN = "https://evil.example.com";

    private DevIssuer issuer;
    private WalletGateService service;
    private OutageStore store;
    private int servicePort;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private ApiRoutes api;
    private Metrics metrics;
    private SessionStore aloneStore;
    private WalletVerifier aloneVerifier;
    private WalletGateConfig aloneConfig;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        issuer = DevIssuer.start();
        Path file = dir.resolve("walletgate.yaml");
        Files.writeString(file, String.join("\n",
                "issuers:",
                "  - profile: web3auth",
                "    audience: " + issuer.audience(),
                "    jwksUri: " + issuer.jwksUri("web3auth"),
                "  - profile: oidc                      # its keys cannot be fetched: 503 jwks_unavailable",
                "    issuer: " + issuer.issuer("oidc"),
                "    audience: " + issuer.audience(),
                "    algorithms: [" + issuer.oidcAlgorithm() + "]",
                "    jwksUri: http://127.0.0.1:9/jwks",
                "sessions: {cookieSecure: false}",
                "server:",
                "  corsOrigins: [https://app.example.com]",
                ""));
        WalletGateConfig cfg = ConfigLoader.load(file, Map.of());
        Clock clock = Clock.systemUTC();
        store = new OutageStore(SessionStores.open(cfg.sessions(), dir.resolve("service")));
        service = new WalletGateService(cfg, dir.resolve("keys"), store, clock);
        servicePort = service.start("127.0.0.1", 0);

        // The handler's own parts, for the handler alone
        metrics = new Metrics();
        WalletVerifier verifier = cfg.newVerifier(clock, cfg.keyOptions(dir.resolve("keys-alone"), true), metrics);
        SessionStore alone = SessionStores.open(cfg.sessions(), dir.resolve("alone"));
        closing.add(verifier);
        closing.add(alone);
        aloneStore = alone;
        aloneVerifier = verifier;
        aloneConfig = cfg;
        api = new ApiRoutes(verifier, new SessionService(alone, clock, cfg.sessions().ttl(), false),
                new ReplayGuard(alone, clock, cfg.replayModes()), metrics, cfg.sessions());
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
        for (AutoCloseable c : closing) {
            c.close();
        }
        issuer.close();
    }

    // ------------------------------------------------------------------------------- which requests it takes

    @Test
    void it_takes_every_method_of_the_route_and_the_appended_path_and_leaves_everything_else_to_javalin()
            throws Exception {
        int port = alone(true);
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD")) {
            for (String path : List.of("/v1/auth", "/v1/auth?x=1", "/v1/auth/api/orders", "/v1/auth/a/b/c?d=e")) {
                Answer a = exchange(port, method, path);
                assertThat(a.status()).as("%s %s", method, path).isEqualTo(401);
                assertThat(a.header("www-authenticate")).isEqualTo("Bearer realm=\"walletgate\"");
            }
        }
        // Not the route's methods, not its paths (Javalin's trailing-slash rule and 404 stay Javalin's), and a CORS
        // request
        for (String request : List.of("OPTIONS /v1/auth", "TRACE /v1/auth/x", "GET /v1/auth/", "GET /v1/authx",
                "GET /v1/au", "GET /healthz", "GET /V1/AUTH")) {
            String[] parts = request.split(" ");
            Answer a = exchange(port, parts[0], parts[1]);
            assertThat(a.body()).as(request).isEqualTo(FELL_THROUGH);
        }
        // A URI Jetty flags as ambiguous: refused by Jetty before any handler, or else left to the servlet layer,
        // never judged here
        for (String path : List.of("/v1/auth/%2e%2e/admin", "/v1/auth//x", "/v1/auth/a%2Fb", "/v1/auth/%2e/x")) {
            Answer a = exchange(port, "GET", path);
            assertThat(a.status() == 400 || a.body().equals(FELL_THROUGH)).as("%s: %s %s", path, a.status(), a.body())
                    .isTrue();
        }
        assertThat(exchange(port, "GET", "/v1/auth", "Origin: https://app.example.com").body()).isEqualTo(FELL_THROUGH);
        // Without CORS configured, an Origin changes nothing
        assertThat(exchange(alone(false), "GET", "/v1/auth", "Origin: https://app.example.com").status())
                .isEqualTo(401);
    }

    @Test
    void a_request_it_takes_is_counted_in_the_metrics_under_its_route_template() throws Exception {
        int port = alone(true);
        exchange(port, "GET", "/v1/auth");
        exchange(port, "PATCH", "/v1/auth/some/where");
        String scrape = metrics.scrape();
        assertThat(scrape).contains("route=\"/v1/auth\"").contains("route=\"/v1/auth/<path>\"")
                .contains("method=\"PATCH\"");
    }

    // ------------------------------------------------------------------------------- which thread answers

    @Test
    void a_session_read_from_a_networked_store_never_holds_the_thread_that_reads_requests() throws Exception {
        try (Stall stall = stallASessionCheck(false)) {
            // Meanwhile a Bearer check and a request left to Javalin are answered
            assertThat(exchange(stall.port, "GET", "/v1/auth", "Authorization: Bearer not-a-token").body())
                    .contains("\"token_malformed\"");
            assertThat(exchange(stall.port, "GET", "/healthz").body()).isEqualTo(FELL_THROUGH);
            assertThat(stall.check).isNotDone();
            stall.hung.countDown();
            assertThat(stall.check.get(30, TimeUnit.SECONDS).status()).isEqualTo(401);
        }
    }

    @Test
    void a_session_read_locally_is_answered_on_the_selector_thread_which_a_stalled_read_would_hold() throws Exception {
        // The control of the test above: the same stall, with the store said to read locally, holds the one selector,
        // so the next request on another connection waits for it. A store that reads locally must never stall.
        try (Stall stall = stallASessionCheck(true)) {
            CompletableFuture<Answer> next = CompletableFuture.supplyAsync(() -> exchangeQuietly(stall.port,
                    "Authorization: Bearer not-a-token"));
            Thread.sleep(500);
            assertThat(next).as("held behind the stalled read on the one selector").isNotDone();
            stall.hung.countDown();
            assertThat(stall.check.get(30, TimeUnit.SECONDS).status()).isEqualTo(401);
            assertThat(next.get(30, TimeUnit.SECONDS).status()).isEqualTo(401);
        }
    }

    // A session check whose store read hangs until hung opens, on a server with one selector (where a stalled read
    // would hold every connection), its store said to read locally or not.
    private record Stall(int port, CountDownLatch hung, CompletableFuture<Answer> check) implements AutoCloseable {
        @Override
        public void close() {
            hung.countDown();
        }
    }

    private Stall stallASessionCheck(boolean readsLocally) throws Exception {
        OutageStore store = new OutageStore(aloneStore).readsLocally(readsLocally);
        CountDownLatch hung = new CountDownLatch(1);
        store.stall(hung);
        int port = alone(routes(store), true, readsLocally, 1);
        CompletableFuture<Answer> check = CompletableFuture.supplyAsync(() -> exchangeQuietly(port,
                "Cookie: walletgate_session=" + "A".repeat(43)));
        awaitStalled(store);
        return new Stall(port, hung, check);
    }

    private ApiRoutes routes(SessionStore s) {
        return new ApiRoutes(aloneVerifier, new SessionService(s, Clock.systemUTC(), aloneConfig.sessions().ttl(),
                false), new ReplayGuard(s, Clock.systemUTC(), aloneConfig.replayModes()), metrics,
                aloneConfig.sessions());
    }

    // Waits until a find() is waiting on the store's latch (its thread parked in OutageStore.find).
    private static void awaitStalled(OutageStore s) throws InterruptedException {
        for (int i = 0; i < 300 && !s.stalling(); i++) {
            Thread.sleep(10);
        }
        assertThat(s.stalling()).as("the session read reached the store").isTrue();
    }

    private static Answer exchangeQuietly(int port, String header) {
        try {
            return exchange(port, "GET", "/v1/auth", header);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // The handler in a Jetty server of its own, ahead of a handler that tells it fell through.
    private int alone(boolean cors) throws Exception {
        return alone(api, cors, false, -1);
    }

    private int alone(ApiRoutes routes, boolean cors, boolean sessionsInline, int selectors) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, selectors);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ForwardAuthHandler handler = new ForwardAuthHandler(routes, metrics, null, "walletgate_session", cors,
                sessionsInline);
        handler.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(418);
                response.write(true, StandardCharsets.UTF_8.encode(FELL_THROUGH), callback);
                return true;
            }
        });
        server.setHandler(handler);
        server.start();
        closing.add(server::stop);
        return connector.getLocalPort();
    }

    // -------------------------------------------------------------------- its answers are Javalin's answers

    @Test
    void every_answer_is_the_one_javalins_route_gives() throws Exception {
        MintedToken t = issuer.web3auth().mint();
        String session = session(t);
        String cookie = "Cookie: walletgate_session=" + session;
        List<String[]> cases = List.of(
                new String[] {"GET", "/v1/auth", cookie},
                new String[] {"HEAD", "/v1/auth", cookie},
                new String[] {"GET", "/v1/auth", "Authorization: Session " + session},
                new String[] {"POST", "/v1/auth/api/orders?x=1", cookie, "Content-Type: application/json",
                    "Content-Length: 2", "", "{}"},
                new String[] {"GET", "/v1/auth", "Authorization: Bearer " + t.token(),
                    "X-WalletGate-App-Pub-Key: " + t.appPublicKey()},
                new String[] {"DELETE", "/v1/auth/x", "Authorization: bearer  " + t.token() + " "},
                new String[] {"GET", "/v1/auth"},
                new String[] {"HEAD", "/v1/auth"},
                new String[] {"GET", "/v1/auth", "Cookie: walletgate_session=" + "A".repeat(43)},
                new String[] {"GET", "/v1/auth", "Cookie: other=1; walletgate_session=" + session + "; x=2"},
                new String[] {"GET", "/v1/auth", "Authorization: Basic dTpw", cookie},
                new String[] {"GET", "/v1/auth", "Authorization: Bearer " + issuer.web3auth().expired().mint().token()},
                new String[] {"GET", "/v1/auth", "Authorization: Bearer not-a-token"},
                new String[] {"GET", "/v1/auth", "Authorization: Bearer " + t.token(),
                    "X-WalletGate-Address: 0x0000000000000000000000000000000000000001"},
                new String[] {"GET", "/v1/auth", "Authorization: Bearer " + t.token(), "X-WalletGate-Address: 0x01",
                    "X-WalletGate-App-Pub-Key: " + t.appPublicKey()},
                new String[] {"PUT", "/v1/auth", "Authorization: Bearer " + issuer.oidc().mint().token()});
        for (String[] c : cases) {
            sameAnswer(c);
        }
        store.down(true);
        try {
            Answer down = sameAnswer(new String[] {"GET", "/v1/auth", cookie});
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.header("retry-after")).isEqualTo("5");
            assertThat(down.body()).contains("\"store_unavailable\"");
        } finally {
            store.down(false);
        }
    }

    @Test
    void its_answers_are_the_contracts() throws Exception {
        MintedToken t = issuer.web3auth().mint();
        Answer ok = exchange(servicePort, "GET", "/v1/auth/x", "Cookie: walletgate_session=" + session(t));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("x-walletgate-wallet")).isEqualTo(t.address());
        assertThat(ok.header("cache-control")).isEqualTo("no-store");
        assertThat(ok.body()).isEmpty();
        Answer missing = exchange(servicePort, "GET", "/v1/auth");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo(
                "{\"error\":{\"code\":\"token_missing\",\"message\":\"no session or token was presented\"}}");
        Answer keys = exchange(servicePort, "GET", "/v1/auth", "Authorization: Bearer "
                + issuer.oidc().mint().token());
        assertThat(keys.status()).isEqualTo(503);
        assertThat(keys.header("retry-after")).isEqualTo("5");
        assertThat(keys.body()).contains("\"jwks_unavailable\"");
        Answer both = exchange(servicePort, "GET", "/v1/auth", "Authorization: Bearer " + t.token(),
                "X-WalletGate-Address: 0x01", "X-WalletGate-App-Pub-Key: " + t.appPublicKey());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("\"request_invalid\"").contains("not both");
    }

    // The request without an Origin (the lean path) and with an origin CORS refuses (Javalin's route): equal answers.
    private Answer sameAnswer(String[] c) throws IOException {
        String[] headers = java.util.Arrays.copyOfRange(c, 2, c.length);
        Answer lean = exchange(servicePort, c[0], c[1], headers);
        String[] withOrigin = new String[headers.length + 1];
        withOrigin[0] = "Origin: " + DISALLOWED_ORIGIN;
        System.arraycopy(headers, 0, withOrigin, 1, headers.length);
        Answer javalin = exchange(servicePort, c[0], c[1], withOrigin);
        assertThat(lean).as("%s %s", c[0], c[1]).isEqualTo(javalin);
        return lean;
    }

    private String session(MintedToken t) throws IOException {
        String body = "{\"appPubKey\":\"" + t.appPublicKey() + "\"}";
        Answer a = exchange(servicePort, "POST", "/v1/sessions", "Authorization: Bearer " + t.token(),
                "Content-Type: application/json", "Content-Length: " + body.length(), "", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        String setCookie = a.header("set-cookie");
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    /**
     * An answer as it came: status, headers (names in lower case, in order, the date left out) and body.
     *
     * @param status the status
     * @param headers "name: value" lines
     * @param body the body
     */
    record Answer(int status, List<String> headers, String body) {
        String header(String name) {
            return headers.stream().filter(h -> h.startsWith(name + ": ")).map(h -> h.substring(name.length() + 2))
                    .collect(Collectors.joining(", "));
        }
    }

    // One request on its own connection, written as given ("" ends the headers; a line after it is the body).
    private static Answer exchange(int port, String method, String target, String... lines) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        String body = "";
        boolean inBody = false;
        for (String line : lines) {
            if (inBody) {
                body = line;
            } else if (line.isEmpty()) {
                inBody = true;
            } else {
                request.append(line).append("\r\n");
            }
        }
        request.append("\r\n").append(body);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            List<String> headers = new ArrayList<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                String name = head[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT);
                if (!name.equals("date")) {
                    headers.add(name + ": " + head[i].substring(colon + 1).strip());
                }
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
        }
    }
}
