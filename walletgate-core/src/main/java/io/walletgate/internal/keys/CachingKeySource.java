package io.walletgate.internal.keys;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySourceStatus;
import io.walletgate.keys.RemoteKeyOptions;
import io.walletgate.keys.StatusReporting;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;

/**
 * A remote key set kept fresh and kept through outages (docs/architecture.md §5), on top of a {@link KeyFetcher}:
 * <ul>
 * <li>fetched at start (a failure is not fatal) and refreshed in the background at three quarters of its
 *     freshness, which is the response's {@code Cache-Control: max-age} clamped to [5 min, 24 h] (default 1 h), so a
 *     request never waits on a fetch in steady state;</li>
 * <li>an unknown {@code kid} causes one refetch, shared by all concurrent callers (single flight), at most once per
 *     cooldown (default 30 s); a {@code kid} that was seen and rotated out is retired and fails at once;</li>
 * <li>when fetches fail, the last good keys keep verifying until the stale limit past their expiry (default 24 h),
 *     retried with exponential backoff; the last good set is persisted and loaded at start.</li>
 * </ul>
 * Thread-safe. The hot path ({@link #keys()} with fresh keys) reads one volatile field and the clock.
 */
public final class CachingKeySource implements KeySource, StatusReporting, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.walletgate.keys");
    private static final int MAX_RETIRED = 1000;
    private static final int MAX_HISTORY = 100;

    private final String name;
    private final KeyFetcher fetcher;
    private final RemoteKeyOptions options;
    private final KeySetStore store;
    private final ScheduledFuture<?> refreshTask;

    private volatile Held held;
    // Written under "this"; volatile so that the hot path can see, without the lock, that no refresh is needed.
    private volatile CompletableFuture<JwkSet> inFlight;
    private volatile Instant nextRetryAt;
    // Everything below is guarded by "this".
    private Instant lastAttempt;
    private Instant lastUnknownKidFetch;
    private String lastError;
    private long fetches;
    private long failures;
    private int consecutiveFailures;
    private final Map<String, Instant> retired = new LinkedHashMap<>();
    private final Deque<KeySourceStatus.KeyChange> history = new ArrayDeque<>();

    /** The keys in use and their freshness. */
    private record Held(JwkSet set, CompletableFuture<JwkSet> done, Instant fetchedAt, Instant expiresAt,
                        Instant refreshAt, Instant usableUntil, boolean fromDisk) {
    }

    /**
     * A source named {@code name} (the issuer, for logs) over {@code fetcher}. Loads the persisted set if the data
     * directory has one, then starts the first fetch without waiting for it.
     */
    public CachingKeySource(String name, KeyFetcher fetcher, RemoteKeyOptions options) {
        this.name = Objects.requireNonNull(name, "name");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.options = Objects.requireNonNull(options, "options");
        this.store = options.dataDirectory() == null ? null
                : new KeySetStore(options.dataDirectory(), fetcher.description());
        loadPersisted();
        refresh();
        this.refreshTask = options.autoRefresh() ? RefreshScheduler.every(1000, this::refresh) : null;
    }

    @Override
    public CompletableFuture<JwkSet> keys() {
        Held h = held;
        Instant now = options.clock().instant();
        if (h != null && now.isBefore(h.usableUntil)) {
            if (!now.isBefore(h.refreshAt) && refreshAllowed(now)) {
                refresh(); // due: start it in the background; this caller still gets the held keys at once
            }
            return h.done;
        }
        synchronized (this) {
            h = held;
            if (h != null && now.isBefore(h.usableUntil)) {
                return h.done;
            }
            if (inFlight != null && !inFlight.isDone()) {
                return inFlight;
            }
            String stale = h == null ? "" : " (the last good set went stale at " + h.usableUntil + ")";
            if (nextRetryAt != null && now.isBefore(nextRetryAt)) {
                return CompletableFuture.failedFuture(new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE,
                        "keys of " + fetcher.description() + " are unavailable" + stale + ": " + lastError
                                + "; next attempt at " + nextRetryAt));
            }
            CompletableFuture<JwkSet> fetch = startFetch(now);
            return h == null ? fetch : fetch.handle((set, e) -> {
                if (e != null) {
                    throw new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE,
                            asUnavailable(e).getMessage() + stale, e);
                }
                return set;
            });
        }
    }

    @Override
    public synchronized CompletableFuture<JwkSet> keysForUnknownKid(String kid) {
        Held h = held;
        if (h == null) {
            return keys();
        }
        if (kid != null && retired.containsKey(kid)) {
            return h.done; // retired: fail fast, no refetch (the selector says so)
        }
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        Instant now = options.clock().instant();
        if (lastUnknownKidFetch != null && now.isBefore(lastUnknownKidFetch.plus(options.cooldown()))) {
            return h.done;
        }
        lastUnknownKidFetch = now;
        return startFetch(now);
    }

    /**
     * Starts a fetch if one is due (no keys yet, keys at three quarters of their freshness, or loaded from disk)
     * and allowed (none in flight, past the backoff). The background task calls this every second.
     *
     * @return the fetch under way, or null when none is
     */
    public synchronized CompletableFuture<JwkSet> refresh() {
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        Instant now = options.clock().instant();
        if (nextRetryAt != null && now.isBefore(nextRetryAt)) {
            return null;
        }
        Held h = held;
        if (h != null && !h.fromDisk && now.isBefore(h.refreshAt)) {
            return null;
        }
        return startFetch(now);
    }

    private boolean refreshAllowed(Instant now) {
        CompletableFuture<JwkSet> f = inFlight;
        Instant retry = nextRetryAt;
        return (f == null || f.isDone()) && (retry == null || !now.isBefore(retry));
    }

    private CompletableFuture<JwkSet> startFetch(Instant now) {
        lastAttempt = now;
        fetches++;
        long started = System.nanoTime();
        CompletableFuture<JwkSet> f;
        try {
            f = fetcher.fetchDetailed().handle((r, e) -> completed(r, e, started));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        inFlight = f;
        return f;
    }

    private JwkSet completed(FetchedKeys result, Throwable error, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        if (error != null) {
            WalletVerificationException e = asUnavailable(error);
            failed(e.getMessage());
            options.listener().onFetch(fetcher.description(), e.getMessage(), took);
            throw e;
        }
        JwkSet set = succeeded(result);
        options.listener().onFetch(fetcher.description(), null, took);
        return set;
    }

    private synchronized void failed(String message) {
        Instant now = options.clock().instant();
        failures++;
        consecutiveFailures++;
        lastError = message;
        long factor = 1L << Math.min(consecutiveFailures - 1, 20);
        Duration backoff = options.initialBackoff().multipliedBy(factor);
        nextRetryAt = now.plus(backoff.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : backoff);
        LOG.log(System.Logger.Level.WARNING, "key fetch failed: issuer={0} source={1} failures={2} next={3}: {4}",
                name, fetcher.description(), consecutiveFailures, nextRetryAt, message);
    }

    private synchronized JwkSet succeeded(FetchedKeys result) {
        Instant now = options.clock().instant();
        Duration maxAge = clamp(result.maxAge());
        Held previous = held;
        List<Jwk> added = diff(result.set(), previous == null ? null : previous.set, now);
        JwkSet set = withRetired(result.set());
        Instant expires = now.plus(maxAge);
        held = new Held(set, CompletableFuture.completedFuture(set), now, expires,
                now.plus(maxAge.multipliedBy(3).dividedBy(4)), expires.plus(options.staleLimit()), false);
        consecutiveFailures = 0;
        lastError = null;
        nextRetryAt = null;
        persist(result.body(), now, expires);
        if (!added.isEmpty() || previous == null) {
            LOG.log(System.Logger.Level.DEBUG, "keys fetched: issuer={0} source={1} kids={2} maxAge={3}",
                    name, fetcher.description(), set.kids(), maxAge);
        }
        return set;
    }

    // Logs and records every key that appeared or disappeared, by kid and thumbprint: the rotation audit trail.
    private List<Jwk> diff(JwkSet fresh, JwkSet old, Instant now) {
        Map<String, Jwk> before = byThumbprint(old);
        Map<String, Jwk> after = byThumbprint(fresh);
        List<Jwk> added = new ArrayList<>();
        for (Jwk k : after.values()) {
            if (!before.containsKey(k.thumbprint())) {
                added.add(k);
                if (k.kid() != null) {
                    retired.remove(k.kid());
                }
                record(now, true, k);
                options.listener().onKeyAdded(fetcher.description(), k);
            }
        }
        for (Jwk k : before.values()) {
            if (!after.containsKey(k.thumbprint())) {
                if (k.kid() != null && fresh.keys().stream().noneMatch(f -> k.kid().equals(f.kid()))) {
                    retired.put(k.kid(), now);
                    while (retired.size() > MAX_RETIRED) {
                        retired.remove(retired.keySet().iterator().next());
                    }
                }
                record(now, false, k);
                options.listener().onKeyRemoved(fetcher.description(), k);
            }
        }
        return added;
    }

    private void record(Instant now, boolean added, Jwk k) {
        LOG.log(System.Logger.Level.INFO, "key {0}: issuer={1} source={2} kid={3} thumbprint={4}",
                added ? "added" : "removed", name, fetcher.description(), CompactJws.printable(k.kid()),
                k.thumbprint());
        history.addLast(new KeySourceStatus.KeyChange(now, added, k.kid(), k.thumbprint()));
        while (history.size() > MAX_HISTORY) {
            history.removeFirst();
        }
    }

    private static Map<String, Jwk> byThumbprint(JwkSet set) {
        Map<String, Jwk> m = new LinkedHashMap<>();
        if (set != null) {
            set.keys().forEach(k -> m.put(k.thumbprint(), k));
        }
        return m;
    }

    private JwkSet withRetired(JwkSet set) {
        return new JwkSet(set.keys(), set.skipped(), set.source(), retired.keySet());
    }

    private Duration clamp(Duration maxAge) {
        Duration d = maxAge == null ? options.defaultMaxAge() : maxAge;
        if (d.compareTo(options.minMaxAge()) < 0) {
            return options.minMaxAge();
        }
        return d.compareTo(options.maxMaxAge()) > 0 ? options.maxMaxAge() : d;
    }

    private void persist(byte[] body, Instant fetchedAt, Instant expiresAt) {
        if (store == null) {
            return;
        }
        try {
            store.save(body, fetchedAt, expiresAt);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not persist keys of {0} to {1}: {2}", fetcher.description(),
                    store.file(), e.toString());
        }
    }

    private void loadPersisted() {
        if (store == null) {
            return;
        }
        try {
            KeySetStore.Saved saved = store.load();
            if (saved == null) {
                return;
            }
            Instant usableUntil = saved.expiresAt().plus(options.staleLimit());
            if (!options.clock().instant().isBefore(usableUntil)) {
                LOG.log(System.Logger.Level.INFO, "persisted keys of {0} are past the stale limit; not used",
                        fetcher.description());
                return;
            }
            diff(saved.set(), null, saved.fetchedAt());
            JwkSet set = withRetired(saved.set());
            held = new Held(set, CompletableFuture.completedFuture(set), saved.fetchedAt(), saved.expiresAt(),
                    saved.fetchedAt(), usableUntil, true);
            LOG.log(System.Logger.Level.INFO, "loaded persisted keys: issuer={0} source={1} kids={2} fetchedAt={3}",
                    name, fetcher.description(), set.kids(), saved.fetchedAt());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not load persisted keys of {0}: {1}", fetcher.description(),
                    e.toString());
        }
    }

    private static WalletVerificationException asUnavailable(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof WalletVerificationException) {
            return (WalletVerificationException) t;
        }
        return new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE,
                "key fetch failed (" + t.getClass().getSimpleName() + ")", t);
    }

    @Override
    public synchronized KeySourceStatus status() {
        Held h = held;
        Instant now = options.clock().instant();
        return new KeySourceStatus(fetcher.description(), h == null ? List.of() : h.set.keys(),
                h == null ? null : h.fetchedAt, h == null ? null : h.expiresAt, h == null ? null : h.usableUntil,
                h != null && !now.isBefore(h.expiresAt), h != null && h.fromDisk, lastAttempt, lastError, fetches,
                failures, consecutiveFailures, new ArrayList<>(retired.keySet()), new ArrayList<>(history));
    }

    @Override
    public String description() {
        return fetcher.description();
    }

    /** Stops the background refresh. */
    @Override
    public void close() {
        if (refreshTask != null) {
            refreshTask.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "CachingKeySource[" + name + ": " + fetcher.description() + "]";
    }
}
