package io.walletgate.keys;

import java.time.Duration;

/**
 * Observes a remote key source: every fetch and every key that appears or disappears (an audit trail of the
 * issuer's rotations). Called on the fetching thread; implementations must be quick and thread-safe.
 */
public interface KeySourceListener {
    /** A listener that ignores everything. */
    KeySourceListener NONE = new KeySourceListener() {
    };

    /**
     * A fetch finished.
     *
     * @param source the key source's description (its URL)
     * @param error null on success, else what went wrong (no secrets)
     * @param took how long it took
     */
    default void onFetch(String source, String error, Duration took) {
    }

    /**
     * A key appeared in the issuer's set (or was first loaded).
     *
     * @param source the key source's description (its URL)
     * @param key the key
     */
    default void onKeyAdded(String source, Jwk key) {
    }

    /**
     * A key disappeared from the issuer's set: its kid is now retired.
     *
     * @param source the key source's description (its URL)
     * @param key the key
     */
    default void onKeyRemoved(String source, Jwk key) {
    }
}
