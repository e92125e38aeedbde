package io.walletgate.server.redis;

import io.walletgate.server.SystemPrograms;
import io.walletgate.server.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port with its own directory, for tests: started, killed
 * ({@code SIGKILL}), frozen ({@code SIGSTOP}), restarted on the same port and directory (so an append-only file is
 * replayed), and always stopped on {@link #close} or, failing that, when the JVM exits.
 */
final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final Path configFile;
    private final List<String> options;
    private final int port;
    private Process process;

    private RedisServer(Path dir, Path configFile, int port, List<String> options) {
        this.dir = dir;
        this.configFile = configFile;
        this.port = port;
        this.options = List.copyOf(options);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "redis-server-stop"));
    }

    /** A server with its data in {@code dir}; {@code options} are redis-server flags ({@code --appendonly yes}). */
    static RedisServer start(Path dir, String... options) {
        return start(dir, freePort(false), options);
    }

    /** A cluster-enabled server: its port and its cluster bus port (port + 10000) are both free. */
    static RedisServer startClusterNode(Path dir, String... options) {
        List<String> all = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000", "--appendonly", "yes"));
        all.addAll(List.of(options));
        return start(dir, freePort(true), all.toArray(String[]::new));
    }

    /** A Sentinel watching {@code master} under the name {@code mymaster}. */
    static RedisServer startSentinel(Path dir, RedisServer master) {
        return startSentinel(dir, master, 1, Duration.ofSeconds(5));
    }

    /**
     * A Sentinel watching {@code master} under the name {@code mymaster}, agreeing with {@code quorum} Sentinels that
     * it is down once it did not answer for {@code downAfter}.
     */
    static RedisServer startSentinel(Path dir, RedisServer master, int quorum, Duration downAfter) {
        int port = freePort(false);
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(conf, "sentinel monitor mymaster 127.0.0.1 " + master.port() + " " + quorum + "\n"
                    + "sentinel down-after-milliseconds mymaster " + downAfter.toMillis() + "\n"
                    + "sentinel failover-timeout mymaster 10000\n");
            RedisServer sentinel = new RedisServer(dir, conf, port, List.of("--sentinel"));
            sentinel.start();
            return sentinel;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RedisServer start(Path dir, int port, String... options) {
        RedisServer server = new RedisServer(dir, null, port, List.of(options));
        server.start();
        return server;
    }

    /** Starts (again) on the same port and directory, and waits until it answers {@code PING}. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " already runs");
        }
        List<String> command = new ArrayList<>(List.of(SystemPrograms.require("redis-server", "redis-server",
                "the session store tests run a real Redis").toString()));
        if (configFile != null) {
            command.add(configFile.toString());
        }
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--save", "", "--daemonize", "no", "--loglevel", "warning", "--logfile",
                dir.resolve("redis.log").toString()));
        command.addAll(options);
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-server (the CI script installs it): " + e.getMessage(),
                    e);
        }
        try {
            Await.until("redis-server on port " + port + " answering", Duration.ofSeconds(120),
                    () -> answers() || !process.isAlive());
        } catch (AssertionError e) {
            throw new IllegalStateException("redis-server on port " + port + " did not start: " + log(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " did not start: " + log());
        }
    }

    // PONG, or a refusal that proves it listens (a password is required).
    private boolean answers() {
        String reply = command("PING");
        return reply != null && (reply.equals("+PONG") || reply.startsWith("-NOAUTH"));
    }

    /** Stops it as a crash would ({@code SIGKILL}): nothing is flushed that was not already. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            await(process);
        }
    }

    /** Stops it cleanly ({@code SIGTERM}): an append-only file is flushed. */
    void stop() {
        close();
    }

    /** Freezes it ({@code SIGSTOP}): connections stay open and nothing answers. */
    void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen server run again ({@code SIGCONT}). */
    void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    Path dir() {
        return dir;
    }

    /** Runs {@code redis-cli} against this server; returns what it printed. */
    String cli(String... args) {
        List<String> command = new ArrayList<>(List.of(SystemPrograms.require("redis-cli", "redis-tools",
                "the Redis tests inspect the server with it").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("redis-cli " + String.join(" ", args) + " did not finish");
            }
            return out.strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One inline command over a raw socket: the first reply line, or null when the server does not answer. */
    String command(String inline) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private String log() {
        try {
            Path log = dir.resolve("redis.log");
            Path out = dir.resolve("redis.out");
            return (Files.exists(log) ? Files.readString(log) : "") + (Files.exists(out) ? Files.readString(out) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            thaw();
            process.destroy();
            if (!await(process)) {
                process.destroyForcibly();
                await(process);
            }
        }
    }

    private static boolean await(Process p) {
        try {
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // A cluster node also listens on port + 10000 (its bus): pick from a range where both can be free.
    static int freePort(boolean withBus) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = withBus ? ThreadLocalRandom.current().nextInt(20_000, 30_000) : 0;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
                if (!withBus) {
                    return s.getLocalPort();
                }
                try (ServerSocket bus = new ServerSocket()) {
                    bus.bind(new InetSocketAddress("127.0.0.1", port + 10_000));
                    return port;
                }
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port");
    }
}
