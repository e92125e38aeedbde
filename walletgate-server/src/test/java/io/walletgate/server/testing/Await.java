package io.walletgate.server.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition of another process (a readiness answer, a Redis cluster's state) that sends no event: the
 * one place tests poll, each wait named and bounded. Where an event exists (a line of a process's output, a key
 * source's fetch), tests wait on the event instead. A bound only keeps a hang from hanging the build: it is generous
 * for a machine shared by several builds (minutes, not seconds) and never a speed target.
 */
public final class Await {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Await() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it does not hold within {@code timeout}
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
