package io.walletgate.server.session;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.signin.NonceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Sign-in nonces in the session store (docs/sign-in.md): the service issues them, and they are used up atomically on
 * whichever node a sign-in reaches, since every node shares the store (SQLite for one node, Redis for many). Each
 * kind (SIWE, SIWS) has its own prefix, so a nonce issued for one is unknown to the other. An unreachable store is
 * {@code store_unavailable}, never a refused nonce.
 */
public final class SessionStoreNonces implements NonceStore {
    private final SessionStore store;
    private final Clock clock;
    private final String prefix;
    private final int maxNonces;

    /**
     * Nonces of one kind in {@code store}.
     *
     * @param prefix what sets this kind's nonces apart ({@code siwe:}, {@code siws:})
     * @param maxNonces how many unused nonces the store keeps at most (all kinds together)
     */
    public SessionStoreNonces(SessionStore store, Clock clock, String prefix, int maxNonces) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (maxNonces <= 0) {
            throw new IllegalArgumentException("maxNonces must be positive: " + maxNonces);
        }
        this.maxNonces = maxNonces;
    }

    @Override
    public void put(String nonce, Instant expiresAt) {
        try {
            store.putNonce(prefix + nonce, expiresAt, clock.instant(), maxNonces);
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean consume(String nonce, Instant now) {
        try {
            return store.consumeNonce(prefix + nonce, now);
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
    }

    private static WalletVerificationException unavailable(StoreUnavailableException e) {
        return new WalletVerificationException(ErrorCode.STORE_UNAVAILABLE,
                "the session store cannot be reached; try again", e);
    }
}
