package io.walletgate.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How remote key sets are fetched, cached and kept through outages (docs/architecture.md §5). Immutable; built by a
 * {@link Builder} whose setters validate their argument at once, naming the option and the value. Time comes from
 * the verifier's clock (or the clock given to {@link KeySources#remote}): these options hold none.
 *
 * <pre>{@code
 * RemoteKeyOptions options = RemoteKeyOptions.builder()
 *     .dataDirectory(Path.of("data"))      // persist the last good key sets
 *     .staleLimit(Duration.ofHours(6))
 *     .build();
 * }</pre>
 */
public final class RemoteKeyOptions {
    private static final RemoteKeyOptions DEFAULTS = new Builder().build();

    private final Duration cooldown;
    private final int unknownKidWaiters;
    private final Duration unknownKidWait;
    private final Duration defaultMaxAge;
    private final Duration minMaxAge;
    private final Duration maxMaxAge;
    private final Duration staleLimit;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Path dataDirectory;
    private final KeySourceListener listener;
    private final boolean autoRefresh;

    private RemoteKeyOptions(Builder b) {
        this.cooldown = b.cooldown;
        this.unknownKidWaiters = b.unknownKidWaiters;
        this.unknownKidWait = b.unknownKidWait;
        this.defaultMaxAge = b.defaultMaxAge;
        this.minMaxAge = b.minMaxAge;
        this.maxMaxAge = b.maxMaxAge;
        this.staleLimit = b.staleLimit;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.dataDirectory = b.dataDirectory;
        this.listener = b.listener;
        this.autoRefresh = b.autoRefresh;
    }

    /** {@return the defaults listed on each {@link Builder} setter} */
    public static RemoteKeyOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cooldown = cooldown;
        b.unknownKidWaiters = unknownKidWaiters;
        b.unknownKidWait = unknownKidWait;
        b.defaultMaxAge = defaultMaxAge;
        b.minMaxAge = minMaxAge;
        b.maxMaxAge = maxMaxAge;
        b.staleLimit = staleLimit;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.dataDirectory = dataDirectory;
        b.listener = listener;
        b.autoRefresh = autoRefresh;
        return b;
    }

    /**
     * Least time between two refetches caused by unknown key ids.
     *
     * @return the cooldown
     */
    public Duration cooldown() {
        return cooldown;
    }

    /**
     * How many verifications of one source may wait at once for a refetch caused by an unknown key id; the others are
     * answered at once from the keys held.
     *
     * @return the most verifications waiting at once
     */
    public int unknownKidWaiters() {
        return unknownKidWaiters;
    }

    /**
     * How long one verification waits at most for a refetch caused by an unknown key id.
     *
     * @return the longest wait
     */
    public Duration unknownKidWait() {
        return unknownKidWait;
    }

    /**
     * Freshness of a response without {@code Cache-Control: max-age}.
     *
     * @return the default freshness
     */
    public Duration defaultMaxAge() {
        return defaultMaxAge;
    }

    /**
     * Lower clamp of a response's max-age.
     *
     * @return the lower clamp
     */
    public Duration minMaxAge() {
        return minMaxAge;
    }

    /**
     * Upper clamp of a response's max-age.
     *
     * @return the upper clamp
     */
    public Duration maxMaxAge() {
        return maxMaxAge;
    }

    /** {@return how long past their expiry the last good keys keep verifying while fetches fail} */
    public Duration staleLimit() {
        return staleLimit;
    }

    /**
     * First retry delay after a failed fetch, doubled per failure.
     *
     * @return the first retry delay
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * Longest retry delay.
     *
     * @return the longest retry delay
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * TCP/TLS connect timeout.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Time allowed for the whole response.
     *
     * @return the read timeout
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return where the last good key set of each source is persisted, or null for nowhere} */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Observer of fetches and key changes.
     *
     * @return the listener; {@link KeySourceListener#NONE} when none was set
     */
    public KeySourceListener listener() {
        return listener;
    }

    /** {@return whether a background task refreshes keys ahead of expiry} */
    public boolean autoRefresh() {
        return autoRefresh;
    }

    @Override
    public String toString() {
        return "RemoteKeyOptions[cooldown=" + cooldown + ", unknownKidWaiters=" + unknownKidWaiters
                + ", unknownKidWait=" + unknownKidWait + ", defaultMaxAge=" + defaultMaxAge + ", maxAgeClamp=["
                + minMaxAge + ", " + maxMaxAge + "], staleLimit=" + staleLimit + ", backoff=[" + initialBackoff + ", "
                + maxBackoff + "], timeouts=[" + connectTimeout + ", " + readTimeout + "], dataDirectory="
                + dataDirectory + ", autoRefresh=" + autoRefresh + "]";
    }

    /** Builds {@link RemoteKeyOptions}; every setter validates its argument at once. */
    public static final class Builder {
        private Duration cooldown = Duration.ofSeconds(30);
        private int unknownKidWaiters = 100;
        private Duration unknownKidWait = Duration.ofSeconds(3);
        private Duration defaultMaxAge = Duration.ofHours(1);
        private Duration minMaxAge = Duration.ofMinutes(5);
        private Duration maxMaxAge = Duration.ofHours(24);
        private Duration staleLimit = Duration.ofHours(24);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Path dataDirectory;
        private KeySourceListener listener = KeySourceListener.NONE;
        private boolean autoRefresh = true;

        private Builder() {
        }

        /**
         * Least time between two refetches caused by unknown key ids; positive. Default: 30 s.
         *
         * @param cooldown the cooldown
         * @return this builder
         */
        public Builder cooldown(Duration cooldown) {
            this.cooldown = positive(cooldown, "cooldown");
            return this;
        }

        /**
         * How many verifications of one source may wait at once for a refetch caused by an unknown key id (a token
         * naming a key the set lacks, as a flood of made-up key ids does); 1 or more. Those past it are answered at
         * once from the keys held: {@code key_not_found}, or {@code jwks_unavailable} while the source's fetches
         * fail. Default: 100.
         *
         * @param max the most verifications waiting at once
         * @return this builder
         */
        public Builder unknownKidWaiters(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("unknownKidWaiters must be at least 1: " + max);
            }
            this.unknownKidWaiters = max;
            return this;
        }

        /**
         * How long one verification waits at most for a refetch caused by an unknown key id; past it the
         * verification fails with {@code jwks_unavailable} (the refetch goes on for the next ones); positive.
         * Default: 3 s.
         *
         * @param wait the longest wait
         * @return this builder
         */
        public Builder unknownKidWait(Duration wait) {
            this.unknownKidWait = positive(wait, "unknownKidWait");
            return this;
        }

        /**
         * Freshness when the response has no {@code Cache-Control: max-age}; positive. Default: 1 h.
         *
         * @param maxAge the freshness
         * @return this builder
         */
        public Builder defaultMaxAge(Duration maxAge) {
            this.defaultMaxAge = positive(maxAge, "defaultMaxAge");
            return this;
        }

        /**
         * Bounds of a response's max-age, {@code min <= max}, both positive. Default: 5 min, 24 h.
         *
         * @param min the lower bound
         * @param max the upper bound
         * @return this builder
         */
        public Builder maxAgeClamp(Duration min, Duration max) {
            positive(min, "minMaxAge");
            positive(max, "maxMaxAge");
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("minMaxAge must not exceed maxMaxAge: " + min + " > " + max);
            }
            this.minMaxAge = min;
            this.maxMaxAge = max;
            return this;
        }

        /**
         * How long past their expiry the last good keys keep verifying while fetches fail; zero or more. Default:
         * 24 h.
         *
         * @param limit the stale limit
         * @return this builder
         */
        public Builder staleLimit(Duration limit) {
            Objects.requireNonNull(limit, "staleLimit");
            if (limit.isNegative()) {
                throw new IllegalArgumentException("staleLimit must not be negative: " + limit);
            }
            this.staleLimit = limit;
            return this;
        }

        /**
         * Retry delay after a failed fetch, doubled per failure up to {@code max}; both positive. Default: 1 s, 5 min.
         *
         * @param initial the first delay
         * @param max the longest delay
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initialBackoff");
            this.maxBackoff = positive(max, "maxBackoff");
            return this;
        }

        /**
         * TCP/TLS connect timeout; positive. Default: 5 s.
         *
         * @param timeout the connect timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Time allowed for the whole response; positive. Default: 10 s.
         *
         * @param timeout the read timeout
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * Where the last good key sets are persisted (created if needed; one file per source, written atomically), or
         * null for nowhere. Default: nowhere.
         *
         * @param directory the folder, or null
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /**
         * The observer of fetches and key changes (the rotation audit). Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(KeySourceListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether a background task (one shared daemon thread that checks every second) refreshes keys ahead of
         * expiry. Default: true; tests turn it off and drive refreshes themselves.
         *
         * @param on whether to refresh in the background
         * @return this builder
         */
        public Builder autoRefresh(boolean on) {
            this.autoRefresh = on;
            return this;
        }

        /** {@return the options} */
        public RemoteKeyOptions build() {
            return new RemoteKeyOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
