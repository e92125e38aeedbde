package io.walletgate.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Does the work around a signature make the signature itself dearer? (docs/performance.md, "Three forks a row".) A
 * new-token row cost more than its floor ({@link SignatureFloorBench}) plus the work around the signature
 * ({@link WalletGateOverheadBench}); this probe runs, in one JVM and on one thread, four modes over the same pool of
 * tokens: the floor, the overhead (a no-op signature), the two token by token, and WalletGate's own new-token
 * verification ({@link WalletGateColdBench}), each for {@code COUNT} tokens, seven rounds of the four modes in turn,
 * and prints each mode's median CPU time per token, the thread's own and the whole process's (with the garbage
 * collector's and the JIT's threads, as {@link CpuTimeProfiler} measures the JMH rows). If "floor, then overhead"
 * costs more than the two apart on the thread, the work between signatures is what makes them dearer (for P-256: the
 * precomputed tables leave the CPU's caches); what the process adds is other threads' work.
 *
 * <p>Usage, after {@code bench/run}'s fixtures step: {@code java -Xms1g -Xmx1g
 * -Dwalletgate.bench.fixtures=walletgate-bench/target/bench-results/fixtures -cp "…jar:…/lib/*"
 * io.walletgate.bench.SignatureContextProbe SCENARIO COUNT}, e.g. {@code ES256-oidc 8192}. Not part of
 * {@code bench/run}: a diagnostic, whose one JVM and one thread give none of JMH's guarantees.
 */
public final class SignatureContextProbe {
    private static final int ROUNDS = 7;
    private static final String[] MODES = {"floor", "overhead (no-op signature)", "floor, then overhead",
        "WalletGate, new token"};

    private SignatureContextProbe() {
    }

    /** Runs the probe; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SignatureContextProbe SCENARIO COUNT");
            System.exit(2);
        }
        String scenario = args[0];
        int count = Integer.parseInt(args[1]);
        SignatureFloorBench floor = SignatureFloorBench.accp(scenario);
        WalletGateOverheadBench overhead = new WalletGateOverheadBench();
        overhead.scenario = scenario;
        overhead.setUp();
        WalletGateColdBench cold = WalletGateColdBench.accp(scenario);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[][] micros = new double[MODES.length][ROUNDS];
        double[][] processMicros = new double[MODES.length][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int mode = 0; mode < MODES.length; mode++) {
                long start = threads.getCurrentThreadCpuTime();
                long processStart = os.getProcessCpuTime();
                for (int i = 0; i < count; i++) {
                    switch (mode) {
                        case 0 -> floor.verify();
                        case 1 -> overhead.verify();
                        case 2 -> {
                            floor.verify();
                            overhead.verify();
                        }
                        default -> cold.verify();
                    }
                }
                micros[mode][round] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / count;
                processMicros[mode][round] = (os.getProcessCpuTime() - processStart) / 1e3 / count;
            }
        }
        System.out.printf("µs of CPU per token, median of %d rounds (lowest to highest)%n", ROUNDS);
        for (int mode = 0; mode < MODES.length; mode++) {
            double[] m = micros[mode].clone();
            double[] p = processMicros[mode].clone();
            Arrays.sort(m);
            Arrays.sort(p);
            System.out.printf("%-28s thread %.1f (%.1f to %.1f), process %.1f (%.1f to %.1f)%n", MODES[mode],
                    m[ROUNDS / 2], m[0], m[ROUNDS - 1], p[ROUNDS / 2], p[0], p[ROUNDS - 1]);
        }
    }
}
