package io.walletgate.testkit;

import io.walletgate.IssuerProfiles;
import java.time.Duration;
import java.util.List;

/**
 * What each provider's tokens and keys look like (docs/architecture.md §3), as the dev issuer reproduces them: the
 * profile, the {@code iss}, where its JWKS is served on this issuer (the provider's own path, below a prefix where
 * several providers would collide), its signing algorithm and its usual token lifetime.
 */
enum ProviderShape {
    WEB3AUTH(IssuerProfiles.WEB3AUTH, "https://api-auth.web3auth.io", List.of("/jwks", "/.well-known/jwks.json"),
            SigningKey.ES256, Duration.ofHours(24)),
    WEB3AUTH_LEGACY(IssuerProfiles.WEB3AUTH_LEGACY, "https://api.openlogin.com", List.of("/openlogin/jwks"),
            SigningKey.ES256, Duration.ofHours(24)),
    WEB3AUTH_EXTERNAL(IssuerProfiles.WEB3AUTH_EXTERNAL, "https://authjs.web3auth.io", List.of("/authjs/jwks"),
            SigningKey.ES256, Duration.ofHours(24)),
    // iss is the dev issuer's own URL + /oms, so that {iss}/.well-known/jwks.json (the profile default) is served here.
    SEQUENCE_OMS(IssuerProfiles.SEQUENCE_OMS, null, List.of("/oms/.well-known/jwks.json"), SigningKey.ES256,
            Duration.ofSeconds(300)),
    SEQUENCE_WAAS(IssuerProfiles.SEQUENCE_WAAS, "https://waas.sequence.app", List.of("/waas/.well-known/jwks.json"),
            SigningKey.RS256, Duration.ofHours(1)),
    NOPWD(IssuerProfiles.NOPWD, "nopwd.io", List.of("/nopwd/v0/jwks"), SigningKey.ES256, Duration.ofHours(1)),
    // iss is the dev issuer's own URL + /oidc; the algorithm is the issuer's choice (EdDSA or ES256).
    OIDC(IssuerProfiles.OIDC, null, List.of("/oidc/jwks"), null, Duration.ofHours(1)),
    // The providers of docs/architecture.md §12 (docs/providers-sources.md). Their core profiles come with issue 18's
    // second phase; the dev issuer mints their shapes already, for frontends, for their own SDKs and for that phase's
    // tests.
    PRIVY(ProviderShape.PRIVY_NAME, "privy.io", List.of("/privy/jwks.json"), SigningKey.ES256,
            Duration.ofHours(1)),
    // iss is app.dynamicauth.com/{environmentId} (app.dynamic.xyz/… in Dynamic's documents); tokens last 2 hours.
    DYNAMIC(ProviderShape.DYNAMIC_NAME, null, List.of("/dynamic/api/v0/sdk/" + DevIssuer.DYNAMIC_ENVIRONMENT_ID
            + "/.well-known/jwks"), SigningKey.RS256,
            Duration.ofHours(2)),
    // Para's tokens carry no iss; they last the session length, 30 minutes by default.
    PARA(ProviderShape.PARA_NAME, null, List.of("/para/.well-known/jwks.json"), SigningKey.ES256,
            Duration.ofMinutes(30)),
    // Magic's DID token is no JWT: its wallet signs it (personal_sign), so nothing is served. 15 minutes, Magic's
    // default lifespan.
    MAGIC(ProviderShape.MAGIC_NAME, null, List.of(), null, Duration.ofMinutes(15));

    static final String PRIVY_NAME = "privy";
    static final String DYNAMIC_NAME = "dynamic";
    static final String PARA_NAME = "para";
    static final String MAGIC_NAME = "magic";
    /** Every profile the dev issuer mints: the core's, then the providers of docs/architecture.md §12. */
    static final List<String> NAMES = names();

    /** Where the OIDC discovery document is served. */
    static final String OIDC_DISCOVERY_PATH = "/oidc/.well-known/openid-configuration";

    private final String profile;
    private final String fixedIssuer;
    private final List<String> jwksPaths;
    private final String algorithm;
    private final Duration lifetime;

    ProviderShape(String profile, String fixedIssuer, List<String> jwksPaths, String algorithm, Duration lifetime) {
        this.profile = profile;
        this.fixedIssuer = fixedIssuer;
        this.jwksPaths = jwksPaths;
        this.algorithm = algorithm;
        this.lifetime = lifetime;
    }

    /**
     * The shape of a profile name.
     *
     * @throws IllegalArgumentException for a name that is none of {@link #NAMES}
     */
    static ProviderShape of(String profile) {
        for (ProviderShape s : values()) {
            if (s.profile.equals(profile)) {
                return s;
            }
        }
        throw new IllegalArgumentException("profile must be one of " + NAMES + ": " + profile);
    }

    private static List<String> names() {
        List<String> names = new java.util.ArrayList<>();
        for (ProviderShape s : values()) {
            names.add(s.profile);
        }
        return List.copyOf(names);
    }

    String profile() {
        return profile;
    }

    /**
     * The {@code iss} of this provider's tokens on a dev issuer at {@code base}: null for Para (its tokens carry
     * none); for Dynamic the current spelling; for Magic the template of its per-wallet issuer.
     */
    String issuer(String base) {
        if (fixedIssuer != null) {
            return fixedIssuer;
        }
        switch (this) {
            case SEQUENCE_OMS:
                return base + "/oms";
            case OIDC:
                return base + "/oidc";
            case DYNAMIC:
                return "app.dynamicauth.com/" + DevIssuer.DYNAMIC_ENVIRONMENT_ID;
            case MAGIC:
                return "did:ethr:<wallet address>";
            default:
                return null;
        }
    }

    /** Whether its tokens are JWTs signed by the issuer's key (all but Magic's DID token). */
    boolean jwt() {
        return this != MAGIC;
    }

    /** Whether the client proves its wallet by its address, which must be one of the token's wallets. */
    boolean addressWallets() {
        return this == WEB3AUTH_EXTERNAL || this == PRIVY || this == DYNAMIC || this == PARA || this == MAGIC;
    }

    /** Whether a token may name a Solana wallet instead of an Ethereum one. */
    boolean solanaWallets() {
        return this == WEB3AUTH_EXTERNAL || this == PRIVY || this == DYNAMIC || this == PARA;
    }

    List<String> jwksPaths() {
        return jwksPaths;
    }

    /** The signing algorithm, or null where the issuer chooses it (OIDC). */
    String algorithm() {
        return algorithm;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** Whether the client proves its wallet with an app public key in {@code wallets[]}. */
    boolean socialWallets() {
        return this == WEB3AUTH || this == WEB3AUTH_LEGACY;
    }

    /** Whether the JWKs carry {@code alg} and {@code use} (NoPwd's carry neither). */
    boolean jwkAlgAndUse() {
        return this != NOPWD;
    }
}
