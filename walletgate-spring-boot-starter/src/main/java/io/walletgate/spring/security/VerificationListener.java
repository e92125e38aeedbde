package io.walletgate.spring.security;

import io.walletgate.ErrorCode;
import java.time.Duration;

/**
 * Observes every verification the {@link WalletAuthenticationProvider} makes (the starter's Micrometer metrics are
 * one). Declare one as a bean to be called; implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface VerificationListener {
    /**
     * A verification finished.
     *
     * @param issuer the name of the configured issuer that handled the token; {@code unknown} when its {@code iss} is
     *     not configured or the token could not be decoded (a bounded set, whatever the tokens say)
     * @param error null when the token was accepted, else why it was rejected
     * @param took how long the verification took
     */
    void onVerification(String issuer, ErrorCode error, Duration took);
}
