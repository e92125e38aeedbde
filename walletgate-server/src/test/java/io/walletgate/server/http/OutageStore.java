package io.walletgate.server.http;

import io.walletgate.server.session.Session;
import io.walletgate.server.session.SessionStore;
import io.walletgate.server.session.StoreUnavailableException;
import java.time.Instant;
import java.util.Optional;

/**
 * A real session store that can be taken down on purpose: while {@link #down} is set, every call fails as an
 * unreachable store does ({@link StoreUnavailableException}), so the service's 503 {@code store_unavailable} answers
 * can be exercised. The narrow seam STYLE.md allows a mock at: a store failing.
 */
final class OutageStore implements SessionStore {
    private final SessionStore store;
    private volatile boolean down;
    private volatile java.util.concurrent.CountDownLatch stalled; // find() waits for it, as on a network that hangs
    private volatile boolean local;
    private volatile boolean stalling;

    OutageStore(SessionStore store) {
        this.store = store;
        this.local = store.readsLocally();
    }

    /** As a store on a network ({@code false}) or one that reads locally; the store's own answer by default. */
    OutageStore readsLocally(boolean local) {
        this.local = local;
        return this;
    }

    @Override
    public boolean readsLocally() {
        return local;
    }

    /** Whether a {@link #find} has waited, or is waiting, on the stall's latch. */
    boolean stalling() {
        return stalling;
    }

    /** Makes {@link #find} wait until the latch opens (at most 30 s), as a read from a hung network does; null: not. */
    void stall(java.util.concurrent.CountDownLatch latch) {
        this.stalled = latch;
    }

    /** Takes the store down ({@code true}) or brings it back. */
    void down(boolean down) {
        this.down = down;
    }

    private void reachable() {
        if (down) {
            throw new StoreUnavailableException("the store is down (test)", null);
        }
    }

    @Override
    public void create(Session session) {
        reachable();
        store.create(session);
    }

    @Override
    public Optional<Session> find(byte[] idHash, Instant now) {
        java.util.concurrent.CountDownLatch latch = stalled;
        if (latch != null && latch.getCount() > 0) {
            stalling = true;
            try {
                latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reachable();
        return store.find(idHash, now);
    }

    @Override
    public boolean renew(byte[] idHash, Instant newExpiry) {
        reachable();
        return store.renew(idHash, newExpiry);
    }

    @Override
    public boolean delete(byte[] idHash) {
        reachable();
        return store.delete(idHash);
    }

    @Override
    public int deleteByWallet(String address) {
        reachable();
        return store.deleteByWallet(address);
    }

    @Override
    public int deleteBySubject(String issuerName, String subject) {
        reachable();
        return store.deleteBySubject(issuerName, subject);
    }

    @Override
    public boolean claimOnce(String issuerName, String tokenId, Instant expiresAt, Instant now) {
        reachable();
        return store.claimOnce(issuerName, tokenId, expiresAt, now);
    }

    @Override
    public void putNonce(String nonce, Instant expiresAt, Instant now, int maxNonces) {
        reachable();
        store.putNonce(nonce, expiresAt, now, maxNonces);
    }

    @Override
    public boolean consumeNonce(String nonce, Instant now) {
        reachable();
        return store.consumeNonce(nonce, now);
    }

    @Override
    public long count(Instant now) {
        reachable();
        return store.count(now);
    }

    @Override
    public int purgeExpired(Instant now) {
        reachable();
        return store.purgeExpired(now);
    }

    @Override
    public void ping() {
        reachable();
        store.ping();
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
