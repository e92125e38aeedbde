package io.walletgate.keys;

import java.util.List;
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
     *
     * @return the key set, or a future failed with the rejection
     */
    CompletableFuture<JwkSet> keys();

    /**
     * Called when a token names a {@code kid} that {@link #keys()} does not hold: a remote source may refetch
     * (at most once per cooldown, shared by concurrent callers) and completes with the set to retry with.
     * The default answers the current set.
     *
     * @param kid the {@code kid} the token names
     * @return the key set, refetched first when the source fetches and its cooldown allows
     */
    default CompletableFuture<JwkSet> keysForUnknownKid(String kid) {
        return keys();
    }

    /**
     * Where the keys come from (a URL, a file), named in error messages. Never contains secrets.
     *
     * @return the description
     */
    String description();

    /**
     * A snapshot of this source's health, for metrics, readiness and the key-health page; never blocks. The default
     * describes a fixed key set ({@link KeySourceStatus#remote()} false) holding whatever {@link #keys()} has
     * already completed with; remote sources report their fetches, freshness and rotations.
     *
     * @return the snapshot
     */
    default KeySourceStatus status() {
        JwkSet set;
        try {
            set = keys().getNow(null);
        } catch (RuntimeException e) {
            set = null; // no keys: the status says so
        }
        return KeySourceStatus.fixed(description(), set == null ? List.of() : set.keys());
    }
}
