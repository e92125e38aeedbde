package io.walletgate.server.redis;

import static io.walletgate.server.redis.WalletGateNode.ADMIN_TOKEN;
import static io.walletgate.server.redis.WalletGateNode.code;
import static io.walletgate.server.redis.WalletGateNode.sessionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.server.testing.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure behaviour of issue 8 with two WalletGate processes: Redis crashing ({@code SIGKILL}) or freezing
 * ({@code SIGSTOP}) mid-traffic. While it is away every session endpoint and session forward-auth answer 503
 * {@code store_unavailable} (never a 500, never an accept, never a 401 that would log users out), {@code /readyz}
 * fails, and requests end with the command timeout instead of hanging; when it returns the nodes recover without a
 * restart, and every session that was acknowledged (201) before the crash is still there (append-only file, fsync
 * always).
 */
class RedisOutageIT {
    @TempDir
    static Path dir;
    static RedisServer redis;
    static DevIssuer issuer;
    static WalletGateNode a;
    static WalletGateNode b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start(dir.resolve("redis"), "--appendonly", "yes", "--appendfsync", "always");
        issuer = DevIssuer.start();
        // 5 s, not less: the nodes' first connection has to fit in it on a loaded machine (1 s failed the start once).
        Path config = WalletGateNode.writeConfig(dir, issuer, "uri: '" + redis.uri() + "', commandTimeout: 5s");
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

    /** What one exchange answered: the status, the error code, the session id of a 201. */
    record Outcome(String node, int status, String code, String sessionId) {
    }

    private static Outcome exchange(WalletGateNode node) {
        HttpResponse<String> r = node.createSession(issuer.nopwd().mint().token(), Map.of());
        return new Outcome(node.name(), r.statusCode(), code(r), r.statusCode() == 201 ? sessionId(r) : null);
    }

    @Test
    void a_crashed_redis_answers_503_then_recovers_without_restart_and_keeps_every_acknowledged_session()
            throws Exception {
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 20; i++) {
            outcomes.add(exchange(i % 2 == 0 ? a : b));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        for (WalletGateNode node : List.of(a, b)) {
            writers.submit(() -> {
                while (writing.get()) {
                    outcomes.add(exchange(node));
                }
            });
        }
        Await.until("both nodes creating sessions beside the first 20", Duration.ofSeconds(30),
                () -> outcomes.stream().filter(o -> o.status() == 201).count() >= 24);
        redis.kill();
        Await.until("a 503 after the crash", Duration.ofSeconds(30), () -> outcomes.stream()
                .anyMatch(o -> o.status() == 503));
        writing.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        MintedToken t = issuer.web3auth().mint();
        String acknowledged = outcomes.peek().sessionId();
        for (WalletGateNode node : List.of(a, b)) {
            assertUnavailable(node.createSession(issuer.nopwd().mint().token(), Map.of()));
            assertUnavailable(node.createSession(t.token(), Map.of("appPubKey", t.appPublicKey())));
            assertUnavailable(node.current(acknowledged));
            assertUnavailable(node.auth(acknowledged));
            assertUnavailable(node.authWithCookie("x".repeat(43)));
            assertUnavailable(node.logout(acknowledged));
            assertUnavailable(node.revoke(ADMIN_TOKEN, "{\"wallet\":\"" + t.address() + "\"}"));
            HttpResponse<String> ready = node.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"store\":{\"kind\":\"redis\",\"reachable\":false}");
            assertThat(node.get("/healthz").statusCode()).isEqualTo(200);
            // A Bearer ID token is verified without the store: forward-auth by token still works.
            assertThat(node.authWithToken(t.token(), t.appPublicKey()).statusCode()).isEqualTo(200);
        }
        List<Outcome> during = new ArrayList<>(outcomes);
        assertThat(during).allSatisfy(o -> assertThat(o.status() == 201
                || o.status() == 503 && o.code().equals("store_unavailable")).as(o.toString()).isTrue());
        List<Outcome> created = during.stream().filter(o -> o.status() == 201).toList();
        assertThat(created.size()).isGreaterThan(20);
        assertThat(during).anySatisfy(o -> assertThat(o.status()).isEqualTo(503));

        long restarted = System.nanoTime();
        redis.start();
        awaitReady(a);
        awaitReady(b);
        // How fast they recover is reported, not asserted (docs/reliability.md has the measured numbers): the test
        // asserts that they recover without a restart.
        System.out.printf("redis crash: %d sessions acknowledged, %d exchanges answered 503; both nodes ready %d ms"
                + " after redis answered again%n", created.size(), during.size() - created.size(),
                (System.nanoTime() - restarted) / 1_000_000);

        for (Outcome o : created) {
            WalletGateNode other = o.node().equals("a") ? b : a;
            assertThat(other.auth(o.sessionId()).statusCode()).as("acknowledged session of %s", o).isEqualTo(200);
        }
        assertThat(exchange(a).status()).isEqualTo(201);
        assertThat(exchange(b).status()).isEqualTo(201);
    }

    @Test
    void a_frozen_redis_fails_requests_within_the_command_timeout_and_then_recovers() {
        String id = exchange(a).sessionId();
        redis.freeze();
        try {
            // A frozen Redis keeps its connections open and answers nothing: the only way this request can end while
            // it is still frozen (it thaws only in the finally below) is the store's command timeout turning into a
            // 503. No timing is asserted: the client's own 30 s request timeout would fail the test as a hang.
            long start = System.nanoTime();
            HttpResponse<String> auth = b.auth(id);
            System.out.printf("redis frozen: answered %d after %d ms with a 5 s command timeout%n", auth.statusCode(),
                    (System.nanoTime() - start) / 1_000_000);
            assertUnavailable(auth);
            assertUnavailable(a.createSession(issuer.nopwd().mint().token(), Map.of()));
            assertThat(a.get("/readyz").statusCode()).isEqualTo(503);
        } finally {
            redis.thaw();
        }
        awaitReady(a);
        awaitReady(b);
        assertThat(b.auth(id).statusCode()).isEqualTo(200);
        assertThat(exchange(b).status()).isEqualTo(201);
    }

    private static void assertUnavailable(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(code(r)).isEqualTo("store_unavailable");
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
    }

    private static void awaitReady(WalletGateNode node) {
        // A bound against a hang, generous for a loaded machine; not a speed target.
        Await.until(node.name() + " ready again", Duration.ofSeconds(120),
                () -> node.get("/readyz").statusCode() == 200);
    }
}
