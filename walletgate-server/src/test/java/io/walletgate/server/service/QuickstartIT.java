package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.server.ProjectFiles;
import io.walletgate.server.SystemPrograms;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.EthereumTestWallet;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.SiweMessageBuilder;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart, executed: {@code walletgate serve} on a fresh machine (an empty working directory, no
 * configuration, no {@code WALLETGATE_*} or {@code OMS_*} environment) starts the labelled local demo and prints what
 * the README shows; the commands it prints, run by bash exactly as printed, sign in as the demo wallet with its app
 * key as proof, use the session through forward-auth, and log out.
 */
class QuickstartIT {
    /** The demo wallet ({@code ServeCommand.DEMO_APP_KEY}) and its Ethereum address. */
    private static final String DEMO_APP_KEY = "02ecaaddf2f1cf22986615b09789982a3b3a63171e22b201ad86f7cb696ff62f4e";
    private static final String DEMO_ADDRESS = "0x39d41dEdAa17A4b20f512E04A4E4584fB4FD0CD6";
    private static final Pattern DEMO_ISSUER = Pattern.compile("beside the service at http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path dir;

    @Test
    void serve_with_no_configuration_starts_the_demo_and_its_commands_prove_the_wallet_use_the_session_and_log_out()
            throws Exception {
        Path work = Files.createDirectory(dir.resolve("fresh"));
        // The README's command is `./walletgate serve`; the port is left to the system so the test never collides.
        try (ServiceProcess service = ServiceProcess.serve(work, dir.resolve("walletgate.log"), "--port", "0")) {
            service.awaitLine(l -> l.startsWith("The session proves the wallet"), Duration.ofSeconds(30));
            List<String> stdout = service.stdout();
            String printed = String.join("\n", stdout);
            assertThat(printed).contains("!! DEMO MODE").contains("Its tokens prove nothing")
                    .contains("sessions: sqlite data/sessions.db")
                    .contains("The session proves the wallet " + DEMO_ADDRESS + " ");
            assertThat(printed.strip()).as("the README's quickstart shows this printout (ports aside)")
                    .isEqualTo(readmePrintout(service.base().getPort(), printed));

            List<String> commands = commands(stdout);
            assertThat(commands).as("the commands after the intro line in:\n%s", printed).hasSize(5);
            List<String> outputs = bash(commands);

            assertThat(outputs.get(0)).as("the mint sets TOKEN, printing nothing").isEmpty();
            JsonNode session = Http.JSON.readTree(outputs.get(1));
            assertThat(session.at("/session/id").asText()).hasSize(43);
            assertThat(session.at("/identity/profile").asText()).isEqualTo("web3auth");
            assertThat(session.at("/identity/wallet/publicKey").asText()).isEqualTo(DEMO_APP_KEY);
            assertThat(session.at("/identity/wallet/address").asText()).as(outputs.get(1)).isEqualTo(DEMO_ADDRESS);
            assertThat(outputs.get(2)).as("forward-auth with the session cookie").startsWith("HTTP/1.1 200")
                    .contains("X-WalletGate-Wallet: " + DEMO_ADDRESS)
                    .contains("X-WalletGate-Subject: " + session.at("/identity/subject").asText());
            assertThat(outputs.get(3)).as("logout").isEqualTo("204");
            assertThat(outputs.get(4)).as("forward-auth after the logout").isEqualTo("401");

            // The demo signs in with a wallet signature for the local site: an EOA on chain 31337.
            HttpResponse<String> nonce = Http.send(Http.request(service.base().resolve("/v1/siwe/nonce"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(nonce.statusCode()).as(Http.describe(nonce)).isEqualTo(201);
            EthereumTestWallet wallet = EthereumTestWallet.random();
            String message = SiweMessageBuilder.of(wallet.address()).withDomain(service.base().getAuthority())
                    .withUri(service.base().toString()).withChainId(31337)
                    .withNonce(Http.json(nonce).path("nonce").asText()).text();
            HttpResponse<String> signedIn = Http.send(Http.request(service.base().resolve("/v1/siwe/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            Http.JSON.createObjectNode().put("message", message)
                                    .put("signature", wallet.signMessage(message)).toString())).build());
            assertThat(signedIn.statusCode()).as(Http.describe(signedIn)).isEqualTo(201);
            assertThat(Http.json(signedIn).at("/identity/subject").asText())
                    .isEqualTo("did:pkh:eip155:31337:" + wallet.address());
            assertThat(Http.json(Http.get(service.base().resolve("/readyz"))).get("demo").asBoolean())
                    .as("/readyz says it is the demo").isTrue();
        }
        assertThat(work.resolve("data/sessions.db")).as("the embedded store, in ./data").isRegularFile();
    }

    @Test
    void an_explicit_demo_flag_starts_the_demo_beside_a_configuration_without_issuers() throws Exception {
        Path work = Files.createDirectory(dir.resolve("explicit"));
        Path config = Files.writeString(work.resolve("walletgate.yaml"), "sessions: {ttl: 1h}\n");
        try (ServiceProcess service = ServiceProcess.serve(work, dir.resolve("explicit.log"), "--demo", "--config",
                config.toString(), "--port", "0")) {
            service.awaitLine(l -> l.startsWith("The session proves the wallet"), Duration.ofSeconds(30));
            assertThat(String.join("\n", service.stdout())).contains("!! DEMO MODE");
            assertThat(Http.json(Http.get(service.base().resolve("/readyz"))).get("demo").asBoolean()).isTrue();
        }
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
                assertThat(Http.json(Http.get(service.base().resolve("/readyz"))).get("demo").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void sign_in_without_an_issuer_or_demo_rpc_with_issuers_is_a_configuration_error() throws Exception {
        Path work = Files.createDirectory(dir.resolve("sign-in-only"));
        Path config = work.resolve("walletgate.yaml");
        Files.writeString(config, "signIn:\n  ethereum: {domains: [app.example.com],"
                + " uris: ['https://app.example.com']}\n");
        ServiceProcess.Result signInOnly = ServiceProcess.run(work, "serve", "--config", config.toString(), "--port",
                "0");
        assertThat(signInOnly.exit()).as(signInOnly.err()).isEqualTo(2);
        assertThat(signInOnly.err()).contains("issuers: none is configured, but signIn is")
                .doesNotContain("DEMO");
        ServiceProcess.Result demoRpc = ServiceProcess.run(ServiceProcess.Launcher.jar(), work, Map.of(
                "WALLETGATE_NOPWD_DOMAIN", "app.example.com"), "serve", "--port", "0", "--demo-rpc",
                "http://127.0.0.1:8545");
        assertThat(demoRpc.exit()).as(demoRpc.err()).isEqualTo(2);
        assertThat(demoRpc.err()).contains("--demo-rpc applies to the demo mode only");
    }

    // The indented lines that follow the intro line, up to the next line that is not indented.
    private static List<String> commands(List<String> stdout) {
        List<String> commands = new ArrayList<>();
        int at = -1;
        for (int i = 0; i < stdout.size(); i++) {
            if (stdout.get(i).startsWith("Sign in with a wallet:")) {
                at = i;
            }
        }
        for (int i = at + 1; at >= 0 && i < stdout.size() && stdout.get(i).startsWith("  "); i++) {
            commands.add(stdout.get(i).substring(2));
        }
        return commands;
    }

    // The console block after <!-- demo-printout --> in the README, with this run's ports where it shows 8080 (the
    // service) and the demo issuer's.
    private static String readmePrintout(int servicePort, String printed) throws IOException {
        String readme = ProjectFiles.read("README.md");
        Matcher block = Pattern.compile("<!-- demo-printout -->\\s*```console\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README has a console block marked <!-- demo-printout -->").isTrue();
        Matcher shown = DEMO_ISSUER.matcher(block.group(1));
        Matcher actual = DEMO_ISSUER.matcher(printed);
        assertThat(shown.find()).as("the README's printout names the demo issuer").isTrue();
        assertThat(actual.find()).isTrue();
        return block.group(1).strip().replace("127.0.0.1:8080", "127.0.0.1:" + servicePort)
                .replace("127.0.0.1:" + shown.group(1), "127.0.0.1:" + actual.group(1));
    }

    // Runs the commands in one bash, in this test's directory, and returns what each printed (stdout and stderr).
    private List<String> bash(List<String> commands) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("set -u\n");
        for (int i = 0; i < commands.size(); i++) {
            script.append("echo '@@cmd ").append(i).append("'\n").append(commands.get(i)).append(" 2>&1\n");
        }
        Path scriptFile = dir.resolve("quickstart.sh");
        Files.writeString(scriptFile, script.toString());
        Path out = dir.resolve("bash.out");
        SystemPrograms.require("curl", "curl", "the README's quickstart uses it");
        ProcessBuilder pb = new ProcessBuilder("bash", scriptFile.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("NO_PROXY", "127.0.0.1,localhost");
        pb.environment().put("no_proxy", "127.0.0.1,localhost");
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the commands finish in 60 s").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String[] parts = Files.readString(out).split("@@cmd \\d+\\n", -1);
        assertThat(parts).as(Files.readString(out)).hasSize(commands.size() + 1);
        List<String> outputs = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            outputs.add(parts[i].strip().replace("\r", ""));
        }
        return outputs;
    }
}
