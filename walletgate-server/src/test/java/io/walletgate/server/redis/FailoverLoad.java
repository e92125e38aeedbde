package io.walletgate.server.redis;

import static io.walletgate.server.redis.WalletGateNode.code;
import static io.walletgate.server.redis.WalletGateNode.sessionId;

import io.walletgate.testkit.DevIssuer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A steady load on one WalletGate node: each worker, in a closed loop, exchanges a fresh NoPwd token for a session
 * ({@code POST /v1/sessions}) and then checks a session acknowledged earlier ({@code GET /v1/auth}). Every answer is
 * kept with its start and end time, so that a failover's effect can be read from them: which requests failed and how,
 * when the first request after the fault succeeded, when every request succeeded again, and which sessions were
 * acknowledged (201). Requests are bounded by the node's client timeout: a hang is recorded as a failure.
 */
final class FailoverLoad implements AutoCloseable {
    /** What a request did. */
    enum Kind { CREATE, CHECK }

    /**
     * One request's outcome: its kind, start and end ({@link System#nanoTime}), status (0 when no answer came),
     * error code, the session id (created, or checked), and the client's error when there was no answer.
     */
    record Outcome(Kind kind, long start, long end, int status, String code, String sessionId, String error) {
        boolean ok() {
            return kind == Kind.CREATE ? status == 201 : status == 200;
        }

        /** The documented answer while the store cannot be used: 503 {@code store_unavailable}. */
        boolean unavailable() {
            return status == 503 && "store_unavailable".equals(code);
        }
    }

    private final WalletGateNode node;
    private final DevIssuer issuer;
    private final int workers;
    private final Duration pause;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    /** The acknowledged sessions the checks draw from. */
    private final List<String> drawn = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService pool;

    private FailoverLoad(WalletGateNode node, DevIssuer issuer, int workers, Duration pause) {
        this.node = node;
        this.issuer = issuer;
        this.workers = workers;
        this.pause = pause;
        this.pool = Executors.newFixedThreadPool(workers);
    }

    /** Starts {@code workers} loops against {@code node}, each pausing {@code pause} between two requests. */
    static FailoverLoad start(WalletGateNode node, DevIssuer issuer, int workers, Duration pause) {
        FailoverLoad load = new FailoverLoad(node, issuer, workers, pause);
        for (int i = 0; i < workers; i++) {
            load.pool.submit(load::loop);
        }
        return load;
    }

    private void loop() {
        while (running.get()) {
            Outcome created = create();
            outcomes.add(created);
            if (created.ok()) {
                synchronized (drawn) {
                    drawn.add(created.sessionId());
                }
            }
            pause();
            String id = anyAcknowledged();
            if (id != null && running.get()) {
                outcomes.add(check(id));
                pause();
            }
        }
    }

    private Outcome create() {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = node.createSession(issuer.nopwd().mint().token(), Map.of());
            return new Outcome(Kind.CREATE, start, System.nanoTime(), r.statusCode(), code(r),
                    r.statusCode() == 201 ? sessionId(r) : null, null);
        } catch (RuntimeException e) {
            return new Outcome(Kind.CREATE, start, System.nanoTime(), 0, "", null, e.toString());
        }
    }

    private Outcome check(String id) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = node.auth(id);
            if (r.statusCode() == 401) {
                synchronized (drawn) {
                    drawn.remove(id); // lost: checked once, reported, not drawn again
                }
            }
            return new Outcome(Kind.CHECK, start, System.nanoTime(), r.statusCode(), code(r), id, null);
        } catch (RuntimeException e) {
            return new Outcome(Kind.CHECK, start, System.nanoTime(), 0, "", id, e.toString());
        }
    }

    private String anyAcknowledged() {
        synchronized (drawn) {
            return drawn.isEmpty() ? null : drawn.get(ThreadLocalRandom.current().nextInt(drawn.size()));
        }
    }

    private void pause() {
        if (!pause.isZero()) {
            LockSupport.parkNanos(pause.toNanos()); // pacing the load, not waiting for anything
        }
    }

    /** The sessions answered 201 so far. */
    List<String> acknowledged() {
        return outcomes().stream().filter(o -> o.kind() == Kind.CREATE && o.ok()).map(Outcome::sessionId).toList();
    }

    /** Every outcome so far. */
    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    int workers() {
        return workers;
    }

    /** Waits (at most {@code bound}) until {@code n} sessions were acknowledged; false when they were not. */
    boolean awaitAcknowledged(int n, Duration bound) {
        return await(() -> acknowledged().size() >= n, bound);
    }

    /**
     * Waits (at most {@code bound}) until {@code n} requests that started after {@code since} and after the end of
     * the last failed request have all succeeded: the load is served again. False when that did not happen in time.
     */
    boolean awaitRecovery(long since, int n, Duration bound) {
        return await(() -> {
            List<Outcome> all = outcomes();
            long lastFailure = all.stream().filter(o -> !o.ok()).mapToLong(Outcome::end).max().orElse(since);
            long from = Math.max(since, lastFailure);
            return all.stream().filter(o -> o.ok() && o.start() > from).count() >= n;
        }, bound);
    }

    static boolean await(BooleanSupplier condition, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return true;
    }

    /** Stops the workers after their request in flight. */
    void stop() {
        running.set(false);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(90, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The figures of one failover: the load ran undisturbed until {@code steadyEnd}, the master was killed at
     * {@code fault} (both {@link System#nanoTime}), and {@code lost} acknowledged sessions were not found afterwards.
     *
     * @param requests requests answered in all
     * @param perSecondBefore requests per second before anything failed
     * @param unavailable 503 {@code store_unavailable} answers
     * @param otherFailures answers other than success and 503 {@code store_unavailable} (and requests without one)
     * @param firstSuccessMs from the fault to the end of the first successful request started after it
     * @param allSucceedMs from the fault to the end of the last failed request: every request after it succeeded
     * @param acknowledged sessions answered 201
     * @param lost acknowledged sessions not valid after recovery
     */
    record Figures(int requests, double perSecondBefore, long unavailable, long otherFailures, long firstSuccessMs,
                   long allSucceedMs, int acknowledged, int lost) {
        /** Prints the figures, and appends them to {@code -Dwalletgate.failover.report=FILE} as a JSON line. */
        void report(String scenario) throws IOException {
            String json = String.format(Locale.ROOT, "{\"scenario\":\"%s\",\"requests\":%d,\"perSecondBefore\":%.0f,"
                    + "\"unavailable503\":%d,\"otherFailures\":%d,\"firstSuccessMs\":%d,\"allSucceedMs\":%d,"
                    + "\"acknowledged\":%d,\"lost\":%d}", scenario, requests, perSecondBefore, unavailable,
                    otherFailures, firstSuccessMs, allSucceedMs, acknowledged, lost);
            System.out.println("failover " + json);
            String file = System.getProperty("walletgate.failover.report");
            if (file != null) {
                Files.writeString(Path.of(file), json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        }
    }

    Figures figures(long steadyEnd, long fault, int lost) {
        List<Outcome> all = outcomes();
        long first = all.stream().mapToLong(Outcome::start).min().orElse(steadyEnd);
        long before = all.stream().filter(o -> o.end() <= steadyEnd).count();
        double seconds = Math.max(1e-3, (steadyEnd - first) / 1e9);
        long firstSuccess = all.stream().filter(o -> o.ok() && o.start() >= fault).mapToLong(Outcome::end).min()
                .orElse(fault);
        long lastFailure = all.stream().filter(o -> !o.ok()).mapToLong(Outcome::end).max().orElse(fault);
        return new Figures(all.size(), before / seconds, all.stream().filter(Outcome::unavailable).count(),
                all.stream().filter(o -> !o.ok() && !o.unavailable()).count(), (firstSuccess - fault) / 1_000_000,
                Math.max(0, lastFailure - fault) / 1_000_000, acknowledged().size(), lost);
    }
}
