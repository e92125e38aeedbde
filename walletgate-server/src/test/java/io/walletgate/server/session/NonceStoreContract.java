package io.walletgate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.signin.Nonce;
import io.walletgate.signin.SignInVerifier;
import io.walletgate.testkit.EthereumTestWallet;
import io.walletgate.testkit.SiweMessageBuilder;
import io.walletgate.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * What every session store must do with sign-in nonces (docs/sign-in.md): one use each, atomically even under
 * concurrent consumers, none after expiry, none that was never issued, and bounded by a cap that drops the nonces
 * that expire first. Run against each real store by its subclass.
 */
public abstract class NonceStoreContract {
    /** The time the tests start at; the stores never see the system clock. */
    protected final TestClock clock = new TestClock(Instant.parse("2026-06-01T10:00:00Z"));

    /** The store under test, empty of nonces. */
    protected abstract SessionStore store();

    private static String nonce() {
        return "n" + UUID.randomUUID().toString().replace("-", "");
    }

    private Instant in(Duration d) {
        return clock.instant().plus(d);
    }

    @Test
    void an_issued_nonce_is_used_once_and_a_nonce_never_issued_not_at_all() {
        String n = nonce();
        store().putNonce(n, in(Duration.ofMinutes(10)), clock.instant(), 100);
        assertThat(store().consumeNonce(nonce(), clock.instant())).isFalse();
        assertThat(store().consumeNonce(n, clock.instant())).isTrue();
        assertThat(store().consumeNonce(n, clock.instant())).isFalse();
    }

    @Test
    void a_nonce_past_its_expiry_is_refused_and_gone() {
        String n = nonce();
        String later = nonce();
        store().putNonce(n, in(Duration.ofMinutes(10)), clock.instant(), 100);
        store().putNonce(later, in(Duration.ofMinutes(10).plusMillis(1)), clock.instant(), 100);
        clock.advance(Duration.ofMinutes(10));
        assertThat(store().consumeNonce(n, clock.instant())).as("expired at this very instant").isFalse();
        assertThat(store().consumeNonce(later, clock.instant())).isTrue();
        String kept = nonce();
        store().putNonce(kept, in(Duration.ofMinutes(1)), clock.instant(), 100);
        store().purgeExpired(clock.instant());
        assertThat(store().consumeNonce(kept, clock.instant())).as("a live nonce survives the purge").isTrue();
    }

    @Test
    void a_full_store_drops_the_expired_nonces_then_those_that_expire_first() {
        List<String> nonces = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String n = nonce();
            nonces.add(n);
            store().putNonce(n, in(Duration.ofMinutes(10 + i)), clock.instant(), 3);
        }
        assertThat(store().consumeNonce(nonces.get(0), clock.instant())).isFalse();
        assertThat(store().consumeNonce(nonces.get(1), clock.instant())).isFalse();
        assertThat(store().consumeNonce(nonces.get(4), clock.instant())).isTrue();
        String expiring = nonce();
        store().putNonce(expiring, in(Duration.ofSeconds(5)), clock.instant(), 3);
        clock.advance(Duration.ofSeconds(10));
        String fresh = nonce();
        store().putNonce(fresh, in(Duration.ofMinutes(10)), clock.instant(), 3);
        // the expired one made room: the two older live nonces are still there
        assertThat(store().consumeNonce(nonces.get(2), clock.instant())).isTrue();
        assertThat(store().consumeNonce(nonces.get(3), clock.instant())).isTrue();
        assertThat(store().consumeNonce(fresh, clock.instant())).isTrue();
    }

    @Test
    void of_many_concurrent_consumers_of_one_nonce_exactly_one_wins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String n = nonce();
                store().putNonce(n, in(Duration.ofMinutes(10)), clock.instant(), 1000);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return store().consumeNonce(n, clock.instant());
                    }));
                }
                go.countDown();
                int wins = 0;
                for (Future<Boolean> f : results) {
                    wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_verifier_over_the_store_signs_in_once_per_nonce_and_keeps_the_kinds_apart() {
        SignInVerifier siwe = SignInVerifier.builder().domains("localhost").uris("http://localhost").eoaOnlyChain(1)
                .clock(clock).nonceStore(new SessionStoreNonces(store(), clock, "siwe:", 100)).build();
        SignInVerifier siws = SignInVerifier.builder().domains("localhost").uris("http://localhost").clock(clock)
                .nonceStore(new SessionStoreNonces(store(), clock, "siws:", 100)).build();
        EthereumTestWallet wallet = EthereumTestWallet.random();
        Nonce nonce = siwe.issueNonce();
        assertThat(nonce.expiresAt()).isEqualTo(in(Duration.ofMinutes(10)));
        String message = SiweMessageBuilder.of(wallet.address()).withNonce(nonce.value())
                .withIssuedAt(clock.instant()).text();
        String signature = wallet.signMessage(message);
        assertThat(siwe.verifySiwe(message, signature).wallet().address()).isEqualTo(wallet.address());
        WalletVerificationException replay = Assertions.catchThrowableOfType(
                () -> siwe.verifySiwe(message, signature), WalletVerificationException.class);
        assertThat(replay.code()).isEqualTo(ErrorCode.NONCE_INVALID);
        assertThat(store().consumeNonce("siws:" + siws.issueNonce().value(), clock.instant())).isTrue();
        assertThat(store().consumeNonce("siwe:" + siws.issueNonce().value(), clock.instant())).isFalse();
    }
}
