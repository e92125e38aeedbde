package io.walletgate.internal.keys;

import java.util.concurrent.CompletableFuture;

/**
 * Gets an issuer's key set: the bottom of a remote key source ({@link JwksFetcher}, {@link DiscoveryFetcher}) and the
 * layers over it ({@link PersistingKeyFetcher}, {@link AuditingKeyFetcher}), on which {@link CachingKeySource} sits.
 */
interface KeyFetcher {
    /** Fetches once; fails with {@code jwks_unavailable} saying what went wrong. */
    CompletableFuture<FetchedKeys> fetch();

    /** Where the keys come from, for messages. */
    String description();

    /** The last good set kept from an earlier run, still within its stale limit, or null. Called once, at start. */
    default FetchedKeys stored() {
        return null;
    }
}
