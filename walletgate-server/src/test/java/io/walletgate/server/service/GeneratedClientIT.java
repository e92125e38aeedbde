package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.server.ProjectFiles;
import io.walletgate.server.SystemPrograms;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.WalletGateTestIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client generated from the committed {@code openapi.json} calls {@code walletgate serve} (issue 19): in
 * {@code src/test/openapi-client}, openapi-typescript turns the document into TypeScript types, {@code tsc} checks
 * {@code client.ts} (openapi-fetch calls) against them, and node runs it against the service as a process. It signs
 * in, passes forward-auth with the cookie, reads the session with {@code Authorization: Session}, logs out, and is
 * refused with {@code session_invalid}. A path, body member or response field that drifts from what the client uses
 * fails the type check, and so this test.
 */
@WalletGateTestIssuer
class GeneratedClientIT {
    private static final Path CLIENT = ProjectFiles.root().resolve("walletgate-server/src/test/openapi-client");

    @Test
    void a_generated_typescript_client_signs_in_passes_forward_auth_and_logs_out(DevIssuer issuer, @TempDir Path dir)
            throws IOException, InterruptedException {
        Path npm = SystemPrograms.require("npm", "npm", "a client generated from openapi.json runs on Node");
        Path config = ServiceProcess.web3authConfig(dir, issuer);
        MintedToken t = issuer.web3auth().subject("ada@example.com").mint();
        try (ServiceProcess walletgate = ServiceProcess.serve(dir, dir.resolve("walletgate.log"), "--config",
                config.toString(), "--port", "0", "--data", dir.resolve("data").toString())) {
            Path out = dir.resolve("client.out");
            Process p = new ProcessBuilder(List.of(npm.toString(), "run", "--silent", "client", "--",
                    walletgate.base().toString(), t.token(), t.appPublicKey())).directory(CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the generated client did not finish in 3 minutes\n" + Files.readString(out));
            }
            String printed = Files.readString(out);
            assertThat(p.exitValue()).as("npm run client (generate, tsc, node):\n%s", printed).isZero();
            String last = printed.strip().lines().reduce((a, b) -> b).orElse("");
            JsonNode seen = Http.JSON.readTree(last);

            assertThat(seen.get("signedInAs").asText()).isEqualTo("ada@example.com");
            assertThat(seen.get("provenAddress").asText()).isEqualTo(t.address());
            assertThat(seen.get("sessionId").asText()).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.get("cookieName").asText()).isEqualTo(Http.COOKIE);
            assertThat(seen.at("/forwardAuth/status").asInt()).isEqualTo(200);
            assertThat(seen.at("/forwardAuth/subject").asText()).isEqualTo("ada@example.com");
            assertThat(seen.at("/forwardAuth/wallet").asText()).isEqualTo(t.address());
            assertThat(seen.at("/currentSession/subject").asText()).isEqualTo("ada@example.com");
            assertThat(seen.at("/currentSession/expiresAt").asText()).isEqualTo(seen.get("expiresAt").asText());
            assertThat(seen.get("logout").asInt()).isEqualTo(204);
            assertThat(seen.at("/afterLogout/status").asInt()).isEqualTo(401);
            assertThat(seen.at("/afterLogout/code").asText()).isEqualTo("session_invalid");
        }
    }
}
