package io.walletgate.keys;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a key source's health, for metrics, readiness and the key-health page ({@link KeySource#status()}).
 *
 * @param source where the keys come from
 * @param remote whether the source fetches its keys (and so has freshness, fetches and rotations to report); false
 *     for a fixed set (inline, file, PEM), whose other fields are empty
 * @param keys the keys held now
 * @param fetchedAt when the held keys were fetched (or loaded from disk), or null if none are held
 * @param expiresAt when they stop being fresh, or null
 * @param usableUntil until when they keep verifying if refreshes fail (expiry + stale limit), or null
 * @param stale whether they are past their expiry (refreshes are failing)
 * @param loadedFromDisk whether the held keys came from the persisted copy, not from a fetch in this process
 * @param lastAttemptAt when the last fetch started, or null
 * @param lastError what the last fetch failed with, or null if it succeeded
 * @param fetches fetches started since creation
 * @param failures fetches failed since creation
 * @param consecutiveFailures failures since the last success
 * @param retiredKids key ids that were seen and then rotated out
 * @param history the latest key changes, oldest first (at most 100)
 */
public record KeySourceStatus(String source, boolean remote, List<Jwk> keys, Instant fetchedAt, Instant expiresAt,
                              Instant usableUntil, boolean stale, boolean loadedFromDisk, Instant lastAttemptAt,
                              String lastError, long fetches, long failures, int consecutiveFailures,
                              List<String> retiredKids, List<KeyChange> history) {
    /**
     * Copies.
     *
     * @param source where the keys come from
     * @param remote whether the source fetches its keys (and so has freshness, fetches and rotations to report); false
     *     for a fixed set (inline, file, PEM), whose other fields are empty
     * @param keys the keys held now
     * @param fetchedAt when the held keys were fetched (or loaded from disk), or null if none are held
     * @param expiresAt when they stop being fresh, or null
     * @param usableUntil until when they keep verifying if refreshes fail (expiry + stale limit), or null
     * @param stale whether they are past their expiry (refreshes are failing)
     * @param loadedFromDisk whether the held keys came from the persisted copy, not from a fetch in this process
     * @param lastAttemptAt when the last fetch started, or null
     * @param lastError what the last fetch failed with, or null if it succeeded
     * @param fetches fetches started since creation
     * @param failures fetches failed since creation
     * @param consecutiveFailures failures since the last success
     * @param retiredKids key ids that were seen and then rotated out
     * @param history the latest key changes, oldest first (at most 100)
     */
    public KeySourceStatus {
        keys = List.copyOf(keys);
        retiredKids = List.copyOf(retiredKids);
        history = List.copyOf(history);
    }

    /**
     * The status of a fixed key set: its keys, nothing fetched.
     *
     * @param source where the keys come from
     * @param keys the keys
     * @return the status
     */
    public static KeySourceStatus fixed(String source, List<Jwk> keys) {
        return new KeySourceStatus(source, false, keys, null, null, null, false, false, null, null, 0, 0, 0, List.of(),
                List.of());
    }

    /**
     * Whether keys are held and usable now: a remote set within its stale limit, a fixed set that is not empty.
     *
     * @param now the time to judge by
     * @return whether the source can verify a token now
     */
    public boolean usable(Instant now) {
        return remote ? usableUntil != null && now.isBefore(usableUntil) : !keys.isEmpty();
    }

    /**
     * One key that appeared or disappeared.
     *
     * @param at when it was seen
     * @param added true if it appeared, false if it was rotated out
     * @param kid its key id (may be null)
     * @param thumbprint its RFC 7638 thumbprint
     */
    public record KeyChange(Instant at, boolean added, String kid, String thumbprint) {
    }
}
