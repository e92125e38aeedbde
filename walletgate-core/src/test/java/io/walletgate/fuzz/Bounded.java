package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;

/**
 * The invariants every fuzz target asserts around one call: it uses at most {@link #MAX_CPU} of its thread's CPU
 * time (CPU, not wall-clock time, so that a busy shared machine does not fail the bound; a wall-clock bound of
 * {@link #MAX_WALL} still catches a call that blocks), allocates at most {@link #MAX_ALLOCATED_BYTES} on its thread,
 * and a rejection is a {@link WalletVerificationException} with a code from the expected set and a short, printable
 * message that does not echo the input.
 */
final class Bounded {
    /** Most CPU time one call may use (each takes microseconds to a few milliseconds; RSA signing in a target ~2 ms). */
    static final Duration MAX_CPU = Duration.ofSeconds(1);
    /** Longest one call may take by the wall clock: nothing here waits on I/O or a lock. */
    static final Duration MAX_WALL = Duration.ofSeconds(10);
    /** Most bytes one call may allocate: tokens are at most 16 KiB, JWKS documents 512 KiB. */
    static final long MAX_ALLOCATED_BYTES = 64L * 1024 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Bounded() {
    }

    /**
     * Runs {@code body} and asserts the time and memory bounds. Exceptions other than assertions propagate. Call
     * {@link #warmUp} first from the target's static initializer: class loading and provider start-up are not the
     * cost of a call.
     */
    static void run(String what, Runnable body) {
        long tid = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(tid);
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        body.run();
        long nanos = System.nanoTime() - start;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        long allocated = THREADS.getThreadAllocatedBytes(tid) - allocatedBefore;
        assertThat(Duration.ofNanos(cpu)).as("%s used too much CPU", what).isLessThan(MAX_CPU);
        assertThat(Duration.ofNanos(nanos)).as("%s took too long", what).isLessThan(MAX_WALL);
        assertThat(allocated).as("%s allocated too much", what).isLessThan(MAX_ALLOCATED_BYTES);
    }

    /** Runs {@code body} a few times without bounds, to load classes and providers before the first measured call. */
    static void warmUp(Runnable body) {
        for (int i = 0; i < 3; i++) {
            try {
                body.run();
            } catch (RuntimeException | AssertionError e) {
                // only the loading matters here
            }
        }
    }

    /** Asserts that a rejection carries one of {@code allowed} and a safe message (no input echo, no control chars). */
    static void rejected(WalletVerificationException e, Set<ErrorCode> allowed, String input) {
        assertThat(e.code()).as("error code of %s", e.getMessage()).isNotNull().isIn(allowed);
        String m = e.getMessage();
        assertThat(m).isNotBlank().hasSizeLessThan(1_400); // audience_mismatch may echo five aud values of 256 characters
        assertThat(m.chars().noneMatch(Character::isISOControl)).as("control character in message: %s", m).isTrue();
        if (input != null && input.length() >= 24) {
            assertThat(m).as("message echoes the input").doesNotContain(input);
        }
    }
}
