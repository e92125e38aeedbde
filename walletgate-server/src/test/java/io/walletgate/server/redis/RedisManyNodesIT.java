package io.walletgate.server.redis;

import static io.walletgate.server.redis.WalletGateNode.ADMIN_TOKEN;
import static io.walletgate.server.redis.WalletGateNode.await;
import static io.walletgate.server.redis.WalletGateNode.code;
import static io.walletgate.server.redis.WalletGateNode.sessionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.server.testing.SignatureTwins;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two WalletGate processes on one Redis (issue 8): what one node does, the other sees at once: sessions, logouts,
 * revocations, and the replay guard under truly concurrent exchanges.
 */
class RedisManyNodesIT {
    @TempDir
    static Path dir;
    static RedisServer redis;
    static DevIssuer issuer;
    static WalletGateNode a;
    static WalletGateNode b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start(dir.resolve("redis"));
        issuer = DevIssuer.start();
        Path config = WalletGateNode.writeConfig(dir, issuer, "uri: '" + redis.uri() + "'");
        List<WalletGateNode> nodes = WalletGateNode.start(config, dir, "a", "b");
        a = nodes.get(0);
        b = nodes.get(1);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, issuer, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping: go on with the others
            }
        }
    }

    private static MintedToken walletToken() {
        return issuer.web3auth().subject("user-" + UUID.randomUUID() + "@example.com").mint();
    }

    private static String session(WalletGateNode node, MintedToken t) {
        HttpResponse<String> r = node.createSession(t.token(), Map.of("appPubKey", t.appPublicKey()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return sessionId(r);
    }

    @Test
    void a_session_created_on_a_is_accepted_by_forward_auth_on_b() {
        String subject = "alice-" + UUID.randomUUID() + "@example.com";
        MintedToken t = issuer.web3auth().subject(subject).mint();
        String id = session(a, t);

        HttpResponse<String> auth = b.authWithCookie(id);
        assertThat(auth.statusCode()).isEqualTo(200);
        assertThat(auth.headers().firstValue("X-WalletGate-Subject")).contains(subject);
        assertThat(auth.headers().firstValue("X-WalletGate-Wallet")).contains(t.address());
        assertThat(b.current(id).statusCode()).isEqualTo(200);
        assertThat(b.get("/readyz").body()).contains("\"store\":{\"kind\":\"redis\",\"reachable\":true}");
    }

    @Test
    void logout_on_b_denies_the_session_on_a_at_once() {
        String id = session(a, walletToken());
        assertThat(a.auth(id).statusCode()).isEqualTo(200);

        assertThat(b.logout(id).statusCode()).isEqualTo(204);

        HttpResponse<String> denied = a.auth(id);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(code(denied)).isEqualTo("session_invalid");
        assertThat(a.current(id).statusCode()).isEqualTo(401);
        assertThat(b.logout(id).statusCode()).isEqualTo(401);
    }

    @Test
    void revoking_a_wallet_on_a_denies_its_sessions_on_b_and_spares_others() {
        MintedToken first = walletToken();
        MintedToken again = issuer.web3auth().subject("other-" + UUID.randomUUID()).appPublicKey(first.appPublicKey())
                .mint();
        String onA = session(a, first);
        String onB = session(b, again);
        String other = session(b, walletToken());

        HttpResponse<String> revoked = a.revoke(ADMIN_TOKEN, "{\"wallet\":\"" + first.address().toLowerCase() + "\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.body()).isEqualTo("{\"revoked\":2}");

        assertThat(b.auth(onA).statusCode()).isEqualTo(401);
        assertThat(b.auth(onB).statusCode()).isEqualTo(401);
        assertThat(a.auth(onB).statusCode()).isEqualTo(401);
        assertThat(b.auth(other).statusCode()).isEqualTo(200);
    }

    @Test
    void revoking_a_subject_on_b_denies_its_sessions_on_a() {
        String subject = "subject-" + UUID.randomUUID() + "@example.com";
        String one = session(a, issuer.web3auth().subject(subject).mint());
        String two = session(b, issuer.web3auth().subject(subject).mint());

        HttpResponse<String> revoked = b.revoke(ADMIN_TOKEN, "{\"subject\":\"" + subject
                + "\",\"issuer\":\"web3auth\"}");
        assertThat(revoked.body()).isEqualTo("{\"revoked\":2}");
        assertThat(a.auth(one).statusCode()).isEqualTo(401);
        assertThat(a.auth(two).statusCode()).isEqualTo(401);
    }

    @Test
    void the_same_token_exchanged_at_once_on_a_and_b_makes_exactly_one_session_1000_times() throws Exception {
        int rounds = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < rounds; i++) {
                outcomes.add(pool.submit(RedisManyNodesIT::exchangeOnBothAtOnce));
            }
            int winsA = 0;
            int winsB = 0;
            List<String> sessions = new ArrayList<>();
            for (Future<String> f : outcomes) {
                String[] winner = f.get().split(" ");
                if (winner[0].equals("a")) {
                    winsA++;
                } else {
                    winsB++;
                }
                sessions.add(winner[1]);
            }
            assertThat(winsA + winsB).isEqualTo(rounds);
            // Both nodes won races: the two exchanges really competed.
            assertThat(winsA).as("rounds won by a (b won %s)", winsB).isPositive();
            assertThat(winsB).as("rounds won by b (a won %s)", winsA).isPositive();
            for (int i = 0; i < rounds; i += 50) {
                assertThat(a.auth(sessions.get(i)).statusCode()).isEqualTo(200);
                assertThat(b.auth(sessions.get(i)).statusCode()).isEqualTo(200);
            }
            System.out.printf("replay race: %d rounds, a won %d, b won %d%n", rounds, winsA, winsB);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_token_past_its_exp_but_within_the_clock_skew_still_makes_one_session_only() {
        Instant now = Instant.now();
        String token = issuer.nopwd().issuedAt(now.minusSeconds(300)).expiresAt(now.minusSeconds(20)).mint().token();

        HttpResponse<String> first = a.createSession(token, Map.of());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = b.createSession(token, Map.of());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(401);
        assertThat(code(again)).isEqualTo("token_replayed");
    }

    @Test
    void a_token_and_its_ecdsa_twin_exchanged_at_once_on_a_and_b_make_exactly_one_session_100_times() {
        // sequence-oms runs replayProtection: hash: the record is keyed on what was signed, not the token string
        int winsA = 0;
        for (int i = 0; i < 100; i++) {
            String token = issuer.sequenceOms().mint().token();
            String twin = SignatureTwins.twin(token);
            boolean aFirst = ThreadLocalRandom.current().nextBoolean();
            CompletableFuture<HttpResponse<String>> first = (aFirst ? a : b).createSessionAsync(token, Map.of());
            CompletableFuture<HttpResponse<String>> second = (aFirst ? b : a).createSessionAsync(twin, Map.of());
            HttpResponse<String> one = await(first);
            HttpResponse<String> two = await(second);
            assertThat(List.of(one.statusCode(), two.statusCode())).as("%s; %s", one.body(), two.body())
                    .containsExactlyInAnyOrder(201, 401);
            assertThat(code(one.statusCode() == 401 ? one : two)).isEqualTo("token_replayed");
            winsA += (one.statusCode() == 201) == aFirst ? 1 : 0;
        }
        System.out.printf("twin race: 100 rounds, a won %d%n", winsA);
        // and one after the other, the twin second on the other node
        String token = issuer.sequenceOms().mint().token();
        assertThat(a.createSession(token, Map.of()).statusCode()).isEqualTo(201);
        HttpResponse<String> twin = b.createSession(SignatureTwins.twin(token), Map.of());
        assertThat(twin.statusCode()).as(twin.body()).isEqualTo(401);
        assertThat(code(twin)).isEqualTo("token_replayed");
    }

    // Posts one fresh token to both nodes at the same moment (in random order); returns "<winner> <session id>".
    private static String exchangeOnBothAtOnce() {
        String token = issuer.nopwd().mint().token();
        boolean aFirst = ThreadLocalRandom.current().nextBoolean();
        CompletableFuture<HttpResponse<String>> first = (aFirst ? a : b).createSessionAsync(token, Map.of());
        CompletableFuture<HttpResponse<String>> second = (aFirst ? b : a).createSessionAsync(token, Map.of());
        HttpResponse<String> onA = await(aFirst ? first : second);
        HttpResponse<String> onB = await(aFirst ? second : first);
        List<Integer> statuses = List.of(onA.statusCode(), onB.statusCode());
        assertThat(statuses).as("a: %s; b: %s", onA.body(), onB.body()).containsExactlyInAnyOrder(201, 401);
        HttpResponse<String> lost = onA.statusCode() == 401 ? onA : onB;
        assertThat(code(lost)).isEqualTo("token_replayed");
        return onA.statusCode() == 201 ? "a " + sessionId(onA) : "b " + sessionId(onB);
    }
}
