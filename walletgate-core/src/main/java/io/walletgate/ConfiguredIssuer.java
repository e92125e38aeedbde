package io.walletgate;

import io.walletgate.internal.claims.Claims;
import io.walletgate.internal.claims.ClaimsValidator;
import io.walletgate.internal.crypto.CryptoProviders;
import io.walletgate.internal.crypto.JwsAlgorithm;
import io.walletgate.internal.crypto.SignatureVerifier;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.internal.keys.CachingKeySource;
import io.walletgate.internal.wallet.WalletMatcher;
import io.walletgate.internal.wallet.WalletRule;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.RemoteKeyOptions;
import io.walletgate.keys.RemoteKeySource;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One issuer as the verifier runs it: its key source, a signature verifier per allowed algorithm, and the claim
 * and wallet rules of its profile, turning verified claims into a {@link VerifiedIdentity}.
 */
final class ConfiguredIssuer {
    private final IssuerProfile profile;
    private final IssuerProfile.Spec spec;
    private final KeySource keySource;
    private final RemoteKeySource ownSource; // made here from the profile's URL, so closed here; null otherwise
    private final Map<JwsAlgorithm, SignatureVerifier> verifiers;
    private final Set<String> audiences;
    private final Duration maxTokenAge;

    ConfiguredIssuer(IssuerProfile profile, Provider provider, Duration defaultMaxTokenAge,
                     RemoteKeyOptions keyOptions, Clock clock) {
        profile.validate();
        this.profile = profile;
        this.spec = profile.spec();
        this.ownSource = spec.keySource != null ? null : remoteSource(spec, keyOptions, clock);
        this.keySource = spec.keySource != null ? spec.keySource : ownSource;
        Map<JwsAlgorithm, SignatureVerifier> map = new EnumMap<>(JwsAlgorithm.class);
        for (String name : spec.algorithms) {
            JwsAlgorithm alg = JwsAlgorithm.parseConfigured(name);
            map.put(alg, new SignatureVerifier(alg, provider != null ? provider : CryptoProviders.forAlgorithm(alg)));
        }
        this.verifiers = map;
        this.audiences = Set.copyOf(spec.audiences);
        this.maxTokenAge = spec.maxTokenAge != null ? spec.maxTokenAge : defaultMaxTokenAge;
    }

    // Keys from the profile's URL, or by OIDC discovery when a generic issuer names none.
    private static RemoteKeySource remoteSource(IssuerProfile.Spec spec, RemoteKeyOptions options, Clock clock) {
        try {
            return CachingKeySource.create(spec.name, spec.jwksUri, spec.issuers.get(0), options, clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("issuer '" + spec.name + "' (" + spec.profile + "): "
                    + e.getMessage(), e);
        }
    }

    /** Stops the background work of a key source this issuer created (not of one the user gave). */
    void close() {
        if (ownSource != null) {
            ownSource.close();
        }
    }

    IssuerProfile profile() {
        return profile;
    }

    KeySource keySource() {
        return keySource;
    }

    /**
     * The verifier of the token's algorithm.
     *
     * @throws WalletVerificationException {@code alg_not_allowed} when this issuer does not allow it
     */
    SignatureVerifier verifierFor(String alg) {
        JwsAlgorithm a = JwsAlgorithm.fromJoseName(alg);
        SignatureVerifier v = a == null ? null : verifiers.get(a);
        if (v == null) {
            throw new WalletVerificationException(ErrorCode.ALG_NOT_ALLOWED, "algorithm '"
                    + CompactJws.printable(alg)
                    + "' is not allowed for issuer '" + spec.name + "' (allowed: "
                    + String.join(", ", spec.algorithms) + ")");
        }
        return v;
    }

    /**
     * Checks the claims of a token whose signature verified, except the wallet proof: the result is cacheable.
     *
     * @throws WalletVerificationException for any claim failure
     */
    VerifiedToken accept(Map<String, Object> claims, String iss, String kid, ClaimsValidator validator) {
        ClaimsValidator.NumericTimes times = ClaimsValidator.read(claims);
        validator.check(times, maxTokenAge);
        List<String> audience = ClaimsValidator.checkAudience(claims, audiences);
        checkRequired(claims);
        WalletMatcher.Parsed wallets = WalletMatcher.read(spec.walletRule, claims, spec.walletAddressClaim);
        String subject = Claims.firstString(claims, spec.subjectClaims);
        if (subject == null && spec.walletRule != WalletRule.ADDRESS_LIST) {
            throw noSubject(claims);
        }
        return new VerifiedToken(this, iss, kid, claims, audience, times, Instant.ofEpochMilli(times.exp()),
                times.iat() == null ? null : Instant.ofEpochMilli(times.iat()), wallets, subject,
                Claims.firstString(claims, spec.emailClaims), Claims.firstString(claims, spec.nameClaims),
                Claims.firstString(claims, spec.connectionClaims), Claims.firstString(claims, spec.groupClaims));
    }

    /**
     * Checks the time claims (again, for a cached token) and the wallet proof, and builds the identity.
     *
     * @throws WalletVerificationException {@code token_expired}, {@code token_not_yet_valid}, {@code token_too_old},
     *     {@code wallet_proof_invalid}, {@code wallet_mismatch}, {@code claim_missing}
     */
    VerifiedIdentity identify(VerifiedToken t, WalletProof proof, ClaimsValidator validator, boolean checkTimes) {
        if (checkTimes) {
            validator.check(t.times(), maxTokenAge);
        }
        WalletProof.Kind kind = proof.kind();
        if (kind == WalletProof.Kind.NONE && spec.requireWalletProof) {
            throw new WalletVerificationException(ErrorCode.WALLET_PROOF_INVALID,
                    "issuer '" + spec.name + "' requires a wallet public key or address");
        }
        WalletMatcher.Result wallets = WalletMatcher.match(t.wallets(), kind, proof.bytes(), proof.uncompressed());
        String subject = t.subject() != null ? t.subject() : walletSubject(t, wallets);
        return new VerifiedIdentity(spec.name, spec.profile, t.iss(), subject, t.audience(), t.expiresAt(),
                t.issuedAt(), t.kid(), wallets.proven(), wallets.wallets(), t.email(), t.name(), t.connection(),
                t.group(), t.claims());
    }

    private void checkRequired(Map<String, Object> claims) {
        for (String name : spec.requiredClaims) {
            if (Claims.at(claims, name) == null) {
                throw Claims.missing(name);
            }
        }
        for (Map.Entry<String, String> e : spec.requiredValues.entrySet()) {
            Object v = Claims.at(claims, e.getKey());
            if (v == null) {
                throw Claims.missing(e.getKey());
            }
            if (!e.getValue().equals(v)) {
                throw Claims.invalid(e.getKey(), "must be '" + e.getValue() + "'");
            }
        }
    }

    // External-wallet tokens may carry no user id: the wallet is the user.
    private String walletSubject(VerifiedToken t, WalletMatcher.Result wallets) {
        if (wallets.proven() != null && wallets.proven().address() != null) {
            return wallets.proven().address();
        }
        if (wallets.wallets().size() == 1 && wallets.wallets().get(0).address() != null) {
            return wallets.wallets().get(0).address();
        }
        throw noSubject(t.claims());
    }

    private WalletVerificationException noSubject(Map<String, Object> claims) {
        for (String path : spec.subjectClaims) {
            if (Claims.at(claims, path) != null) {
                return Claims.invalid(path, "is empty");
            }
        }
        return Claims.missing(String.join("' or '", spec.subjectClaims));
    }
}
