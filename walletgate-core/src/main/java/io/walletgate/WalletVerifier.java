package io.walletgate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.walletgate.internal.claims.Claims;
import io.walletgate.internal.claims.ClaimsValidator;
import io.walletgate.internal.crypto.SignatureVerifier;
import io.walletgate.internal.keys.KeySelector;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.RemoteKeyOptions;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Verifies wallet-login ID tokens: parse, route by {@code iss} to the one configured issuer, select its key,
 * verify the signature, check the claims, prove the client's wallet. Immutable and thread-safe: build one per
 * application.
 *
 * <pre>{@code
 * WalletVerifier verifier = WalletVerifier.builder()
 *     .issuer(IssuerProfiles.web3auth("BFL8Z_Awr3p…"))
 *     .clockSkew(Duration.ofSeconds(60))
 *     .build();
 * VerifiedIdentity id = verifier.verify(idToken, WalletProof.appPublicKey(appPubKey));
 * String address = id.wallet().address();
 * }</pre>
 */
public final class WalletVerifier implements AutoCloseable {
    private static final long DEFAULT_CACHE_BYTES = 16L * 1024 * 1024;

    private final Map<String, ConfiguredIssuer> byIss;
    private final List<ConfiguredIssuer> issuers;
    private final ClaimsValidator validator;
    private final Cache<String, VerifiedToken> cache;

    private WalletVerifier(Builder b) {
        Map<String, ConfiguredIssuer> routes = new HashMap<>();
        List<ConfiguredIssuer> all = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (IssuerProfile p : b.profiles) {
            if (names.put(p.name(), p.name()) != null) {
                throw new IllegalArgumentException("two issuers are named '" + p.name() + "': give one withName(…)");
            }
            ConfiguredIssuer issuer = new ConfiguredIssuer(p, b.provider, b.maxTokenAge, b.keyOptions, b.clock);
            for (String iss : p.issuers()) {
                ConfiguredIssuer previous = routes.put(iss, issuer);
                if (previous != null) {
                    throw new IllegalArgumentException("issuers '" + previous.profile().name() + "' and '" + p.name()
                            + "' both accept iss '" + iss + "'");
                }
            }
            all.add(issuer);
        }
        this.byIss = Map.copyOf(routes);
        this.issuers = List.copyOf(all);
        this.validator = new ClaimsValidator(b.clock, b.clockSkew);
        this.cache = b.cacheBytes == 0 ? null : newCache(b.cacheBytes, b.clock, b.clockSkew);
    }

    // Entries live until the token expires (plus skew); on a hit the time claims and the proof are checked again.
    private static Cache<String, VerifiedToken> newCache(long maxBytes, Clock clock, Duration skew) {
        return Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String token, VerifiedToken t) -> VerifiedToken.weigh(token))
                .expireAfter(Expiry.creating((String token, VerifiedToken t) ->
                        Duration.ofMillis(Math.max(1, t.times().exp() + skew.toMillis() - clock.millis()))))
                .executor(Runnable::run) // evict on the caller's thread: bounded at once, no shared pool
                .recordStats()
                .build();
    }

    /** A builder with the defaults: system UTC clock, 60 s clock skew, no maximum token age. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a token and the client's wallet proof.
     *
     * @param token the compact JWS ID token
     * @param proof what the client asserts about its wallet ({@link WalletProof#none()} for nothing)
     * @return the verified identity
     * @throws WalletVerificationException with its code: {@code token_missing}, {@code token_too_large},
     *     {@code token_malformed}, {@code header_invalid} (key-source headers, {@code crit}), {@code issuer_unknown}
     *     (no network call is made), {@code alg_not_allowed}, {@code jwks_unavailable}, {@code key_not_found},
     *     {@code signature_invalid}, {@code token_expired}, {@code token_not_yet_valid}, {@code token_too_old},
     *     {@code audience_mismatch}, {@code claim_missing}, {@code claim_invalid}, {@code wallet_proof_invalid},
     *     {@code wallet_mismatch}
     */
    public VerifiedIdentity verify(String token, WalletProof proof) {
        Objects.requireNonNull(proof, "proof");
        VerifiedToken cached = cached(token);
        if (cached != null) {
            return cached.issuer().identify(cached, proof, validator, true);
        }
        Prepared p = prepare(token);
        JwkSet keys = await(p.issuer.keySource().keys());
        KeySelector.Selection selection = KeySelector.select(keys, p.jws.kid(), p.verifier.algorithm());
        if (selection.unknownKid()) {
            keys = await(p.issuer.keySource().keysForUnknownKid(p.jws.kid()));
            selection = KeySelector.select(keys, p.jws.kid(), p.verifier.algorithm());
        }
        return finish(p, keys, selection, proof);
    }

    /**
     * Verifies without ever blocking the calling thread on a key fetch: when keys are held (the steady state) the
     * work is done at once and the future is already complete; otherwise it continues when the keys arrive.
     * Fails with the same {@link WalletVerificationException}s as {@link #verify}.
     */
    public CompletableFuture<VerifiedIdentity> verifyAsync(String token, WalletProof proof) {
        try {
            Objects.requireNonNull(proof, "proof");
            VerifiedToken cached = cached(token);
            if (cached != null) {
                return CompletableFuture.completedFuture(cached.issuer().identify(cached, proof, validator, true));
            }
            Prepared p = prepare(token);
            KeySource source = p.issuer.keySource();
            return source.keys().thenCompose(keys -> {
                KeySelector.Selection selection = KeySelector.select(keys, p.jws.kid(), p.verifier.algorithm());
                if (!selection.unknownKid()) {
                    return CompletableFuture.completedFuture(finish(p, keys, selection, proof));
                }
                return source.keysForUnknownKid(p.jws.kid()).thenApply(fresh -> finish(p, fresh,
                        KeySelector.select(fresh, p.jws.kid(), p.verifier.algorithm()), proof));
            }).handle((identity, error) -> {
                if (error != null) {
                    throw new CompletionException(unwrap(error));
                }
                return identity;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops the background key refresh of the key sources this verifier created from profile URLs. */
    @Override
    public void close() {
        issuers.forEach(ConfiguredIssuer::close);
    }

    /** The configured issuers, in the order given. */
    public List<IssuerProfile> issuers() {
        List<IssuerProfile> list = new ArrayList<>(issuers.size());
        issuers.forEach(i -> list.add(i.profile()));
        return Collections.unmodifiableList(list);
    }

    /** The key source of each configured issuer, by issuer name. */
    public Map<String, KeySource> keySources() {
        Map<String, KeySource> map = new LinkedHashMap<>();
        issuers.forEach(i -> map.put(i.profile().name(), i.keySource()));
        return Collections.unmodifiableMap(map);
    }

    /** The issuer that would handle a token with this {@code iss}, or null: routing only, nothing verified. */
    public IssuerProfile issuerFor(String iss) {
        ConfiguredIssuer issuer = iss == null ? null : byIss.get(iss);
        return issuer == null ? null : issuer.profile();
    }

    private record Prepared(CompactJws jws, Map<String, Object> claims, String iss, ConfiguredIssuer issuer,
                            SignatureVerifier verifier) {
    }

    // Parse, route by the unverified iss (only to choose the configured profile), check the algorithm.
    private Prepared prepare(String token) {
        CompactJws jws = CompactJws.parse(token);
        Map<String, Object> claims = jws.claims();
        Object iss = claims.get("iss");
        if (iss == null) {
            throw Claims.missing("iss");
        }
        if (!(iss instanceof String)) {
            throw Claims.invalid("iss", "is not a string");
        }
        ConfiguredIssuer issuer = byIss.get(iss);
        if (issuer == null) {
            throw new WalletVerificationException(ErrorCode.ISSUER_UNKNOWN,
                    "issuer '" + CompactJws.printable((String) iss) + "' is not configured");
        }
        return new Prepared(jws, claims, (String) iss, issuer, issuer.verifierFor(jws.alg()));
    }

    private VerifiedIdentity finish(Prepared p, JwkSet keys, KeySelector.Selection selection, WalletProof proof) {
        if (selection.unknownKid()) {
            throw KeySelector.unknownKid(keys, p.jws.kid(), p.verifier.algorithm());
        }
        byte[] input = p.jws.signingInput();
        byte[] signature = p.jws.signature();
        Jwk used = null;
        for (Jwk k : selection.candidates()) {
            if (p.verifier.verify(k.publicKey(), input, signature)) {
                used = k;
                break;
            }
        }
        if (used == null) {
            String kid = selection.candidates().size() == 1 ? selection.candidates().get(0).kid() : p.jws.kid();
            throw new WalletVerificationException(ErrorCode.SIGNATURE_INVALID, "signature does not verify with key '"
                    + CompactJws.printable(kid) + "' of " + keys.source());
        }
        VerifiedToken verified = p.issuer.accept(p.claims, p.iss, used.kid(), validator);
        if (cache != null) {
            cache.put(p.jws.token(), verified);
        }
        return p.issuer.identify(verified, proof, validator, false);
    }

    private VerifiedToken cached(String token) {
        return cache == null || token == null ? null : cache.getIfPresent(token);
    }

    /** Hits, misses and size of the verified-token cache (all zero when it is off). */
    public TokenCacheStats tokenCacheStats() {
        if (cache == null) {
            return new TokenCacheStats(0, 0, 0);
        }
        CacheStats s = cache.stats();
        return new TokenCacheStats(s.hitCount(), s.missCount(), cache.estimatedSize());
    }

    private static JwkSet await(CompletableFuture<JwkSet> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE, "interrupted while fetching keys", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof WalletVerificationException) {
            return (WalletVerificationException) t;
        }
        return new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE,
                "keys could not be obtained (" + t.getClass().getSimpleName() + ")", t);
    }

    /** Builds a {@link WalletVerifier}; every setter validates its argument at once. */
    public static final class Builder {
        private final List<IssuerProfile> profiles = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration maxTokenAge;
        private Provider provider;
        private RemoteKeyOptions keyOptions = RemoteKeyOptions.defaults();
        private long cacheBytes = DEFAULT_CACHE_BYTES;

        private Builder() {
        }

        /**
         * The verified-token cache's bound, in (estimated) bytes: a token verified once is not verified again until
         * it expires; its time claims and the wallet proof are checked on every use; failures are never cached.
         * 0 turns the cache off. Default: 16 MiB (some 20,000 typical tokens).
         */
        public Builder verifiedTokenCache(long maxBytes) {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("verifiedTokenCache must not be negative: " + maxBytes);
            }
            this.cacheBytes = maxBytes;
            return this;
        }

        /**
         * How keys fetched from the profiles' URLs are cached, refreshed and kept through outages; their time comes
         * from this builder's {@link #clock}. Default: {@link RemoteKeyOptions#defaults()}. Sources given with
         * {@link IssuerProfile#withKeySource} keep their own options and clock.
         */
        public Builder remoteKeyOptions(RemoteKeyOptions options) {
            this.keyOptions = Objects.requireNonNull(options, "remoteKeyOptions");
            return this;
        }

        /** Adds an issuer to trust. At least one is required; each {@code iss} may belong to one issuer only. */
        public Builder issuer(IssuerProfile profile) {
            profiles.add(Objects.requireNonNull(profile, "issuer"));
            return this;
        }

        /**
         * The only clock of the verifier: for {@code exp}/{@code nbf}/{@code iat} checks, the verified-token cache,
         * and the key sources it makes from the profiles' URLs. Default: {@link Clock#systemUTC()}.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Tolerated clock difference with the issuer, either way. Default: 60 s; at most 10 minutes. */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "clockSkew");
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("clockSkew must be between 0 and 10 minutes: " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        /** Rejects tokens issued longer ago than this ({@code token_too_old}); then {@code iat} is required.
         * Default: no limit. An issuer's own setting wins. */
        public Builder maxTokenAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxTokenAge");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maxTokenAge must be positive: " + maxAge);
            }
            this.maxTokenAge = maxAge;
            return this;
        }

        /**
         * The JCA provider that verifies signatures, for every algorithm. Default: per algorithm, Amazon Corretto
         * Crypto Provider when it loads on this platform, else a private BouncyCastle instance.
         *
         * @throws IllegalArgumentException at {@link #build()} if it lacks an algorithm an issuer allows
         */
        public Builder signatureProvider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "signatureProvider");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @throws IllegalArgumentException naming the issuer and field of any configuration mistake
         */
        public WalletVerifier build() {
            if (profiles.isEmpty()) {
                throw new IllegalArgumentException("at least one issuer is required");
            }
            return new WalletVerifier(this);
        }
    }
}
