package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node script of this module's {@code src/test} folders as a process: node must be installed (a clone without
 * it fails, never passes untested), and the folder's pinned packages are installed with {@code npm ci} from its
 * committed lock file when they are missing.
 */
final class NodeScripts {
    /** What a finished process printed. */
    record Result(int exit, String output, String errors) {
    }

    private final Path dir;

    /** The scripts of {@code src/test/<folder>}. */
    NodeScripts(String folder) {
        this.dir = Path.of("src", "test", folder);
    }

    /**
     * Fails unless node runs, then installs the folder's packages unless {@code node_modules/<marker>} is there.
     *
     * @param why what the test checks with node, for the failure message
     */
    void prepare(Path tmp, String marker, String why) throws Exception {
        boolean present;
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            fail("node is not installed (" + why + "): apt-get install nodejs (.ci/run installs it)");
        }
        if (Files.exists(dir.resolve("node_modules").resolve(marker).resolve("package.json"))) {
            return;
        }
        Result npm = run(tmp, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), new byte[0]);
        assertThat(npm.exit()).as("npm ci in %s: %s%s", dir.toAbsolutePath(), npm.output(), npm.errors()).isZero();
    }

    /** Runs {@code command} in the folder with {@code stdin}, for at most 5 minutes. */
    Result run(Path tmp, List<String> command, byte[] stdin) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Path in = Files.createTempFile(tmp, "in", ".json");
        Files.write(in, stdin);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
