package io.walletgate.keys;

import java.util.concurrent.CompletableFuture;

/**
 * Where an issuer's verification keys come from. The verifier asks {@link #keys()} for every token, so an
 * implementation answers from memory in steady state (an already-completed future) and does its I/O elsewhere.
 * Implementations must be thread-safe.
 */
public interface KeySource {
    /**
     * The current key set. Completes exceptionally with a
     * {@link io.walletgate.WalletVerificationException} ({@code jwks_unavailable}) when no keys can be had.
     */
    CompletableFuture<JwkSet> keys();

    /**
     * Called when a token names a {@code kid} that {@link #keys()} does not hold: a remote source may refetch
     * (at most once per cooldown, shared by concurrent callers) and completes with the set to retry with.
     * The default answers the current set.
     */
    default CompletableFuture<JwkSet> keysForUnknownKid(String kid) {
        return keys();
    }

    /** Where the keys come from (a URL, a file), named in error messages. Never contains secrets. */
    String description();
}
