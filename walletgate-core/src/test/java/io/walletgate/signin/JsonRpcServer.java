package io.walletgate.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real JSON-RPC endpoint on a loopback port, for the chain's side of a sign-in: it answers each request as told
 * (a call result, a JSON-RPC error, an HTTP status, garbage, an oversized body, or nothing until it is closed) and
 * records every request it received.
 */
final class JsonRpcServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the next requests get. */
    interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Answer answer = result("0x");

    private JsonRpcServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static JsonRpcServer start() throws IOException {
        return new JsonRpcServer();
    }

    /** The endpoint, with a path standing for the API key a provider's URL carries. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/SECRET-API-KEY");
    }

    JsonRpcServer answer(Answer a) {
        this.answer = a;
        return this;
    }

    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** {@code {"jsonrpc":"2.0","id":1,"result":hex}}. */
    static Answer result(String hex) {
        return json(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + hex + "\"}");
    }

    /** {@code {"jsonrpc":"2.0","id":1,"error":{"code","message"}}}. */
    static Answer error(int code, String message) {
        return json(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":" + code + ",\"message\":\"" + message
                + "\"}}");
    }

    static Answer json(int status, String body) {
        return ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        };
    }

    /** A body of {@code bytes} bytes, sent without a length (chunked). */
    static Answer oversized(int bytes) {
        return ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        };
    }

    /** Headers, half a body, then nothing until the server is closed. */
    Answer stalls() {
        return ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("{\"jsonrpc\":\"2.0\",".getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitClose();
            out.close();
        };
    }

    private void awaitClose() {
        try {
            closed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            requests.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
        } catch (IOException e) {
            requests.add(JSON.getNodeFactory().textNode("unreadable"));
        }
        answer.write(ex);
        ex.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
