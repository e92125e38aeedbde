package io.walletgate.signin;

import java.time.Instant;

/**
 * Where issued sign-in nonces wait for their one use. {@link SignInVerifier} puts each nonce it issues here and
 * consumes the nonce of every message that parses, whatever the verdict, so a nonce signs in once at most, on any
 * node that shares the store.
 *
 * <p>Implementations must be thread-safe, and {@link #consume} atomic: of two calls with the same nonce, at the same
 * moment or on two machines, at most one returns true. A store that cannot be reached throws
 * {@link io.walletgate.WalletVerificationException} with {@code store_unavailable} (never answers false for it: that
 * would turn an outage into a stream of rejected sign-ins). {@link #inMemory()} serves a single process; the
 * WalletGate service keeps nonces in its session store (SQLite or Redis).
 */
public interface NonceStore {
    /**
     * Keeps a freshly issued nonce until {@code expiresAt}.
     *
     * @param nonce the nonce's value
     * @param expiresAt when it stops being usable
     * @throws io.walletgate.WalletVerificationException {@code store_unavailable} when the store cannot be reached
     */
    void put(String nonce, Instant expiresAt);

    /**
     * Uses a nonce up: removes it and answers whether it was held and had not expired at {@code now}.
     *
     * @return false for a nonce that was never issued, has expired or was used before
     * @param nonce the nonce's value, as the message carries it
     * @param now the time of the sign-in
     * @throws io.walletgate.WalletVerificationException {@code store_unavailable} when the store cannot be reached
     */
    boolean consume(String nonce, Instant now);

    /**
     * A store in this process's memory, holding at most 100,000 nonces: when full, expired nonces are dropped and
     * then the oldest, so a flood of nonce requests costs bounded memory (and may void the oldest unused nonces).
     *
     * @return a new, empty store
     */
    static NonceStore inMemory() {
        return new InMemoryNonceStore(100_000);
    }

    /**
     * A store in this process's memory, holding at most {@code maxNonces}.
     *
     * @param maxNonces the most nonces held at once, positive
     * @return a new, empty store
     * @throws IllegalArgumentException if {@code maxNonces} is not positive
     */
    static NonceStore inMemory(int maxNonces) {
        return new InMemoryNonceStore(maxNonces);
    }
}
