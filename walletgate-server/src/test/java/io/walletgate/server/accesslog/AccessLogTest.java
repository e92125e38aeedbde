package io.walletgate.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T03:01:02.045Z"), ZoneOffset.UTC);

    @Test
    void a_line_is_the_json_object_slf4j_simple_printed_with_its_time_stamp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AccessLog log = AccessLog.to(out, 16, Duration.ofMillis(5), CLOCK, ZoneId.of("Europe/Berlin"))) {
            log.log("GET", "/v1/auth", 200, 0.4149f, "127.0.0.1", null);
            log.log("POST", "/v1/verify", 401, 12.0f, "::1", "token_expired");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "2026-12-05T04:01:02.045+0100 INFO access - {\"method\":\"GET\",\"route\":\"/v1/auth\",\"status\":200,"
                        + "\"ms\":0.41,\"ip\":\"127.0.0.1\",\"code\":\"\"}\n"
                        + "2026-12-05T04:01:02.045+0100 INFO access - {\"method\":\"POST\",\"route\":\"/v1/verify\","
                        + "\"status\":401,\"ms\":12.0,\"ip\":\"::1\",\"code\":\"token_expired\"}\n");
    }

    @Test
    void a_field_is_escaped_as_json_so_it_cannot_break_the_line() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AccessLog log = AccessLog.to(out, 16, Duration.ofMillis(5), CLOCK, ZoneOffset.UTC)) {
            log.log("GET", "unmatched", 404, 1f, "a\"b\n{\\", "request_invalid");
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\"ip\":\"a\\\"b\\n{\\\\\",\"code\":\"request_invalid\"}\n");
        assertThat(text.lines()).hasSize(1);
    }

    @Test
    void a_burst_that_fills_the_queue_while_the_output_is_stuck_loses_no_line_and_keeps_their_order()
            throws Exception {
        GatedStream out = new GatedStream();
        int lines = 2_000;
        AccessLog log = AccessLog.to(out, 8, Duration.ofMillis(1), CLOCK, ZoneOffset.UTC);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int sender = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < lines / 4; i++) {
                    log.log("GET", "/v1/auth", 200, 1f, "10.0.0." + sender, Integer.toString(i));
                }
            });
            senders.add(thread);
            thread.start();
        }
        // the writer is stuck in its first write and the queue (8) is full: the senders wait, none drops a line
        assertThat(out.entered.await(10, TimeUnit.SECONDS)).isTrue();
        awaitWaiting(senders);
        out.open.countDown();
        for (Thread thread : senders) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).isFalse();
        }
        log.close();
        List<String> written = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(written).hasSize(lines);
        for (int sender = 0; sender < 4; sender++) {
            String ip = "\"ip\":\"10.0.0." + sender + "\"";
            List<String> own = written.stream().filter(l -> l.contains(ip)).toList();
            assertThat(own).hasSize(lines / 4);
            for (int i = 0; i < own.size(); i++) {
                assertThat(own.get(i)).endsWith("\"code\":\"" + i + "\"}");
            }
        }
    }

    @Test
    void close_writes_every_line_handed_over_and_a_line_after_it_is_still_written() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog log = AccessLog.to(out, 100_000, Duration.ofSeconds(30), CLOCK, ZoneOffset.UTC);
        for (int i = 0; i < 50_000; i++) {
            log.log("GET", "/v1/auth", 200, 1f, "127.0.0.1", null);
        }
        log.close();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(50_000);
        log.log("GET", "/healthz", 200, 1f, "127.0.0.1", null); // a request answered while the service stops
        log.close();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(50_001).last().asString()
                .contains("/healthz");
    }

    @Test
    void its_settings_are_checked_at_once() {
        OutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> AccessLog.to(out, 0, Duration.ofMillis(5), CLOCK, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity must be at least 1: 0");
        assertThatThrownBy(() -> AccessLog.to(out, 8, Duration.ZERO, CLOCK, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchInterval must be positive: PT0S");
    }

    // Until every sender waits (the queue is full), bounded.
    private static void awaitWaiting(List<Thread> senders) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (senders.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
            assertThat(System.nanoTime()).as("senders waiting on the full queue").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    // An output whose first write blocks until the test opens it.
    private static final class GatedStream extends ByteArrayOutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            entered.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.write(b, off, len);
        }
    }
}
