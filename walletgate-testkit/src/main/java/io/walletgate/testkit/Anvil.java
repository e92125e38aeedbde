package io.walletgate.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Ethereum node for tests: Foundry's {@code anvil} (chain 31337, ten unlocked accounts, a block per
 * transaction) started on a free loopback port, and stopped by {@link #close()} (also at JVM exit).
 *
 * <pre>{@code
 * try (Anvil anvil = Anvil.start(Path.of("node_modules/.bin/anvil"))) {
 *     TestChain chain = TestChain.connect(anvil.rpcUri());
 * }
 * }</pre>
 */
public final class Anvil implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on (127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final URI rpcUri;
    private final Thread shutdownHook;
    private boolean closed;

    private Anvil(Process process, URI rpcUri) {
        this.process = process;
        this.rpcUri = rpcUri;
        this.shutdownHook = new Thread(process::destroyForcibly, "anvil-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code anvil} on 127.0.0.1 and a port the system picks, and waits until it listens (at most 60 s).
     *
     * @param executable the {@code anvil} program
     * @return the running node; close it to stop it
     * @throws IOException if the process cannot be started
     * @throws IllegalStateException if it does not start, with its output
     */
    public static Anvil start(Path executable) throws IOException {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("anvil is not at " + executable + " (npm package"
                    + " @foundry-rs/anvil-linux-amd64, or Foundry's foundryup)");
        }
        Process p = new ProcessBuilder(executable.toString(), "--host", "127.0.0.1", "--port", "0")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        CompletableFuture<String> address = CompletableFuture.supplyAsync(() -> listeningAddress(p, output));
        try {
            return new Anvil(p, URI.create("http://" + address.get(60, TimeUnit.SECONDS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while anvil started", e);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            synchronized (output) {
                throw new IllegalStateException("anvil did not start:\n" + output, e);
            }
        }
    }

    // Reads anvil's output until it says where it listens, then keeps draining it so that it never blocks.
    private static String listeningAddress(Process p, StringBuilder output) {
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    Thread drain = new Thread(() -> in.lines().forEach(l -> { }), "anvil-output");
                    drain.setDaemon(true);
                    drain.start();
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading anvil's output failed", e);
        }
        throw new IllegalStateException("anvil exited before it listened");
    }

    /** {@return the node's JSON-RPC URL ({@code http://127.0.0.1:PORT})} */
    public URI rpcUri() {
        return rpcUri;
    }

    /** Stops the node and waits for it to exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs anyway
        }
    }
}
