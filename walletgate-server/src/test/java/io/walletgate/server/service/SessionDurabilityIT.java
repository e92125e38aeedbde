package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.WalletGateTestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions on the embedded SQLite store outlive the process (docs/architecture.md §8, issue 7): a {@code kill -9} in
 * the middle of concurrent sign-ins loses no session whose 201 was sent, a clean restart keeps them all, and
 * {@code walletgate revoke}, run beside the running service, ends a wallet's sessions at once.
 */
@WalletGateTestIssuer
class SessionDurabilityIT {
    private static final int CLIENTS = 4;
    private static final int TARGET = 300;
    private static final Duration LOAD = Duration.ofSeconds(3);

    private final DevIssuer issuer;

    @TempDir
    Path dir;

    private Path config;
    private Path data;

    SessionDurabilityIT(DevIssuer issuer) {
        this.issuer = issuer;
    }

    @BeforeEach
    void configure() {
        config = ServiceProcess.web3authConfig(dir, issuer);
        data = dir.resolve("data");
    }

    private ServiceProcess serve() {
        return ServiceProcess.serve(dir, dir.resolve("walletgate.log"), "--config", config.toString(), "--port", "0",
                "--data", data.toString());
    }

    /** The session id of a 201, after checking it is one. */
    private static String created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(Http.describe(r)).isEqualTo(201);
        return Http.json(r).at("/session/id").asText();
    }

    private static HttpResponse<String> current(ServiceProcess service, String sessionId) {
        return Http.get(service.uri("/v1/sessions/current"), "Authorization", "Session " + sessionId);
    }

    private static HttpResponse<String> auth(ServiceProcess service, String sessionId) {
        return Http.get(service.uri("/v1/auth"), "Cookie", Http.COOKIE + "=" + sessionId);
    }

    @Test
    void no_acknowledged_session_is_lost_when_the_service_is_killed_mid_load() throws Exception {
        List<MintedToken> tokens = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            tokens.add(issuer.web3auth().mint());
        }
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(TARGET);
        int killedWithInFlight;

        ServiceProcess service = serve();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            URI base = service.base();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int i = client; !stop.get(); i += CLIENTS) {
                        MintedToken t = tokens.get(i % tokens.size());
                        inFlight.incrementAndGet();
                        try {
                            HttpResponse<String> r = Http.sendOrThrow(Http.createSession(base, t.token(),
                                    t.appPublicKey()));
                            if (r.statusCode() == 201) {
                                acknowledged.add(Http.json(r).at("/session/id").asText());
                                enough.countDown();
                            } else {
                                unexpected.add(Http.describe(r));
                            }
                        } catch (IOException e) {
                            unanswered.incrementAndGet(); // the kill: no answer, so nothing was promised
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    }
                    return null;
                });
            }
            enough.await(LOAD.toMillis(), TimeUnit.MILLISECONDS);
            // Kill while sign-ins are being answered: the clients never stop sending until it is gone.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (inFlight.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            killedWithInFlight = inFlight.get();
            service.kill();
        } finally {
            stop.set(true);
            clients.shutdown();
            boolean ended = clients.awaitTermination(30, TimeUnit.SECONDS);
            service.close();
            assertThat(ended).as("the client threads end once the service is gone").isTrue();
        }

        assertThat(unexpected).as("answers other than 201 before the kill").isEmpty();
        assertThat(killedWithInFlight).as("requests in flight at the kill").isPositive();
        // Each sign-in waits for an fsync (synchronous=FULL), so a slow disk acknowledges few in the time given.
        assertThat(acknowledged).as("sessions acknowledged before the kill").hasSizeGreaterThanOrEqualTo(10);

        try (ServiceProcess restarted = serve()) {
            List<String> lost = new ArrayList<>();
            for (String id : acknowledged) {
                if (current(restarted, id).statusCode() != 200) {
                    lost.add(id);
                }
            }
            assertThat(lost).as("of %s acknowledged sessions (%s requests unanswered at the kill), lost after "
                    + "kill -9 and restart", acknowledged.size(), unanswered.get()).isEmpty();
            assertThat(current(restarted, "A".repeat(43)).statusCode()).as("an id never issued").isEqualTo(401);
        }
    }

    @Test
    void sessions_survive_a_clean_restart() {
        MintedToken alice = issuer.web3auth().subject("alice@example.com").claim("email", "alice@example.com").mint();
        List<String> ids = new ArrayList<>();
        HttpResponse<String> first;
        try (ServiceProcess service = serve()) {
            first = Http.send(Http.createSession(service.base(), alice.token(), alice.appPublicKey()));
            ids.add(created(first));
            for (int i = 0; i < 3; i++) {
                MintedToken t = issuer.web3auth().mint();
                ids.add(created(Http.send(Http.createSession(service.base(), t.token(), t.appPublicKey()))));
            }
            assertThat(service.stop(Duration.ofSeconds(20))).as("stops on SIGTERM within 20 s").isTrue();
        }
        try (ServiceProcess restarted = serve()) {
            for (String id : ids) {
                assertThat(current(restarted, id).statusCode()).as("session %s after restart", ids.indexOf(id))
                        .isEqualTo(200);
            }
            HttpResponse<String> me = current(restarted, ids.get(0));
            JsonNode before = Http.json(first);
            JsonNode after = Http.json(me);
            assertThat(after.at("/identity")).isEqualTo(before.at("/identity"));
            // The store keeps milliseconds; the 201 reported the instant as created.
            assertThat(Instant.parse(after.at("/session/expiresAt").asText())).isEqualTo(
                    Instant.parse(before.at("/session/expiresAt").asText()).truncatedTo(ChronoUnit.MILLIS));

            HttpResponse<String> auth = auth(restarted, ids.get(0));
            assertThat(auth.statusCode()).isEqualTo(200);
            assertThat(auth.headers().firstValue("X-WalletGate-Subject")).hasValue("alice@example.com");
            assertThat(auth.headers().firstValue("X-WalletGate-Wallet")).hasValue(alice.address());
        }
    }

    @Test
    void revoke_run_beside_the_service_ends_every_session_of_the_wallet_at_once() {
        MintedToken mallory = issuer.web3auth().subject("mallory@example.com").mint();
        MintedToken malloryAgain = issuer.web3auth().subject("mallory@example.com")
                .appPublicKey(mallory.appPublicKey()).mint();
        MintedToken bob = issuer.web3auth().subject("bob@example.com").mint();
        try (ServiceProcess service = serve()) {
            String m1 = created(Http.send(Http.createSession(service.base(), mallory.token(),
                    mallory.appPublicKey())));
            String m2 = created(Http.send(Http.createSession(service.base(), malloryAgain.token(),
                    malloryAgain.appPublicKey())));
            String b = created(Http.send(Http.createSession(service.base(), bob.token(), bob.appPublicKey())));
            for (String id : List.of(m1, m2, b)) {
                assertThat(auth(service, id).statusCode()).isEqualTo(200);
            }

            ServiceProcess.Result revoked = ServiceProcess.run(dir, "revoke", "--data", data.toString(), "--wallet",
                    mallory.address());
            assertThat(revoked.exit()).as("stderr: %s", revoked.err()).isZero();
            assertThat(revoked.out()).startsWith("revoked 2 sessions in sqlite ");

            for (String id : List.of(m1, m2)) {
                HttpResponse<String> r = auth(service, id);
                assertThat(r.statusCode()).as(Http.describe(r)).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                        .contains("error=\"invalid_token\"");
                assertThat(current(service, id).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> other = auth(service, b);
            assertThat(other.statusCode()).as("another wallet's session").isEqualTo(200);
            assertThat(other.headers().firstValue("X-WalletGate-Subject")).hasValue("bob@example.com");

            ServiceProcess.Result again = ServiceProcess.run(dir, "revoke", "--data", data.toString(), "--wallet",
                    mallory.address().toLowerCase(java.util.Locale.ROOT));
            assertThat(again.exit()).isZero();
            assertThat(again.out()).startsWith("revoked 0 sessions in sqlite ");
        }
    }
}
