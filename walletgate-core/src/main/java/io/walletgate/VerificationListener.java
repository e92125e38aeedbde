package io.walletgate;

import java.time.Duration;

/**
 * Observes every verification a {@link WalletVerifier} makes, accepted or rejected, cache hits included: for metrics
 * and audit logs. Registered with {@link WalletVerifier.Builder#listener}; called on the verifying thread (for
 * {@link WalletVerifier#verifyAsync}, the thread that completes it), so an implementation must be quick, thread-safe
 * and must not throw.
 *
 * <pre>{@code
 * WalletVerifier verifier = WalletVerifier.builder()
 *     .issuer(IssuerProfiles.web3auth(clientId))
 *     .listener((issuer, error, took) -> log.info("{} {} {}", issuer, error == null ? "valid" : error, took))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface VerificationListener {
    /**
     * A verification finished.
     *
     * @param issuerName the name of the configured issuer the token was routed to, or null when it was rejected before
     *     routing (not decodable, {@code iss} missing or not configured): a bounded set, whatever the tokens say
     * @param error null when the token was accepted, else why it was rejected
     * @param took how long the verification took
     */
    void onVerification(String issuerName, ErrorCode error, Duration took);
}
