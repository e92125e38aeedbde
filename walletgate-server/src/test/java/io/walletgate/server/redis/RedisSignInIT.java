package io.walletgate.server.redis;

import static io.walletgate.server.signin.SignInService.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.server.session.NonceStoreContract;
import io.walletgate.server.session.SessionStore;
import io.walletgate.server.signin.SignInService;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.EthereumTestWallet;
import io.walletgate.testkit.SiweMessageBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in nonces in Redis, shared by the nodes (docs/sign-in.md): the store's contract ({@link NonceStoreContract})
 * on a real {@code redis-server}, then two WalletGate services on it: a nonce issued by node A signs in once on node
 * B and is refused afterwards on both, and of concurrent sign-ins with one message spread over both nodes exactly one
 * gets a session.
 */
class RedisSignInIT extends NonceStoreContract {
    @TempDir
    static Path dir;
    static RedisServer redis;
    static SessionStore store;
    static DevIssuer issuer;
    static SignInService a;
    static SignInService b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start(dir.resolve("redis"));
        store = RedisSessionStoreIT.open(dir, "uri: '" + redis.uri() + "', keyPrefix: 'nonces-test:'");
        issuer = DevIssuer.start();
        String yaml = String.join("\n",
                "issuers:",
                "  - profile: web3auth",
                "    audience: " + issuer.audience(),
                "    jwksUri: " + issuer.jwksUri("web3auth"),
                "sessions: {store: redis, uri: '" + redis.uri() + "', cookieSecure: false}",
                "signIn:",
                "  ethereum: {domains: [localhost], uris: ['http://localhost'], chains: {1: ~}}",
                "");
        a = SignInService.start(dir.resolve("a"), yaml, Clock.systemUTC());
        b = SignInService.start(dir.resolve("b"), yaml, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, issuer, store, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Override
    protected SessionStore store() {
        return store;
    }

    @Test
    void a_nonce_issued_by_one_node_signs_in_once_on_another_and_never_again_on_either() {
        EthereumTestWallet wallet = EthereumTestWallet.random();
        String message = SiweMessageBuilder.of(wallet.address()).withNonce(a.nonce("siwe")).text();
        String signature = wallet.signMessage(message);
        HttpResponse<String> onB = b.signIn("siwe", message, signature);
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(201);
        assertThat(a.forwardAuth(onB).statusCode()).as("the session is on every node too").isEqualTo(200);
        assertThat(code(b.signIn("siwe", message, signature))).isEqualTo("nonce_invalid");
        assertThat(code(a.signIn("siwe", message, signature))).isEqualTo("nonce_invalid");
    }

    @Test
    void of_concurrent_sign_ins_with_one_nonce_on_two_nodes_exactly_one_gets_a_session() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                EthereumTestWallet wallet = EthereumTestWallet.random();
                String message = SiweMessageBuilder.of(wallet.address()).withNonce(a.nonce("siwe")).text();
                String signature = wallet.signMessage(message);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    SignInService node = i % 2 == 0 ? a : b;
                    answers.add(pool.submit(() -> {
                        go.await();
                        return node.signIn("siwe", message, signature);
                    }));
                }
                go.countDown();
                int sessions = 0;
                for (Future<HttpResponse<String>> f : answers) {
                    HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                    if (r.statusCode() == 201) {
                        sessions++;
                    } else {
                        assertThat(code(r)).as(r.body()).isEqualTo("nonce_invalid");
                    }
                }
                assertThat(sessions).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
