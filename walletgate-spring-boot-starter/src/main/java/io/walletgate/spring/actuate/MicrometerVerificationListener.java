package io.walletgate.spring.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.walletgate.ErrorCode;
import io.walletgate.VerificationListener;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records each verification of the verifier it is registered with (the auto-configuration registers it with the
 * auto-configured one) in Micrometer under the names the {@code walletgate serve} service uses, so one dashboard
 * serves both: counter {@value #COUNTER} tagged {@code issuer} and {@code outcome} ({@code valid} or the error code,
 * e.g. {@code token_expired}), and timer {@value #TIMER} tagged {@code issuer}. The issuer tag is a configured
 * issuer's name or {@code unknown}: a bounded set, whatever the tokens say.
 */
public final class MicrometerVerificationListener implements VerificationListener {
    /** The counter's name. */
    public static final String COUNTER = "walletgate.verifications";
    /** The timer's name. */
    public static final String TIMER = "walletgate.verification";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** A listener recording into {@code registry}. */
    public MicrometerVerificationListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void onVerification(String issuerName, ErrorCode error, Duration took) {
        String issuer = issuerName == null ? "unknown" : issuerName;
        String outcome = error == null ? "valid" : error.code();
        counters.computeIfAbsent(issuer + ' ' + outcome, k -> Counter.builder(COUNTER)
                .description("token verifications by issuer and outcome")
                .tag("issuer", issuer).tag("outcome", outcome).register(registry)).increment();
        timers.computeIfAbsent(issuer, k -> Timer.builder(TIMER).description("time to verify a token")
                .tag("issuer", issuer).register(registry)).record(took);
    }
}
