package io.walletgate.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.ErrorCode;
import io.walletgate.server.SystemPrograms;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page end to end in Debian's headless Chromium: {@code src/test/browser/ui-e2e.mjs} (playwright-core,
 * never a downloaded browser) drives a real {@code walletgate serve} with a testkit issuer: a valid token shows
 * "valid" and the wallet address, an expired and a wrong-audience token show their codes and meanings, and the
 * key-health view shows a rotation made by the issuer. A second {@code walletgate serve} with no configuration (the
 * demo mode) shows how to get a token, verifies one minted that way, and keeps its key health short. Screenshots of
 * each view go to {@code target/screenshots/}, or to the directory {@code -Dwalletgate.screenshots} names (the
 * project's {@code docs/screenshots/} to refresh the documented ones): a build never changes committed files.
 */
class UiBrowserIT {
    private static final Path SCRIPT_DIR = Path.of("src/test/browser").toAbsolutePath();

    @Test
    void the_page_works_in_a_real_browser(@TempDir Path dir) throws Exception {
        Path chromium = requireTools();
        Path screenshots = Path.of(System.getProperty("walletgate.screenshots", "target/screenshots"))
                .toAbsolutePath();
        try (DevIssuer issuer = DevIssuer.start();
             UiServer server = UiServer.start(dir, issuer);
             UiServer demo = UiServer.startDemo(dir.resolve("demo"))) {
            MintedToken valid = issuer.web3auth().wallets(2).claim("email", "ada@example.com").mint();
            MintedToken expired = issuer.web3auth().expired().mint();
            MintedToken wrongAudience = issuer.web3auth().wrongAudience().mint();
            String oldKid = valid.keyId();
            String newKid = issuer.rotateKeys("web3auth"); // published now; the service learns it on first use
            MintedToken rotated = issuer.web3auth().mint();
            assertThat(rotated.keyId()).isEqualTo(newKid).isNotEqualTo(oldKid);

            ObjectNode input = UiHttp.JSON.createObjectNode();
            input.put("baseUrl", server.uri("").toString());
            input.put("screenshots", screenshots.toString());
            input.put("chromium", chromium.toString());
            input.putObject("valid").put("token", valid.token()).put("appPublicKey", valid.appPublicKey())
                    .put("address", valid.address());
            input.putObject("expired").put("token", expired.token()).put("meaning", ErrorCode.TOKEN_EXPIRED.meaning());
            input.putObject("wrongAudience").put("token", wrongAudience.token())
                    .put("meaning", ErrorCode.AUDIENCE_MISMATCH.meaning());
            input.putObject("rotated").put("token", rotated.token()).put("appPublicKey", rotated.appPublicKey())
                    .put("kid", newKid);
            input.put("oldKid", oldKid);
            // The demo wallet of `walletgate serve` with no configuration, and its Ethereum address.
            input.putObject("demo").put("baseUrl", demo.uri("").toString())
                    .put("address", "0x39d41dEdAa17A4b20f512E04A4E4584fB4FD0CD6");

            Result result = runScript(input.toString(), dir.resolve("node-output.txt"));
            JsonNode report = result.report();
            List<String> failed = new ArrayList<>();
            report.path("steps").forEach(s -> System.out.printf("browser step %s after %d ms: %s%n",
                    s.path("ok").asBoolean() ? "passed" : "FAILED", s.path("ms").asLong(), s.path("name").asText()));
            report.path("steps").forEach(s -> {
                if (!s.path("ok").asBoolean()) {
                    failed.add(s.path("name").asText() + ": " + s.path("detail"));
                }
            });
            assertThat(failed).as("failed browser steps; script output:\n%s", result.output()).isEmpty();
            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(report.path("ok").asBoolean()).isTrue();
            assertThat(report.path("steps").size()).isGreaterThanOrEqualTo(30);
            for (String png : List.of("inspector-valid.png", "inspector-expired.png", "key-health.png")) {
                Path shot = screenshots.resolve(png);
                assertThat(shot).isRegularFile();
                byte[] head = Files.readAllBytes(shot);
                assertThat(head.length).as(png).isGreaterThan(10_000);
                assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
            }
            assertThat(server.output()).doesNotContain(valid.token()).doesNotContain(rotated.token());
        }
    }

    private record Result(int exit, JsonNode report, String output) {
    }

    private static Result runScript(String input, Path outputFile) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", "ui-e2e.mjs").directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(outputFile.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the browser script did not finish in 180 s:\n" + Files.readString(outputFile));
        }
        String output = Files.readString(outputFile);
        String[] lines = output.strip().split("\n");
        JsonNode report;
        try {
            report = UiHttp.JSON.readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError("the browser script printed no JSON report (exit " + p.exitValue() + "):\n"
                    + output, e);
        }
        return new Result(p.exitValue(), report, output);
    }

    // Debian's chromium, never a downloaded browser; playwright-core comes from the lock file, installed by the
    // build (walletgate-server's pom.xml runs src/test/browser/install before the integration tests).
    private static Path requireTools() {
        Path chromium = SystemPrograms.require("chromium", "chromium", "the web page's browser test drives Debian's "
                + "chromium");
        SystemPrograms.require("node", "nodejs", "the web page's browser test is a Node script");
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core"))) {
            fail("playwright-core is not installed in " + SCRIPT_DIR + ": the build installs it (npm ci) before the "
                    + "integration tests; run ./mvnw verify, or src/test/browser/install");
        }
        return chromium;
    }
}
