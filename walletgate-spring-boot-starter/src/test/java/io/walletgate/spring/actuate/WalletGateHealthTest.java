package io.walletgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.walletgate.WalletVerifier;
import io.walletgate.spring.Http;
import io.walletgate.spring.TestApplication;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.DevIssuerExtension;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The health indicator over real HTTP: UP while the issuers' keys are held, DOWN with per-issuer details once a key
 * source is down past its stale limit, and meanwhile logins are 503 {@code jwks_unavailable}. Time is a clock the
 * test advances.
 */
@SpringBootTest(classes = {TestApplication.class, WalletGateHealthTest.Time.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.health.show-details=always")
class WalletGateHealthTest {
    static final TestClock CLOCK = new TestClock(Instant.now());

    @RegisterExtension
    static final DevIssuerExtension ISSUERS = new DevIssuerExtension();

    @TempDir
    static Path dir;

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void walletgate(DynamicPropertyRegistry registry) throws Exception {
        DevIssuer issuer = ISSUERS.issuer();
        Path nopwdKeys = Files.writeString(dir.resolve("nopwd-jwks.json"), jwksOf(issuer, "nopwd"));
        registry.add("walletgate.issuers[0].profile", () -> "web3auth");
        registry.add("walletgate.issuers[0].audience", () -> "my-client-id");
        registry.add("walletgate.issuers[0].jwks-uri", () -> issuer.jwksUri("web3auth").toString());
        registry.add("walletgate.issuers[1].profile", () -> "nopwd");
        registry.add("walletgate.issuers[1].audience", () -> "example.com");
        registry.add("walletgate.issuers[1].jwks-file", nopwdKeys::toString);
        registry.add("walletgate.keys.default-max-age", () -> "1h");
        registry.add("walletgate.keys.stale-limit", () -> "1h");
    }

    private static String jwksOf(DevIssuer issuer, String profile) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        return client.send(java.net.http.HttpRequest.newBuilder(issuer.jwksUri(profile)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    @LocalServerPort
    int port;

    @Autowired
    WalletVerifier verifier;

    @Autowired
    MeterRegistry meters;

    @Test
    void is_up_while_keys_are_held_and_down_with_details_when_the_key_source_is_down() throws Exception {
        Http http = new Http(port);
        awaitKeys(); // the first fetch runs in the background from the start

        Http.Response up = http.get("/actuator/health");

        assertThat(up.status()).isEqualTo(200);
        JsonNode details = up.json().path("components").path("walletgate").path("details");
        assertThat(up.json().path("components").path("walletgate").path("status").asText()).isEqualTo("UP");
        assertThat(details.path("web3auth").path("status").asText()).isEqualTo("UP");
        assertThat(details.path("web3auth").path("keys").asInt()).isEqualTo(1);
        assertThat(details.path("nopwd").path("status").asText()).isEqualTo("UP");
        assertThat(details.path("nopwd").path("source").asText()).contains("nopwd-jwks.json");

        ISSUERS.issuer().close();                      // the issuer goes away…
        CLOCK.advance(Duration.ofHours(1).plus(Duration.ofHours(1)).plusSeconds(1)); // …past freshness + stale limit
        refetch();                                     // a fetch fails, as the background refresh would

        Http.Response down = http.get("/actuator/health");

        assertThat(down.status()).isEqualTo(503);
        JsonNode walletgate = down.json().path("components").path("walletgate");
        assertThat(walletgate.path("status").asText()).isEqualTo("DOWN");
        JsonNode web3auth = walletgate.path("details").path("web3auth");
        assertThat(web3auth.path("status").asText()).isEqualTo("DOWN");
        assertThat(web3auth.path("source").asText()).isEqualTo(ISSUERS.issuer().jwksUri("web3auth").toString());
        assertThat(Instant.parse(web3auth.path("usableUntil").asText())).isBefore(CLOCK.instant());
        assertThat(web3auth.path("stale").asBoolean()).isTrue();
        assertThat(web3auth.path("lastError").asText()).isNotBlank();
        assertThat(web3auth.path("consecutiveFailures").asInt()).isPositive();
        assertThat(walletgate.path("details").path("nopwd").path("status").asText()).isEqualTo("UP");
        assertThat(meters.get("walletgate.keys.usable").tag("issuer", "web3auth").gauge().value()).isZero();

        MintedToken login = ISSUERS.issuer().web3auth().audience("my-client-id").mint();
        Http.Response meanwhile = http.get("/api/me", "Authorization", "Bearer " + login.token());

        assertThat(meanwhile.status()).isEqualTo(503); // the issuer's trouble, not the client's: no challenge
        assertThat(meanwhile.header("Retry-After")).isEqualTo("5");
        assertThat(meanwhile.header("WWW-Authenticate")).isNull();
        assertThat(meanwhile.json().path("error").path("code").asText()).isEqualTo("jwks_unavailable");
        assertThat(meanwhile.json().path("error").path("message").asText())
                .isEqualTo("the keys of issuer 'web3auth' cannot be fetched right now; try again later")
                .doesNotContain(ISSUERS.issuer().jwksUri("web3auth").toString()); // the URL is for operators
    }

    private void awaitKeys() throws Exception {
        verifier.keySources().get("web3auth").keys().get(10, TimeUnit.SECONDS);
    }

    private void refetch() throws Exception {
        CompletableFuture<?> attempt = verifier.keySources().get("web3auth").keys();
        attempt.handle((keys, error) -> null).get(10, TimeUnit.SECONDS);
    }
}
