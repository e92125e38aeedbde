package io.walletgate.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Warms a benchmark up by work done rather than by time passed: runs its operation until the benchmark thread has
 * spent a given CPU time in it, before JMH's own (short) warm-up iterations. On a machine whose cores other
 * processes keep busy, JMH's time-based warm-up gave the JIT compiler too little CPU to finish compiling the longer
 * paths (BouncyCastle curve arithmetic, SunEC, Jackson): measured iterations still ran interpreted code and fell
 * from one to the next. Spending CPU rather than waiting for the clock makes the warm-up the same on a busy machine
 * as on an idle one (the compiler threads get their share of the CPU meanwhile). The system property
 * {@value #SCALE} multiplies every budget (e.g. 0 for a quick look, 2 for a slower machine).
 */
final class CpuWarmup {
    static final String SCALE = "walletgate.bench.cpuWarmupScale";
    private static final long SLICE_MILLIS = 500;
    private static final long QUIET_COMPILE_MILLIS = 20;
    private static final int MAX_SLICES = 20;

    private static volatile int sink;

    private CpuWarmup() {
    }

    /**
     * The warm-up budget of WalletGate's new-token path for a scenario: the Web3Auth one runs far more Java (wallet
     * curve arithmetic) and kept getting faster for several seconds of CPU after 3 s.
     */
    static long millisFor(Scenario scenario) {
        return scenario.web3auth() ? 8_000 : 3_000;
    }

    /**
     * Calls {@code op} until the current thread has spent {@code millis} milliseconds of CPU time in it, then on until
     * the JIT compilers are quiet: until a further slice of 500 ms of this thread's CPU saw less than 20 ms of
     * compilation, at most 20 slices. JDK 25 needs it: after the same budget its C2 was still compiling WalletGate's
     * Web3Auth path, whose first measured iterations then cost 105 to 148 us of CPU before settling at JDK 17's ~82
     * (docs/performance.md, "JDK 25").
     */
    static void run(Callable<?> op, long millis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        double scale = Double.parseDouble(System.getProperty(SCALE, "1"));
        long budget = (long) (TimeUnit.MILLISECONDS.toNanos(millis) * scale);
        spend(op, threads, budget);
        if (scale == 0 || jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long slice = TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);
        int slices = 0;
        long compiling;
        do {
            long compiled = jit.getTotalCompilationTime();
            spend(op, threads, slice);
            slices++;
            compiling = jit.getTotalCompilationTime() - compiled;
        } while (compiling >= QUIET_COMPILE_MILLIS && slices < MAX_SLICES);
        System.err.printf("CpuWarmup: %d slice(s) of %d ms after the budget, the last with %d ms of JIT compilation%n",
                slices, SLICE_MILLIS, compiling);
    }

    private static void spend(Callable<?> op, ThreadMXBean threads, long nanos) {
        long start = threads.getCurrentThreadCpuTime();
        int h = 0;
        try {
            while (threads.getCurrentThreadCpuTime() - start < nanos) {
                for (int i = 0; i < 64; i++) {
                    h ^= System.identityHashCode(op.call());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the operation failed while warming up", e);
        }
        sink = h;
    }
}
