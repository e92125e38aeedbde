package io.walletgate.server.redis;

import static io.walletgate.server.redis.WalletGateNode.ADMIN_TOKEN;
import static io.walletgate.server.redis.WalletGateNode.await;
import static io.walletgate.server.redis.WalletGateNode.code;
import static io.walletgate.server.redis.WalletGateNode.sessionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.server.testing.Await;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two WalletGate processes on a Redis Cluster of three local masters: node a is given every cluster node, node b one
 * seed node and {@code redisMode: cluster}. Sessions, logout, revocation and the replay guard work across hash slots,
 * and a master that stops and returns is used again without restarting WalletGate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {
    @TempDir
    static Path dir;
    static List<RedisServer> cluster = new ArrayList<>();
    static DevIssuer issuer;
    static WalletGateNode a;
    static WalletGateNode b;

    @BeforeAll
    static void start() throws IOException {
        for (int i = 0; i < 3; i++) {
            cluster.add(RedisServer.startClusterNode(dir.resolve("redis-" + i)));
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        cluster.forEach(n -> create.add("127.0.0.1:" + n.port()));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String out = cluster.get(0).cli(create.toArray(String[]::new));
        assertThat(out).as(out).contains("All 16384 slots covered");
        for (RedisServer n : cluster) {
            Await.until("cluster state ok", Duration.ofSeconds(120),
                    () -> n.cli("cluster", "info").contains("cluster_state:ok"));
        }
        issuer = DevIssuer.start();
        Path configA = WalletGateNode.writeConfig(dir.resolve("a"), issuer, "uri: ["
                + String.join(", ", cluster.stream().map(RedisServer::uri).toList()) + "]");
        Path configB = WalletGateNode.writeConfig(dir.resolve("b"), issuer, "uri: '" + cluster.get(1).uri()
                + "', redisMode: cluster");
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        a = WalletGateNode.launch("a", configA, nodes);
        b = WalletGateNode.launch("b", configB, nodes);
        a.awaitListening();
        b.awaitListening();
    }

    @AfterAll
    static void stop() {
        List<AutoCloseable> all = new ArrayList<>(List.of(a, b, issuer));
        all.addAll(cluster);
        for (AutoCloseable c : all) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping: go on with the others
            }
        }
    }

    private static String session(WalletGateNode node, MintedToken t) {
        HttpResponse<String> r = node.createSession(t.token(), Map.of("appPubKey", t.appPublicKey()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return sessionId(r);
    }

    @Test
    void both_nodes_describe_the_cluster() {
        assertThat(a.log()).contains("sessions: redis cluster 127.0.0.1:" + cluster.get(0).port() + ",");
        assertThat(b.log()).contains("sessions: redis cluster 127.0.0.1:" + cluster.get(1).port() + ")");
    }

    @Test
    void a_session_created_on_a_is_accepted_on_b_and_a_logout_on_b_ends_it_on_a() {
        String id = session(a, issuer.web3auth().subject("c-" + UUID.randomUUID()).mint());
        assertThat(b.auth(id).statusCode()).isEqualTo(200);
        assertThat(b.logout(id).statusCode()).isEqualTo(204);
        HttpResponse<String> denied = a.auth(id);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(code(denied)).isEqualTo("session_invalid");
    }

    @Test
    void revoking_a_wallet_on_a_ends_its_sessions_in_every_slot() {
        MintedToken first = issuer.web3auth().subject("w-" + UUID.randomUUID()).mint();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            MintedToken t = issuer.web3auth().subject("w-" + UUID.randomUUID()).appPublicKey(first.appPublicKey())
                    .mint();
            ids.add(session(i % 2 == 0 ? a : b, t));
        }
        String other = session(b, issuer.web3auth().subject("o-" + UUID.randomUUID()).mint());

        HttpResponse<String> revoked = a.revoke(ADMIN_TOKEN, "{\"wallet\":\"" + first.address() + "\"}");
        assertThat(revoked.body()).isEqualTo("{\"revoked\":10}");
        for (String id : ids) {
            assertThat(b.auth(id).statusCode()).isEqualTo(401);
        }
        assertThat(a.auth(other).statusCode()).isEqualTo(200);
        // Ten sessions hash to different slots: the cluster's three masters all hold keys.
        for (RedisServer n : cluster) {
            assertThat(Long.parseLong(n.cli("dbsize"))).as("keys on %s", n.port()).isPositive();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void a_master_that_restarts_is_used_again_without_restarting_walletgate() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(session(i % 2 == 0 ? a : b, issuer.web3auth().subject("r-" + UUID.randomUUID()).mint()));
        }
        RedisServer master = cluster.get(2);
        master.stop();
        List<Integer> statuses = new ArrayList<>();
        for (String id : ids) {
            HttpResponse<String> r = b.auth(id);
            statuses.add(r.statusCode());
            if (r.statusCode() == 503) {
                assertThat(code(r)).isEqualTo("store_unavailable");
            }
        }
        assertThat(statuses).as("sessions with a key on the stopped master").contains(503).isSubsetOf(200, 503);

        master.start();
        long restarted = System.nanoTime();
        Await.until("every session accepted again after the master's restart", Duration.ofSeconds(120),
                () -> ids.stream().allMatch(id -> a.auth(id).statusCode() == 200 && b.auth(id).statusCode() == 200));
        System.out.printf("cluster master restart: every session accepted on both nodes %d ms after it answered%n",
                (System.nanoTime() - restarted) / 1_000_000);
        assertThat(a.createSession(issuer.nopwd().mint().token(), Map.of()).statusCode()).isEqualTo(201);
        assertThat(b.createSession(issuer.nopwd().mint().token(), Map.of()).statusCode()).isEqualTo(201);
    }

    @Test
    void the_same_token_exchanged_at_once_on_a_and_b_makes_exactly_one_session_200_times() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                rounds.add(pool.submit(() -> {
                    String token = issuer.nopwd().mint().token();
                    boolean aFirst = ThreadLocalRandom.current().nextBoolean();
                    CompletableFuture<HttpResponse<String>> x = (aFirst ? a : b).createSessionAsync(token, Map.of());
                    CompletableFuture<HttpResponse<String>> y = (aFirst ? b : a).createSessionAsync(token, Map.of());
                    HttpResponse<String> one = await(x);
                    HttpResponse<String> two = await(y);
                    assertThat(List.of(one.statusCode(), two.statusCode()))
                            .as("%s %s %s", one.body(), two.body(), a.log().lines()
                                    .filter(l -> l.contains("WARN")).limit(5).toList())
                            .containsExactlyInAnyOrder(201, 401);
                    assertThat(code(one.statusCode() == 401 ? one : two)).isEqualTo("token_replayed");
                    return 1;
                }));
            }
            int done = 0;
            for (Future<Integer> f : rounds) {
                done += f.get();
            }
            assertThat(done).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
