package io.walletgate.internal.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the last good key set of a fetcher on disk (docs/architecture.md §5), so that a restart during an issuer outage still
 * verifies: every successful fetch is saved ({@link KeySetStore}: one file per source, written atomically), and at
 * start {@link #stored()} offers the saved set while it is within the stale limit. A set that cannot be saved or
 * read is logged, never a failure: persistence only helps.
 */
final class PersistingKeyFetcher implements KeyFetcher {
    private static final System.Logger LOG = System.getLogger("io.walletgate.keys");

    private final KeyFetcher fetcher;
    private final KeySetStore store;
    private final Duration staleLimit;
    private final Clock clock;

    PersistingKeyFetcher(KeyFetcher fetcher, Path directory, Duration staleLimit, Clock clock) {
        this.fetcher = fetcher;
        this.store = new KeySetStore(directory, fetcher.description());
        this.staleLimit = staleLimit;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<FetchedKeys> fetch() {
        return fetcher.fetch().thenApply(keys -> {
            try {
                store.save(keys);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not persist keys of {0} to {1}: {2}", description(),
                        store.file(), e.toString());
            }
            return keys;
        });
    }

    @Override
    public FetchedKeys stored() {
        try {
            FetchedKeys saved = store.load();
            if (saved == null) {
                return null;
            }
            Instant usableUntil = saved.expiresAt().plus(staleLimit);
            if (!clock.instant().isBefore(usableUntil)) {
                LOG.log(System.Logger.Level.INFO, "persisted keys of {0} are past the stale limit; not used",
                        description());
                return null;
            }
            return saved;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not load persisted keys of {0}: {1}", description(),
                    e.toString());
            return null;
        }
    }

    @Override
    public String description() {
        return fetcher.description();
    }
}
