package io.walletgate;

import io.walletgate.internal.crypto.JwsAlgorithm;
import io.walletgate.internal.keys.JwksFetcher;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySources;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One issuer the verifier trusts: which {@code iss} values, algorithms and audiences it accepts, where its keys
 * come from, how its claims name the user and the wallet. Immutable; each {@code with…} method returns a changed
 * copy and validates its argument at once. Start from {@link IssuerProfiles}.
 *
 * <pre>{@code
 * IssuerProfile web3auth = IssuerProfiles.web3auth("BFL8Z_Awr3p…")
 *     .withPublicKeyPem(dashboardVerificationKey)   // instead of the JWKS URL
 *     .requireWalletProof(true);
 * }</pre>
 */
public final class IssuerProfile {
    private final Spec spec;

    private IssuerProfile(Spec spec) {
        this.spec = spec;
    }

    // All fields of a profile; copied on every change so that IssuerProfile stays immutable.
    static final class Spec implements Cloneable {
        String profile;
        String name;
        List<String> issuers = List.of();
        List<String> algorithms = List.of();
        List<String> audiences = List.of();
        URI jwksUri;
        List<String> jwksHosts = List.of();
        KeySource keySource;
        String keySourceOrigin;
        List<String> requiredClaims = List.of();
        Map<String, String> requiredValues = Map.of();
        List<String> subjectClaims = List.of("sub");
        List<String> emailClaims = List.of("email");
        List<String> nameClaims = List.of("name");
        List<String> connectionClaims = List.of();
        List<String> groupClaims = List.of();
        WalletRule walletRule = WalletRule.NONE;
        String walletAddressClaim;
        boolean requireWalletProof;
        Duration maxTokenAge;
        boolean withoutIss;       // routes tokens that carry no iss (Para): at most one such issuer per verifier
        boolean requireTypJwt;    // header typ must be JWT (Privy's SDK requires it)
        String requiredScope;     // a scope the token must hold (Dynamic: user:basic)
        String refusedScope;      // a scope that refuses the token (Dynamic: requiresAdditionalAuth)

        @Override
        protected Spec clone() {
            try {
                return (Spec) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static IssuerProfile of(Consumer<Spec> setup) {
        Spec s = new Spec();
        setup.accept(s);
        s.name = s.name == null ? s.profile : s.name;
        return new IssuerProfile(s);
    }

    private IssuerProfile with(Consumer<Spec> change) {
        Spec s = spec.clone();
        change.accept(s);
        return new IssuerProfile(s);
    }

    /**
     * A copy with another name (default: the profile name); names must be unique within a verifier.
     *
     * @param name the issuer's name, unique within a verifier
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withName(String name) {
        requireText(name, "name");
        return with(s -> s.name = name);
    }

    /**
     * A copy accepting these audiences (the token's {@code aud} must contain one of them).
     *
     * @param audiences the accepted audiences, at least one
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withAudience(String... audiences) {
        List<String> list = texts(audiences, "audience");
        return with(s -> s.audiences = list);
    }

    /**
     * A copy allowing these algorithms: {@code ES256}, {@code ES384}, {@code RS256}, {@code PS256}, {@code EdDSA}.
     *
     * @param algorithms the JOSE names of the allowed algorithms
     * @return a new profile; this one is unchanged
     * @throws IllegalArgumentException naming this issuer and the value, for any other name ({@code none} and HMAC
     *     are never allowed)
     */
    public IssuerProfile withAlgorithms(String... algorithms) {
        List<String> list = texts(algorithms, "algorithms");
        if (isDidToken()) {
            throw new IllegalArgumentException("magic DID tokens are signed with personal_sign (secp256k1): no"
                    + " algorithms to choose");
        }
        for (String name : list) {
            try {
                JwsAlgorithm.parseConfigured(name);
            } catch (IllegalArgumentException e) {
                // docs/architecture.md §9: a configuration error names the entry as well as the field and value.
                throw new IllegalArgumentException("issuer '" + spec.name + "' (" + spec.profile + "): "
                        + e.getMessage(), e);
            }
        }
        return with(s -> s.algorithms = list);
    }

    /**
     * A copy fetching keys from this JWKS URL (HTTPS; plain HTTP only on a loopback host).
     *
     * @param jwksUri the URL of the issuer's JWKS
     * @return a new profile; this one is unchanged
     * @throws IllegalArgumentException if the URL is not acceptable
     */
    public IssuerProfile withJwksUri(URI jwksUri) {
        refuseKeysForMagic("jwksUri");
        JwksFetcher.checkUri(jwksUri);
        return with(s -> {
            s.jwksUri = jwksUri;
            s.keySource = null;
            s.keySourceOrigin = null;
        });
    }

    private void refuseKeysForMagic(String setting) {
        if (isDidToken()) {
            throw new IllegalArgumentException(setting + " does not apply to the magic profile: a DID token carries"
                    + " its signer, recovered from its signature; there are no issuer keys");
        }
    }

    /**
     * A copy whose key URL, when found by OIDC discovery, may also be on these hosts; by default it must be on the
     * issuer's own host (Google's {@code accounts.google.com}, for one, publishes its keys on
     * {@code www.googleapis.com}). Host names only, compared case-insensitively; a loopback key URL stays allowed for
     * a loopback issuer only.
     *
     * @param hosts host names, without scheme, port or path
     * @return a new profile; this one is unchanged
     * @throws IllegalArgumentException if a value is empty or is not a bare host name
     */
    public IssuerProfile withJwksHosts(String... hosts) {
        List<String> list = texts(hosts, "jwksHosts");
        for (String h : list) {
            if (!h.matches("[A-Za-z0-9.-]+")) {
                throw new IllegalArgumentException("jwksHosts must be host names (no scheme, port or path): " + h);
            }
        }
        return with(s -> s.jwksHosts = list.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * A copy reading its keys once from a local JWKS file (air-gapped deployments, tests).
     *
     * @param file the JWKS file
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withJwksFile(Path file) {
        KeySource source = KeySources.jwksFile(file);
        return withKeySource(source, "jwksFile");
    }

    /**
     * A copy verifying with the keys of this JWKS document.
     *
     * @param json the JWKS document
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withJwks(String json) {
        return withKeySource(KeySources.jwks(json), "jwks");
    }

    /**
     * A copy verifying with one SPKI PEM public key (Web3Auth's dashboard "verification key").
     *
     * @param pem the PEM block, {@code -----BEGIN PUBLIC KEY-----} included
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withPublicKeyPem(String pem) {
        return withKeySource(KeySources.publicKeyPem(pem), "publicKey");
    }

    /**
     * A copy taking keys from {@code source}.
     *
     * @param source the key source; closing it stays the caller's job
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withKeySource(KeySource source) {
        return withKeySource(source, "keySource");
    }

    private IssuerProfile withKeySource(KeySource source, String origin) {
        Objects.requireNonNull(source, "keySource");
        refuseKeysForMagic(origin);
        return with(s -> {
            s.keySource = source;
            s.keySourceOrigin = origin;
        });
    }

    /**
     * A copy that also requires these claims to be present (beyond {@code exp}, {@code aud} and the subject).
     *
     * @param claims the claim paths that must be present
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withRequiredClaims(String... claims) {
        List<String> list = texts(claims, "requiredClaims");
        return with(s -> s.requiredClaims = list);
    }

    /**
     * A copy of a {@code web3auth-external} profile that also accepts these connector names as {@code iss}
     * ({@code metamask}, {@code phantom}, …).
     *
     * @param connectors the connector names to accept as {@code iss}
     * @return a new profile; this one is unchanged
     * @throws IllegalArgumentException for another profile
     */
    public IssuerProfile withConnectors(String... connectors) {
        if (!IssuerProfiles.WEB3AUTH_EXTERNAL.equals(spec.profile)) {
            throw new IllegalArgumentException("connectors apply to the web3auth-external profile only, not "
                    + spec.profile);
        }
        List<String> list = texts(connectors, "connectors");
        List<String> issuers = new ArrayList<>(List.of(IssuerProfiles.WEB3AUTH_EXTERNAL_ISSUER));
        list.forEach(c -> {
            if (!issuers.contains(c)) {
                issuers.add(c);
            }
        });
        return with(s -> s.issuers = List.copyOf(issuers));
    }

    /**
     * A copy reading the subject from this claim path (dotted for nested claims).
     *
     * @param path the claim path of the subject
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withSubjectClaim(String path) {
        requireText(path, "subjectClaim");
        return with(s -> s.subjectClaims = List.of(path));
    }

    /**
     * A copy reading the email from this claim path.
     *
     * @param path the claim path of the email
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withEmailClaim(String path) {
        requireText(path, "emailClaim");
        return with(s -> s.emailClaims = List.of(path));
    }

    /**
     * A copy reading the display name from this claim path.
     *
     * @param path the claim path of the display name
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withNameClaim(String path) {
        requireText(path, "nameClaim");
        return with(s -> s.nameClaims = List.of(path));
    }

    /**
     * A copy reading the user's Ethereum address from this claim path: the token then binds that wallet, and a
     * client's proof must match it.
     *
     * @param path the claim path of the address
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withWalletAddressClaim(String path) {
        requireText(path, "walletAddressClaim");
        return with(s -> {
            s.walletAddressClaim = path;
            s.walletRule = WalletRule.ADDRESS_CLAIM;
        });
    }

    /**
     * A copy that requires (or not) a wallet proof on every verification; without one the token is rejected with
     * {@code wallet_proof_invalid}. Default: false (a proof, when given, is always checked).
     *
     * @param require whether a proof is required
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile requireWalletProof(boolean require) {
        return with(s -> s.requireWalletProof = require);
    }

    /**
     * A copy rejecting tokens issued more than {@code maxAge} ago ({@code token_too_old}); then {@code iat} is
     * required. Overrides the verifier's setting for this issuer.
     *
     * @param maxAge the maximum token age, positive
     * @return a new profile; this one is unchanged
     */
    public IssuerProfile withMaxTokenAge(Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxTokenAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxTokenAge must be positive: " + maxAge);
        }
        return with(s -> s.maxTokenAge = maxAge);
    }

    /** The profile's name: {@code web3auth}, {@code web3auth-legacy}, {@code web3auth-external}, {@code sequence-oms},
     * {@code sequence-waas}, {@code nopwd}, {@code oidc}, {@code privy}, {@code dynamic}, {@code magic} or
     * {@code para} ({@link IssuerProfiles#NAMES}).
     *
     * @return the profile's name
     */
    public String profileName() {
        return spec.profile;
    }

    /** {@return the name of this issuer within a verifier} */
    public String name() {
        return spec.name;
    }

    /**
     * The {@code iss} values this issuer accepts (exact match); a token is routed here by one of them. Empty for
     * {@code para} (its tokens carry no {@code iss}: {@link #acceptsTokensWithoutIssuer()}) and {@code magic} (each
     * token's {@code iss} is its wallet, {@code did:ethr:0x…}; a DID token is routed by its shape).
     *
     * @return the accepted {@code iss} values
     */
    public List<String> acceptedIssuers() {
        return spec.issuers;
    }

    /** {@return the allowed algorithms} */
    public List<String> algorithms() {
        return spec.algorithms;
    }

    /** {@return the accepted audiences} */
    public List<String> audiences() {
        return spec.audiences;
    }

    /** The JWKS URL keys are fetched from when no other key source is set, or null (for a generic OIDC issuer:
     * found by discovery at {@code {iss}/.well-known/openid-configuration}).
     *
     * @return the JWKS URL, or null
     */
    public URI jwksUri() {
        return spec.jwksUri;
    }

    /** {@return the explicit key source, or null when keys come from {@link #jwksUri()}} */
    public KeySource keySource() {
        return spec.keySource;
    }

    /**
     * Claims that must be present beyond the profile's own.
     *
     * @return the required claim paths, possibly empty
     */
    public List<String> requiredClaims() {
        return spec.requiredClaims;
    }

    /** {@return whether every verification needs a wallet proof} */
    public boolean requiresWalletProof() {
        return spec.requireWalletProof;
    }

    /** {@return this issuer's maximum token age, or null for the verifier's} */
    public Duration maxTokenAge() {
        return spec.maxTokenAge;
    }

    Spec spec() {
        return spec;
    }

    /** Whether this issuer's tokens are Magic DID tokens rather than JWS (docs/architecture.md §12). */
    boolean isDidToken() {
        return IssuerProfiles.MAGIC.equals(spec.profile);
    }

    /** {@return whether tokens without {@code iss} are routed to this issuer (Para's carry none)} */
    public boolean acceptsTokensWithoutIssuer() {
        return spec.withoutIss;
    }

    /**
     * Checks that the profile is complete.
     *
     * @throws IllegalArgumentException naming the issuer and the missing field
     */
    void validate() {
        String where = "issuer '" + spec.name + "' (" + spec.profile + "): ";
        if (spec.issuers.isEmpty() && !spec.withoutIss && !isDidToken()) {
            throw new IllegalArgumentException(where + "issuer (iss) is required");
        }
        if (spec.audiences.isEmpty()) {
            throw new IllegalArgumentException(where + "audience is required");
        }
        if (isDidToken()) {
            return; // no algorithms, no keys: the signer is recovered
        }
        if (spec.algorithms.isEmpty()) {
            throw new IllegalArgumentException(where + "algorithms are required");
        }
        if (spec.keySource == null && spec.jwksUri == null && !IssuerProfiles.OIDC.equals(spec.profile)) {
            throw new IllegalArgumentException(where + "a key source is required (jwksUri, jwksFile or publicKey)");
        }
    }

    static Map<String, String> values(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Map.copyOf(m);
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
    }

    private static List<String> texts(String[] values, String field) {
        Objects.requireNonNull(values, field);
        if (values.length == 0) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        List<String> list = new ArrayList<>();
        for (String v : values) {
            requireText(v, field);
            list.add(v);
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "IssuerProfile[" + spec.name + ": " + spec.profile + ", iss=" + spec.issuers + ", aud=" + spec.audiences
                + ", alg=" + spec.algorithms + ", keys=" + (spec.keySource != null ? spec.keySourceOrigin
                : spec.jwksUri) + "]";
    }
}
