package io.walletgate.server.ui;

import io.walletgate.testkit.DevIssuer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code walletgate serve} from the packaged jar as a real process on a free port, trusting a testkit issuer's
 * {@code web3auth} and {@code nopwd} profiles; stop it when done. Like the http package's ServiceProcess, plus the
 * {@code server:} lines the web page's tests vary (bind, ui, adminToken).
 */
final class UiServer implements AutoCloseable {
    static final String ADMIN = "ui-admin-token-0123456789abcdef";
    private static final Pattern LISTENING = Pattern.compile("walletgate listening on (http://[^ ]+)");
    // A bound against a hang, not a speed target: a JVM starting on a machine shared by several builds can take long.
    private static final long START_BOUND_SECONDS = 180;

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<URI> started = new CompletableFuture<>();
    private final Thread reader;

    private UiServer(Path dir, DevIssuer issuer, List<String> serverLines) throws IOException {
        this(dir, List.of("--config", config(dir, issuer, serverLines).toString()));
    }

    // No --config (and no issuer in the environment): serve starts its demo mode.
    private UiServer(Path dir, List<String> configArgs) throws IOException {
        Path jar = Path.of(System.getProperty("walletgate.jar", "target/walletgate.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged jar at " + jar + ": run these tests with ./mvnw verify");
        }
        Files.createDirectories(dir);
        // Quick-start flags, as WalletGateNode: these processes live for one test.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "serve",
                "--port", "0", "--data", dir.resolve("data").toString()));
        command.addAll(configArgs);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("WALLETGATE_") || k.startsWith("OMS_"));
        process = pb.start();
        reader = new Thread(this::read, "ui-serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static Path config(Path dir, DevIssuer issuer, List<String> serverLines) throws IOException {
        Files.createDirectories(dir);
        List<String> yaml = new ArrayList<>(List.of(
                "issuers:",
                "  - profile: web3auth",
                "    audience: " + issuer.audience(),
                "    jwksUri: " + issuer.jwksUri("web3auth"),
                "  - profile: nopwd",
                "    audience: " + issuer.audience(),
                "    jwksUri: " + issuer.jwksUri("nopwd"),
                "sessions: { cookieSecure: false }",
                "server:"));
        serverLines.forEach(l -> yaml.add("  " + l));
        Path config = dir.resolve("walletgate.yaml");
        Files.writeString(config, String.join("\n", yaml) + "\n");
        return config;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.add(line);
                synchronized (output) {
                    output.notifyAll(); // wakes awaitOutput
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    started.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        started.completeExceptionally(new IllegalStateException("serve ended before listening:\n" + output()));
    }

    /** Starts the service and waits until it listens. */
    static UiServer start(Path dir, DevIssuer issuer, String... serverLines) throws IOException {
        return started(new UiServer(dir, issuer, List.of(serverLines)));
    }

    /** Starts {@code walletgate serve} with no configuration (the demo mode) and waits until it listens. */
    static UiServer startDemo(Path dir) throws IOException {
        return started(new UiServer(dir, List.of()));
    }

    private static UiServer started(UiServer s) {
        try {
            s.started.get(START_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("serve did not start: " + s.output(), e);
        }
        return s;
    }

    /** Runs {@code serve} with this configuration, expecting it to refuse to start; answers its exit code. */
    static int refusal(Path dir, DevIssuer issuer, List<String> output, String... serverLines) throws Exception {
        UiServer s = new UiServer(dir, issuer, List.of(serverLines));
        try {
            if (!s.process.waitFor(START_BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("serve did not stop: " + s.output());
            }
            s.reader.join(); // the process has ended: its output is at its end, so the reader ends
            output.addAll(s.output);
            return s.process.exitValue();
        } finally {
            s.close();
        }
    }

    URI uri(String path) {
        return URI.create(started.join() + path);
    }

    /**
     * Waits until what the process printed satisfies {@code condition} (each new line wakes the wait), at most
     * {@code timeout}; answers the output then, whether it does or not.
     */
    String awaitOutput(java.util.function.Predicate<String> condition, java.time.Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            String out = output();
            while (!condition.test(out) && System.nanoTime() - deadline < 0) {
                TimeUnit.NANOSECONDS.timedWait(output, deadline - System.nanoTime());
                out = output();
            }
            return out;
        }
    }

    /** Everything the process printed so far (logs included). */
    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
