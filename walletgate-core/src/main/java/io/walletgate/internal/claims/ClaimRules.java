package io.walletgate.internal.claims;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one issuer requires of a token's claims, and where it reads the user from: the configuration of the claims
 * stage ({@link ClaimsCheck}).
 *
 * @param audiences accepted {@code aud} values
 * @param maxTokenAge the largest allowed token age, or null for none
 * @param requiredClaims claim paths that must be present
 * @param requiredValues claim paths that must hold exactly these strings
 * @param subjectClaims where the subject is read, first non-empty wins
 * @param subjectOptional whether a token may name no subject (its wallet is then the user)
 * @param emailClaims where the email is read
 * @param nameClaims where the display name is read
 * @param connectionClaims where the login connection is read
 * @param groupClaims where the grouped connection is read
 * @param requiredScope a scope the token's {@code scope} (or older {@code scopes}) must hold, or null (Dynamic:
 *     {@code user:basic}, a complete sign-in)
 * @param refusedScope a scope that refuses the token, or null (Dynamic: {@code requiresAdditionalAuth}, MFA pending)
 */
public record ClaimRules(Set<String> audiences, Duration maxTokenAge, List<String> requiredClaims,
                         Map<String, String> requiredValues, List<String> subjectClaims, boolean subjectOptional,
                         List<String> emailClaims, List<String> nameClaims, List<String> connectionClaims,
                         List<String> groupClaims, String requiredScope, String refusedScope) {
    /** Copies. */
    public ClaimRules {
        audiences = Set.copyOf(audiences);
        requiredClaims = List.copyOf(requiredClaims);
        requiredValues = Map.copyOf(requiredValues);
        subjectClaims = List.copyOf(subjectClaims);
        emailClaims = List.copyOf(emailClaims);
        nameClaims = List.copyOf(nameClaims);
        connectionClaims = List.copyOf(connectionClaims);
        groupClaims = List.copyOf(groupClaims);
    }
}
