package io.walletgate;

import io.walletgate.internal.claims.ClaimsCheck;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.RemoteKeyOptions;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Verifies wallet-login ID tokens: parse, route by {@code iss} to the one configured issuer, select its key,
 * verify the signature, check the claims, prove the client's wallet, build the identity; each stage is one class
 * ({@link JwsVerification} runs them up to the cacheable {@link VerifiedToken}, then {@link WalletMatcher} and
 * {@link IdentityResolver}). Immutable and thread-safe: build one per application.
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

    private final IssuerRouter router;
    private final ClaimsCheck claimsCheck;
    private final TokenVerification jws;
    private final TokenVerification did; // null without a magic issuer: then no token is read as a DID token
    private final VerifiedTokenCache cache;
    private final VerificationListener[] listeners;

    private WalletVerifier(Builder b) {
        List<ConfiguredIssuer> issuers = new ArrayList<>();
        try {
            for (IssuerProfile p : b.profiles) {
                issuers.add(ConfiguredIssuer.of(p, b.provider, b.maxTokenAge, b.keyOptions, b.clock));
            }
            this.router = new IssuerRouter(issuers);
        } catch (RuntimeException e) {
            issuers.forEach(WalletVerifier::closeOwnKeys);
            throw e;
        }
        this.claimsCheck = new ClaimsCheck(b.clock, b.clockSkew);
        this.jws = new JwsVerification(router, claimsCheck);
        this.did = router.didIssuer() == null ? null : new DidTokenVerification(router.didIssuer(), claimsCheck);
        this.cache = b.cacheBytes == 0 ? null : new VerifiedTokenCache(b.cacheBytes, b.clock, b.clockSkew);
        this.listeners = b.listeners.toArray(new VerificationListener[0]);
    }

    /** {@return a builder with the defaults: system UTC clock, 60 s clock skew, no maximum token age} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a token and the client's wallet proof.
     *
     * @param token the compact JWS ID token, or a Magic DID token when a {@code magic} issuer is configured
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
        if (listeners.length == 0) {
            return verifyQuietly(token, proof);
        }
        long started = System.nanoTime();
        VerifiedIdentity identity;
        try {
            identity = verifyQuietly(token, proof);
        } catch (WalletVerificationException e) {
            notify(e.issuerName(), e.code(), started);
            throw e;
        }
        notify(identity.issuerName(), null, started);
        return identity;
    }

    private VerifiedIdentity verifyQuietly(String token, WalletProof proof) {
        VerifiedToken verified = cache == null ? null : cache.get(token);
        if (verified != null) {
            return use(verified, proof, true);
        }
        verified = format(token).verify(token);
        if (cache != null) {
            cache.put(token, verified);
        }
        return use(verified, proof, false);
    }

    /**
     * Verifies without ever blocking the calling thread on a key fetch: when keys are held (the steady state) the
     * work is done at once and the future is already complete; otherwise it continues when the keys arrive.
     * Fails with the same {@link WalletVerificationException}s as {@link #verify} (the key stage's already
     * {@code jwks_unavailable} when the key source itself fails); anything else is a failure of the verifier and
     * completes the future with that exception as it is, never disguised as a code (it would read as an issuer
     * outage).
     *
     * @param token the compact JWS ID token
     * @param proof what the client asserts about its wallet ({@link WalletProof#none()} for nothing)
     * @return the verified identity, or a future failed with the rejection
     */
    public CompletableFuture<VerifiedIdentity> verifyAsync(String token, WalletProof proof) {
        long started = System.nanoTime();
        CompletableFuture<VerifiedIdentity> result;
        try {
            Objects.requireNonNull(proof, "proof");
            VerifiedToken cached = cache == null ? null : cache.get(token);
            result = cached != null ? CompletableFuture.completedFuture(use(cached, proof, true))
                    : format(token).verifyAsync(token).thenApply(verified -> {
                        if (cache != null) {
                            cache.put(token, verified);
                        }
                        return use(verified, proof, false);
                    });
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        if (listeners.length > 0) {
            result.whenComplete((identity, error) -> {
                Throwable t = error instanceof CompletionException ? error.getCause() : error;
                if (identity != null) {
                    notify(identity.issuerName(), null, started);
                } else if (t instanceof WalletVerificationException) {
                    notify(((WalletVerificationException) t).issuerName(), ((WalletVerificationException) t).code(),
                            started);
                }
            });
        }
        return result;
    }

    // A Magic DID token when a magic issuer is configured and the token has its shape; else a compact JWS.
    private TokenVerification format(String token) {
        return did != null && DidTokenVerification.looksLikeDidToken(token) ? did : jws;
    }

    // Every use of a verified token: its time claims again when it comes from the cache (they depend on the time of
    // use), then the wallet-proof and identity stages (the proof is the caller's, not the token's).
    private VerifiedIdentity use(VerifiedToken t, WalletProof proof, boolean recheckTimes) {
        PerUseRules rules = t.rules();
        if (recheckTimes) {
            try {
                claimsCheck.checkTimes(t.checked().times(), rules.maxTokenAge());
            } catch (WalletVerificationException e) {
                throw e.at(VerificationStage.CLAIMS, rules.issuerName(), List.of());
            }
        }
        Wallet proven;
        try {
            proven = WalletMatcher.match(t.wallets(), proof, rules.requireWalletProof(), rules.issuerName());
        } catch (WalletVerificationException e) {
            throw e.at(VerificationStage.WALLET, rules.issuerName(), t.wallets().wallets());
        }
        try {
            return IdentityResolver.identify(t, proven);
        } catch (WalletVerificationException e) {
            throw e.at(VerificationStage.CLAIMS, rules.issuerName(), List.of());
        }
    }

    private void notify(String issuerName, ErrorCode error, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        for (VerificationListener l : listeners) {
            l.onVerification(issuerName, error, took);
        }
    }

    /** Stops the background key refresh of the key sources this verifier created from profile URLs. */
    @Override
    public void close() {
        router.issuers().forEach(WalletVerifier::closeOwnKeys);
    }

    private static void closeOwnKeys(ConfiguredIssuer issuer) {
        if (issuer.ownKeySource() != null) {
            issuer.ownKeySource().close();
        }
    }

    /** {@return the configured issuers, in the order given} */
    public List<IssuerProfile> issuers() {
        List<IssuerProfile> list = new ArrayList<>(router.issuers().size());
        router.issuers().forEach(i -> list.add(i.profile()));
        return Collections.unmodifiableList(list);
    }

    /** {@return the key source of each configured issuer, by issuer name; a magic issuer has none (its tokens carry
     * their signer)} */
    public Map<String, KeySource> keySources() {
        Map<String, KeySource> map = new LinkedHashMap<>();
        router.issuers().stream().filter(i -> i.keySource() != null).forEach(i -> map.put(i.name(), i.keySource()));
        return Collections.unmodifiableMap(map);
    }

    /**
     * Hits, misses and size of the verified-token cache (all zero when it is off).
     *
     * @return the cache's counters
     */
    public TokenCacheStats tokenCacheStats() {
        return cache == null ? new TokenCacheStats(0, 0, 0) : cache.stats();
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
        private final List<VerificationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * The verified-token cache's bound, in (estimated) bytes: a token verified once is not verified again until
         * it expires; its time claims and the wallet proof are checked on every use; failures are never cached.
         * 0 turns the cache off. Default: 16 MiB (some 20,000 typical tokens).
         *
         * @param maxBytes the bound in bytes, 0 or more
         * @return this builder
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
         *
         * @param options the options
         * @return this builder
         */
        public Builder remoteKeyOptions(RemoteKeyOptions options) {
            this.keyOptions = Objects.requireNonNull(options, "remoteKeyOptions");
            return this;
        }

        /**
         * Adds a listener told of every verification: the issuer it was routed to, its outcome and how long it took
         * (metrics, audit). Repeat for several; they are called in the order added. Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(VerificationListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds an issuer to trust. At least one is required; each {@code iss} may belong to one issuer only.
         *
         * @param profile the issuer's profile
         * @return this builder
         */
        public Builder issuer(IssuerProfile profile) {
            profiles.add(Objects.requireNonNull(profile, "issuer"));
            return this;
        }

        /**
         * The only clock of the verifier: for {@code exp}/{@code nbf}/{@code iat} checks, the verified-token cache,
         * and the key sources it makes from the profiles' URLs. Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Tolerated clock difference with the issuer, either way. Default: 60 s; at most 10 minutes.
         *
         * @param skew the tolerance
         * @return this builder
         */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "clockSkew");
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("clockSkew must be between 0 and 10 minutes: " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        /** Rejects tokens issued longer ago than this ({@code token_too_old}); then {@code iat} is required.
         * Default: no limit. An issuer's own setting wins.
         *
         * @param maxAge the maximum age, positive
         * @return this builder
         */
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
         * @param provider the provider
         * @return this builder
         * @throws IllegalArgumentException at {@link #build()} if it lacks an algorithm an issuer allows
         */
        public Builder signatureProvider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "signatureProvider");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the verifier
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
