package io.walletgate.spring.actuate;

import io.walletgate.WalletVerifier;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the issuers' key sources: UP when every issuer has usable keys, DOWN when one has none (never fetched,
 * or past the stale limit while fetches fail), with details per issuer: where the keys come from, how many and
 * which, when fetched, fresh until and usable until, whether stale or loaded from disk, and the last fetch error.
 * Never blocks: it reports what the sources hold (a remote source fetches in the background).
 */
public final class WalletGateHealthIndicator implements HealthIndicator {
    private final WalletVerifier verifier;
    private final Clock clock;

    /** An indicator of {@code verifier}'s key sources, judged at the time of {@code clock}. */
    public WalletGateHealthIndicator(WalletVerifier verifier, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, KeySource> e : verifier.keySources().entrySet()) {
            Map<String, Object> d = new LinkedHashMap<>();
            KeySourceStatus s = e.getValue().status();
            boolean usable = s.usable(now);
            if (s.remote()) {
                remote(d, s, usable);
            } else {
                d.put("status", usable ? "UP" : "DOWN");
                d.put("source", s.source());
                d.put("keys", s.keys().size());
            }
            up &= usable;
            details.put(e.getKey(), d);
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    private static void remote(Map<String, Object> d, KeySourceStatus s, boolean usable) {
        d.put("status", usable ? "UP" : "DOWN");
        d.put("source", s.source());
        d.put("keys", s.keys().size());
        d.put("kids", s.keys().stream().map(k -> k.kid() == null ? k.thumbprint() : k.kid()).toList());
        put(d, "fetchedAt", s.fetchedAt());
        put(d, "expiresAt", s.expiresAt());
        put(d, "usableUntil", s.usableUntil());
        d.put("stale", s.stale());
        d.put("loadedFromDisk", s.loadedFromDisk());
        put(d, "lastAttemptAt", s.lastAttemptAt());
        put(d, "lastError", s.lastError());
        d.put("fetches", s.fetches());
        d.put("failures", s.failures());
        d.put("consecutiveFailures", s.consecutiveFailures());
    }

    private static void put(Map<String, Object> d, String key, Object value) {
        if (value != null) {
            d.put(key, value.toString());
        }
    }
}
