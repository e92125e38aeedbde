package io.walletgate.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The in-memory nonce store: one use per nonce, also under contention; expiry; a bounded size. */
class NonceStoreTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void a_nonce_is_consumed_once_and_only_before_it_expires() {
        NonceStore store = NonceStore.inMemory();
        store.put("abcdefgh1", T.plusSeconds(60));
        store.put("abcdefgh2", T.plusSeconds(60));
        assertThat(store.consume("abcdefgh1", T)).isTrue();
        assertThat(store.consume("abcdefgh1", T)).isFalse();
        assertThat(store.consume("unknown00", T)).isFalse();
        assertThat(store.consume("abcdefgh2", T.plusSeconds(60))).isFalse();
        assertThat(((InMemoryNonceStore) store).size()).isZero();
    }

    @Test
    void of_many_threads_consuming_one_nonce_exactly_one_wins() throws Exception {
        NonceStore store = NonceStore.inMemory();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                String nonce = "nonce" + round + "xyz";
                store.put(nonce, T.plusSeconds(60));
                List<Callable<Boolean>> tasks = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    tasks.add(() -> store.consume(nonce, T));
                }
                int wins = 0;
                for (Future<Boolean> f : pool.invokeAll(tasks)) {
                    wins += f.get() ? 1 : 0;
                }
                assertThat(wins).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_full_store_drops_its_oldest_nonce_and_consume_drops_expired_ones() {
        InMemoryNonceStore store = (InMemoryNonceStore) NonceStore.inMemory(3);
        store.put("first0000", T.plusSeconds(10));
        store.put("second000", T.plusSeconds(20));
        store.put("third0000", T.plusSeconds(30));
        store.put("fourth000", T.plusSeconds(40));
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.consume("first0000", T)).isFalse();
        assertThat(store.consume("unknown00", T.plusSeconds(25))).isFalse();
        assertThat(store.size()).isEqualTo(2); // second expired and was dropped
        assertThat(store.consume("fourth000", T.plusSeconds(25))).isTrue();
        assertThatThrownBy(() -> NonceStore.inMemory(0)).hasMessage("maxNonces must be positive: 0");
    }
}
