package io.walletgate.internal.keys;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.keys.JwkSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Who may wait for one source's refetch caused by an unknown key id (issue 21): at most {@code max} verifications at
 * once, each for at most {@code deadline}. A flood of tokens naming made-up key ids then holds a bounded number of
 * verifications, never every request of the service; the rest are answered at once from what the source holds.
 * Nothing here blocks a thread: a wait is a future, its deadline the JDK's delayed completion. Thread-safe.
 */
final class UnknownKidWaits {
    private final int max;
    private final Duration deadline;
    private final String source;
    private final AtomicInteger waiting = new AtomicInteger();

    UnknownKidWaits(int max, Duration deadline, String source) {
        this.max = max;
        this.deadline = deadline;
        this.source = source;
    }

    /**
     * One verification's wait for {@code fetch}: the fetch itself when it is already done; else, while a place is
     * free, its outcome or {@code jwks_unavailable} at the deadline, whichever comes first; else at once what
     * {@code refused} answers.
     */
    CompletableFuture<JwkSet> join(CompletableFuture<JwkSet> fetch, Supplier<CompletableFuture<JwkSet>> refused) {
        if (fetch.isDone()) {
            return fetch;
        }
        if (waiting.incrementAndGet() > max) {
            waiting.decrementAndGet();
            return refused.get();
        }
        return fetch.copy().orTimeout(deadline.toNanos(), TimeUnit.NANOSECONDS).handle((set, error) -> {
            waiting.decrementAndGet();
            if (error == null) {
                return set;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            if (cause instanceof TimeoutException) {
                throw new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE, "keys of " + source
                        + " did not arrive within " + deadline.toMillis() + " ms (a refetch for an unknown key id is"
                        + " under way)");
            }
            throw error instanceof CompletionException ? (CompletionException) error : new CompletionException(error);
        });
    }

    /** How many verifications wait now. */
    int waiting() {
        return waiting.get();
    }
}
