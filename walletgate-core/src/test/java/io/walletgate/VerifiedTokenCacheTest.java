package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The verified-token cache of docs/architecture.md §5: verified once, re-checked for time and proof on every hit. */
class VerifiedTokenCacheTest {
    private static final String ISS = "https://api-auth.web3auth.io";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final TestIssuer web3auth = TestIssuer.create("ES256", "w3a");
    private final String appKey = TestWallets.hex(TestWallets.secp256k1(true));
    private final AtomicInteger keyLookups = new AtomicInteger();

    // Counts every time the verifier asks for keys: a cache hit must not.
    private final KeySource counting = new KeySource() {
        private final KeySource inner = KeySources.jwks(web3auth.jwks());

        @Override
        public CompletableFuture<JwkSet> keys() {
            keyLookups.incrementAndGet();
            return inner.keys();
        }

        @Override
        public String description() {
            return inner.description();
        }
    };

    private WalletVerifier verifier(long cacheBytes) {
        return WalletVerifier.builder()
                .issuer(IssuerProfiles.web3auth("client").withKeySource(counting))
                .clock(clock)
                .verifiedTokenCache(cacheBytes)
                .build();
    }

    private String token() {
        Map<String, Object> c = TestIssuer.claims(ISS, "client", clock.instant());
        c.remove("sub");
        c.put("userId", "alice");
        c.put("wallets", List.of(Map.of("public_key", appKey, "type", "web3auth_app_key", "curve", "secp256k1")));
        return web3auth.sign(c);
    }

    private static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (WalletVerificationException e) {
            return e.code();
        }
    }

    @Test
    void a_token_verified_once_is_answered_from_the_cache_without_keys_or_signature() {
        WalletVerifier verifier = verifier(1 << 20);
        String token = token();
        VerifiedIdentity first = verifier.verify(token, WalletProof.appPublicKey(appKey));
        VerifiedIdentity second = verifier.verify(token, WalletProof.appPublicKey(appKey));
        VerifiedIdentity third = verifier.verifyAsync(token, WalletProof.none()).join();
        assertThat(keyLookups.get()).isEqualTo(1);
        assertThat(second).isEqualTo(first);
        assertThat(third.wallet()).isNull();
        assertThat(third.wallets()).hasSize(1);
        assertThat(verifier.tokenCacheStats()).isEqualTo(new TokenCacheStats(2, 1, 1));
    }

    @Test
    void a_cached_token_still_expires() {
        WalletVerifier verifier = verifier(1 << 20);
        String token = token();
        verifier.verify(token, WalletProof.none());
        clock.advance(Duration.ofHours(1).plusSeconds(59)); // exp + skew - 1 s
        assertThat(verifier.verify(token, WalletProof.none()).subject()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> verifier.verify(token, WalletProof.none()))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED))
                .hasMessageContaining("token expired at");
        assertThat(keyLookups.get()).isEqualTo(1);
    }

    @Test
    void the_wallet_proof_is_checked_on_every_hit() {
        WalletVerifier verifier = verifier(1 << 20);
        String token = token();
        verifier.verify(token, WalletProof.appPublicKey(appKey));
        String other = TestWallets.hex(TestWallets.secp256k1(true));
        assertThat(codeOf(() -> verifier.verify(token, WalletProof.appPublicKey(other))))
                .isEqualTo(ErrorCode.WALLET_MISMATCH);
        assertThat(codeOf(() -> verifier.verify(token, WalletProof.appPublicKey("02zz"))))
                .isEqualTo(ErrorCode.WALLET_PROOF_INVALID);
        assertThat(verifier.verify(token, WalletProof.appPublicKey(appKey)).wallet().publicKey()).isEqualTo(appKey);
        assertThat(keyLookups.get()).isEqualTo(1);
    }

    @Test
    void failures_are_never_cached() {
        WalletVerifier verifier = verifier(1 << 20);
        String token = token();
        String tampered = token.substring(0, token.length() - 4)
                + (token.endsWith("AAAA") ? "BAAA" : "AAAA");
        for (int i = 0; i < 3; i++) {
            assertThat(codeOf(() -> verifier.verify(tampered, WalletProof.none())))
                    .isEqualTo(ErrorCode.SIGNATURE_INVALID);
        }
        assertThat(keyLookups.get()).isEqualTo(3);
        assertThat(verifier.tokenCacheStats().size()).isZero();
    }

    @Test
    void the_cache_can_be_turned_off() {
        WalletVerifier verifier = verifier(0);
        String token = token();
        verifier.verify(token, WalletProof.none());
        verifier.verify(token, WalletProof.none());
        assertThat(keyLookups.get()).isEqualTo(2);
        assertThat(verifier.tokenCacheStats()).isEqualTo(new TokenCacheStats(0, 0, 0));
        assertThatThrownBy(() -> WalletVerifier.builder().verifiedTokenCache(-1))
                .hasMessage("verifiedTokenCache must not be negative: -1");
    }

    @Test
    void the_cache_is_bounded_by_weight() {
        WalletVerifier verifier = verifier(64 * 1024);
        int length = 0;
        for (int i = 0; i < 200; i++) {
            String token = token();
            length = token.length();
            verifier.verify(token, WalletProof.none());
            clock.advance(Duration.ofSeconds(1)); // a new iat, so a new token
        }
        long perEntry = 256 + 6L * length; // the documented weight estimate
        assertThat(verifier.tokenCacheStats().size()).isBetween(5L, 64 * 1024 / perEntry);
    }

    @Test
    void tokens_that_share_the_sampled_characters_share_a_hash_never_an_entry() {
        String a = "x".repeat(1000);
        String b = a.substring(0, 501) + "y" + a.substring(502); // 501: no multiple of 1000 / 32, not in the tail
        VerifiedTokenCache.TokenKey keyA = VerifiedTokenCache.TokenKey.of(a);
        assertThat(VerifiedTokenCache.TokenKey.of(b).hashCode()).isEqualTo(keyA.hashCode());
        assertThat(VerifiedTokenCache.TokenKey.of(b)).isNotEqualTo(keyA);
        assertThat(VerifiedTokenCache.TokenKey.of(new String(a.toCharArray()))).isEqualTo(keyA);
        assertThat(VerifiedTokenCache.TokenKey.of(a.substring(0, 999) + "y").hashCode()).isNotEqualTo(keyA.hashCode());
    }

    @Test
    void a_token_altered_where_the_key_does_not_look_is_verified_again_not_served_from_the_cache() {
        WalletVerifier verifier = verifier(1 << 20);
        String token = token();
        verifier.verify(token, WalletProof.appPublicKey(appKey));
        int step = Math.max(1, token.length() / 32);
        int i = token.indexOf('.') + 10;
        while (i % step == 0) {
            i++;
        }
        String altered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
        assertThat(VerifiedTokenCache.TokenKey.of(altered).hashCode())
                .isEqualTo(VerifiedTokenCache.TokenKey.of(token).hashCode());
        long hits = verifier.tokenCacheStats().hits();
        assertThat(codeOf(() -> verifier.verify(altered, WalletProof.appPublicKey(appKey))))
                .isIn(ErrorCode.SIGNATURE_INVALID, ErrorCode.TOKEN_MALFORMED);
        assertThat(verifier.tokenCacheStats().hits()).isEqualTo(hits);
        // the token again as a new string, as a server has it: a hit
        verifier.verify(new String(token.toCharArray()), WalletProof.appPublicKey(appKey));
        assertThat(verifier.tokenCacheStats().hits()).isEqualTo(hits + 1);
    }
}
