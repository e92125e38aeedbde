package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.server.testing.Await;
import io.walletgate.testkit.DevIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log of a real {@code walletgate serve} (issue 20): written by a writer thread in batches, it still has a
 * line for every request answered when the process is stopped by SIGTERM right after a burst of requests. Its
 * standard output goes to a file, not to a pipe this JVM reads: the JDK's pipe of a process that has ended may drop
 * what was left unread ("Stream closed" in the reading thread), which would look like lost lines.
 */
class AccessLogIT {
    private static final int SENDERS = 8;
    private static final int REQUESTS_EACH = 250;
    private static final Pattern LISTENING = Pattern.compile("(?m)^walletgate listening on (http://127\\.0\\.0\\.1:\\d+) ");

    @TempDir
    Path dir;

    @Test
    void every_request_answered_before_sigterm_has_its_line() throws Exception {
        try (DevIssuer issuer = DevIssuer.start()) {
            Path config = ServiceProcess.web3authConfig(dir, issuer);
            Path stdout = dir.resolve("stdout.txt");
            Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", ServiceProcess.jar().toString(), "serve", "--config", config.toString(), "--port", "0",
                    "--data", dir.resolve("data").toString())
                    .directory(dir.toFile()).redirectOutput(stdout.toFile())
                    .redirectError(dir.resolve("serve.log").toFile()).start();
            try {
                Await.until("walletgate listening", Duration.ofMinutes(1),
                        () -> !service.isAlive() || LISTENING.matcher(read(stdout)).find());
                Matcher listening = LISTENING.matcher(read(stdout));
                assertThat(listening.find()).as("listening; log:\n%s", read(dir.resolve("serve.log"))).isTrue();
                int answered = burst(URI.create(listening.group(1)));
                assertThat(answered).isEqualTo(SENDERS * REQUESTS_EACH);

                service.destroy(); // SIGTERM, right after the last answer
                assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("ended by itself on SIGTERM").isTrue();
                List<String> lines = read(stdout).lines().filter(l -> l.contains(" INFO access - {")).toList();
                assertThat(lines).hasSize(answered);
                assertThat(lines.stream().filter(l -> l.contains("\"route\":\"/v1/auth\",\"status\":401,"))
                        .count()).isEqualTo(answered / 2);
                assertThat(lines.stream().filter(l -> l.contains("\"route\":\"/healthz\",\"status\":200,"))
                        .count()).isEqualTo(answered / 2);
            } finally {
                service.destroyForcibly();
            }
        }
    }

    // Requests from several threads at once, half of them refused; returns how many were answered.
    private static int burst(URI base) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                results.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < REQUESTS_EACH; i++) {
                        int status = Http.get(base.resolve(i % 2 == 0 ? "/v1/auth" : "/healthz")).statusCode();
                        assertThat(status).isEqualTo(i % 2 == 0 ? 401 : 200);
                        n++;
                    }
                    return n;
                }));
            }
            int answered = 0;
            for (Future<Integer> r : results) {
                answered += r.get();
            }
            return answered;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
