package io.walletgate.internal.keys;

import io.walletgate.internal.token.CompactJws;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySourceListener;
import io.walletgate.keys.KeySourceStatus.KeyChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The rotation audit of a remote key source (docs/architecture.md §5): compares every set fetched (or loaded from disk) with the
 * one before, by RFC 7638 thumbprint, and logs, records and reports to the {@link KeySourceListener} every key that
 * appeared or disappeared; a {@code kid} that disappeared is retired (kept in the set handed up, so a token naming it
 * fails at once).
 */
final class AuditingKeyFetcher implements KeyFetcher {
    private static final System.Logger LOG = System.getLogger("io.walletgate.keys");
    private static final int MAX_RETIRED = 1000;
    private static final int MAX_HISTORY = 100;

    private final KeyFetcher fetcher;
    private final String name;
    private final KeySourceListener listener;
    private final Clock clock;
    // Guarded by "this".
    private Map<String, Jwk> current = Map.of();
    private final Map<String, Instant> retired = new LinkedHashMap<>();
    private final Deque<KeyChange> history = new ArrayDeque<>();

    AuditingKeyFetcher(KeyFetcher fetcher, String name, KeySourceListener listener, Clock clock) {
        this.fetcher = fetcher;
        this.name = name;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<FetchedKeys> fetch() {
        return fetcher.fetch().thenApply(keys -> audit(keys, clock.instant()));
    }

    @Override
    public FetchedKeys stored() {
        FetchedKeys saved = fetcher.stored();
        return saved == null ? null : audit(saved, saved.fetchedAt());
    }

    @Override
    public String description() {
        return fetcher.description();
    }

    // Logs and records every key that appeared or disappeared, by kid and thumbprint: the rotation audit trail.
    private synchronized FetchedKeys audit(FetchedKeys keys, Instant now) {
        Map<String, Jwk> after = new LinkedHashMap<>();
        keys.set().keys().forEach(k -> after.put(k.thumbprint(), k));
        for (Jwk k : after.values()) {
            if (!current.containsKey(k.thumbprint())) {
                if (k.kid() != null) {
                    retired.remove(k.kid());
                }
                record(now, true, k);
                listener.onKeyAdded(description(), k);
            }
        }
        for (Jwk k : current.values()) {
            if (!after.containsKey(k.thumbprint())) {
                if (k.kid() != null && keys.set().keys().stream().noneMatch(f -> k.kid().equals(f.kid()))) {
                    retired.put(k.kid(), now);
                    while (retired.size() > MAX_RETIRED) {
                        retired.remove(retired.keySet().iterator().next());
                    }
                }
                record(now, false, k);
                listener.onKeyRemoved(description(), k);
            }
        }
        current = after;
        JwkSet set = keys.set();
        return keys.audited(new JwkSet(set.keys(), set.skipped(), set.source(), retired.keySet()), history.stream()
                .toList());
    }

    private void record(Instant now, boolean added, Jwk k) {
        LOG.log(System.Logger.Level.INFO, "key {0}: issuer={1} source={2} kid={3} thumbprint={4}",
                added ? "added" : "removed", name, description(), CompactJws.printable(k.kid()), k.thumbprint());
        history.addLast(new KeyChange(now, added, k.kid(), k.thumbprint()));
        while (history.size() > MAX_HISTORY) {
            history.removeFirst();
        }
    }
}
