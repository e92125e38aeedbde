package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.testkit.DevIssuer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.management} (issue 21, item 7): readiness details (key sources, kids) and metrics on a second
 * address; the public port answers 404 for them and keeps liveness and the API.
 */
class ManagementAddressIT {
    @TempDir
    Path dir;

    @Test
    void readiness_and_metrics_move_to_the_management_address_and_the_public_port_answers_404() throws Exception {
        try (DevIssuer issuer = DevIssuer.start()) {
            Path config = Files.writeString(dir.resolve("walletgate.yaml"), String.join("\n",
                    "issuers:",
                    "  - {profile: web3auth, audience: " + issuer.audience() + ", jwksUri: '"
                            + issuer.jwksUri("web3auth") + "'}",
                    "server: {management: {bind: 127.0.0.1, port: 0}}",
                    ""));
            try (ServiceProcess service = ServiceProcess.serve(dir, dir.resolve("serve.log"), "--config",
                    config.toString(), "--port", "0", "--data", dir.resolve("data").toString())) {
                String line = service.awaitLine(l -> l.startsWith("management (readiness details, metrics) on "),
                        Duration.ofSeconds(30));
                URI management = URI.create(line.substring(line.lastIndexOf(' ') + 1));
                assertThat(management.getPort()).isNotEqualTo(service.base().getPort());

                for (String path : new String[] {"/readyz", "/metrics"}) {
                    HttpResponse<String> hidden = Http.get(service.base().resolve(path));
                    assertThat(hidden.statusCode()).as("public %s", path).isEqualTo(404);
                    assertThat(Http.json(hidden).at("/error/code").asText()).isEqualTo("request_invalid");
                }
                assertThat(Http.get(service.base().resolve("/healthz")).statusCode()).isEqualTo(200);
                assertThat(Http.send(Http.createSession(service.base(), issuer.web3auth().mint().token(), null))
                        .statusCode()).as("the API stays public").isEqualTo(201);

                HttpResponse<String> ready = Http.get(management.resolve("/readyz"));
                assertThat(ready.statusCode()).isEqualTo(200);
                JsonNode r = Http.json(ready);
                assertThat(r.at("/issuers/web3auth/source").asText()).isEqualTo(issuer.jwksUri("web3auth").toString());
                assertThat(r.at("/issuers/web3auth/kids").size()).isPositive();
                HttpResponse<String> metrics = Http.get(management.resolve("/metrics"));
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("walletgate_http_requests_seconds_count");
                assertThat(Http.get(management.resolve("/healthz")).statusCode()).isEqualTo(200);
                HttpResponse<String> api = Http.get(management.resolve("/v1/auth"));
                assertThat(api.statusCode()).as("the API is not on the management address").isEqualTo(404);
            }
        }
    }
}
