package io.walletgate.server.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code walletgate serve} from the packaged jar as a real process on a free loopback port; stop it when done. */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("walletgate listening on (http://[^ ]+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final URI base;

    private ServiceProcess(Path config, Path data, Map<String, String> env) throws IOException {
        Path jar = Path.of(System.getProperty("walletgate.jar", "target/walletgate.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged jar at " + jar + ": run these tests with ./mvnw verify");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--port", "0", "--data", data.toString()));
        if (config != null) {
            cmd.add("--config");
            cmd.add(config.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("WALLETGATE_") || k.startsWith("OMS_"));
        pb.environment().putAll(env);
        process = pb.start();
        CompletableFuture<URI> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        started.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            started.completeExceptionally(new IllegalStateException("serve ended before listening:\n"
                    + String.join("\n", output)));
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        try {
            base = started.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("serve did not start: " + String.join("\n", output), e);
        }
    }

    static ServiceProcess start(Path config, Path data) throws IOException {
        return new ServiceProcess(config, data, Map.of());
    }

    URI uri(String path) {
        return URI.create(base + path);
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
