package io.walletgate.server.service;

import io.walletgate.server.ProjectFiles;
import io.walletgate.server.SystemPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Caddy ({@code caddy run}) as a child process, listening on a free loopback port, with the shipped
 * {@code examples/caddy/Caddyfile} exactly as committed: its {@code {$NAME}} placeholders are Caddy's own environment
 * placeholders, so the test sets the environment and Caddy fills them in, as it would for a user. Everything Caddy
 * writes (its log, its autosaved configuration, its certificate storage) stays in one directory.
 */
final class Caddy extends FrontProxy {
    /** The shipped example, relative to the project root. */
    static final String EXAMPLE = "examples/caddy/Caddyfile";
    /** The environment placeholders the example reads; the test fails when it gains or loses one. */
    static final Set<String> PLACEHOLDERS = Set.of("CADDY_ADMIN", "SITE_ADDRESS", "WALLETGATE_ADDR", "APP_ADDR");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\$([A-Za-z0-9_]+)(?::[^}]*)?}");
    private static final Duration START = Duration.ofSeconds(30);
    private static final String LOG = "caddy.log";

    private Caddy(Process process, Path dir, int port) {
        super(process, dir, port);
    }

    /** The caddy binary; an {@link AssertionError} saying how to install it when it is missing. */
    static Path binary() {
        return SystemPrograms.require("caddy", "caddy", "the forward-auth tests run a real Caddy");
    }

    /**
     * The environment placeholders of the shipped example.
     *
     * @throws AssertionError if they are not {@link #PLACEHOLDERS}
     */
    static Set<String> placeholders() {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(ProjectFiles.read(EXAMPLE));
        while (m.find()) {
            found.add(m.group(1));
        }
        if (!found.equals(new TreeSet<>(PLACEHOLDERS))) {
            throw new AssertionError(EXAMPLE + " reads " + found + " from the environment; the test sets "
                    + new TreeSet<>(PLACEHOLDERS));
        }
        return found;
    }

    /**
     * Starts Caddy in {@code dir} (created if needed) with the example in front of {@code walletgate} and {@code app}
     * (both {@code host:port}), its admin API off; retries on another port if the one it picked was taken meanwhile.
     */
    static Caddy start(Path dir, String walletgate, String app) {
        Path caddy = binary();
        placeholders();
        Path caddyfile = ProjectFiles.root().resolve(EXAMPLE);
        return FrontProxy.startOnFreePort("caddy", port -> {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(LOG));
            ProcessBuilder pb = new ProcessBuilder(caddy.toString(), "run", "--config", caddyfile.toString(),
                    "--adapter", "caddyfile").directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(LOG).toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("CADDY") || k.startsWith("XDG_"));
            env.putAll(Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                    "XDG_DATA_HOME", dir.resolve("data").toString(),
                    "CADDY_ADMIN", "off",
                    "SITE_ADDRESS", "http://127.0.0.1:" + port,
                    "WALLETGATE_ADDR", walletgate,
                    "APP_ADDR", app));
            return new Caddy(pb.start(), dir, port);
        }, START);
    }

    // Caddy logs this once its listeners are bound and its configuration runs.
    @Override
    boolean listening() {
        return logs().contains("serving initial configuration");
    }

    @Override
    String logs() {
        return FrontProxy.files(dir, List.of(LOG));
    }
}
