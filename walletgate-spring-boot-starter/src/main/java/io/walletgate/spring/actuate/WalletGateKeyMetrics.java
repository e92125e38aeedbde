package io.walletgate.spring.actuate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Key-source health and the verified-token cache as meters, read at scrape time, under the names of the
 * {@code walletgate serve} service: per remote issuer {@code walletgate.keys.usable} (1 when keys are held and
 * usable), {@code walletgate.keys.stale}, {@code walletgate.keys.count}, {@code walletgate.keys.age.seconds},
 * {@code walletgate.keys.fetches} and {@code walletgate.keys.fetch.failures}; and
 * {@code walletgate.token.cache.hits} / {@code .misses}.
 */
public final class WalletGateKeyMetrics implements MeterBinder {
    private final WalletVerifier verifier;
    private final Clock clock;

    /** Meters of {@code verifier}, judged at the time of {@code clock}. */
    public WalletGateKeyMetrics(WalletVerifier verifier, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Map.Entry<String, KeySource> e : verifier.keySources().entrySet()) {
            KeySource s = e.getValue();
            if (!s.status().remote()) {
                continue; // static keys: nothing changes
            }
            String issuer = e.getKey();
            Gauge.builder("walletgate.keys.usable", s, r -> r.status().usable(clock.instant()) ? 1 : 0)
                    .tag("issuer", issuer).description("1 when keys are held and usable").register(registry);
            Gauge.builder("walletgate.keys.stale", s, r -> r.status().stale() ? 1 : 0).tag("issuer", issuer)
                    .description("1 when the held keys are past their expiry (refreshes failing)").register(registry);
            Gauge.builder("walletgate.keys.count", s, r -> r.status().keys().size()).tag("issuer", issuer)
                    .description("keys held").register(registry);
            Gauge.builder("walletgate.keys.age.seconds", s, r -> age(r.status())).tag("issuer", issuer)
                    .description("age of the held key set").register(registry);
            FunctionCounter.builder("walletgate.keys.fetches", s, r -> r.status().fetches()).tag("issuer", issuer)
                    .description("key set fetches").register(registry);
            FunctionCounter.builder("walletgate.keys.fetch.failures", s, r -> r.status().failures())
                    .tag("issuer", issuer).description("failed key set fetches").register(registry);
        }
        FunctionCounter.builder("walletgate.token.cache.hits", verifier, v -> v.tokenCacheStats().hits())
                .description("verified-token cache hits").register(registry);
        FunctionCounter.builder("walletgate.token.cache.misses", verifier, v -> v.tokenCacheStats().misses())
                .description("verified-token cache misses").register(registry);
    }

    private double age(KeySourceStatus s) {
        return s.fetchedAt() == null ? Double.NaN
                : Duration.between(s.fetchedAt(), clock.instant()).toMillis() / 1000.0;
    }
}
