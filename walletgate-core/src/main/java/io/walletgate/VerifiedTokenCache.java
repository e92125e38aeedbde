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
    private final Cache<String, VerifiedToken> cache;

    VerifiedTokenCache(long maxBytes, Clock clock, Duration skew) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String token, VerifiedToken t) -> VerifiedToken.weigh(token))
                .expireAfter(Expiry.creating((String token, VerifiedToken t) ->
                        Duration.ofMillis(Math.max(1, t.checked().times().exp() + skew.toMillis() - clock.millis()))))
                .executor(Runnable::run) // evict on the caller's thread: bounded at once, no shared pool
                .recordStats()
                .build();
    }

    /** The token verified earlier, or null. */
    VerifiedToken get(String token) {
        return token == null ? null : cache.getIfPresent(token);
    }

    void put(String token, VerifiedToken verified) {
        cache.put(token, verified);
    }

    TokenCacheStats stats() {
        CacheStats s = cache.stats();
        return new TokenCacheStats(s.hitCount(), s.missCount(), cache.estimatedSize());
    }
}
