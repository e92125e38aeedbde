package io.walletgate.server.accesslog;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The service's access log: one JSON line per request, written by one writer thread in batches so that a request
 * thread only hands over a small record (issue 20: formatting and writing the line on the request thread through
 * slf4j-simple cost ~17 µs of a request's CPU, 12 % of a Bearer request's profile; docs/performance.md).
 *
 * <p>Every line is kept: the hand-over queue is bounded ({@link #DEFAULT_CAPACITY} records), and when it is full the
 * request thread waits for the writer rather than drop a line; {@link #close} (the service's stop, also on SIGTERM)
 * writes every line handed over before it returns, and a line handed over after that is written by the thread that
 * hands it over. A line looks as slf4j-simple printed it before, so readers of the log see no change:
 * <pre>{@code
 * 2026-12-05T03:01:02.345+0000 INFO access - {"method":"GET","route":"/v1/auth","status":200,"ms":0.41,"ip":"127.0.0.1","code":""}
 * }</pre>
 * It carries the route template, never the raw path, and never the token, a session id, a cookie or the query string:
 * the caller gives only the fields below.
 *
 * <p>Thread-safe. Under load the writer wakes every {@link #DEFAULT_BATCH_INTERVAL} and writes what came meanwhile as
 * one write; idle, it sleeps until the next line.
 */
public final class AccessLog implements AutoCloseable {
    /** Records the queue holds before a request thread waits for the writer. */
    public static final int DEFAULT_CAPACITY = 16_384;
    /** How long the writer lets lines gather under load before it writes them. */
    public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofMillis(5);

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("Z");
    private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

    /** One request as the log records it. */
    private record Entry(long epochMillis, String method, String route, int status, float ms, String ip,
                         String code) {
    }

    private final BlockingQueue<Entry> queue;
    private final Supplier<? extends OutputStream> out;
    private final Clock clock;
    private final ZoneId zone;
    private final long batchNanos;
    private final Thread writer;
    private final Object writing = new Object(); // one batch written at a time, in order
    private final List<Entry> batch = new ArrayList<>();
    private final StringBuilder text = new StringBuilder(16 * 1024);
    private volatile boolean closed;
    private long second = Long.MIN_VALUE; // the second whose "yyyy-MM-dd'T'HH:mm:ss." secondText holds
    private String secondText = "";
    private String offsetText = "";

    private AccessLog(int capacity, Duration batchInterval, Clock clock, ZoneId zone,
                      Supplier<? extends OutputStream> out) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        if (batchInterval.isNegative() || batchInterval.isZero()) {
            throw new IllegalArgumentException("batchInterval must be positive: " + batchInterval);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchNanos = batchInterval.toNanos();
        this.clock = clock;
        this.zone = zone;
        this.out = out;
        this.writer = new Thread(this::run, "walletgate-access-log");
        writer.setDaemon(true); // close() drains it; a daemon never holds the JVM up on its own
        writer.start();
    }

    /**
     * The service's access log, on standard output (as {@code System.out} is when a batch is written), time stamped
     * by {@code clock} in the JVM's default zone.
     */
    public static AccessLog toStandardOutput(Clock clock) {
        return new AccessLog(DEFAULT_CAPACITY, DEFAULT_BATCH_INTERVAL, clock, ZoneId.systemDefault(), () -> System.out);
    }

    /**
     * An access log writing to {@code out}, with a queue of {@code capacity} records and batches gathered for
     * {@code batchInterval} under load.
     *
     * @throws IllegalArgumentException if {@code capacity} is below 1 or {@code batchInterval} not positive
     */
    public static AccessLog to(OutputStream out, int capacity, Duration batchInterval, Clock clock, ZoneId zone) {
        return new AccessLog(capacity, batchInterval, clock, zone, () -> out);
    }

    /**
     * Hands one request's line to the writer; waits only while the queue is full.
     *
     * @param method the HTTP method
     * @param route the route template (never the raw path)
     * @param status the status answered
     * @param ms the time the request took, in milliseconds
     * @param ip the client's address
     * @param code the error code answered, or null
     */
    public void log(String method, String route, int status, float ms, String ip, String code) {
        Entry e = new Entry(clock.millis(), method, route, status, ms, ip, code == null ? "" : code);
        if (!queue.offer(e)) {
            LockSupport.unpark(writer); // full: the writer may be gathering a batch; it need not wait for it
            try {
                queue.put(e);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                writeAll(); // not lost: written by this thread
                write(List.of(e));
                return;
            }
        }
        if (closed) { // the writer may have written its last batch already
            writeAll();
        }
    }

    /** Writes every line handed over so far, then stops the writer. Idempotent. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt(); // out of its wait for a line, or its pause between batches
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        writeAll();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            if (queue.isEmpty()) {
                awaitLine();
                continue;
            }
            writeAll();
            LockSupport.parkNanos(this, batchNanos); // let the next batch gather
        }
        writeAll();
    }

    // Idle: sleep until a line comes (under load the writer pauses instead, and an offer() wakes nobody).
    private void awaitLine() {
        try {
            Entry first = queue.take();
            synchronized (writing) {
                batch.add(first);
                queue.drainTo(batch);
                writeBatch();
            }
        } catch (InterruptedException e) {
            // close(): the loop sees it
        }
    }

    private void writeAll() {
        synchronized (writing) {
            while (queue.drainTo(batch) > 0) {
                writeBatch();
            }
        }
    }

    private void write(List<Entry> entries) {
        synchronized (writing) {
            batch.addAll(entries);
            writeBatch();
        }
    }

    // Holding `writing`: formats the batch into one buffer and writes it at once.
    private void writeBatch() {
        try {
            for (Entry e : batch) {
                format(e);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            OutputStream target = out.get();
            target.write(bytes);
            target.flush();
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("walletgate access log: could not write " + batch.size() + " lines: " + e);
        } finally {
            batch.clear();
            text.setLength(0);
            if (text.capacity() > 1 << 20) {
                text.trimToSize();
            }
        }
    }

    private void format(Entry e) {
        timestamp(e.epochMillis());
        text.append(" INFO access - {\"method\":");
        string(e.method());
        text.append(",\"route\":");
        string(e.route());
        text.append(",\"status\":").append(e.status()).append(",\"ms\":").append(Math.round(e.ms() * 100) / 100.0)
                .append(",\"ip\":");
        string(e.ip());
        text.append(",\"code\":");
        string(e.code());
        text.append("}\n");
    }

    // slf4j-simple's yyyy-MM-dd'T'HH:mm:ss.SSSZ, the formatter run once a second.
    private void timestamp(long epochMillis) {
        long s = Math.floorDiv(epochMillis, 1000);
        if (s != second) {
            var at = Instant.ofEpochSecond(s).atZone(zone);
            secondText = SECOND.format(at);
            offsetText = OFFSET.format(at);
            second = s;
        }
        int millis = Math.floorMod(epochMillis, 1000);
        text.append(secondText);
        if (millis < 100) {
            text.append('0');
        }
        if (millis < 10) {
            text.append('0');
        }
        text.append(millis).append(offsetText);
    }

    private void string(String value) {
        text.append('"');
        if (value != null) {
            JSON.quoteAsString(value, text);
        }
        text.append('"');
    }
}
