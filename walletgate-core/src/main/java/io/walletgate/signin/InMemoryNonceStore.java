package io.walletgate.signin;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link NonceStore#inMemory()}: nonces in insertion order under one lock (each operation is a map lookup; sign-ins
 * are rare next to the lock's cost). Nonces issued with one TTL expire in insertion order, so the head of the map
 * holds the expired ones: each {@link #consume} drops them, and a full store drops its oldest nonce.
 */
final class InMemoryNonceStore implements NonceStore {
    private final int maxNonces;
    private final LinkedHashMap<String, Instant> nonces = new LinkedHashMap<>();

    InMemoryNonceStore(int maxNonces) {
        if (maxNonces <= 0) {
            throw new IllegalArgumentException("maxNonces must be positive: " + maxNonces);
        }
        this.maxNonces = maxNonces;
    }

    @Override
    public synchronized void put(String nonce, Instant expiresAt) {
        while (nonces.size() >= maxNonces) {
            Iterator<String> oldest = nonces.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        nonces.put(nonce, expiresAt);
    }

    @Override
    public synchronized boolean consume(String nonce, Instant now) {
        Instant expiresAt = nonces.remove(nonce);
        for (Iterator<Map.Entry<String, Instant>> it = nonces.entrySet().iterator(); it.hasNext(); ) {
            if (now.isBefore(it.next().getValue())) {
                break;
            }
            it.remove();
        }
        return expiresAt != null && now.isBefore(expiresAt);
    }

    /** How many nonces are held. */
    synchronized int size() {
        return nonces.size();
    }
}
