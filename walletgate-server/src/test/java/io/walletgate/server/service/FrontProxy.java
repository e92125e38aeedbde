package io.walletgate.server.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real reverse proxy (nginx, Caddy) run as a child process in front of WalletGate and an application, configured
 * by one of the shipped examples: what {@link ForwardAuthContract} drives. The static helpers are what every such
 * process needs: a free loopback port, its logs, a stop.
 */
abstract class FrontProxy implements AutoCloseable {
    final Process process;
    final Path dir;
    private final int port;

    FrontProxy(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** {@code http://127.0.0.1:PORT} + {@code path}. */
    final URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** What it wrote (output, error log), for failure messages. */
    abstract String logs();

    /** Whether it has bound its port and serves its configuration (it was started a moment ago). */
    abstract boolean listening();

    /** Launches the proxy's process for {@code port}; it need not listen yet. */
    interface Launcher<P extends FrontProxy> {
        P launch(int port) throws IOException;
    }

    /**
     * Launches a proxy on a free loopback port and waits (bounded) until it listens; retries on another port, up to 5
     * times, when the one picked was taken meanwhile.
     *
     * @throws AssertionError if it exits for another reason or does not listen in time, with its logs
     */
    static <P extends FrontProxy> P startOnFreePort(String name, Launcher<P> launcher, Duration limit) {
        AssertionError last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            P started;
            try {
                started = launcher.launch(port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                if (started.awaitListening(limit)) {
                    return started;
                }
                last = new AssertionError(name + " could not bind 127.0.0.1:" + port + "\n" + started.logs());
            } catch (RuntimeException | AssertionError e) {
                started.close();
                throw e;
            }
        }
        throw last;
    }

    /** Stops it (SIGTERM) and every process it started; kills them if they do not end in 10 s. */
    @Override
    public final void close() {
        stop(process);
    }

    /** A loopback port free a moment ago (the caller retries if another process takes it meanwhile). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The named files of {@code dir} that exist, each under a {@code --- name} line. */
    static String files(Path dir, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String f : names) {
            try {
                Path p = dir.resolve(f);
                if (Files.exists(p)) {
                    sb.append("--- ").append(f).append('\n').append(Files.readString(p));
                }
            } catch (IOException e) {
                sb.append("(").append(f).append(" unreadable)");
            }
        }
        return sb.toString();
    }

    /**
     * Waits (bounded) until the process, started a moment ago, is {@link #listening}.
     *
     * @return true once ready; false if it exited because its port was taken (the caller retries on another)
     * @throws AssertionError if it exited for another reason or was not ready within {@code limit}, with its logs
     */
    final boolean awaitListening(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (!listening()) {
                if (process.waitFor(25, TimeUnit.MILLISECONDS)) {
                    if (logs().toLowerCase(Locale.ROOT).contains("address already in use")) {
                        return false;
                    }
                    throw new AssertionError(process.info().command().orElse("proxy") + " exited with "
                            + process.exitValue() + "\n" + logs());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not ready in " + limit.toSeconds() + " s\n" + logs());
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle c : children) {
                if (c.isAlive()) {
                    c.destroyForcibly();
                    c.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a child of " + process.pid() + " did not end", e);
        }
    }
}
