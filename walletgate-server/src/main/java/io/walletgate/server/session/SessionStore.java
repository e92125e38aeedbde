package io.walletgate.server.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Where sessions live: the embedded SQLite file by default, Redis for many nodes. Keys are SHA-256 hashes of session
 * ids; a store never sees an id. Implementations are thread-safe, and every write is durable when the method returns.
 * A store that cannot be reached throws {@link StoreUnavailableException}.
 */
public interface SessionStore extends AutoCloseable {
    /** Stores a new session. */
    void create(Session session);

    /** The session with this id hash, if it exists and has not expired at {@code now}. */
    Optional<Session> find(byte[] idHash, Instant now);

    /** Moves a session's expiry (sliding renewal); false when it no longer exists. */
    boolean renew(byte[] idHash, Instant newExpiry);

    /** Deletes one session (logout); false when there was none. */
    boolean delete(byte[] idHash);

    /** Deletes every session of a wallet address (compared case-insensitively); returns how many. */
    int deleteByWallet(String address);

    /** Deletes every session of a subject, of one issuer or of all when {@code issuerName} is null. */
    int deleteBySubject(String issuerName, String subject);

    /**
     * Records that a token id was used, atomically, if it was not already (replay protection): true the first time,
     * false for a replay. The record is kept until {@code expiresAt}; an expired record (as of {@code now}) does
     * not count.
     */
    boolean claimOnce(String issuerName, String tokenId, Instant expiresAt, Instant now);

    /**
     * Keeps a sign-in nonce the service issued until {@code expiresAt} (docs/sign-in.md). The store holds at most
     * {@code maxNonces}: expired nonces go first, then those that expire soonest, so that a flood of nonce requests
     * costs bounded space (and can only void the oldest unused nonces).
     */
    void putNonce(String nonce, Instant expiresAt, Instant now, int maxNonces);

    /**
     * Uses a nonce up, atomically on every node sharing the store: removes it and answers whether it was held and
     * had not expired at {@code now}. Of two calls with one nonce, at the same moment or on two nodes, at most one
     * answers true.
     */
    boolean consumeNonce(String nonce, Instant now);

    /** How many sessions are live at {@code now}. */
    long count(Instant now);

    /** Removes expired sessions, replay records and nonces; returns how many sessions went. */
    int purgeExpired(Instant now);

    /** Checks that the store answers; throws {@link StoreUnavailableException} if not. */
    void ping();

    /**
     * Whether {@link #find} reads from this machine without waiting on a network (an embedded file): forward-auth
     * then checks a session on the thread that read the request (docs/performance.md). False by default.
     */
    default boolean readsLocally() {
        return false;
    }

    /** A short description for logs and readiness ({@code sqlite data/sessions.db}), never a password. */
    String describe();

    @Override
    void close();
}
