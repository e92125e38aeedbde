package io.walletgate;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of the embedded-wallet providers beyond the seeds (docs/architecture.md §12), behind the public
 * factories of {@link IssuerProfiles}. Every fact here is sourced, with the provider's document or SDK commit, in
 * {@code docs/providers-sources.md}.
 */
final class ProviderProfiles {
    /** Privy's documented key URL (its SDK fetches the same set at api.privy.io/v1/apps/{id}/jwks.json). */
    static final String PRIVY_JWKS = "https://auth.privy.io/api/v1/apps/%s/jwks.json";
    static final String PRIVY_ISSUER = "privy.io";
    /** Dynamic's environment JWKS (the OpenAPI document also names {@code …/jwks.json}: the same keys). */
    static final String DYNAMIC_JWKS = "https://app.dynamicauth.com/api/v0/sdk/%s/.well-known/jwks";
    /** The two spellings of Dynamic's {@code iss}: real tokens' host, then the documents'. */
    static final List<String> DYNAMIC_HOSTS = List.of("app.dynamicauth.com", "app.dynamic.xyz");
    /** Para's key hosts by environment (the sessions-jwt pages' "JWKS Verification" table). */
    static final Map<String, String> PARA_JWKS = Map.of(
            "production", "https://api.getpara.com/.well-known/jwks.json",
            "beta", "https://api.beta.getpara.com/.well-known/jwks.json",
            "sandbox", "https://api.sandbox.getpara.com/.well-known/jwks.json");
    /** Para's environments, in the documents' order. */
    static final List<String> PARA_ENVIRONMENTS = List.of("production", "beta", "sandbox");

    // A path segment of Dynamic's key URL and iss: its environment ids are UUIDs.
    private static final Pattern DYNAMIC_ENVIRONMENT = Pattern.compile("[A-Za-z0-9-]{1,64}");
    // A path segment of Privy's key URL: its app ids are cuid-like.
    private static final Pattern PRIVY_APP = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ProviderProfiles() {
    }

    static void privy(IssuerProfile.Spec s, String appId) {
        if (!PRIVY_APP.matcher(appId).matches()) {
            throw new IllegalArgumentException("audience (the Privy app ID) must be letters, digits, '-' or '_': "
                    + appId);
        }
        s.profile = IssuerProfiles.PRIVY;
        s.issuers = List.of(PRIVY_ISSUER);
        s.jwksUri = URI.create(String.format(Locale.ROOT, PRIVY_JWKS, appId));
        s.algorithms = List.of("ES256");
        s.audiences = List.of(appId);
        s.requireTypJwt = true;
        s.walletRule = WalletRule.PRIVY_ACCOUNTS;
    }

    static void dynamic(IssuerProfile.Spec s, String environmentId, String origin) {
        if (!DYNAMIC_ENVIRONMENT.matcher(environmentId).matches()) {
            throw new IllegalArgumentException("environmentId must be Dynamic's environment ID (letters, digits and"
                    + " '-'): " + environmentId);
        }
        s.profile = IssuerProfiles.DYNAMIC;
        s.issuers = List.of(DYNAMIC_HOSTS.get(0) + "/" + environmentId, DYNAMIC_HOSTS.get(1) + "/" + environmentId);
        s.jwksUri = URI.create(String.format(Locale.ROOT, DYNAMIC_JWKS, environmentId));
        s.algorithms = List.of("RS256");
        s.audiences = List.of(origin);
        s.requiredScope = "user:basic";
        s.refusedScope = "requiresAdditionalAuth";
        s.walletRule = WalletRule.DYNAMIC_CREDENTIALS;
    }

    static void para(IssuerProfile.Spec s, String apiKeyId, String environment) {
        String host = environment == null ? null : PARA_JWKS.get(environment.strip().toLowerCase(Locale.ROOT));
        if (host == null) {
            throw new IllegalArgumentException("environment must be one of " + String.join(", ", PARA_ENVIRONMENTS)
                    + ": " + environment);
        }
        s.profile = IssuerProfiles.PARA;
        s.withoutIss = true;
        s.jwksUri = URI.create(host);
        s.algorithms = List.of("ES256", "RS256");
        s.audiences = List.of(apiKeyId);
        s.subjectClaims = List.of("sub", "data.userId");
        s.emailClaims = List.of("data.email");
        s.walletRule = WalletRule.PARA_WALLETS;
    }

    static void magic(IssuerProfile.Spec s, String clientId) {
        s.profile = IssuerProfiles.MAGIC;
        s.audiences = List.of(clientId);
        s.emailClaims = List.of();
        s.nameClaims = List.of();
        s.walletRule = WalletRule.SIGNER;
    }
}
