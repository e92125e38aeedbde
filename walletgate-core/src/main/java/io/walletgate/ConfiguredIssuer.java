package io.walletgate;

import io.walletgate.internal.claims.ClaimRules;
import io.walletgate.internal.crypto.AllowedAlgorithms;
import io.walletgate.internal.keys.CachingKeySource;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.RemoteKeyOptions;
import io.walletgate.keys.RemoteKeySource;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One trusted issuer as the verifier runs it: configuration only, the settings of each stage taken from its
 * {@link IssuerProfile} once, at build. No stage calls back into it.
 *
 * @param profile the profile it was built from
 * @param keySource where its keys come from; null for a Magic issuer (its tokens carry their signer)
 * @param ownKeySource the remote source made here from the profile's URL (closed with the verifier), or null when
 *     the keys come from a source the user gave
 * @param algorithms its allowed algorithms, with their signature verifiers
 * @param claimRules what the claims stage requires and reads
 * @param walletRule how its tokens name the user's wallet
 * @param walletAddressClaim for {@link WalletRule#ADDRESS_CLAIM}, the claim that holds the address
 * @param requireTypJwt whether the header's {@code typ} must be {@code JWT} (Privy)
 * @param perUse what every use of one of its verified tokens applies again
 */
record ConfiguredIssuer(IssuerProfile profile, KeySource keySource, RemoteKeySource ownKeySource,
                        AllowedAlgorithms algorithms, ClaimRules claimRules, WalletRule walletRule,
                        String walletAddressClaim, boolean requireTypJwt, PerUseRules perUse) {
    /**
     * The runtime configuration of {@code profile}; makes (and starts) its remote key source when the profile names a
     * URL rather than a source.
     *
     * @throws IllegalArgumentException naming the issuer, for an incomplete profile or an unusable key URL or provider
     */
    static ConfiguredIssuer of(IssuerProfile profile, Provider provider, Duration defaultMaxTokenAge,
                               RemoteKeyOptions keyOptions, Clock clock) {
        profile.validate();
        IssuerProfile.Spec s = profile.spec();
        Duration maxTokenAge = s.maxTokenAge != null ? s.maxTokenAge : defaultMaxTokenAge;
        ClaimRules claims = new ClaimRules(Set.copyOf(s.audiences), maxTokenAge, s.requiredClaims, s.requiredValues,
                s.subjectClaims, s.walletRule == WalletRule.ADDRESS_LIST, s.emailClaims, s.nameClaims,
                s.connectionClaims, s.groupClaims, s.requiredScope, s.refusedScope);
        AllowedAlgorithms algorithms = AllowedAlgorithms.of(s.algorithms, provider);
        RemoteKeySource own = s.keySource != null || profile.isDidToken() ? null
                : remoteSource(s, keyOptions, clock);
        return new ConfiguredIssuer(profile, s.keySource != null ? s.keySource : own, own, algorithms, claims,
                s.walletRule, s.walletAddressClaim, s.requireTypJwt,
                new PerUseRules(s.name, s.profile, maxTokenAge, s.requireWalletProof, List.copyOf(s.subjectClaims)));
    }

    // Keys from the profile's URL, or by OIDC discovery when a generic issuer names none.
    private static RemoteKeySource remoteSource(IssuerProfile.Spec s, RemoteKeyOptions options, Clock clock) {
        try {
            return CachingKeySource.create(s.name, s.jwksUri, s.issuers.isEmpty() ? null : s.issuers.get(0),
                    Set.copyOf(s.jwksHosts), options, clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("issuer '" + s.name + "' (" + s.profile + "): " + e.getMessage(), e);
        }
    }

    /** The issuer's name. */
    String name() {
        return perUse.issuerName();
    }
}
