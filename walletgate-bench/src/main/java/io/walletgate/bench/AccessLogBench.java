package io.walletgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.server.accesslog.AccessLog;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access-log line of the service (issue 20): {@link #line} is what a request pays since the log got its writer
 * thread ({@link AccessLog}: the request thread hands a record to a bounded queue; the writer formats and writes in
 * batches), {@link #slf4jSimpleLine} what it paid before (the JSON built with Jackson and written by slf4j-simple on
 * the request thread, as {@code WalletGateService} did before). Both write into a pipe, as the service's stdout
 * is under a service manager or a container runtime: a named pipe that a {@code cat} process empties (its CPU is not
 * counted; the writes into the pipe, system calls of this JVM, are).
 *
 * <p>Read it with {@code -prof io.walletgate.bench.CpuTimeProfiler}: its {@code cpu.time} is the CPU of every thread
 * of the JVM per line, the writer thread's included. The wall-clock score of {@link #line} is only the hand-over (and
 * the waits of a full queue, since the loop makes lines faster than any writer can write them).
 */
@Fork(1)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessLogBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Path dir;
    private Process reader;
    private OutputStream pipe;
    private AccessLog accessLog;
    private Logger slf4j;

    @Setup
    public void setUp() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("access-log-bench");
        Path fifo = dir.resolve("stdout");
        if (new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("mkfifo " + fifo + " failed");
        }
        reader = new ProcessBuilder("cat", fifo.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        pipe = new FileOutputStream(fifo.toFile());
        accessLog = AccessLog.to(pipe, AccessLog.DEFAULT_CAPACITY, AccessLog.DEFAULT_BATCH_INTERVAL,
                Clock.systemUTC(), ZoneId.systemDefault());
        // slf4j-simple as walletgate serve configures it (its simplelogger.properties), into the same pipe
        System.setProperty("org.slf4j.simpleLogger.logFile", fifo.toString());
        slf4j = LoggerFactory.getLogger("walletgate.access");
    }

    @TearDown
    public void tearDown() throws IOException, InterruptedException {
        accessLog.close();
        pipe.close();
        reader.destroy();
        reader.waitFor();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public void line() {
        accessLog.log("GET", "/v1/auth", 200, 0.41f, "127.0.0.1", null);
    }

    @Benchmark
    public void slf4jSimpleLine() {
        slf4j.info(MAPPER.createObjectNode()
                .put("method", "GET")
                .put("route", "/v1/auth")
                .put("status", 200)
                .put("ms", Math.round(0.41f * 100) / 100.0)
                .put("ip", "127.0.0.1")
                .put("code", "")
                .toString());
    }
}
