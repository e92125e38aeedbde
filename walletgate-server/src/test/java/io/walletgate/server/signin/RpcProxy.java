package io.walletgate.server.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC endpoint on loopback in front of a real node (anvil): it forwards every call and counts the
 * {@code eth_call}s, so a test can tell how often WalletGate asked the chain; or, switched to a hostile
 * {@link Mode}, it stalls, answers a megabyte, or answers garbage.
 */
public final class RpcProxy implements AutoCloseable {
    /** How it answers. */
    public enum Mode {
        /** Forwards to the node. */
        FORWARD,
        /** Never answers (until closed). */
        STALL,
        /** Answers a valid JSON-RPC envelope padded to a megabyte. */
        HUGE,
        /** Answers bytes that are not JSON. */
        GARBAGE
    }

    private final HttpServer server;
    private final URI node;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger ethCalls = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Mode mode = Mode.FORWARD;

    private RpcProxy(URI node) throws IOException {
        this.node = node;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rpc-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy in front of the node at {@code node}. */
    public static RpcProxy start(URI node) throws IOException {
        return new RpcProxy(node);
    }

    /** Its URL (with a path, as providers' URLs have, carrying a key that messages must never show). */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/SECRET-API-KEY");
    }

    /** How the next calls are answered. */
    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** How many {@code eth_call}s reached it. */
    public int ethCalls() {
        return ethCalls.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] request = ex.getRequestBody().readAllBytes();
            JsonNode call = SignInService.JSON.readTree(request);
            if ("eth_call".equals(call.path("method").asText())) {
                ethCalls.incrementAndGet();
            }
            switch (mode) {
                case STALL -> {
                    closed.await();
                    return;
                }
                case HUGE -> answer(ex, 200, ("{\"jsonrpc\":\"2.0\",\"id\":" + call.path("id") + ",\"result\":\"0x"
                        + "0".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8));
                case GARBAGE -> answer(ex, 200, "<html>\u0000\u00ff not json".getBytes(StandardCharsets.UTF_8));
                default -> {
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(node).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    answer(ex, r.statusCode(), r.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client stopped reading (a size limit): that is the point of HUGE
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
