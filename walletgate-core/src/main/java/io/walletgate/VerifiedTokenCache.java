package io.walletgate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Clock;
import java.time.Duration;

/**
 * Tokens verified once, by their text, until they expire (plus the clock skew): Caffeine, bounded by an estimate of
 * the bytes each entry holds. Failures are never put here; a hit is checked again for its times and wallet proof by
 * the caller. Thread-safe.
 */
final class VerifiedTokenCache {
    private final Cache<TokenKey, VerifiedToken> cache;

    /**
     * The cache's key: the token, compared whole, hashed on 32 characters spread over it and its last 16 (its
     * signature's end). {@code String.hashCode} reads every character, and a server's token is a new string on each
     * request, so its hash is computed every time: for a 1,209-character Web3Auth token 1.28 us of CPU on JDK 17
     * (a scalar loop; 0.14 us on JDK 25), against a 1 us target for a whole cache hit (docs/performance.md).
     * Tokens that share the sampled characters only share a hash bucket, never an entry; the key is
     * {@link Comparable}, so even many of them in one bucket are a balanced tree of the map, not a list.
     */
    record TokenKey(String token, int hash) implements Comparable<TokenKey> {
        private static final int SPREAD = 32;
        private static final int TAIL = 16;

        static TokenKey of(String token) {
            int n = token.length();
            int h = n;
            int step = Math.max(1, n / SPREAD);
            for (int i = 0; i < n; i += step) {
                h = 31 * h + token.charAt(i);
            }
            for (int i = Math.max(0, n - TAIL); i < n; i++) {
                h = 31 * h + token.charAt(i);
            }
            return new TokenKey(token, h);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TokenKey && ((TokenKey) o).token.equals(token);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(TokenKey other) {
            return token.compareTo(other.token);
        }
    }

    VerifiedTokenCache(long maxBytes, Clock clock, Duration skew) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((TokenKey key, VerifiedToken t) -> VerifiedToken.weigh(key.token()))
                .expireAfter(Expiry.creating((TokenKey key, VerifiedToken t) ->
                        Duration.ofMillis(Math.max(1, t.checked().times().exp() + skew.toMillis() - clock.millis()))))
                .executor(Runnable::run) // evict on the caller's thread: bounded at once, no shared pool
                .recordStats()
                .build();
    }

    /** The token verified earlier, or null. */
    VerifiedToken get(String token) {
        return token == null ? null : cache.getIfPresent(TokenKey.of(token));
    }

    void put(String token, VerifiedToken verified) {
        cache.put(TokenKey.of(token), verified);
    }

    TokenCacheStats stats() {
        CacheStats s = cache.stats();
        return new TokenCacheStats(s.hitCount(), s.missCount(), cache.estimatedSize());
    }
}
