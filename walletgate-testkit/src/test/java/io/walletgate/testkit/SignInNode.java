package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code walletgate-core/src/test/signin-node}: the pinned npm packages of the sign-in tests (siwe, ethers, viem,
 * solc, anvil, the Solana wallet standard), installed by walletgate-core's build, and its scripts run as processes.
 */
final class SignInNode {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = ReadmeTestingExampleTest.projectRoot()
            .resolve("walletgate-core/src/test/signin-node");

    private SignInNode() {
    }

    /** The anvil executable of the npm package {@code @foundry-rs/anvil-linux-amd64}. */
    static Path anvil() {
        Path anvil = DIR.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(anvil)) {
            fail("anvil is not installed in " + DIR + ": walletgate-core's build runs its install script (npm ci)");
        }
        return anvil;
    }

    /** Runs {@code node SCRIPT IN OUT} with {@code input} as IN; returns OUT. */
    static JsonNode run(String script, Object input, Path tmp) throws IOException, InterruptedException {
        if (!Files.isDirectory(DIR.resolve("node_modules/viem"))) {
            fail("the sign-in npm packages are not installed in " + DIR + ": walletgate-core's build runs its"
                    + " install script (npm ci)");
        }
        Path in = Files.createTempFile(tmp, "in", ".json");
        Path out = Files.createTempFile(tmp, "out", ".json");
        Path log = Files.createTempFile(tmp, "node", ".log");
        JSON.writeValue(in.toFile(), input);
        Process p = new ProcessBuilder("node", script, in.toString(), out.toString()).directory(DIR.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("node " + script + " did not finish in 300 s:\n" + Files.readString(log));
        }
        assertThat(p.exitValue()).as("node %s:\n%s", script, Files.readString(log)).isZero();
        return JSON.readTree(out.toFile());
    }

    /** Compiles a Solidity file with the pinned solc ({@code compile.mjs}): {@code "file:Contract" → 0x…}. */
    static JsonNode runCompile(Path source, Path tmp) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "solc", ".log");
        Path out = Files.createTempFile(tmp, "solc", ".json");
        Process p = new ProcessBuilder("node", "compile.mjs", source.toString()).directory(DIR.toFile())
                .redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("solc did not finish in 300 s");
        }
        assertThat(p.exitValue()).as("solc:\n%s", Files.readString(log)).isZero();
        JsonNode compiled = JSON.readTree(out.toFile());
        assertThat(compiled.path("solc").asText()).startsWith("0.8.37+");
        return compiled.path("contracts");
    }
}
