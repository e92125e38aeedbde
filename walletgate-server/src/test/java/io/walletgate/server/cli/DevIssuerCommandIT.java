package io.walletgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code walletgate dev-issuer} as a process: it says how to use it, mints over HTTP, and verify accepts. */
class DevIssuerCommandIT {
    @Test
    void prints_how_to_use_it_mints_tokens_and_walletgate_verify_accepts_them() throws Exception {
        Process p = start("web3auth");
        try {
            String text = usage(p);
            assertThat(text).contains("FOR DEVELOPMENT AND TESTS ONLY").contains("profile  web3auth");
            Matcher base = Pattern.compile("WalletGate dev issuer at (http://127\\.0\\.0\\.1:\\d+)").matcher(text);
            assertThat(base.find()).as(text).isTrue();
            Matcher verifyLine = Pattern.compile("verify   walletgate (verify .*) <token>").matcher(text);
            assertThat(verifyLine.find()).as(text).isTrue();
            assertThat(text).as("docs/cli.md shows this printout (its port 9000 aside)")
                    .isEqualTo(documented().replace("127.0.0.1:9000", base.group(1).substring("http://".length())));

            HttpResponse<String> minted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base.group(1) + "/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":\"web3auth\",\"wallets\":2}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(minted.statusCode()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(minted.body());

            String command = verifyLine.group(1).replace("<appPublicKey>", body.get("appPublicKey").asText());
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--json");
            args.add(body.get("token").asText());
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
            assertThat(r.out()).contains("\"valid\":true").contains(body.get("address").asText());
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("dev-issuer stops on SIGTERM").isTrue();
        }
    }

    @Test
    void serves_and_mints_a_provider_profile_and_prints_how_to_verify_its_tokens() throws Exception {
        Process p = start("privy");
        try {
            String text = usage(p);
            assertThat(text).contains("profile  privy (ES256)").contains("iss      privy.io")
                    .containsPattern("verify   walletgate verify --profile privy --audience walletgate-dev --jwks-uri"
                            + " http://127\\.0\\.0\\.1:\\d+/privy/jwks\\.json --address <address> <token>")
                    .contains("privy, dynamic, para, magic");
            Matcher key = Pattern.compile("key      (http://127\\.0\\.0\\.1:\\d+)(/privy/verification-key\\.pem)")
                    .matcher(text);
            assertThat(key.find()).as(text).isTrue();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> pem = client.send(HttpRequest.newBuilder(URI.create(key.group(1) + key.group(2)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----");

            HttpResponse<String> minted = client.send(HttpRequest.newBuilder(URI.create(key.group(1) + "/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode privy = new ObjectMapper().readTree(minted.body());
            assertThat(privy.get("profile").asText()).as("--profile is the default of POST /token").isEqualTo("privy");
            assertThat(privy.get("issuer").asText()).isEqualTo("privy.io");
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("dev-issuer stops on SIGTERM").isTrue();
        }
    }

    private static Process start(String profile) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Cli.jar().toString(), "dev-issuer", "--profile", profile).redirectErrorStream(true).start();
    }

    // The printout of `walletgate dev-issuer --profile web3auth --port 9000` as docs/cli.md shows it.
    private static String documented() throws IOException {
        String doc = Files.readString(Cli.projectRoot().resolve("docs/cli.md"));
        Matcher m = Pattern.compile("<!-- dev-issuer-printout -->\\s*```console\\n\\$ [^\\n]*\\n(.*?)```",
                Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("docs/cli.md has a console block marked <!-- dev-issuer-printout -->").isTrue();
        return m.group(1).strip();
    }

    // The lines the dev issuer prints on start, up to its last one.
    private static String usage(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("other profiles:")) {
                break;
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void refuses_an_unknown_profile_with_exit_two() {
        Cli.Result r = Cli.run("dev-issuer", "--profile", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--profile must be one of web3auth").contains("privy, dynamic, para, magic");
    }
}
