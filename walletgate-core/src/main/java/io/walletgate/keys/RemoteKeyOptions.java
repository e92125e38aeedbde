package io.walletgate.keys;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How remote key sets are fetched, cached and kept through outages (docs/architecture.md §5). Immutable; each {@code
 * with…} method validates its argument and returns a changed copy.
 *
 * <pre>{@code
 * RemoteKeyOptions options = RemoteKeyOptions.defaults()
 *     .withDataDirectory(Path.of("data"))      // persist the last good key sets
 *     .withStaleLimit(Duration.ofHours(6));
 * }</pre>
 *
 * @param cooldown least time between two refetches caused by unknown key ids; default 30 s
 * @param defaultMaxAge freshness when the response has no {@code Cache-Control: max-age}; default 1 h
 * @param minMaxAge lower clamp of a response's max-age; default 5 min
 * @param maxMaxAge upper clamp of a response's max-age; default 24 h
 * @param staleLimit how long past their expiry the last good keys keep verifying while fetches fail; default 24 h
 * @param initialBackoff first retry delay after a failed fetch, doubled per failure; default 1 s
 * @param maxBackoff longest retry delay; default 5 min
 * @param connectTimeout TCP/TLS connect timeout; default 5 s
 * @param readTimeout time allowed for the whole response; default 10 s
 * @param dataDirectory where the last good key set of each source is persisted, or null for none; default none
 * @param clock time source; default {@link Clock#systemUTC()}
 * @param listener observer of fetches and key changes; default none
 * @param autoRefresh whether a background task refreshes keys ahead of expiry; default true (tests turn it off
 *     and drive refreshes themselves)
 */
public record RemoteKeyOptions(Duration cooldown, Duration defaultMaxAge, Duration minMaxAge, Duration maxMaxAge,
                               Duration staleLimit, Duration initialBackoff, Duration maxBackoff,
                               Duration connectTimeout, Duration readTimeout, Path dataDirectory, Clock clock,
                               KeySourceListener listener, boolean autoRefresh) {
    /** Validates. */
    public RemoteKeyOptions {
        positive(cooldown, "cooldown");
        positive(defaultMaxAge, "defaultMaxAge");
        positive(minMaxAge, "minMaxAge");
        positive(maxMaxAge, "maxMaxAge");
        if (minMaxAge.compareTo(maxMaxAge) > 0) {
            throw new IllegalArgumentException("minMaxAge must not exceed maxMaxAge: " + minMaxAge + " > " + maxMaxAge);
        }
        Objects.requireNonNull(staleLimit, "staleLimit");
        if (staleLimit.isNegative()) {
            throw new IllegalArgumentException("staleLimit must not be negative: " + staleLimit);
        }
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
    }

    /** The defaults listed above. */
    public static RemoteKeyOptions defaults() {
        return new RemoteKeyOptions(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofHours(24), Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(5), Duration.ofSeconds(10), null, Clock.systemUTC(), KeySourceListener.NONE,
                true);
    }

    /** A copy with another unknown-kid refetch cooldown. */
    public RemoteKeyOptions withCooldown(Duration d) {
        return new RemoteKeyOptions(d, defaultMaxAge, minMaxAge, maxMaxAge, staleLimit, initialBackoff, maxBackoff,
                connectTimeout, readTimeout, dataDirectory, clock, listener, autoRefresh);
    }

    /** A copy with another freshness for responses without max-age. */
    public RemoteKeyOptions withDefaultMaxAge(Duration d) {
        return new RemoteKeyOptions(cooldown, d, minMaxAge, maxMaxAge, staleLimit, initialBackoff, maxBackoff,
                connectTimeout, readTimeout, dataDirectory, clock, listener, autoRefresh);
    }

    /** A copy with another clamp of the responses' max-age. */
    public RemoteKeyOptions withMaxAgeClamp(Duration min, Duration max) {
        return new RemoteKeyOptions(cooldown, defaultMaxAge, min, max, staleLimit, initialBackoff, maxBackoff,
                connectTimeout, readTimeout, dataDirectory, clock, listener, autoRefresh);
    }

    /** A copy with another stale limit. */
    public RemoteKeyOptions withStaleLimit(Duration d) {
        return new RemoteKeyOptions(cooldown, defaultMaxAge, minMaxAge, maxMaxAge, d, initialBackoff, maxBackoff,
                connectTimeout, readTimeout, dataDirectory, clock, listener, autoRefresh);
    }

    /** A copy with other retry delays. */
    public RemoteKeyOptions withBackoff(Duration initial, Duration max) {
        return new RemoteKeyOptions(cooldown, defaultMaxAge, minMaxAge, maxMaxAge, staleLimit, initial, max,
                connectTimeout, readTimeout, dataDirectory, clock, listener, autoRefresh);
    }

    /** A copy with other network timeouts. */
    public RemoteKeyOptions withTimeouts(Duration connect, Duration read) {
        return new RemoteKeyOptions(cooldown, defaultMaxAge, minMaxAge, maxMaxAge, staleLimit, initialBackoff,
                maxBackoff, connect, read, dataDirectory, clock, listener, autoRefresh);
    }

    /** A copy persisting the last good key sets in {@code dir} (created if needed), or not at all for null. */
    public RemoteKeyOptions withDataDirectory(Path dir) {
        return new RemoteKeyOptions(cooldown, defaultMaxAge, minMaxAge, maxMaxAge, staleLimit, initialBackoff,
                maxBackoff, connectTimeout, readTimeout, dir, clock, listener, autoRefresh);
    }

    /** A copy reading time from {@code c}. */
    public RemoteKeyOptions withClock(Clock c) {
        return new RemoteKeyOptions(cooldown, defaultMaxAge, minMaxAge, maxMaxAge, staleLimit, initialBackoff,
                maxBackoff, connectTimeout, readTimeout, dataDirectory, c, listener, autoRefresh);
    }

    /** A copy reporting to {@code l}. */
    public RemoteKeyOptions withListener(KeySourceListener l) {
        return new RemoteKeyOptions(cooldown, defaultMaxAge, minMaxAge, maxMaxAge, staleLimit, initialBackoff,
                maxBackoff, connectTimeout, readTimeout, dataDirectory, clock, l, autoRefresh);
    }

    /** A copy with background refresh on or off. */
    public RemoteKeyOptions withAutoRefresh(boolean on) {
        return new RemoteKeyOptions(cooldown, defaultMaxAge, minMaxAge, maxMaxAge, staleLimit, initialBackoff,
                maxBackoff, connectTimeout, readTimeout, dataDirectory, clock, listener, on);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
