package io.walletgate.server.service;

import io.walletgate.testkit.DevIssuer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code walletgate.jar} run as a real process, as an operator would: {@code serve} kept running (its
 * standard output collected line by line, its log in a file), or any other command run to completion. The
 * environment is cleared of {@code WALLETGATE_*} and {@code OMS_*} so only what a test gives configures it.
 * {@link #close} always stops what was started.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^walletgate listening on (http://127\\.0\\.0\\.1:(\\d+)) ");
    private static final Duration START = Duration.ofSeconds(60);

    /** What a command run to completion printed and returned. */
    record Result(int exit, String out, String err) {
    }

    /**
     * How {@code walletgate} is started: its command, and the environment it gets (null: this process's, less
     * {@code WALLETGATE_*} and {@code OMS_*}; otherwise exactly this one).
     */
    record Launcher(List<String> command, Map<String, String> environment) {
        /** The packaged jar on the JDK that runs the tests. */
        static Launcher jar() {
            return new Launcher(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    ServiceProcess.jar().toString()), null);
        }
    }

    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;
    private URI base;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "walletgate-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code walletgate serve ARGS} in {@code workDir} and waits (bounded) for its "listening" line.
     *
     * @param log the file that receives the process's standard error (its log)
     */
    static ServiceProcess serve(Path workDir, Path log, Map<String, String> env, String... args) {
        return serve(Launcher.jar(), workDir, log, env, args);
    }

    /** {@link #serve(Path, Path, Map, String...)} started by {@code launcher}. */
    static ServiceProcess serve(Launcher launcher, Path workDir, Path log, Map<String, String> env, String... args) {
        List<String> command = command(launcher, "serve");
        command.addAll(List.of(args));
        ProcessBuilder pb = builder(launcher, workDir, env, command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ServiceProcess service;
        try {
            service = new ServiceProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Matcher m = LISTENING.matcher(service.awaitLine(l -> LISTENING.matcher(l).find(), START));
            if (!m.find()) {
                throw new AssertionError("unreachable");
            }
            service.base = URI.create(m.group(1));
            return service;
        } catch (RuntimeException | AssertionError e) {
            service.close();
            throw e;
        }
    }

    /**
     * A configuration file in {@code dir} trusting {@code issuer}'s web3auth profile, cookies not {@code Secure} (the
     * tests speak plain HTTP), plus {@code lines}.
     */
    static Path web3authConfig(Path dir, DevIssuer issuer, String... lines) {
        Path config = dir.resolve("walletgate.yaml");
        try {
            Files.writeString(config, String.join("\n",
                    "issuers:",
                    "  - profile: web3auth",
                    "    audience: " + issuer.audience(),
                    "    jwksUri: '" + issuer.jwksUri("web3auth") + "'",
                    "sessions: {cookieSecure: false}",
                    String.join("\n", lines),
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    /** {@link #serve} with no extra environment. */
    static ServiceProcess serve(Path workDir, Path log, String... args) {
        return serve(workDir, log, Map.of(), args);
    }

    /** Runs {@code walletgate ARGS} in {@code workDir} to completion (at most 60 s). */
    static Result run(Path workDir, String... args) {
        return run(Launcher.jar(), workDir, Map.of(), args);
    }

    /** {@link #run(Path, String...)} started by {@code launcher}, with {@code env} added to its environment. */
    static Result run(Launcher launcher, Path workDir, Map<String, String> env, String... args) {
        List<String> command = command(launcher, args);
        try {
            Path out = Files.createTempFile("walletgate", ".out");
            Path err = Files.createTempFile("walletgate", ".err");
            try {
                Process p = builder(launcher, workDir, env, command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                p.getOutputStream().close();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("walletgate " + String.join(" ", args) + " did not finish in 60 s");
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("walletgate.jar", "target/walletgate.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged jar at " + jar + ": run these tests with ./mvnw verify");
        }
        return jar.toAbsolutePath();
    }

    private static List<String> command(Launcher launcher, String... args) {
        List<String> command = new ArrayList<>(launcher.command());
        command.addAll(List.of(args));
        return command;
    }

    private static ProcessBuilder builder(Launcher launcher, Path workDir, Map<String, String> env,
            List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        if (launcher.environment() == null) {
            pb.environment().keySet().removeIf(k -> k.startsWith("WALLETGATE_") || k.startsWith("OMS_"));
        } else {
            pb.environment().clear();
            pb.environment().putAll(launcher.environment());
        }
        pb.environment().putAll(env);
        return pb;
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; what it printed is kept
        } finally {
            synchronized (lines) {
                ended = true;
                lines.notifyAll();
            }
        }
    }

    /**
     * Waits for a line of standard output that matches, at most {@code timeout}.
     *
     * @return the first such line (earlier lines count too)
     * @throws AssertionError if the process ends or the time runs out first, with what it printed and logged
     */
    String awaitLine(Predicate<String> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (matches.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError((ended ? "walletgate ended" : "walletgate printed no expected line in "
                            + timeout.toSeconds() + " s") + "\nstdout:\n" + String.join("\n", lines) + "\nlog:\n"
                            + logTail());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Everything printed on standard output so far. */
    List<String> stdout() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Everything it printed on standard output so far (the access log and the library's lines included). */
    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** The base URI it printed, {@code http://127.0.0.1:PORT}. */
    URI base() {
        return base;
    }

    /** {@code base() + path}. */
    URI uri(String path) {
        return base.resolve(path);
    }

    int port() {
        return base.getPort();
    }

    Process process() {
        return process;
    }

    /** The end of its log (standard error), for failure messages. */
    String logTail() {
        try {
            String all = Files.exists(log) ? Files.readString(log) : "";
            return all.length() > 8000 ? "…" + all.substring(all.length() - 8000) : all;
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: the process gets no chance to do anything; returns when it is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(20));
    }

    /**
     * SIGTERM, as Ctrl-C or a service manager would stop it, and waits for it to end.
     *
     * @return whether it ended by itself within {@code timeout} (otherwise it is killed)
     */
    boolean stop(Duration timeout) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (awaitExit(timeout)) {
            return true;
        }
        kill();
        return false;
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
