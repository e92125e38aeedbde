package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.walletgate.server.testing.Await;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, item 1, the audit's storm replayed against {@code walletgate serve}: 500 concurrent requests naming random
 * unknown key ids while the issuer's JWKS holds its answer (a real loopback server that answers only when the test
 * releases it). Without timing: the JWKS sees exactly one refetch, and every legitimate request sent during the storm
 * (a known-kid Bearer token, a session cookie on {@code /v1/auth}, {@code /v1/verify}) is answered while the JWKS is
 * still held; the storm itself is answered {@code key_not_found} (past the bound of waiters at once, the rest when the
 * refetch comes back).
 */
class KeyStormIT {
    private static final int STORM = 500;
    private static final int LEGITIMATE_ROUNDS = 10;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(30)).build();
    private DevIssuer issuer;
    private HoldingJwks jwks;
    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (jwks != null) {
            jwks.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void a_storm_of_unknown_kids_costs_one_fetch_and_stalls_no_legitimate_request(@TempDir Path dir)
            throws Exception {
        issuer = DevIssuer.start();
        jwks = HoldingJwks.serving(Http.get(issuer.jwksUri("web3auth")).body());
        Path config = ServiceProcess.web3authConfig(dir, issuer,
                "keys: {readTimeout: 5m, unknownKidWait: 5m}"); // the waiters wait for the release, not a deadline
        config = rewriteJwksUri(config, issuer.jwksUri("web3auth"), jwks.uri());
        service = ServiceProcess.serve(dir, dir.resolve("serve.log"), "--config", config.toString(), "--port", "0",
                "--data", dir.resolve("data").toString());
        URI base = service.uri("/");
        MintedToken known = issuer.web3auth().mint();
        assertThat(auth(base, "Authorization", "Bearer " + known.token()).statusCode()).isEqualTo(200);
        String cookie = Http.sessionCookie(Http.send(Http.createSession(base, known.token(), known.appPublicKey())));
        assertThat(jwks.hits()).as("the first fetch only").isEqualTo(1);

        jwks.hold();
        List<CompletableFuture<HttpResponse<String>>> storm = new ArrayList<>();
        for (int i = 0; i < STORM; i++) {
            String token = issuer.web3auth().header("kid", "storm-" + UUID.randomUUID()).mint().token();
            storm.add(client.sendAsync(request(base.resolve("/v1/auth"), "Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        Await.until("the storm's refetch reaches the JWKS server", Duration.ofMinutes(2), () -> jwks.hits() == 2);

        for (int i = 0; i < LEGITIMATE_ROUNDS; i++) {
            MintedToken fresh = issuer.web3auth().mint();
            assertThat(auth(base, "Authorization", "Bearer " + fresh.token()).statusCode())
                    .as("a known-kid Bearer token during the storm").isEqualTo(200);
            assertThat(auth(base, "Cookie", cookie).statusCode()).as("a session cookie during the storm")
                    .isEqualTo(200);
            HttpResponse<String> verified = Http.send(request(base.resolve("/v1/verify"), "Authorization",
                    "Bearer " + fresh.token()).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        }
        assertThat(jwks.held()).as("every legitimate request was answered while the JWKS still held its answer")
                .isTrue();

        Await.until("the storm past the bound of waiters answered at once", Duration.ofMinutes(2),
                () -> storm.stream().filter(CompletableFuture::isDone).count() >= STORM - 100);
        jwks.release();
        CompletableFuture.allOf(storm.toArray(new CompletableFuture<?>[0])).get(2, TimeUnit.MINUTES);
        for (CompletableFuture<HttpResponse<String>> f : storm) {
            HttpResponse<String> r = f.join();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(Http.json(r).get("error").get("code").asText()).isEqualTo("key_not_found");
        }
        assertThat(jwks.hits()).as("one refetch for the whole storm").isEqualTo(2);
    }

    private HttpResponse<String> auth(URI base, String header, String value) {
        return Http.send(request(base.resolve("/v1/auth"), header, value).GET().build());
    }

    private static HttpRequest.Builder request(URI uri, String header, String value) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(3)).header(header, value);
    }

    private static Path rewriteJwksUri(Path config, URI from, URI to) throws IOException {
        String yaml = java.nio.file.Files.readString(config);
        assertThat(yaml).contains(from.toString());
        java.nio.file.Files.writeString(config, yaml.replace(from.toString(), to.toString()));
        return config;
    }

    /**
     * A JWKS endpoint on loopback that answers at once until {@link #hold}, then holds every answer until
     * {@link #release} (bounded: at most 5 min, and {@link #close} releases), counting the requests that arrive.
     */
    static final class HoldingJwks implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "holding-jwks");
            t.setDaemon(true);
            return t;
        });
        private final byte[] body;
        private final AtomicInteger hits = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        private HoldingJwks(byte[] body) throws IOException {
            this.body = body;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            server.createContext("/jwks", exchange -> {
                hits.incrementAndGet();
                try {
                    if (!gate.await(5, TimeUnit.MINUTES)) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        static HoldingJwks serving(String jwks) throws IOException {
            return new HoldingJwks(jwks.getBytes(StandardCharsets.UTF_8));
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        boolean held() {
            return gate.getCount() > 0;
        }

        void release() {
            gate.countDown();
        }

        int hits() {
            return hits.get();
        }

        @Override
        public void close() {
            release();
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
