package io.walletgate.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dev issuer's HTTP side, on the JDK's server bound to 127.0.0.1 only: JWKS per profile (counting hits), each
 * profile's current key as a PEM ({@code /<profile>/verification-key.pem}), the OIDC discovery document, an index, and
 * {@code POST /token}. Bad requests get a 4xx JSON answer
 * ({@code {"error":{"code","message"}}}); nothing a client sends stops the server.
 */
final class DevIssuerHttp {
    static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;
    private final Map<ProviderShape, AtomicLong> hits = new EnumMap<>(ProviderShape.class);
    private final Map<String, ProviderShape> jwksPaths = new LinkedHashMap<>();
    private final Map<String, ProviderShape> keyPaths = new LinkedHashMap<>();
    private volatile boolean stopped;
    private DevIssuer issuer;

    /** Binds 127.0.0.1:{@code port} (0: a free port) without serving yet. */
    DevIssuerHttp(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port),
                    0);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 cannot be bound: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the dev issuer on 127.0.0.1:" + port, e);
        }
        baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "walletgate-dev-issuer-" + server.getAddress().getPort());
            t.setDaemon(true);
            return t;
        });
        for (ProviderShape shape : ProviderShape.values()) {
            hits.put(shape, new AtomicLong());
            shape.jwksPaths().forEach(path -> jwksPaths.put(path, shape));
            if (shape.jwt()) {
                keyPaths.put(verificationKeyPath(shape), shape);
            }
        }
    }

    void start(DevIssuer owner) {
        this.issuer = owner;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUri() {
        return baseUri;
    }

    /** Where a profile's current key is served as an SPKI PEM (Privy's and Dynamic's dashboards show one). */
    static String verificationKeyPath(ProviderShape shape) {
        return "/" + shape.profile() + "/verification-key.pem";
    }

    long jwksHits(ProviderShape shape) {
        return hits.get(shape).get();
    }

    void resetHits() {
        hits.values().forEach(h -> h.set(0));
    }

    synchronized void stop() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
            executor.shutdownNow();
        }
    }

    boolean isStopped() {
        return stopped;
    }

    private void handle(HttpExchange exchange) {
        try {
            try {
                route(exchange);
            } catch (HttpError e) {
                sendError(exchange, e.status, e.code, e.getMessage());
            } catch (RuntimeException e) {
                sendError(exchange, 500, "internal_error", "the dev issuer failed: " + e.getClass().getSimpleName());
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or the answer had already begun: nothing more to say
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        ProviderShape jwksOf = jwksPaths.get(path);
        if (jwksOf != null) {
            requireMethod(exchange, method, "GET");
            hits.get(jwksOf).incrementAndGet();
            send(exchange, 200, issuer.keyRing(jwksOf).jwks(jwksOf.jwkAlgAndUse()));
        } else if (keyPaths.containsKey(path)) {
            requireMethod(exchange, method, "GET");
            sendText(exchange, issuer.verificationKey(keyPaths.get(path).profile()));
        } else if (ProviderShape.OIDC_DISCOVERY_PATH.equals(path)) {
            requireMethod(exchange, method, "GET");
            send(exchange, 200, discovery());
        } else if ("/token".equals(path)) {
            requireMethod(exchange, method, "POST");
            Map<String, Object> request = readJson(exchange);
            MintedToken minted;
            try {
                minted = TokenRequest.parse(issuer, request).mint();
            } catch (IllegalArgumentException | IllegalStateException | DateTimeException | ArithmeticException e) {
                throw new HttpError(400, "request_invalid", e.getMessage());
            }
            send(exchange, 200, TokenRequest.response(minted));
        } else if ("/".equals(path)) {
            requireMethod(exchange, method, "GET");
            send(exchange, 200, index());
        } else {
            throw new HttpError(404, "not_found", "nothing is served at " + abbreviate(path));
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer.issuer(ProviderShape.OIDC.profile()));
        doc.put("jwks_uri", issuer.jwksUri(ProviderShape.OIDC.profile()).toString());
        doc.put("id_token_signing_alg_values_supported", List.of(issuer.oidcAlgorithm()));
        doc.put("response_types_supported", List.of("id_token"));
        doc.put("subject_types_supported", List.of("public"));
        return doc;
    }

    private Map<String, Object> index() {
        List<Object> profiles = new ArrayList<>();
        for (ProviderShape shape : ProviderShape.values()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("profile", shape.profile());
            p.put("issuer", issuer.issuer(shape.profile()));
            if (shape.jwt()) {
                p.put("jwksUri", issuer.jwksUri(shape.profile()).toString());
                p.put("algorithm", issuer.keyRing(shape).algorithm());
            } else {
                p.put("jwksUri", null);
                p.put("algorithm", "personal_sign (secp256k1, by the token's wallet)");
            }
            profiles.add(p);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "WalletGate dev issuer");
        doc.put("warning", "for development and tests only: its keys are made at start, its tokens prove nothing");
        doc.put("audience", issuer.audience());
        doc.put("defaultProfile", issuer.defaultProfile());
        doc.put("mint", "POST " + baseUri + "/token with a JSON body, e.g. {\"profile\":\"web3auth\"}");
        doc.put("profiles", profiles);
        return doc;
    }

    private static void requireMethod(HttpExchange exchange, String method, String allowed) {
        if (!allowed.equals(method)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new HttpError(405, "request_invalid", "method " + abbreviate(method) + " is not allowed here; use "
                    + allowed);
        }
    }

    private static Map<String, Object> readJson(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            throw new HttpError(415, "request_invalid", "the body must be JSON (Content-Type application/json)");
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new HttpError(413, "request_invalid", "the body is larger than " + MAX_BODY + " bytes");
        }
        if (body.length == 0) {
            return Map.of();
        }
        try {
            return Json.read(body);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "request_invalid", "the body is not a JSON object: " + e.getMessage());
        }
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        send(exchange, status, Map.of("error", error));
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendText(HttpExchange exchange, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "application/x-pem-file");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "…";
    }

    /** A client error with its HTTP status and code. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        HttpError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
