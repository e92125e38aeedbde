package io.walletgate.server.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.server.ProjectFiles;
import io.walletgate.server.config.ConfigLoader;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.http.WalletGateService;
import io.walletgate.server.session.SessionStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A WalletGate service in this JVM on a loopback port, configured by YAML as {@code walletgate serve} would be, with
 * the HTTP calls the sign-in tests make: a nonce, a sign-in, forward-auth with the session's cookie.
 */
public final class SignInService implements AutoCloseable {
    /** The JSON mapper of the tests. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final WalletGateService service;
    private final URI base;

    private SignInService(WalletGateService service, URI base) {
        this.service = service;
        this.base = base;
    }

    /** Starts a service configured by {@code yaml}, its data (the SQLite file, keys) in {@code dir}. */
    public static SignInService start(Path dir, String yaml, Clock clock) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("walletgate.yaml");
            Files.writeString(file, yaml);
            WalletGateConfig cfg = ConfigLoader.load(file, Map.of());
            WalletGateService service = new WalletGateService(cfg, dir.resolve("keys"),
                    SessionStores.open(cfg.sessions(), dir), clock);
            return new SignInService(service, URI.create("http://127.0.0.1:" + service.start("127.0.0.1", 0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sign-in tests' npm packages (walletgate-core/src/test/signin-node, installed by the build). */
    public static Path nodeModules() {
        return ProjectFiles.root().resolve("walletgate-core/src/test/signin-node/node_modules");
    }

    /** The {@code anvil} executable of those packages. */
    public static Path anvil() {
        return nodeModules().resolve("@foundry-rs/anvil-linux-amd64/bin/anvil");
    }

    /** The service's base URL. */
    public URI base() {
        return base;
    }

    /** Sends a request; {@code body} null for none. */
    public HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /v1/{kind}/nonce}: the nonce, after checking the answer is 201. */
    public String nonce(String kind) {
        HttpResponse<String> r = send("POST", "/v1/" + kind + "/nonce", null);
        if (r.statusCode() != 201) {
            throw new AssertionError("nonce: " + r.statusCode() + " " + r.body());
        }
        return json(r).path("nonce").asText();
    }

    /** {@code POST /v1/{kind}/sessions} with the message and signature. */
    public HttpResponse<String> signIn(String kind, String message, String signature) {
        return send("POST", "/v1/" + kind + "/sessions", JSON.createObjectNode().put("message", message)
                .put("signature", signature).toString());
    }

    /** {@code GET /v1/auth} with the session of a sign-in's answer. */
    public HttpResponse<String> forwardAuth(HttpResponse<String> signedIn) {
        return send("GET", "/v1/auth", null, "Cookie", cookie(signedIn));
    }

    /** The {@code name=value} of the session cookie a sign-in set. */
    public static String cookie(HttpResponse<String> signedIn) {
        return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    /** The answer's body as JSON. */
    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** The error code of a refusal, or null. */
    public static String code(HttpResponse<String> r) {
        return json(r).at("/error/code").asText(null);
    }

    @Override
    public void close() {
        service.close();
    }
}
