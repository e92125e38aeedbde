package io.walletgate.testkit;

import io.walletgate.IssuerProfiles;
import java.time.Duration;
import java.util.List;

/**
 * What each provider's tokens and keys look like (DESIGN.md §3), as the dev issuer reproduces them: the profile,
 * the {@code iss}, where its JWKS is served on this issuer (the provider's own path, below a prefix where several
 * providers would collide), its signing algorithm and its usual token lifetime.
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
    OIDC(IssuerProfiles.OIDC, null, List.of("/oidc/jwks"), null, Duration.ofHours(1));

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
     * @throws IllegalArgumentException for a name that is none of {@link IssuerProfiles#NAMES}
     */
    static ProviderShape of(String profile) {
        for (ProviderShape s : values()) {
            if (s.profile.equals(profile)) {
                return s;
            }
        }
        throw new IllegalArgumentException("profile must be one of " + IssuerProfiles.NAMES + ": " + profile);
    }

    String profile() {
        return profile;
    }

    /** The {@code iss} of this provider's tokens on a dev issuer at {@code base}. */
    String issuer(String base) {
        if (fixedIssuer != null) {
            return fixedIssuer;
        }
        return base + (this == SEQUENCE_OMS ? "/oms" : "/oidc");
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
