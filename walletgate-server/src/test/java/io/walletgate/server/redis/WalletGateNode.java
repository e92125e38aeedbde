package io.walletgate.server.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.server.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One WalletGate node: the packaged jar run as {@code walletgate serve --config FILE --port 0}, as an operator would,
 * with a small HTTP client for its endpoints. Always stopped on {@link #close} or, failing that, when the JVM exits.
 */
final class WalletGateNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern LISTENING = Pattern.compile("walletgate listening on (http://[^ ]+)");

    private final String name;
    private final Path log;
    private final Process process;
    private URI base;

    private WalletGateNode(String name, Path config, Path dir) {
        this.name = name;
        this.log = dir.resolve(name + ".log");
        Path jar = Path.of(System.getProperty("walletgate.jar", "target/walletgate.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged jar at " + jar + ": run these tests with ./mvnw verify");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "serve", "--config", config.toString(), "--port", "0", "--data", dir.resolve(name + "-data")
                .toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WALLETGATE_") || k.startsWith("OMS_"));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "walletgate-node-stop"));
    }

    /** Starts nodes named {@code names}, all with {@code config}, at once; returns when every one listens. */
    static List<WalletGateNode> start(Path config, Path dir, String... names) {
        List<WalletGateNode> nodes = new ArrayList<>();
        for (String n : names) {
            nodes.add(launch(n, config, dir));
        }
        nodes.forEach(WalletGateNode::awaitListening);
        return nodes;
    }

    /** Starts a node without waiting: {@link #awaitListening} waits. */
    static WalletGateNode launch(String name, Path config, Path dir) {
        return new WalletGateNode(name, config, dir);
    }

    /** The admin token of {@link #writeConfig} configurations. */
    static final String ADMIN_TOKEN = "redis-it-admin-token-0123456789";

    /**
     * Writes a configuration trusting the dev issuer's {@code nopwd} (replay protection by {@code jti}),
     * {@code web3auth} and {@code sequence-oms} (replay protection by the hash of what was signed) profiles, with
     * {@code sessions} as the sessions section (YAML flow mapping members).
     */
    static Path writeConfig(Path dir, io.walletgate.testkit.DevIssuer issuer, String sessions) {
        String yaml = "issuers:\n"
                + "  - {profile: nopwd, audience: " + issuer.audience() + ", jwksUri: '" + issuer.jwksUri("nopwd")
                + "', replayProtection: jti}\n"
                + "  - {profile: web3auth, audience: " + issuer.audience() + ", jwksUri: '"
                + issuer.jwksUri("web3auth") + "'}\n"
                + "  - {profile: sequence-oms, issuer: '" + issuer.issuer("sequence-oms") + "', audience: "
                + issuer.audience() + ", replayProtection: hash}\n"
                + "sessions: {store: redis, cookieSecure: false, " + sessions + "}\n"
                + "server: {adminToken: " + ADMIN_TOKEN + "}\n";
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("walletgate.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns when the node listens; fails with its log when it stopped or took three minutes. */
    void awaitListening() {
        try {
            Await.until("walletgate " + name + " listening", Duration.ofSeconds(180), // a bound, not a speed target
                    () -> LISTENING.matcher(log()).find() || !process.isAlive());
        } catch (AssertionError e) {
            throw new IllegalStateException("walletgate " + name + " did not start:\n" + log(), e);
        }
        Matcher m = LISTENING.matcher(log());
        if (!m.find()) {
            throw new IllegalStateException("walletgate " + name + " did not start:\n" + log());
        }
        base = URI.create(m.group(1));
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    String name() {
        return name;
    }

    /** {@code POST /v1/sessions} with a token and optional wallet proof members. */
    HttpResponse<String> createSession(String token, Map<String, String> proof) {
        return await(createSessionAsync(token, proof));
    }

    CompletableFuture<HttpResponse<String>> createSessionAsync(String token, Map<String, String> proof) {
        var body = JSON.createObjectNode().put("token", token);
        proof.forEach(body::put);
        return send(request("/v1/sessions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** {@code GET /v1/auth} with {@code Authorization: Session <id>}. */
    HttpResponse<String> auth(String sessionId) {
        return await(send(request("/v1/auth").header("Authorization", "Session " + sessionId).GET()));
    }

    /** {@code GET /v1/auth} with the session cookie. */
    HttpResponse<String> authWithCookie(String sessionId) {
        return await(send(request("/v1/auth").header("Cookie", "walletgate_session=" + sessionId).GET()));
    }

    /** {@code GET /v1/auth} with a Bearer ID token and an app public key. */
    HttpResponse<String> authWithToken(String token, String appPubKey) {
        return await(send(request("/v1/auth").header("Authorization", "Bearer " + token)
                .header("X-WalletGate-App-Pub-Key", appPubKey).GET()));
    }

    HttpResponse<String> current(String sessionId) {
        return await(send(request("/v1/sessions/current").header("Authorization", "Session " + sessionId).GET()));
    }

    HttpResponse<String> logout(String sessionId) {
        return await(send(request("/v1/sessions/current").header("Authorization", "Session " + sessionId)
                .DELETE()));
    }

    /** {@code POST /v1/admin/sessions/revoke} with {@code body} ({@code {"wallet": …}}). */
    HttpResponse<String> revoke(String adminToken, String body) {
        return await(send(request("/v1/admin/sessions/revoke").header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    HttpResponse<String> get(String path) {
        return await(send(request(path).GET()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder r) {
        return HTTP.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
    }

    /** The error code of a JSON error response, or "" when there is none. */
    static String code(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body()).path("error").path("code").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /** The session id of a 201 from {@code POST /v1/sessions}. */
    static String sessionId(HttpResponse<String> r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            return n.path("session").path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(r.body(), e);
        }
    }


    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
