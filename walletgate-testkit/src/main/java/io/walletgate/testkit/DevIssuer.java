package io.walletgate.testkit;

import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local issuer for tests and development: a real HTTP server on 127.0.0.1 that serves each provider's JWKS at
 * the path that provider uses, and mints tokens shaped exactly like that provider's (docs/architecture.md §3), signed
 * by its own key per profile (ES256; RS256 for Sequence WaaS; EdDSA or ES256 for OIDC). For development only: its keys
 * are made at start and its tokens prove nothing.
 *
 * <pre>{@code
 * try (DevIssuer issuer = DevIssuer.start()) {
 *     WalletVerifier verifier = WalletVerifier.builder().issuer(issuer.profile("web3auth", "client-id")).build();
 *     MintedToken login = issuer.web3auth().audience("client-id").wallets(2).mint();
 *     verifier.verify(login.token(), WalletProof.appPublicKey(login.appPublicKey()));
 * }
 * }</pre>
 *
 * <p>Served: {@code GET /} (what is served, as JSON), each profile's JWKS ({@link #jwksUri}) and current key as a PEM
 * ({@code /<profile>/verification-key.pem}, {@link #verificationKey}), the OIDC discovery
 * document at {@code /oidc/.well-known/openid-configuration}, and {@code POST /token} (mint by JSON, for frontends
 * and the {@code walletgate dev-issuer} command). Every error is a 4xx JSON answer. Thread-safe.
 */
public final class DevIssuer implements AutoCloseable {
    /** The audience tokens carry unless told otherwise. */
    public static final String DEFAULT_AUDIENCE = "walletgate-dev";
    /** The Dynamic environment whose tokens this issuer mints ({@code iss} {@code app.dynamicauth.com/…}). */
    public static final String DYNAMIC_ENVIRONMENT_ID = "3f8e2a4c-7d1b-4e6a-9c5f-0b2d8e1a7c43";
    /**
     * Every profile this issuer mints: the seeds' and OIDC, then {@code privy}, {@code dynamic}, {@code para} and
     * {@code magic} (docs/architecture.md §12); the same names as {@link IssuerProfiles#NAMES}.
     */
    public static final List<String> PROFILES = ProviderShape.NAMES;

    /**
     * The deliberate defects {@code POST /token} accepts in {@code "defects"}, as {@link TokenBuilder}'s methods of the
     * same names make them: {@code expired} ({@code token_expired}), {@code wrongAudience}
     * ({@code audience_mismatch}), {@code tamperedSignature}, {@code derSignature}, {@code signedByOtherKey}
     * ({@code signature_invalid}), {@code algNone} ({@code alg_not_allowed}), {@code unknownKid}
     * ({@code key_not_found}).
     */
    public static final String DEFECTS = "expired, wrongAudience, tamperedSignature, derSignature, signedByOtherKey, "
            + "algNone, unknownKid";

    private final Clock clock;
    private final String audience;
    private final String oidcAlgorithm;
    private final String defaultProfile;
    private final Map<ProviderShape, KeyRing> rings = new ConcurrentHashMap<>();
    private final DevIssuerHttp http;

    private DevIssuer(Builder b) {
        this.clock = b.clock;
        this.audience = b.audience;
        this.oidcAlgorithm = b.oidcAlgorithm;
        this.defaultProfile = b.defaultProfile;
        this.http = new DevIssuerHttp(b.port);
        http.start(this); // every field is set: requests may arrive from here on
    }

    /**
     * Starts an issuer on a free port with the defaults.
     *
     * @return the running issuer; close it to stop it
     */
    public static DevIssuer start() {
        return builder().start();
    }

    /**
     * A builder: free port, system UTC clock, audience {@value #DEFAULT_AUDIENCE}, OIDC signing with EdDSA.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the server's base URL, {@code http://127.0.0.1:PORT}, without a trailing slash} */
    public URI baseUri() {
        return http.baseUri();
    }

    /** {@return the port the server listens on} */
    public int port() {
        return http.baseUri().getPort();
    }

    /** {@return the clock that dates tokens} */
    public Clock clock() {
        return clock;
    }

    /** {@return the audience tokens carry unless told otherwise, and that {@link #profile(String)} accepts} */
    public String audience() {
        return audience;
    }

    /** {@return the OIDC profile's signing algorithm: {@code EdDSA} or {@code ES256}} */
    public String oidcAlgorithm() {
        return oidcAlgorithm;
    }

    /** {@return the profile {@code POST /token} mints when the request names none} */
    public String defaultProfile() {
        return defaultProfile;
    }

    /**
     * A token of any profile.
     *
     * @param profile a name of {@link #PROFILES}
     * @return a builder of that profile's token
     * @throws IllegalArgumentException for a name not in {@link #PROFILES}
     */
    public TokenBuilder token(String profile) {
        return new TokenBuilder(this, ProviderShape.of(profile));
    }

    /** {@return a Web3Auth social-login token ({@code iss} {@code https://api-auth.web3auth.io})} */
    public TokenBuilder web3auth() {
        return token(IssuerProfiles.WEB3AUTH);
    }

    /**
     * A Web3Auth legacy openlogin token ({@code iss} {@code https://api.openlogin.com}, legacy claim names).
     *
     * @return a builder of the token
     */
    public TokenBuilder web3authLegacy() {
        return token(IssuerProfiles.WEB3AUTH_LEGACY);
    }

    /** {@return a Web3Auth external-wallet token ({@code iss} {@code https://authjs.web3auth.io}, its own key)} */
    public TokenBuilder web3authExternal() {
        return token(IssuerProfiles.WEB3AUTH_EXTERNAL);
    }

    /** {@return a Sequence OMS token ({@code iss} = {@link #issuer}{@code ("sequence-oms")}, 300 s)} */
    public TokenBuilder sequenceOms() {
        return token(IssuerProfiles.SEQUENCE_OMS);
    }

    /** {@return a Sequence WaaS token (RS256, {@code sub} = the wallet address)} */
    public TokenBuilder sequenceWaas() {
        return token(IssuerProfiles.SEQUENCE_WAAS);
    }

    /** {@return a NoPwd access token ({@code iss} {@code nopwd.io}, {@code sub} = email, {@code jti}, {@code amr})} */
    public TokenBuilder nopwd() {
        return token(IssuerProfiles.NOPWD);
    }

    /** {@return a generic OIDC ID token ({@code iss} = this server + {@code /oidc})} */
    public TokenBuilder oidc() {
        return token(IssuerProfiles.OIDC);
    }

    /**
     * A Privy identity token (ES256, {@code iss} {@code privy.io}, {@code aud} the app id, {@code linked_accounts}
     * and {@code custom_metadata} as JSON strings); {@link TokenBuilder#accessToken()} for the access token.
     *
     * @return a builder of the token
     */
    public TokenBuilder privy() {
        return token(ProviderShape.PRIVY_NAME);
    }

    /**
     * A Dynamic ID token (RS256, {@code iss} {@code app.dynamicauth.com/}{@value #DYNAMIC_ENVIRONMENT_ID},
     * {@code verified_credentials}, {@code scope} {@code user:basic}); {@link TokenBuilder#accessToken()} for the
     * minified access token.
     *
     * @return a builder of the token
     */
    public TokenBuilder dynamic() {
        return token(ProviderShape.DYNAMIC_NAME);
    }

    /** {@return a Para session token (ES256, no {@code iss}, {@code data.userId}, {@code data.wallets})} */
    public TokenBuilder para() {
        return token(ProviderShape.PARA_NAME);
    }

    /** {@return a Magic DID token: not a JWT, but signed by its wallet's secp256k1 key with {@code personal_sign}} */
    public TokenBuilder magic() {
        return token(ProviderShape.MAGIC_NAME);
    }

    /**
     * The current signing key of a profile as an SPKI PEM: what Privy's dashboard shows as the "verification key"
     * and Dynamic's as the public key.
     *
     * @param profile {@code privy} or {@code dynamic}
     * @return the PEM block
     * @throws IllegalArgumentException for {@code magic}, whose tokens are signed by their wallets
     */
    public String verificationKey(String profile) {
        ProviderShape shape = ProviderShape.of(profile);
        requireJwt(shape);
        return keyRing(shape).current().publicKeyPem();
    }

    /** The {@code iss} of a profile's tokens; for Sequence OMS and OIDC it is this server + {@code /oms} or
     * {@code /oidc}; null for Para, whose tokens carry none; for Magic a template (each wallet is its own issuer).
     *
     * @param profile a name of {@link #PROFILES}
     * @return the {@code iss}, or null
     */
    public String issuer(String profile) {
        return ProviderShape.of(profile).issuer(baseUri().toString());
    }

    /** Where this server serves a profile's JWKS (the provider's path; for Web3Auth also at
     * {@code /.well-known/jwks.json}).
     *
     * @param profile a name of {@link #PROFILES}
     * @return the JWKS URL
     * @throws IllegalArgumentException for {@code magic}, whose tokens are signed by their wallets
     */
    public URI jwksUri(String profile) {
        ProviderShape shape = ProviderShape.of(profile);
        requireJwt(shape);
        return URI.create(baseUri() + shape.jwksPaths().get(0));
    }

    private static void requireJwt(ProviderShape shape) {
        if (!shape.jwt()) {
            throw new IllegalArgumentException(shape.profile() + " tokens are signed by their wallets: no issuer key");
        }
    }

    /**
     * {@link #profile(String, String)} with this issuer's {@link #audience()}.
     *
     * @param profile a name of {@link #PROFILES}
     * @return the profile
     */
    public IssuerProfile profile(String profile) {
        return profile(profile, audience);
    }

    /**
     * The {@link IssuerProfiles} profile of that name with its default settings, pointed at this issuer: its JWKS
     * URL replaced where the provider's is fixed; nothing more for Sequence OMS and OIDC, whose keys follow from
     * their issuer (OIDC by discovery), which is this server; for OIDC also the algorithm this server signs with;
     * for Dynamic this issuer's environment ({@link #DYNAMIC_ENVIRONMENT_ID}); nothing for Magic, whose tokens
     * carry their signer.
     *
     * @param profile a name of {@link #PROFILES}
     * @param audience the audience the profile accepts
     * @return the profile
     * @throws IllegalArgumentException for a name that is none of {@link #PROFILES}
     */
    public IssuerProfile profile(String profile, String audience) {
        ProviderShape shape = ProviderShape.of(profile);
        if (shape == ProviderShape.MAGIC) {
            return IssuerProfiles.magic(audience); // no keys: the DID token's signer is recovered
        }
        URI jwks = jwksUri(profile);
        switch (shape) {
            case WEB3AUTH:
                return IssuerProfiles.web3auth(audience).withJwksUri(jwks);
            case WEB3AUTH_LEGACY:
                return IssuerProfiles.web3authLegacy(audience).withJwksUri(jwks);
            case WEB3AUTH_EXTERNAL:
                return IssuerProfiles.web3authExternal(audience).withJwksUri(jwks);
            case SEQUENCE_OMS:
                return IssuerProfiles.sequenceOms(issuer(profile), audience);
            case SEQUENCE_WAAS:
                return IssuerProfiles.sequenceWaas(audience).withJwksUri(jwks);
            case NOPWD:
                return IssuerProfiles.nopwd(audience).withJwksUri(jwks);
            case PRIVY:
                return IssuerProfiles.privy(audience).withJwksUri(jwks);
            case DYNAMIC:
                return IssuerProfiles.dynamic(DYNAMIC_ENVIRONMENT_ID, audience).withJwksUri(jwks);
            case PARA:
                return IssuerProfiles.para(audience).withJwksUri(jwks);
            case OIDC:
            default:
                return IssuerProfiles.oidc(issuer(profile)).withAudience(audience).withAlgorithms(oidcAlgorithm);
        }
    }

    /**
     * Rotates a profile's signing key: a new key signs from now on and is published first; the old one stays in the
     * JWKS until {@link #retireOldKeys}.
     *
     * @return the new key's {@code kid}
     * @param profile a name of {@link #PROFILES}
     */
    public String rotateKeys(String profile) {
        return keyRing(ProviderShape.of(profile)).rotate();
    }

    /**
     * Stops publishing a profile's keys other than the current one.
     *
     * @param profile a name of {@link #PROFILES}
     */
    public void retireOldKeys(String profile) {
        keyRing(ProviderShape.of(profile)).retireOld();
    }

    /**
     * The {@code kid}s a profile's JWKS publishes now, the current (signing) key first.
     *
     * @param profile a name of {@link #PROFILES}
     * @return the key ids
     */
    public List<String> keyIds(String profile) {
        return keyRing(ProviderShape.of(profile)).kids();
    }

    /**
     * How many times a profile's JWKS was requested (at any of its paths) since start or {@link #resetHits()}.
     *
     * @param profile a name of {@link #PROFILES}
     * @return the number of requests
     */
    public long jwksHits(String profile) {
        return http.jwksHits(ProviderShape.of(profile));
    }

    /** Sets every hit counter to zero. */
    public void resetHits() {
        http.resetHits();
    }

    /**
     * What a developer needs to use this issuer with a profile, a few lines to print on start: a warning that it
     * is for development only, the profile's {@code iss}, JWKS and audience, how to mint a token over HTTP, and
     * how to point {@code walletgate verify} at it.
     *
     * @param profile a name of {@link #PROFILES}
     * @return the text, several lines
     */
    public String usage(String profile) {
        return DevIssuerUsage.text(this, ProviderShape.of(profile));
    }

    /** Stops the server at once. Minted tokens and profiles stay usable as values. Idempotent. */
    @Override
    public void close() {
        http.stop();
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return http.isStopped();
    }

    KeyRing keyRing(ProviderShape shape) {
        return rings.computeIfAbsent(shape, s -> new KeyRing(s.algorithm() != null ? s.algorithm() : oidcAlgorithm));
    }

    @Override
    public String toString() {
        return "DevIssuer[" + baseUri() + (isClosed() ? ", closed" : "") + "]";
    }

    /** Configures a {@link DevIssuer}; every setter validates at once. */
    public static final class Builder {
        private int port;
        private Clock clock = Clock.systemUTC();
        private String audience = DEFAULT_AUDIENCE;
        private String oidcAlgorithm = SigningKey.EDDSA;
        private String defaultProfile = IssuerProfiles.WEB3AUTH;

        private Builder() {
        }

        /**
         * The port on 127.0.0.1; 0 (the default) picks a free one.
         *
         * @param port the port, 0 for any free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The clock that dates tokens ({@code iat}, {@code exp}). Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The default audience. Default: {@value DevIssuer#DEFAULT_AUDIENCE}.
         *
         * @param audience the audience
         * @return this builder
         */
        public Builder audience(String audience) {
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("audience must not be empty");
            }
            this.audience = audience;
            return this;
        }

        /**
         * The OIDC profile's signing algorithm: {@code EdDSA} (default) or {@code ES256}.
         *
         * @param algorithm {@code EdDSA} or {@code ES256}
         * @return this builder
         */
        public Builder oidcAlgorithm(String algorithm) {
            if (!SigningKey.EDDSA.equals(algorithm) && !SigningKey.ES256.equals(algorithm)) {
                throw new IllegalArgumentException("oidcAlgorithm must be EdDSA or ES256: " + algorithm);
            }
            this.oidcAlgorithm = algorithm;
            return this;
        }

        /**
         * The profile {@code POST /token} mints when a request names none. Default: {@code web3auth}.
         *
         * @param profile a name of {@link #PROFILES}
         * @return this builder
         */
        public Builder defaultProfile(String profile) {
            this.defaultProfile = ProviderShape.of(profile).profile();
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running issuer; close it to stop it
         * @throws IllegalStateException if the port cannot be bound
         */
        public DevIssuer start() {
            return new DevIssuer(this);
        }
    }
}
