package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log of a real {@code walletgate serve} (issue 20): written by a writer thread in batches, it still has a
 * line for every request answered when the process is stopped by SIGTERM right after a burst of requests.
 */
class AccessLogIT {
    private static final int SENDERS = 8;
    private static final int REQUESTS_EACH = 250;

    @TempDir
    Path dir;

    @Test
    void every_request_answered_before_sigterm_has_its_line() throws Exception {
        try (DevIssuer issuer = DevIssuer.start()) {
            Path config = ServiceProcess.web3authConfig(dir, issuer);
            try (ServiceProcess service = ServiceProcess.serve(dir, dir.resolve("serve.log"), "--config",
                    config.toString(), "--port", "0", "--data", dir.resolve("data").toString())) {
                int answered = burst(service.base());
                assertThat(answered).isEqualTo(SENDERS * REQUESTS_EACH);
                assertThat(service.stop(Duration.ofSeconds(30))).as("ended by itself on SIGTERM").isTrue();
                List<String> lines = service.stdoutAtEnd(Duration.ofSeconds(30)).stream()
                        .filter(l -> l.contains(" INFO access - {")).toList();
                assertThat(lines).hasSize(answered);
                assertThat(lines.stream().filter(l -> l.contains("\"route\":\"/v1/auth\",\"status\":401,"))
                        .count()).isEqualTo(answered / 2);
                assertThat(lines.stream().filter(l -> l.contains("\"route\":\"/healthz\",\"status\":200,"))
                        .count()).isEqualTo(answered / 2);
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
}
