package io.walletgate.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.walletgate.ErrorCode;
import io.walletgate.VerificationListener;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySourceStatus;
import io.walletgate.server.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's Prometheus metrics (Micrometer): verifications by issuer and outcome code with a latency histogram,
 * sign-ins with a wallet signature by kind and outcome,
 * HTTP requests by route and status, key-source health per issuer, the verified-token cache, and sessions. Every tag
 * takes values from a bounded set (configured issuer names, error codes, route templates, sign-in kinds).
 */
public final class Metrics implements VerificationListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /**
     * The buckets of {@code walletgate_verification_seconds}: a local verification takes tens to hundreds of
     * microseconds, one that waits for the issuer's keys milliseconds to seconds. Eight buckets (and {@code +Inf}) a
     * configured issuer, not the ~70 of a percentile histogram (issue 20).
     */
    static final Duration[] VERIFICATION_BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
        Duration.ofMillis(100), Duration.ofSeconds(1)};

    private final Map<String, Timer> verificationTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> verificationCounters = new ConcurrentHashMap<>();
    private final HttpTimers httpTimers = new HttpTimers(registry);

    /**
     * Counts and times one verification of the service's verifier, by issuer ({@code unknown} when the token was not
     * routed to one) and outcome ({@code valid} or the error code).
     */
    @Override
    public void onVerification(String issuerName, ErrorCode error, Duration took) {
        String issuer = issuerName == null ? "unknown" : issuerName;
        String outcome = error == null ? "valid" : error.code();
        verificationCounters.computeIfAbsent(issuer + ' ' + outcome, k -> Counter.builder("walletgate.verifications")
                .description("token verifications by issuer and outcome").tag("issuer", issuer)
                .tag("outcome", outcome).register(registry)).increment();
        verificationTimers.computeIfAbsent(issuer, k -> Timer.builder("walletgate.verification")
                .description("time to verify a token").tag("issuer", issuer)
                .serviceLevelObjectives(VERIFICATION_BUCKETS).register(registry)).record(took);
    }

    /**
     * Times one HTTP request by route template, method and status. The method and the status are bounded (a method
     * or status outside the known sets is counted as {@code other} or by its class), and so is the number of series.
     */
    public void http(String route, String method, int status, long nanos) {
        httpTimers.record(route, method, status, nanos);
    }

    /** Counts sessions created. */
    public void sessionCreated(String issuer) {
        Counter.builder("walletgate.sessions.opened").tag("issuer", issuer).register(registry).increment();
    }

    /**
     * Counts one sign-in with a wallet signature by kind ({@code siwe}, {@code siws}) and outcome ({@code valid} or
     * the error code).
     */
    public void signIn(String kind, ErrorCode error) {
        Counter.builder("walletgate.signins").description("sign-ins with a wallet signature by kind and outcome")
                .tag("kind", kind).tag("outcome", error == null ? "valid" : error.code()).register(registry)
                .increment();
    }

    /** Counts sign-in nonces issued, by kind. */
    public void nonceIssued(String kind) {
        Counter.builder("walletgate.signin.nonces").description("sign-in nonces issued by kind").tag("kind", kind)
                .register(registry).increment();
    }

    /** Counts sessions ended by logout or revocation. */
    public void sessionsEnded(String reason, int count) {
        Counter.builder("walletgate.sessions.ended").tag("reason", reason).register(registry).increment(count);
    }

    /** Key-source health of every issuer, read at scrape time from the sources themselves. */
    public void keySources(WalletVerifier verifier, Clock clock) {
        for (Map.Entry<String, KeySource> e : verifier.keySources().entrySet()) {
            KeySource s = e.getValue();
            if (!s.status().remote()) {
                continue; // a fixed key set: nothing changes
            }
            String issuer = e.getKey();
            Gauge.builder("walletgate.keys.age.seconds", s, r -> age(r.status(), clock)).tag("issuer", issuer)
                    .description("age of the held key set").register(registry);
            Gauge.builder("walletgate.keys.usable", s, r -> r.status().usable(clock.instant()) ? 1 : 0)
                    .tag("issuer", issuer).description("1 when keys are held and usable").register(registry);
            Gauge.builder("walletgate.keys.stale", s, r -> r.status().stale() ? 1 : 0).tag("issuer", issuer)
                    .description("1 when the held keys are past their expiry (refreshes failing)").register(registry);
            Gauge.builder("walletgate.keys.count", s, r -> r.status().keys().size()).tag("issuer", issuer)
                    .register(registry);
            FunctionCounter.builder("walletgate.keys.fetches", s, r -> r.status().fetches()).tag("issuer", issuer)
                    .register(registry);
            FunctionCounter.builder("walletgate.keys.fetch.failures", s, r -> r.status().failures())
                    .tag("issuer", issuer).register(registry);
        }
        FunctionCounter.builder("walletgate.token.cache.hits", verifier, v -> v.tokenCacheStats().hits())
                .register(registry);
        FunctionCounter.builder("walletgate.token.cache.misses", verifier, v -> v.tokenCacheStats().misses())
                .register(registry);
    }

    /** Live sessions, counted at scrape time. */
    public void sessions(SessionStore store, Clock clock) {
        Gauge.builder("walletgate.sessions.active", store, s -> {
            try {
                return s.count(clock.instant());
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description("live sessions in the store").register(registry);
    }

    private static double age(KeySourceStatus s, Clock clock) {
        return s.fetchedAt() == null ? Double.NaN : Duration.between(s.fetchedAt(), clock.instant()).toMillis() / 1000.0;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
