package io.walletgate.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Describes one token for the dev issuer to mint, shaped like its provider's (docs/architecture.md §3). Immutable: each
 * method returns a changed copy, so a base description can be shared and varied. Explicit {@link #claim} and
 * {@link #header} overrides apply last, after the defaults and any deliberate defect.
 *
 * <pre>{@code
 * MintedToken ok = issuer.web3auth().audience("client-id").wallets(2).claim("email", "a@b.c").mint();
 * MintedToken late = issuer.web3auth().audience("client-id").expired().mint();   // token_expired
 * }</pre>
 */
public final class TokenBuilder {
    /** The deliberate defects of negative tests. */
    enum Defect { EXPIRED, WRONG_AUDIENCE, TAMPERED_SIGNATURE, ALG_NONE, DER_SIGNATURE, UNKNOWN_KID, OTHER_KEY }

    /** Marks a claim or header member to remove. */
    static final Object REMOVE = new Object();

    final DevIssuer issuer;
    final ProviderShape shape;
    List<String> audiences;
    String subject;
    int walletCount = 1;
    String curve = WalletKeyPairs.SECP256K1;
    String chain = "ethereum";
    DevWallet embedded;
    Boolean legacyNames;
    Instant issuedAt;
    Instant expiresAt;
    Instant notBefore;
    Duration lifetime;
    boolean accessToken;
    boolean requiresAdditionalAuth;
    boolean documentedIssuer;
    boolean linkedAccountsArray;
    String attachment = "none";
    Map<String, Object> claims = new LinkedHashMap<>();
    Map<String, Object> headers = new LinkedHashMap<>();
    Set<Defect> defects = EnumSet.noneOf(Defect.class);

    TokenBuilder(DevIssuer issuer, ProviderShape shape) {
        this.issuer = issuer;
        this.shape = shape;
    }

    private TokenBuilder copy() {
        TokenBuilder b = new TokenBuilder(issuer, shape);
        b.audiences = audiences;
        b.subject = subject;
        b.walletCount = walletCount;
        b.curve = curve;
        b.chain = chain;
        b.embedded = embedded;
        b.legacyNames = legacyNames;
        b.issuedAt = issuedAt;
        b.expiresAt = expiresAt;
        b.notBefore = notBefore;
        b.lifetime = lifetime;
        b.accessToken = accessToken;
        b.requiresAdditionalAuth = requiresAdditionalAuth;
        b.documentedIssuer = documentedIssuer;
        b.linkedAccountsArray = linkedAccountsArray;
        b.attachment = attachment;
        b.claims = new LinkedHashMap<>(claims);
        b.headers = new LinkedHashMap<>(headers);
        b.defects = EnumSet.copyOf(defects);
        return b;
    }

    /** {@return the profile whose shape this token has} */
    public String profile() {
        return shape.profile();
    }

    /**
     * The {@code aud}: one value is a string, several an array. Default: the issuer's audience.
     *
     * @param audience the audience values
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder audience(String... audience) {
        Objects.requireNonNull(audience, "audience");
        if (audience.length == 0 || List.of(audience).stream().anyMatch(a -> a == null || a.isBlank())) {
            throw new IllegalArgumentException("audience must be one or more non-empty values");
        }
        TokenBuilder b = copy();
        b.audiences = List.of(audience);
        return b;
    }

    /**
     * The user id, in the profile's claim: Web3Auth {@code userId} ({@code verifierId} with legacy names), else
     * {@code sub}. Default: {@code alice@example.com}; a random wallet id for Sequence OMS; the wallet address for
     * Sequence WaaS.
     *
     * @param subject the user id
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder subject(String subject) {
        requireText(subject, "subject");
        TokenBuilder b = copy();
        b.subject = subject;
        return b;
    }

    /**
     * How many {@code wallets[]} entries a Web3Auth social token carries: 1 (the app key), 2 (app keys on both
     * curves, ed25519 first) or 4 (app and threshold keys on both curves, a threshold key first). Default: 1.
     *
     * @param count 1, 2 or 4
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder wallets(int count) {
        requireSocial("wallets");
        if (count != 1 && count != 2 && count != 4) {
            throw new IllegalArgumentException("wallets must be 1, 2 or 4: " + count);
        }
        TokenBuilder b = copy();
        b.walletCount = count;
        return b;
    }

    /**
     * The curve of the app key the frontend holds: {@code secp256k1} (default) or {@code ed25519}.
     *
     * @param curve {@code secp256k1} or {@code ed25519}
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder curve(String curve) {
        requireSocial("curve");
        if (!WalletKeyPairs.SECP256K1.equals(curve) && !WalletKeyPairs.ED25519.equals(curve)) {
            throw new IllegalArgumentException("curve must be secp256k1 or ed25519: " + curve);
        }
        TokenBuilder b = copy();
        b.curve = curve;
        return b;
    }

    /** Web3Auth's older claim names: {@code verifierId}, {@code verifier}, {@code aggregateVerifier}, wallet type
     * {@code web3auth_key}. The default of {@code web3auth-legacy}.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder legacyClaimNames() {
        requireSocial("legacyClaimNames");
        TokenBuilder b = copy();
        b.legacyNames = true;
        return b;
    }

    /** Web3Auth's current claim names: {@code userId}, {@code authConnection}, {@code authConnectionId},
     * {@code groupedAuthConnectionId}, wallet type {@code web3auth_app_key}. The default of {@code web3auth}.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder currentClaimNames() {
        requireSocial("currentClaimNames");
        TokenBuilder b = copy();
        b.legacyNames = false;
        return b;
    }

    /** {@return an external-wallet token for an Ethereum wallet (the default)} */
    public TokenBuilder ethereum() {
        return chain("ethereum");
    }

    /** {@return an external-wallet token for a Solana wallet} */
    public TokenBuilder solana() {
        return chain("solana");
    }

    private TokenBuilder chain(String chain) {
        if (!shape.solanaWallets()) {
            throw new IllegalStateException(chain + "() applies to web3auth-external, privy, dynamic and para tokens,"
                    + " not " + profile());
        }
        TokenBuilder b = copy();
        b.chain = chain;
        b.embedded = null;
        return b;
    }

    /**
     * Embeds this app public key (the frontend's own wallet) instead of a generated one; its curve follows from
     * its length. Web3Auth social profiles only.
     *
     * @param publicKeyHex the key, hex
     * @return a new builder with this change; this one is unchanged
     * @throws IllegalArgumentException if it is not a secp256k1 or ed25519 public key in hex
     */
    public TokenBuilder appPublicKey(String publicKeyHex) {
        requireSocial("appPublicKey");
        DevWallet wallet = WalletKeyPairs.fromPublicKey(Objects.requireNonNull(publicKeyHex, "appPublicKey"), null);
        TokenBuilder b = copy();
        b.embedded = wallet;
        b.curve = wallet.curve();
        return b;
    }

    /**
     * Embeds this wallet address instead of a generated wallet: an Ethereum or Solana address for Web3Auth
     * external wallets, Privy, Dynamic and Para, an Ethereum address for Sequence OMS ({@code wallet_address}) and
     * WaaS ({@code sub}). Not for Magic, whose wallet must sign the token.
     *
     * @param address the address
     * @return a new builder with this change; this one is unchanged
     * @throws IllegalArgumentException if it is not such an address, or the profile names no address
     */
    public TokenBuilder address(String address) {
        DevWallet wallet = WalletKeyPairs.fromAddress(Objects.requireNonNull(address, "address").strip());
        boolean external = shape.solanaWallets();
        boolean sequence = shape == ProviderShape.SEQUENCE_OMS || shape == ProviderShape.SEQUENCE_WAAS;
        if (!external && !(sequence && "ethereum".equals(wallet.type()))) {
            throw new IllegalArgumentException(profile() + " tokens do not carry " + wallet.type() + " addresses");
        }
        TokenBuilder b = copy();
        b.embedded = wallet;
        b.chain = wallet.type();
        return b;
    }

    /**
     * The provider's access token instead of its identity token: Privy's ({@code sid}, no {@code linked_accounts})
     * or Dynamic's minified one ({@code verifiedCredentialsHashes}, no {@code verified_credentials}). Neither names a
     * wallet.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder accessToken() {
        requireShape("accessToken", ProviderShape.PRIVY, ProviderShape.DYNAMIC);
        TokenBuilder b = copy();
        b.accessToken = true;
        return b;
    }

    /**
     * Privy: {@code linked_accounts} as a JSON array instead of the JSON string Privy writes.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder linkedAccountsAsArray() {
        requireShape("linkedAccountsAsArray", ProviderShape.PRIVY);
        TokenBuilder b = copy();
        b.linkedAccountsArray = true;
        return b;
    }

    /** Dynamic: a sign-in still waiting for its second factor: {@code scope} {@code requiresAdditionalAuth}, without
     * {@code user:basic}.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder requiresAdditionalAuth() {
        requireShape("requiresAdditionalAuth", ProviderShape.DYNAMIC);
        TokenBuilder b = copy();
        b.requiresAdditionalAuth = true;
        return b;
    }

    /** Dynamic: the {@code iss} spelling of Dynamic's documents, {@code app.dynamic.xyz/{environmentId}}, instead of
     * the {@code app.dynamicauth.com/…} of real tokens.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder documentedIssuer() {
        requireShape("documentedIssuer", ProviderShape.DYNAMIC);
        TokenBuilder b = copy();
        b.documentedIssuer = true;
        return b;
    }

    /** Magic: the text whose {@code personal_sign} goes in {@code add} (Magic's client signs {@code "none"} when
     * given nothing, the default).
     *
     * @param attachment the text
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder attachment(String attachment) {
        requireShape("attachment", ProviderShape.MAGIC);
        TokenBuilder b = copy();
        b.attachment = Objects.requireNonNull(attachment, "attachment");
        return b;
    }

    /**
     * Sets a claim (any JSON value: string, number, boolean, list, map, or null for JSON null).
     *
     * @param name the claim's name
     * @param value its value
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder claim(String name, Object value) {
        requireText(name, "claim name");
        TokenBuilder b = copy();
        b.claims.put(name, value);
        return b;
    }

    /**
     * Removes a claim, whether a default or set before.
     *
     * @param name the claim's name
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder withoutClaim(String name) {
        requireText(name, "claim name");
        TokenBuilder b = copy();
        b.claims.put(name, REMOVE);
        return b;
    }

    /** Sets a JOSE header member ({@code alg}, {@code kid}, {@code typ}, {@code jku}, {@code crit}, …). The
     * signature is still made with the issuer's key and its real algorithm.
     *
     * @param name the member's name
     * @param value its value
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder header(String name, Object value) {
        requireText(name, "header name");
        TokenBuilder b = copy();
        b.headers.put(name, value);
        return b;
    }

    /**
     * Removes a header member ({@code kid}, {@code typ}, even {@code alg}).
     *
     * @param name the member's name
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder withoutHeader(String name) {
        requireText(name, "header name");
        TokenBuilder b = copy();
        b.headers.put(name, REMOVE);
        return b;
    }

    /**
     * The {@code iat}. Default: now, by the issuer's clock (whole seconds).
     *
     * @param issuedAt the time
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder issuedAt(Instant issuedAt) {
        TokenBuilder b = copy();
        b.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        return b;
    }

    /**
     * The {@code exp}. Default: {@code iat} + the lifetime.
     *
     * @param expiresAt the time
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder expiresAt(Instant expiresAt) {
        TokenBuilder b = copy();
        b.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        return b;
    }

    /** The time from {@code iat} to {@code exp}. Default: the provider's (Web3Auth 24 h, Sequence OMS 300 s,
     * others 1 h).
     *
     * @param lifetime the lifetime, positive
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder lifetime(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        TokenBuilder b = copy();
        b.lifetime = lifetime;
        return b;
    }

    /**
     * Adds an {@code nbf}. Default: none.
     *
     * @param notBefore the time
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder notBefore(Instant notBefore) {
        TokenBuilder b = copy();
        b.notBefore = Objects.requireNonNull(notBefore, "notBefore");
        return b;
    }

    /**
     * Defect: {@code exp} one hour before now (beyond any clock skew a verifier allows): {@code token_expired}.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder expired() {
        return with(Defect.EXPIRED);
    }

    /**
     * Defect: {@code aud} is {@code wrong-} + the audience: {@code audience_mismatch}.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder wrongAudience() {
        return with(Defect.WRONG_AUDIENCE);
    }

    /** Defect: one bit of the signature flipped (Magic: of the proof's {@code s}, so it recovers another address):
     * {@code signature_invalid}.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder tamperedSignature() {
        return with(Defect.TAMPERED_SIGNATURE);
    }

    /**
     * Defect: header {@code alg: none} and an empty signature: {@code alg_not_allowed}.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder algNone() {
        return jwtDefect(Defect.ALG_NONE);
    }

    /** Defect: the ECDSA signature in DER instead of raw R||S (RFC 7518 §3.4): {@code signature_invalid}. ES256
     * profiles only.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder derSignature() {
        if (!shape.jwt()) {
            return jwtDefect(Defect.DER_SIGNATURE);
        }
        String alg = shape.algorithm() != null ? shape.algorithm() : issuer.oidcAlgorithm();
        if (!SigningKey.ES256.equals(alg)) {
            throw new IllegalStateException("derSignature() needs an ES256 profile; " + profile() + " signs " + alg);
        }
        return with(Defect.DER_SIGNATURE);
    }

    /**
     * Defect: a {@code kid} the issuer never published (signed by the current key): {@code key_not_found}.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder unknownKid() {
        return jwtDefect(Defect.UNKNOWN_KID);
    }

    /** Defect: signed by a fresh key that is not published, under the current key's {@code kid} (Magic: the proof
     * made by another wallet than the one in {@code iss}): {@code signature_invalid}.
     *
     * @return a new builder with this change; this one is unchanged
     */
    public TokenBuilder signedByOtherKey() {
        return with(Defect.OTHER_KEY);
    }

    private TokenBuilder jwtDefect(Defect defect) {
        if (!shape.jwt()) {
            throw new IllegalStateException(defect.name().toLowerCase(java.util.Locale.ROOT)
                    + " applies to JWTs, not to " + profile() + "'s DID token");
        }
        return with(defect);
    }

    private TokenBuilder with(Defect defect) {
        TokenBuilder b = copy();
        b.defects.add(defect);
        return b;
    }

    /**
     * Mints the token with fresh wallet keys, signed by the profile's current key.
     *
     * @return the token, with what a test needs to check it
     * @throws IllegalArgumentException if a claim or header value cannot be written as JSON
     */
    public MintedToken mint() {
        return TokenMinter.mint(copy());
    }

    private void requireShape(String option, ProviderShape... shapes) {
        if (!List.of(shapes).contains(shape)) {
            throw new IllegalStateException(option + "() does not apply to " + profile() + " tokens");
        }
    }

    private void requireSocial(String option) {
        if (!shape.socialWallets()) {
            throw new IllegalStateException(option + "() applies to web3auth and web3auth-legacy tokens, not "
                    + profile());
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    @Override
    public String toString() {
        return "TokenBuilder[" + profile() + ", defects=" + defects + "]";
    }
}
