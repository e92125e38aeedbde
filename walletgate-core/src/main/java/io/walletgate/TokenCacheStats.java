package io.walletgate;

/**
 * Counters of a verifier's verified-token cache.
 *
 * @param hits verifications answered from the cache
 * @param misses verifications that found no cached token
 * @param size tokens held now (an estimate)
 */
public record TokenCacheStats(long hits, long misses, long size) {
}
