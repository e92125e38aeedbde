package io.walletgate.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.walletgate.spring.NimbusIssuer;
import io.walletgate.testkit.DevIssuerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The attack on the event loop: while an issuer holds its key requests, many more verifications wait for its keys
 * than Netty has event-loop threads; a flood of bad tokens, a valid login of another issuer and an open route must
 * all still be answered at once. Verification that blocked a thread (a {@code block()}, a synchronous key fetch)
 * would hold every event loop, and these requests would hang.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive", "walletgate.keys.read-timeout=2m"})
class ReactiveFloodTest {
    static final int WAITING = 64; // Reactor Netty has max(CPUs, 4) event-loop threads
    static final int BAD = 200;
    static final NimbusIssuer HELD = NimbusIssuer.start();

    @RegisterExtension
    static final DevIssuerExtension ISSUERS = new DevIssuerExtension();

    @DynamicPropertySource
    static void walletgate(DynamicPropertyRegistry registry) {
        HELD.hold(); // before the context starts: no key of this issuer is ever had before release()
        registry.add("walletgate.issuers[0].profile", () -> "web3auth");
        registry.add("walletgate.issuers[0].audience", () -> "my-client-id");
        registry.add("walletgate.issuers[0].jwks-uri", () -> ISSUERS.issuer().jwksUri("web3auth").toString());
        registry.add("walletgate.issuers[1].profile", () -> "oidc");
        registry.add("walletgate.issuers[1].issuer", () -> NimbusIssuer.ISSUER);
        registry.add("walletgate.issuers[1].audience", () -> "api");
        registry.add("walletgate.issuers[1].algorithms", () -> "ES256");
        registry.add("walletgate.issuers[1].jwks-uri", () -> HELD.jwksUri().toString());
    }

    @AfterAll
    static void stop() {
        HELD.close();
    }

    @LocalServerPort
    int port;

    @Test
    void the_event_loop_keeps_serving_while_verifications_wait_for_held_keys() {
        ConnectionProvider connections = ConnectionProvider.builder("flood").maxConnections(WAITING + BAD + 8)
                .pendingAcquireMaxCount(-1).build();
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
        String login = ISSUERS.issuer().web3auth().audience("my-client-id").mint().token();
        assertThat(status(client, "/api/me", login)).isEqualTo(200); // this issuer's keys are held from here on
        String waiting = HELD.mint("api", "grace");

        CompletableFuture<List<Integer>> held = Flux.range(0, WAITING)
                .flatMap(i -> Mono.fromCallable(() -> waiting).flatMap(t -> statusOf(client, "/api/me", t)), WAITING)
                .collectList().toFuture();
        await().atMost(Duration.ofMinutes(1)).until(() -> HELD.keyRequests() > 0);

        String tampered = ISSUERS.issuer().web3auth().audience("my-client-id").tamperedSignature().mint().token();
        List<Integer> flood = Flux.range(0, BAD)
                .flatMap(i -> statusOf(client, "/api/me", i % 2 == 0 ? tampered : "not-a-jwt." + i), BAD)
                .collectList().block(Duration.ofMinutes(1));
        assertThat(flood).hasSize(BAD).containsOnly(401);
        assertThat(status(client, "/api/me", login)).isEqualTo(200);
        assertThat(status(client, "/public", null)).isEqualTo(200);
        assertThat(held).as("the verifications waiting for the held keys").isNotDone();

        HELD.release();
        assertThat(held.join()).hasSize(WAITING).containsOnly(200);
        connections.dispose();
    }

    private static int status(WebClient client, String path, String token) {
        return statusOf(client, path, token).block(Duration.ofMinutes(1));
    }

    private static Mono<Integer> statusOf(WebClient client, String path, String token) {
        WebClient.RequestHeadersSpec<?> request = client.get().uri(path);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
    }
}
