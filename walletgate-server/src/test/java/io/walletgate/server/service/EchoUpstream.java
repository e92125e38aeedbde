package io.walletgate.server.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application behind nginx: a JDK HTTP server on loopback that answers every request with JSON describing it
 * ({@code method}, {@code path}, {@code body}, and every {@code X-WalletGate-*} header it received, lower-cased
 * names, also spelled with underscores as some frameworks read them), and counts the requests that reached it.
 */
final class EchoUpstream implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();

    private EchoUpstream(HttpServer server) {
        this.server = server;
    }

    static EchoUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            EchoUpstream upstream = new EchoUpstream(server);
            server.createContext("/", upstream::echo);
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void echo(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            ObjectNode out = Http.JSON.createObjectNode();
            out.put("method", exchange.getRequestMethod());
            out.put("path", exchange.getRequestURI().toString());
            out.put("body", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> seen = new TreeMap<>();
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (name.replace('_', '-').startsWith("x-walletgate-")) {
                    seen.put(name, String.join(",", h.getValue()));
                }
            }
            ObjectNode headers = out.putObject("headers");
            seen.forEach(headers::put);
            byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** {@code host:port}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests reached it. */
    int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
