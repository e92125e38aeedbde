package io.walletgate;

import io.walletgate.internal.claims.Claims;
import io.walletgate.internal.claims.ClaimsValidator;
import io.walletgate.internal.crypto.CryptoProviders;
import io.walletgate.internal.crypto.JwsAlgorithm;
import io.walletgate.internal.crypto.SignatureVerifier;
import io.walletgate.internal.wallet.WalletMatcher;
import io.walletgate.internal.wallet.WalletRule;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySources;
import java.security.Provider;
import java.time.Duration;
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
    private final Map<JwsAlgorithm, SignatureVerifier> verifiers;
    private final Set<String> audiences;
    private final Duration maxTokenAge;

    ConfiguredIssuer(IssuerProfile profile, Provider provider, Duration defaultMaxTokenAge) {
        profile.validate();
        this.profile = profile;
        this.spec = profile.spec();
        this.keySource = spec.keySource != null ? spec.keySource : KeySources.jwksUri(spec.jwksUri);
        Map<JwsAlgorithm, SignatureVerifier> map = new EnumMap<>(JwsAlgorithm.class);
        for (String name : spec.algorithms) {
            JwsAlgorithm alg = JwsAlgorithm.parseConfigured(name);
            map.put(alg, new SignatureVerifier(alg, provider != null ? provider : CryptoProviders.forAlgorithm(alg)));
        }
        this.verifiers = map;
        this.audiences = Set.copyOf(spec.audiences);
        this.maxTokenAge = spec.maxTokenAge != null ? spec.maxTokenAge : defaultMaxTokenAge;
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
            throw new WalletVerificationException(ErrorCode.ALG_NOT_ALLOWED, "algorithm '" + alg
                    + "' is not allowed for issuer '" + spec.name + "' (allowed: "
                    + String.join(", ", spec.algorithms) + ")");
        }
        return v;
    }

    /**
     * Checks the verified claims and builds the identity.
     *
     * @throws WalletVerificationException for any claim or wallet failure
     */
    VerifiedIdentity identify(Map<String, Object> claims, String iss, String kid, WalletProof proof,
                              ClaimsValidator validator) {
        ClaimsValidator.Times times = validator.checkTimes(claims, maxTokenAge);
        List<String> audience = ClaimsValidator.checkAudience(claims, audiences);
        checkRequired(claims);
        WalletProof.Kind kind = proof.kind();
        if (kind == WalletProof.Kind.NONE && spec.requireWalletProof) {
            throw new WalletVerificationException(ErrorCode.WALLET_PROOF_INVALID,
                    "issuer '" + spec.name + "' requires a wallet public key or address");
        }
        WalletMatcher.Result wallets = WalletMatcher.match(spec.walletRule, claims, kind, proof.bytes(),
                spec.walletAddressClaim);
        String subject = subject(claims, wallets);
        return new VerifiedIdentity(spec.name, spec.profile, iss, subject, audience, times.expiresAt(),
                times.issuedAt(), kid, wallets.proven(), wallets.wallets(),
                Claims.firstString(claims, spec.emailClaims), Claims.firstString(claims, spec.nameClaims),
                Claims.firstString(claims, spec.connectionClaims), Claims.firstString(claims, spec.groupClaims),
                claims);
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

    private String subject(Map<String, Object> claims, WalletMatcher.Result wallets) {
        String subject = Claims.firstString(claims, spec.subjectClaims);
        if (subject != null) {
            return subject;
        }
        if (spec.walletRule == WalletRule.ADDRESS_LIST) {
            // External-wallet tokens may carry no user id: the wallet is the user.
            if (wallets.proven() != null && wallets.proven().address() != null) {
                return wallets.proven().address();
            }
            if (wallets.wallets().size() == 1 && wallets.wallets().get(0).address() != null) {
                return wallets.wallets().get(0).address();
            }
        }
        for (String path : spec.subjectClaims) {
            if (Claims.at(claims, path) != null) {
                throw Claims.invalid(path, "is empty");
            }
        }
        throw Claims.missing(String.join("' or '", spec.subjectClaims));
    }
}
