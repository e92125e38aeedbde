package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.server.SystemPrograms;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart, executed: {@code walletgate serve} on a fresh machine (an empty working directory, no
 * configuration, no {@code WALLETGATE_*} or {@code OMS_*} environment) starts the labelled local demo, and the two
 * {@code curl} commands it prints, run by bash exactly as printed, give a session.
 */
class QuickstartIT {
    private static final String INTRO = "Mint a Web3Auth-shaped token, then exchange it for a session:";

    @TempDir
    Path dir;

    @Test
    void serve_with_no_configuration_starts_the_demo_and_its_two_curl_commands_give_a_session() throws Exception {
        Path work = Files.createDirectory(dir.resolve("fresh"));
        // The README's command is `./walletgate serve`; the port is left to the system so the test never collides.
        try (ServiceProcess service = ServiceProcess.serve(work, dir.resolve("walletgate.log"), "--port", "0")) {
            String base = service.base().toString();
            service.awaitLine(l -> l.startsWith("  curl ") && l.contains(base + "/v1/sessions"),
                    Duration.ofSeconds(10));
            String printed = String.join("\n", service.stdout());
            assertThat(printed).contains("!! DEMO MODE").contains("Its tokens prove nothing")
                    .contains("sessions: sqlite data/sessions.db");
            List<String> commands = commands(service.stdout());
            assertThat(commands).as("the two commands after '%s' in:\n%s", INTRO, printed).hasSize(2);
            assertThat(commands.get(0)).startsWith("TOKEN=$(curl ");
            assertThat(commands.get(1)).startsWith("curl ");

            Shell run = bash(String.join("\n", commands));
            assertThat(run.exit()).as("bash: %s", run.err()).isZero();
            assertThat(run.statuses()).as("HTTP statuses of the two curl commands").containsExactly("200", "201");
            JsonNode session = Http.JSON.readTree(run.out());
            assertThat(session.at("/session/id").asText()).hasSize(43);
            assertThat(session.at("/identity/profile").asText()).isEqualTo("web3auth");

            HttpResponse<String> current = Http.get(service.uri("/v1/sessions/current"), "Authorization",
                    "Session " + session.at("/session/id").asText());
            assertThat(current.statusCode()).as(Http.describe(current)).isEqualTo(200);
            assertThat(current.body()).contains(session.at("/identity/subject").asText());
        }
        assertThat(work.resolve("data/sessions.db")).as("the embedded store, in ./data").isRegularFile();
    }

    @Test
    void with_an_issuer_in_the_environment_serve_starts_without_the_demo() throws Exception {
        try (DevIssuer issuer = DevIssuer.start()) {
            Path work = Files.createDirectory(dir.resolve("configured"));
            try (ServiceProcess service = ServiceProcess.serve(work, dir.resolve("configured.log"), Map.of(
                    "OMS_TOKEN_ISSUER", issuer.issuer("sequence-oms"), "OMS_PROJECT_ID", issuer.audience()),
                    "--port", "0")) {
                assertThat(service.awaitLine(l -> l.startsWith("walletgate listening on "), Duration.ofSeconds(1)))
                        .contains("(issuers: sequence-oms; sessions: sqlite");
                MintedToken t = issuer.sequenceOms().mint();
                HttpResponse<String> created = Http.send(Http.createSession(service.base(), t.token(), null));
                assertThat(created.statusCode()).as(Http.describe(created)).isEqualTo(201);
                assertThat(Http.json(created).at("/identity/wallet/address").asText()).isEqualTo(t.address());
                assertThat(String.join("\n", service.stdout())).doesNotContain("DEMO");
            }
        }
    }

    // The indented lines that follow the intro line, up to the blank line.
    private static List<String> commands(List<String> stdout) {
        List<String> commands = new ArrayList<>();
        int at = stdout.indexOf(INTRO);
        for (int i = at + 1; at >= 0 && i < stdout.size() && stdout.get(i).startsWith("  "); i++) {
            commands.add(stdout.get(i).substring(2));
        }
        return commands;
    }

    /**
     * What bash printed: standard output, the HTTP status of each curl (written to standard error through a curlrc,
     * so the commands run unchanged), the rest of standard error.
     */
    record Shell(int exit, String out, List<String> statuses, String err) {
    }

    private Shell bash(String script) throws IOException, InterruptedException {
        Path curlHome = Files.createDirectories(dir.resolve("curl-home"));
        Files.writeString(curlHome.resolve(".curlrc"), "write-out = \"%{stderr}status=%{http_code}\\n\"\n");
        Path scriptFile = dir.resolve("quickstart.sh");
        Files.writeString(scriptFile, script + "\n");
        Path out = dir.resolve("bash.out");
        Path err = dir.resolve("bash.err");
        requireCurl();
        ProcessBuilder pb = new ProcessBuilder("bash", scriptFile.toString()).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("CURL_HOME", curlHome.toString());
        pb.environment().put("NO_PROXY", "127.0.0.1,localhost");
        pb.environment().put("no_proxy", "127.0.0.1,localhost");
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the curl commands finish in 60 s").isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<String> statuses = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        for (String line : Files.readAllLines(err)) {
            if (line.startsWith("status=")) {
                statuses.add(line.substring("status=".length()));
            } else {
                rest.append(line).append('\n');
            }
        }
        return new Shell(p.exitValue(), Files.readString(out), statuses, rest.toString());
    }

    private static void requireCurl() {
        SystemPrograms.require("curl", "curl", "the README's quickstart uses it");
    }
}
