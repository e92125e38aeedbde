package io.walletgate.internal.keys;

import java.util.concurrent.CompletableFuture;

/** Gets an issuer's key set from the network: one JWKS URL, or OIDC discovery first. */
public interface KeyFetcher {
    /** Fetches once; fails with {@code jwks_unavailable} saying what went wrong. */
    CompletableFuture<FetchedKeys> fetchDetailed();

    /** Where the keys come from, for messages. */
    String description();
}
