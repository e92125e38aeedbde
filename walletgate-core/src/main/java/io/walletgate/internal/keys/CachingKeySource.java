package io.walletgate.internal.keys;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySourceStatus;
import io.walletgate.keys.RemoteKeyOptions;
import io.walletgate.keys.RemoteKeySource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;

/**
 * A remote key set kept fresh and kept through outages (docs/architecture.md §5), the top of a remote key source: it sits on a
 * {@link KeyFetcher} (HTTP, under the persisting layer and the rotation audit, as {@link #create} stacks them).
 * <ul>
 * <li>fetched at start (a failure is not fatal) and refreshed in the background at three quarters of its
 *     freshness, so a request never waits on a fetch in steady state;</li>
 * <li>an unknown or retired {@code kid} causes one refetch, shared by all concurrent callers (single flight), at
 *     most once per cooldown (default 30 s); within the cooldown it fails at once, without a refetch; at most
 *     {@link RemoteKeyOptions#unknownKidWaiters} verifications wait for that refetch, each at most
 *     {@link RemoteKeyOptions#unknownKidWait}, the others are answered at once ({@link UnknownKidWaits});</li>
 * <li>when fetches fail, the last good keys keep verifying until the stale limit past their expiry (default 24 h),
 *     retried with exponential backoff; a set persisted by an earlier run is used at start.</li>
 * </ul>
 * Thread-safe. The hot path ({@link #keys()} with fresh keys) reads one volatile field and the clock.
 */
public final class CachingKeySource implements RemoteKeySource {
    private static final System.Logger LOG = System.getLogger("io.walletgate.keys");

    private final String name;
    private final KeyFetcher fetcher;
    private final RemoteKeyOptions options;
    private final Clock clock;
    private final ScheduledFuture<?> refreshTask;
    private final UnknownKidWaits unknownKidWaits;

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

    /** The keys in use and their freshness. */
    private record Held(FetchedKeys keys, CompletableFuture<JwkSet> done, Instant refreshAt, Instant usableUntil,
                        boolean fromDisk) {
        JwkSet set() {
            return keys.set();
        }
    }

    /**
     * The remote key source of {@code uri} (a JWKS URL) or of an issuer found by OIDC discovery, named {@code name} in
     * logs: HTTP, then persistence in the options' data directory (if any), then the rotation audit, then the cache.
     *
     * @throws IllegalArgumentException if the URL is not acceptable
     */
    public static CachingKeySource create(String name, URI jwksUri, String discoveryIssuer, RemoteKeyOptions options,
                                          Clock clock) {
        return create(name, jwksUri, discoveryIssuer, Set.of(), options, clock);
    }

    /**
     * As {@link #create(String, URI, String, RemoteKeyOptions, Clock)}, where a key URL found by discovery may also
     * be on one of {@code jwksHosts} (lower case).
     */
    public static CachingKeySource create(String name, URI jwksUri, String discoveryIssuer, Set<String> jwksHosts,
                                          RemoteKeyOptions options, Clock clock) {
        KeyFetcher fetcher = jwksUri != null ? new JwksFetcher(jwksUri, options, clock)
                : new DiscoveryFetcher(discoveryIssuer, jwksHosts, options, clock);
        if (options.dataDirectory() != null) {
            fetcher = new PersistingKeyFetcher(fetcher, options.dataDirectory(), options.staleLimit(), clock);
        }
        return new CachingKeySource(name, new AuditingKeyFetcher(fetcher, name, options.listener(), clock), options,
                clock);
    }

    /**
     * A source named {@code name} (the issuer, for logs) over {@code fetcher}. Takes the fetcher's stored set if it
     * has one, then starts the first fetch without waiting for it.
     */
    CachingKeySource(String name, KeyFetcher fetcher, RemoteKeyOptions options, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.unknownKidWaits = new UnknownKidWaits(options.unknownKidWaiters(), options.unknownKidWait(),
                fetcher.description());
        FetchedKeys stored = fetcher.stored();
        if (stored != null) {
            held = new Held(stored, CompletableFuture.completedFuture(stored.set()), stored.fetchedAt(),
                    stored.expiresAt().plus(options.staleLimit()), true);
            LOG.log(System.Logger.Level.INFO, "loaded persisted keys: issuer={0} source={1} kids={2} fetchedAt={3}",
                    name, fetcher.description(), stored.set().kids(), stored.fetchedAt());
        }
        refresh();
        this.refreshTask = options.autoRefresh() ? RefreshScheduler.every(1000, this::refresh) : null;
    }

    @Override
    public CompletableFuture<JwkSet> keys() {
        Held h = held;
        Instant now = clock.instant();
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

    /**
     * Refetches for a {@code kid} the held set lacks, or that the rotation audit retired: at most once per cooldown,
     * one fetch shared by all callers. Within the cooldown the held set answers at once (the selector then says the
     * kid is unknown, or retired). A retired kid is looked up again too, so that a key set that dropped a key by
     * mistake and then restored it heals within one cooldown instead of refusing that key's tokens until the next
     * scheduled refresh (issue 21, item 4).
     */
    @Override
    public synchronized CompletableFuture<JwkSet> keysForUnknownKid(String kid) {
        Held h = held;
        if (h == null) {
            return keys();
        }
        if (inFlight != null && !inFlight.isDone()) {
            return unknownKidWaits.join(inFlight, () -> refusedWait(h));
        }
        Instant now = clock.instant();
        if (lastUnknownKidFetch != null && now.isBefore(lastUnknownKidFetch.plus(options.cooldown()))) {
            return h.done;
        }
        lastUnknownKidFetch = now;
        return unknownKidWaits.join(startFetch(now), () -> refusedWait(h));
    }

    // No place left to wait for the refetch: the keys held (so key_not_found), or the outage while fetches fail.
    private CompletableFuture<JwkSet> refusedWait(Held h) {
        if (consecutiveFailures > 0) {
            return CompletableFuture.failedFuture(new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE,
                    "keys of " + fetcher.description() + " are failing (" + lastError + ") and "
                            + options.unknownKidWaiters() + " verifications already wait for its refetch"));
        }
        return h.done;
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
        Instant now = clock.instant();
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
            f = fetcher.fetch().handle((keys, error) -> completed(keys, error, started));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        inFlight = f;
        return f;
    }

    // The outcome is recorded before the listener hears of it, so that it may read status().
    private JwkSet completed(FetchedKeys keys, Throwable error, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        if (error != null) {
            WalletVerificationException e = asUnavailable(error);
            failed(e.getMessage());
            options.listener().onFetch(fetcher.description(), e.getMessage(), took);
            throw e;
        }
        JwkSet set = succeeded(keys);
        options.listener().onFetch(fetcher.description(), null, took);
        return set;
    }

    private synchronized void failed(String message) {
        Instant now = clock.instant();
        failures++;
        consecutiveFailures++;
        lastError = message;
        long factor = 1L << Math.min(consecutiveFailures - 1, 20);
        Duration backoff = options.initialBackoff().multipliedBy(factor);
        nextRetryAt = now.plus(backoff.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : backoff);
        LOG.log(System.Logger.Level.WARNING, "key fetch failed: issuer={0} source={1} failures={2} next={3}: {4}",
                name, fetcher.description(), consecutiveFailures, nextRetryAt, message);
    }

    private synchronized JwkSet succeeded(FetchedKeys keys) {
        Duration freshness = Duration.between(keys.fetchedAt(), keys.expiresAt());
        Held previous = held;
        held = new Held(keys, CompletableFuture.completedFuture(keys.set()),
                keys.fetchedAt().plus(freshness.multipliedBy(3).dividedBy(4)),
                keys.expiresAt().plus(options.staleLimit()), false);
        consecutiveFailures = 0;
        lastError = null;
        nextRetryAt = null;
        if (previous == null || !previous.keys.changes().equals(keys.changes())) {
            LOG.log(System.Logger.Level.DEBUG, "keys fetched: issuer={0} source={1} kids={2} freshness={3}",
                    name, fetcher.description(), keys.set().kids(), freshness);
        }
        return keys.set();
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
        Instant now = clock.instant();
        FetchedKeys k = h == null ? null : h.keys;
        return new KeySourceStatus(fetcher.description(), true, k == null ? List.of() : k.set().keys(),
                k == null ? null : k.fetchedAt(), k == null ? null : k.expiresAt(), h == null ? null : h.usableUntil,
                k != null && !now.isBefore(k.expiresAt()), h != null && h.fromDisk, lastAttempt, lastError, fetches,
                failures, consecutiveFailures, k == null ? List.of() : List.copyOf(k.set().retiredKids()),
                k == null ? List.of() : k.changes());
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
