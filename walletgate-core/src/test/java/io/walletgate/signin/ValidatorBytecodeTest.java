package io.walletgate.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployless validator's creation code in the jar is what the pinned solc (npm {@code solc}, in
 * {@code src/test/signin-node}) makes of {@code src/main/solidity/Erc6492Validator.sol}: the committed bytes come from
 * the committed source. The build installs that folder's npm packages ({@code src/test/signin-node/install}).
 */
class ValidatorBytecodeTest {
    private static final Path NODE_DIR = Path.of("src/test/signin-node").toAbsolutePath();

    @Test
    void the_committed_validator_code_is_the_compiled_source() throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/solc"))) {
            fail("solc is not installed in " + NODE_DIR + ": the build runs its install script (npm ci)");
        }
        Process p = new ProcessBuilder("node", "compile.mjs",
                Path.of("src/main/solidity/Erc6492Validator.sol").toAbsolutePath().toString())
                .directory(NODE_DIR.toFile()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        JsonNode compiled = new ObjectMapper().readTree(out);
        assertThat(compiled.path("solc").asText()).startsWith("0.8.37+");
        assertThat(compiled.path("contracts").path("Erc6492Validator.sol:Erc6492Validator").asText())
                .isEqualTo(committed());
    }

    private static String committed() throws IOException {
        try (InputStream in = ContractCalls.class.getResourceAsStream("Erc6492Validator.hex")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }
}
