package io.walletgate;

import io.walletgate.internal.keys.JwksFetcher;
import java.net.URI;
import java.util.List;

/**
 * The issuer profiles WalletGate knows (docs/architecture.md §3), each with its provider's exact {@code iss},
 * algorithm, key URL, claim names and wallet rule. Every one needs the audience the provider puts in {@code aud}.
 *
 * <pre>{@code
 * WalletVerifier verifier = WalletVerifier.builder()
 *     .issuer(IssuerProfiles.web3auth("BFL8Z_Awr3p…"))
 *     .issuer(IssuerProfiles.sequenceOms("https://oms.example", "my-project"))
 *     .issuer(IssuerProfiles.nopwd("mywebsite.com"))
 *     .build();
 * }</pre>
 */
public final class IssuerProfiles {
    /** Profile name of Web3Auth social / embedded wallets (current). */
    public static final String WEB3AUTH = "web3auth";
    /** Profile name of Web3Auth's legacy openlogin issuer. */
    public static final String WEB3AUTH_LEGACY = "web3auth-legacy";
    /** Profile name of Web3Auth external wallets. */
    public static final String WEB3AUTH_EXTERNAL = "web3auth-external";
    /** Profile name of Sequence OMS wallets. */
    public static final String SEQUENCE_OMS = "sequence-oms";
    /** Profile name of the older Sequence WaaS embedded wallet. */
    public static final String SEQUENCE_WAAS = "sequence-waas";
    /** Profile name of NoPwd. */
    public static final String NOPWD = "nopwd";
    /** Profile name of a generic OpenID Connect issuer. */
    public static final String OIDC = "oidc";
    /** Profile name of Privy. */
    public static final String PRIVY = "privy";
    /** Profile name of Dynamic. */
    public static final String DYNAMIC = "dynamic";
    /** Profile name of Magic (DID tokens). */
    public static final String MAGIC = "magic";
    /** Profile name of Para. */
    public static final String PARA = "para";
    /** All profile names. */
    public static final List<String> NAMES = List.of(WEB3AUTH, WEB3AUTH_LEGACY, WEB3AUTH_EXTERNAL, SEQUENCE_OMS,
            SEQUENCE_WAAS, NOPWD, OIDC, PRIVY, DYNAMIC, MAGIC, PARA);

    static final String WEB3AUTH_EXTERNAL_ISSUER = "https://authjs.web3auth.io";

    private static final List<String> WEB3AUTH_SUBJECT = List.of("userId", "verifierId", "sub");
    private static final List<String> WEB3AUTH_CONNECTION = List.of("authConnectionId", "authConnection", "verifier");
    private static final List<String> WEB3AUTH_GROUP = List.of("groupedAuthConnectionId", "aggregateVerifier");

    private IssuerProfiles() {
    }

    /**
     * Web3Auth social login (current): {@code iss} {@code https://api-auth.web3auth.io}, ES256, keys at
     * {@code https://api-auth.web3auth.io/jwks}. All Web3Auth projects share one signing key, so the audience (your
     * project's client ID) is always checked. The client proves its wallet with its app public key (or the
     * address derived from it), matched against a {@code web3auth_app_key} (legacy {@code web3auth_key}) entry.
     *
     * @param clientId the project's client ID, the token's {@code aud}
     * @return the profile, named {@code web3auth}
     */
    public static IssuerProfile web3auth(String clientId) {
        IssuerProfile.requireText(clientId, "audience (the Web3Auth client ID)");
        return IssuerProfile.of(s -> {
            s.profile = WEB3AUTH;
            s.issuers = List.of("https://api-auth.web3auth.io");
            s.jwksUri = URI.create("https://api-auth.web3auth.io/jwks");
            web3authSocial(s, clientId);
        });
    }

    /**
     * Web3Auth's legacy openlogin issuer: {@code iss} {@code https://api.openlogin.com} with or without a trailing
     * slash, keys at {@code https://api.openlogin.com/jwks}. ES256 (its older document says RS256, its code and
     * real tokens use ES256; allow RS256 with {@link IssuerProfile#withAlgorithms} only if you must).
     *
     * @param clientId the project's client ID
     * @return the profile, named {@code web3auth-legacy}
     */
    public static IssuerProfile web3authLegacy(String clientId) {
        IssuerProfile.requireText(clientId, "audience (the Web3Auth client ID)");
        return IssuerProfile.of(s -> {
            s.profile = WEB3AUTH_LEGACY;
            s.issuers = List.of("https://api.openlogin.com", "https://api.openlogin.com/");
            s.jwksUri = URI.create("https://api.openlogin.com/jwks");
            web3authSocial(s, clientId);
        });
    }

    private static void web3authSocial(IssuerProfile.Spec s, String clientId) {
        s.algorithms = List.of("ES256");
        s.audiences = List.of(clientId);
        s.subjectClaims = WEB3AUTH_SUBJECT;
        s.connectionClaims = WEB3AUTH_CONNECTION;
        s.groupClaims = WEB3AUTH_GROUP;
        s.walletRule = WalletRule.APP_KEY;
    }

    /**
     * Web3Auth external wallets (MetaMask, Phantom, …): {@code iss} {@code https://authjs.web3auth.io} (add connector
     * names with {@link IssuerProfile#withConnectors}), ES256, keys at {@code https://authjs.web3auth.io/jwks} (not
     * the social key). The client proves with its address, matched against an {@code ethereum} or {@code solana}
     * entry of {@code wallets[]}.
     *
     * @param audience the client ID or the site's hostname, as the project puts in {@code aud}
     * @return the profile, named {@code web3auth-external}
     */
    public static IssuerProfile web3authExternal(String audience) {
        IssuerProfile.requireText(audience, "audience");
        return IssuerProfile.of(s -> {
            s.profile = WEB3AUTH_EXTERNAL;
            s.issuers = List.of(WEB3AUTH_EXTERNAL_ISSUER);
            s.jwksUri = URI.create("https://authjs.web3auth.io/jwks");
            s.algorithms = List.of("ES256");
            s.audiences = List.of(audience);
            s.subjectClaims = WEB3AUTH_SUBJECT;
            s.connectionClaims = WEB3AUTH_CONNECTION;
            s.groupClaims = WEB3AUTH_GROUP;
            s.walletRule = WalletRule.ADDRESS_LIST;
        });
    }

    /**
     * Sequence OMS wallets: {@code iss} exactly {@code OMS_TOKEN_ISSUER}, ES256, keys at
     * {@code {OMS_TOKEN_ISSUER}/.well-known/jwks.json} (the document's template, which keeps a path in the issuer URL;
     * its sample code's {@code new URL('/.well-known/jwks.json', issuer)} drops it: override with
     * {@link IssuerProfile#withJwksUri} if your issuer needs that). Requires a non-empty {@code sub} (the wallet
     * id), {@code wallet_type} = {@code ethereum} and an Ethereum {@code wallet_address}, which the token binds.
     *
     * @param issuer {@code OMS_TOKEN_ISSUER} (HTTPS, or HTTP on a loopback host)
     * @param projectId {@code OMS_PROJECT_ID}, the audience
     * @return the profile, named {@code sequence-oms}
     */
    public static IssuerProfile sequenceOms(String issuer, String projectId) {
        IssuerProfile.requireText(issuer, "issuer (OMS_TOKEN_ISSUER)");
        IssuerProfile.requireText(projectId, "audience (OMS_PROJECT_ID)");
        URI jwks = omsJwksUri(issuer);
        return IssuerProfile.of(s -> {
            s.profile = SEQUENCE_OMS;
            s.issuers = List.of(issuer);
            s.jwksUri = jwks;
            s.algorithms = List.of("ES256");
            s.audiences = List.of(projectId);
            s.requiredValues = IssuerProfile.values("wallet_type", "ethereum");
            s.walletRule = WalletRule.ADDRESS_CLAIM;
            s.walletAddressClaim = "wallet_address";
        });
    }

    static URI omsJwksUri(String issuer) {
        try {
            return JwksFetcher.below(issuer, "/.well-known/jwks.json");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("issuer (OMS_TOKEN_ISSUER) must be an https URL (http only on"
                    + " loopback), since keys are fetched below it: " + issuer);
        }
    }

    /**
     * Sequence WaaS (the older embedded wallet): {@code iss} {@code https://waas.sequence.app}, RS256, keys at
     * {@code https://waas.sequence.app/.well-known/jwks.json}; {@code sub} is the wallet address, which the token
     * binds.
     *
     * @param audience the project audience; Sequence's code uses {@code https://sequence.build/project/{id}}, its
     *     docs {@code https://api.sequence.build/project/{id}}: give both with {@link IssuerProfile#withAudience}
     *     if unsure
     * @return the profile, named {@code sequence-waas}
     */
    public static IssuerProfile sequenceWaas(String audience) {
        IssuerProfile.requireText(audience, "audience");
        return IssuerProfile.of(s -> {
            s.profile = SEQUENCE_WAAS;
            s.issuers = List.of("https://waas.sequence.app");
            s.jwksUri = URI.create("https://waas.sequence.app/.well-known/jwks.json");
            s.algorithms = List.of("RS256");
            s.audiences = List.of(audience);
            s.walletRule = WalletRule.ADDRESS_CLAIM;
            s.walletAddressClaim = "sub";
        });
    }

    /**
     * NoPwd: {@code iss} {@code nopwd.io}, ES256, keys at {@code https://api.nopwd.io/v0/jwks} (NoPwd's API
     * reference; they rotate, a revoked key disappears, and the JWKs carry no {@code alg}/{@code use}); {@code sub}
     * is the user's email. Its tokens name no wallet.
     *
     * @param domain the site's bare domain, the token's {@code aud}
     * @return the profile, named {@code nopwd}
     */
    public static IssuerProfile nopwd(String domain) {
        IssuerProfile.requireText(domain, "audience (the site's domain)");
        return IssuerProfile.of(s -> {
            s.profile = NOPWD;
            s.issuers = List.of("nopwd.io");
            s.jwksUri = URI.create("https://api.nopwd.io/v0/jwks");
            s.algorithms = List.of("ES256");
            s.audiences = List.of(domain);
            s.emailClaims = List.of("email", "sub");
        });
    }

    /**
     * A generic OpenID Connect issuer: give its audience with {@link IssuerProfile#withAudience}, its algorithms
     * with {@link IssuerProfile#withAlgorithms} and its keys with {@link IssuerProfile#withJwksUri} (or a file or
     * PEM). The subject is {@code sub} unless {@link IssuerProfile#withSubjectClaim} says otherwise.
     *
     * @param issuer the exact {@code iss}
     * @return the profile, named {@code oidc}
     */
    public static IssuerProfile oidc(String issuer) {
        IssuerProfile.requireText(issuer, "issuer");
        return IssuerProfile.of(s -> {
            s.profile = OIDC;
            s.issuers = List.of(issuer);
        });
    }

    /**
     * Privy: {@code iss} {@code privy.io}, ES256, header {@code typ} {@code JWT} (Privy's SDK requires it), keys at
     * {@code https://auth.privy.io/api/v1/apps/{appId}/jwks.json} (or the dashboard's verification key with
     * {@link IssuerProfile#withPublicKeyPem}). The subject is {@code sub} ({@code did:privy:…}); access tokens carry
     * the session id {@code sid}; identity tokens list {@code linked_accounts} (a JSON string, or an array), whose
     * {@code wallet} and {@code smart_wallet} entries are the wallets a client's address must be one of, and whose
     * {@code email} entry is the email.
     *
     * @param appId the Privy app ID, the token's {@code aud}
     * @return the profile
     */
    public static IssuerProfile privy(String appId) {
        IssuerProfile.requireText(appId, "audience (the Privy app ID)");
        return IssuerProfile.of(s -> ProviderProfiles.privy(s, appId));
    }

    /**
     * Dynamic: {@code iss} {@code app.dynamicauth.com/{environmentId}} or, as Dynamic's documents write it,
     * {@code app.dynamic.xyz/{environmentId}}; RS256; keys at
     * {@code https://app.dynamicauth.com/api/v0/sdk/{environmentId}/.well-known/jwks}. {@code scope} must hold
     * {@code user:basic} and not {@code requiresAdditionalAuth} (a sign-in still waiting for MFA):
     * {@code claim_invalid} otherwise. The wallets are {@code verified_credentials} entries of format
     * {@code blockchain} (chain {@code eip155} or {@code solana}): the ID token's; the access token has none, so a
     * wallet proof against it is {@code claim_missing}.
     *
     * @param environmentId the Dynamic environment ID
     * @param origin the site's origin, the token's {@code aud} ({@code https://app.example})
     * @return the profile
     */
    public static IssuerProfile dynamic(String environmentId, String origin) {
        IssuerProfile.requireText(environmentId, "environmentId (the Dynamic environment ID)");
        IssuerProfile.requireText(origin, "audience (the site's origin)");
        return IssuerProfile.of(s -> ProviderProfiles.dynamic(s, environmentId, origin));
    }

    /**
     * Magic: the DID token, not a JWT (base64 of {@code [proof, claim]}, the proof an EIP-191 {@code personal_sign}
     * of the claim). No keys: the signer is recovered (secp256k1) and must be the address in {@code iss}
     * ({@code did:ethr:0x…}), which is the token's wallet. {@code ext} is the expiry, {@code nbf} has Magic's
     * 300 s grace. A verifier has at most one magic issuer; DID tokens are routed to it by their shape.
     *
     * @param clientId the Magic client ID, the token's {@code aud}
     * @return the profile
     */
    public static IssuerProfile magic(String clientId) {
        IssuerProfile.requireText(clientId, "audience (the Magic client ID)");
        return IssuerProfile.of(s -> ProviderProfiles.magic(s, clientId));
    }

    /**
     * {@link #para(String, String)} in Para's production environment.
     *
     * @param apiKeyId the ID of the Para API key, the token's {@code aud}
     * @return the profile
     */
    public static IssuerProfile para(String apiKeyId) {
        return para(apiKeyId, "production");
    }

    /**
     * Para: tokens carry no {@code iss}, so a verifier routes every token without one to its (single) para issuer;
     * ES256 or RS256, each only with a key of its type; keys at
     * {@code https://api.getpara.com/.well-known/jwks.json} (production), {@code api.beta.getpara.com} (beta) or
     * {@code api.sandbox.getpara.com} (sandbox). The subject is {@code sub} (or {@code data.userId}), the email
     * {@code data.email}; the wallets are {@code data.wallets} and {@code data.connectedWallets} ({@code EVM} or
     * {@code SOLANA}); an EVM wallet's {@code publicKey}, when given, must be its address's key.
     *
     * @param apiKeyId the ID of the Para API key, the token's {@code aud}
     * @param environment {@code production}, {@code beta} or {@code sandbox}
     * @return the profile
     */
    public static IssuerProfile para(String apiKeyId, String environment) {
        IssuerProfile.requireText(apiKeyId, "audience (the Para API key ID)");
        return IssuerProfile.of(s -> ProviderProfiles.para(s, apiKeyId, environment));
    }
}
