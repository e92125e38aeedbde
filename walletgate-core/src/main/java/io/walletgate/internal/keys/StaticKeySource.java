package io.walletgate.internal.keys;

import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySource;
import java.util.concurrent.CompletableFuture;

/** Keys fixed at construction: a JWKS given inline or read from a file, or an SPKI PEM. */
public final class StaticKeySource implements KeySource {
    private final CompletableFuture<JwkSet> keys;
    private final String description;

    /** A source that always answers {@code set}. */
    public StaticKeySource(JwkSet set) {
        this.keys = CompletableFuture.completedFuture(set);
        this.description = set.source();
    }

    @Override
    public CompletableFuture<JwkSet> keys() {
        return keys;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "StaticKeySource[" + description + "]";
    }
}
