package io.walletgate.internal.keys;

import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySourceStatus;
import java.time.Instant;
import java.util.List;

/**
 * One key set as fetched (or loaded from disk), with its freshness and the rotation audit so far.
 *
 * @param set the parsed keys (with the retired kids once audited)
 * @param body the document as served, to persist
 * @param fetchedAt when it was fetched
 * @param expiresAt when it stops being fresh: the response's {@code Cache-Control: max-age}, clamped
 * @param changes the latest key changes, oldest first (empty until audited)
 */
public record FetchedKeys(JwkSet set, byte[] body, Instant fetchedAt, Instant expiresAt,
                          List<KeySourceStatus.KeyChange> changes) {
    /** A copy with the audited set and changes. */
    FetchedKeys audited(JwkSet auditedSet, List<KeySourceStatus.KeyChange> auditedChanges) {
        return new FetchedKeys(auditedSet, body, fetchedAt, expiresAt, List.copyOf(auditedChanges));
    }
}
