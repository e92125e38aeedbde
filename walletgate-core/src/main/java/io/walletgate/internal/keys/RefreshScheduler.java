package io.walletgate.internal.keys;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread shared by all remote key sources, asking each once a second whether a refresh is due. The
 * check is a few field reads; the fetch itself runs asynchronously on the HTTP client's threads.
 */
final class RefreshScheduler {
    private static final ScheduledExecutorService EXECUTOR = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "walletgate-key-refresh");
        t.setDaemon(true);
        return t;
    });

    private RefreshScheduler() {
    }

    static ScheduledFuture<?> every(long millis, Runnable task) {
        return EXECUTOR.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a failed check must not cancel the schedule; the source records its own failures
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }
}
