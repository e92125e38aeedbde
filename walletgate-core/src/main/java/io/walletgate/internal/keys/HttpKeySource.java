package io.walletgate.internal.keys;

import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A JWKS URL fetched on first use and kept; a token naming an unknown {@code kid} triggers one refetch, shared by
 * concurrent callers and at most once per cooldown. This is the plain source; the resilient one (refresh ahead,
 * stale-while-failing, persistence) builds on {@link JwksFetcher} too.
 */
public final class HttpKeySource implements KeySource {
    /** Default least time between two refetches caused by unknown key ids. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);

    private final JwksFetcher fetcher;
    private final Clock clock;
    private final Duration cooldown;
    private CompletableFuture<JwkSet> current;
    private Instant lastFetch;

    /** A source for {@code fetcher}'s URL. */
    public HttpKeySource(JwksFetcher fetcher, Clock clock, Duration cooldown) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.cooldown = cooldown;
    }

    @Override
    public synchronized CompletableFuture<JwkSet> keys() {
        if (current == null || current.isCompletedExceptionally()) {
            if (current != null && lastFetch != null && clock.instant().isBefore(lastFetch.plus(cooldown))) {
                return current; // failed recently: do not hammer the issuer
            }
            fetchNow();
        }
        return current;
    }

    @Override
    public synchronized CompletableFuture<JwkSet> keysForUnknownKid(String kid) {
        if (current != null && !current.isDone()) {
            return current; // a fetch is under way: share it
        }
        if (lastFetch == null || !clock.instant().isBefore(lastFetch.plus(cooldown))) {
            fetchNow();
        }
        return current;
    }

    private void fetchNow() {
        lastFetch = clock.instant();
        current = fetcher.fetch();
    }

    @Override
    public String description() {
        return fetcher.uri().toString();
    }

    @Override
    public String toString() {
        return "HttpKeySource[" + fetcher.uri() + "]";
    }
}
