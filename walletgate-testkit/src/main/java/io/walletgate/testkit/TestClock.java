package io.walletgate.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that tests move by hand: time passes only when {@link #advance} says so, so expiry, key freshness and
 * session lifetimes can be tested without sleeping. Thread-safe. Give it to {@code WalletVerifier.Builder.clock},
 * {@code KeySources.remote(uri, options, clock)} or {@link DevIssuer.Builder#clock}.
 *
 * <pre>{@code
 * TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
 * clock.advance(Duration.ofHours(1));
 * }</pre>
 */
public final class TestClock extends Clock {
    private volatile Instant now;

    /**
     * A clock standing at {@code start}.
     *
     * @param start the time it starts at
     */
    public TestClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Moves time forward (or back, for a negative duration).
     *
     * @param d how far to move
     */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
