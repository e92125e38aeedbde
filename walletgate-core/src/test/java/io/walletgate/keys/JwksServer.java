package io.walletgate.keys;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real JWKS endpoint on loopback for tests: the JDK {@link HttpServer} bound to 127.0.0.1 on a free port, serving
 * one body at {@link #PATH} (any other path answers 404). Between requests a test can rotate the body, change the
 * status or content type, hold responses (before the headers, or after the headers in the middle of the body) until
 * {@link #release()}, and read how many requests arrived. Closing it releases held requests and stops the server.
 *
 * <pre>{@code
 * try (JwksServer server = JwksServer.start(issuer.jwks())) {
 *     ... IssuerProfiles.oidc(iss).withJwksUri(server.uri()) ...
 *     assertThat(server.hits()).isEqualTo(1);
 * }
 * }</pre>
 */
public final class JwksServer implements AutoCloseable {
    /** The path the key set is served at. */
    public static final String PATH = "/jwks";

    /** When a held response waits. */
    public enum Hold {
        /** Answer at once. */
        NONE,
        /** Wait before sending the status line and headers. */
        BEFORE_HEADERS,
        /** Send the status and headers and the first bytes of the body, then wait before the rest. */
        MID_BODY
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger otherHits = new AtomicInteger();
    private final Map<String, String> extraHeaders = new ConcurrentHashMap<>();
    private volatile byte[] body;
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile Hold hold = Hold.NONE;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private JwksServer(byte[] body) throws IOException {
        this.body = body;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jwks-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server answering {@code jwks} with 200 and {@code application/json}. */
    public static JwksServer start(String jwks) {
        return start(jwks.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a server answering these bytes with 200 and {@code application/json}. */
    public static JwksServer start(byte[] body) {
        try {
            return new JwksServer(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/jwks}. */
    public URI uri() {
        return uri(PATH);
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Serves another key set from the next request on (a rotation). */
    public JwksServer body(String jwks) {
        return body(jwks.getBytes(StandardCharsets.UTF_8));
    }

    /** Serves these bytes from the next request on. */
    public JwksServer body(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    /** Answers with this status from the next request on. */
    public JwksServer status(int status) {
        this.status = status;
        return this;
    }

    /** Answers with this content type from the next request on; null sends none. */
    public JwksServer contentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    /** Adds a response header from the next request on. */
    public JwksServer header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    /** Holds every following request at {@code where} until {@link #release()} (or {@link #close()}). */
    public JwksServer hold(Hold where) {
        this.gate = where == Hold.NONE ? new CountDownLatch(0) : new CountDownLatch(1);
        this.hold = where;
        return this;
    }

    /** Lets held requests continue, and answers at once from now on. */
    public JwksServer release() {
        CountDownLatch g = gate;
        hold = Hold.NONE;
        g.countDown();
        return this;
    }

    /** Requests for the key set so far. */
    public int hits() {
        return hits.get();
    }

    /** Requests for any path, the key set included. */
    public int allHits() {
        return hits.get() + otherHits.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                otherHits.incrementAndGet();
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            hits.incrementAndGet();
            Hold where = hold;
            CountDownLatch g = gate;
            if (where == Hold.BEFORE_HEADERS) {
                await(g);
            }
            byte[] b = body;
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            extraHeaders.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (where == Hold.MID_BODY) {
                exchange.sendResponseHeaders(status, 0); // chunked: the client cannot know the body is short
                OutputStream out = exchange.getResponseBody();
                out.write(b, 0, Math.min(16, b.length));
                out.flush();
                await(g);
                out.write(b, Math.min(16, b.length), b.length - Math.min(16, b.length));
                return;
            }
            exchange.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                exchange.getResponseBody().write(b);
            }
        } catch (IOException e) {
            // the client went away (a timeout under test): nothing to answer
        }
    }

    private static void await(CountDownLatch g) {
        try {
            g.await(1, TimeUnit.MINUTES); // bounded, so that a forgotten release cannot hang the build
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases held requests and stops the server. */
    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
