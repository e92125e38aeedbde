package io.walletgate.internal.claims;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims stage: checks a token's time claims (with the clock skew), its audience and the issuer's required
 * claims, and reads the user's subject, email, name, connection and group, as one issuer's {@link ClaimRules} say.
 * Its result holds no reference to the issuer: it is what the verified-token cache keeps. Thread-safe.
 */
public final class ClaimsCheck {
    private final ClaimsValidator validator;

    /** A check reading time from {@code clock}, tolerating {@code skew} either way. */
    public ClaimsCheck(Clock clock, Duration skew) {
        this.validator = new ClaimsValidator(clock, skew);
    }

    /**
     * Checks the claims of a token whose signature verified.
     *
     * @throws io.walletgate.WalletVerificationException {@code token_expired}, {@code token_not_yet_valid},
     *     {@code token_too_old}, {@code audience_mismatch}, {@code claim_missing} or {@code claim_invalid}, naming
     *     the claim
     */
    public CheckedClaims check(Map<String, Object> claims, ClaimRules rules) {
        return check(claims, ClaimsValidator.read(claims), rules);
    }

    /**
     * {@link #check(Map, ClaimRules)} with time claims the token format read itself (a Magic DID token's {@code ext},
     * and {@code nbf} with its grace), instead of a JWT's {@code exp}, {@code nbf} and {@code iat}.
     *
     * @throws io.walletgate.WalletVerificationException as {@link #check(Map, ClaimRules)}
     */
    public CheckedClaims check(Map<String, Object> claims, TimeClaims times, ClaimRules rules) {
        validator.check(times, rules.maxTokenAge());
        List<String> audience = ClaimsValidator.checkAudience(claims, rules.audiences());
        checkRequired(claims, rules);
        checkScope(claims, rules);
        String subject = Claims.firstString(claims, rules.subjectClaims());
        if (subject == null && !rules.subjectOptional()) {
            throw Claims.noSubject(claims, rules.subjectClaims());
        }
        return new CheckedClaims(times, Instant.ofEpochMilli(times.exp()),
                times.iat() == null ? null : Instant.ofEpochMilli(times.iat()), audience, subject,
                Claims.firstString(claims, rules.emailClaims()), Claims.firstString(claims, rules.nameClaims()),
                Claims.firstString(claims, rules.connectionClaims()), Claims.firstString(claims, rules.groupClaims()));
    }

    /**
     * The time checks alone: again on every use of a token verified earlier (a verified-token cache hit).
     *
     * @param maxTokenAge the largest allowed token age, or null for none (then {@code iat} is optional)
     * @throws io.walletgate.WalletVerificationException {@code token_expired}, {@code token_not_yet_valid},
     *     {@code token_too_old} or {@code claim_missing} ({@code iat} with a maximum age)
     */
    public void checkTimes(TimeClaims times, Duration maxTokenAge) {
        validator.check(times, maxTokenAge);
    }

    /**
     * Checks that {@code aud} (a string or an array of strings) contains one of {@code accepted}.
     *
     * @return the token's audience as a list
     * @throws io.walletgate.WalletVerificationException {@code claim_missing}, {@code claim_invalid} or
     *     {@code audience_mismatch}
     */
    public static List<String> checkAudience(Map<String, Object> claims, Collection<String> accepted) {
        return ClaimsValidator.checkAudience(claims, accepted);
    }

    // RFC 8693 scope: a space-separated string; an older token's scopes array is read the same way.
    private static void checkScope(Map<String, Object> claims, ClaimRules rules) {
        if (rules.requiredScope() == null && rules.refusedScope() == null) {
            return;
        }
        Object scope = claims.get("scope");
        Object scopes = claims.get("scopes");
        if (scope == null && scopes == null) {
            throw Claims.missing("scope");
        }
        Set<String> held = new HashSet<>();
        if (scope != null) {
            if (!(scope instanceof String)) {
                throw Claims.invalid("scope", "is not a string");
            }
            for (String s : ((String) scope).split("[ \\t\\n\\r]+")) {
                held.add(s);
            }
        }
        if (scopes != null) {
            if (!(scopes instanceof List<?>)) {
                throw Claims.invalid("scopes", "is not an array");
            }
            for (Object s : (List<?>) scopes) {
                if (!(s instanceof String)) {
                    throw Claims.invalid("scopes", "holds a value that is not a string");
                }
                held.add((String) s);
            }
        }
        if (rules.refusedScope() != null && held.contains(rules.refusedScope())) {
            throw Claims.invalid("scope", "holds '" + rules.refusedScope() + "': the sign-in still requires"
                    + " additional authentication");
        }
        if (rules.requiredScope() != null && !held.contains(rules.requiredScope())) {
            throw Claims.invalid("scope", "lacks '" + rules.requiredScope() + "': the sign-in is not complete");
        }
    }

    private static void checkRequired(Map<String, Object> claims, ClaimRules rules) {
        for (String name : rules.requiredClaims()) {
            if (Claims.at(claims, name) == null) {
                throw Claims.missing(name);
            }
        }
        for (Map.Entry<String, String> e : rules.requiredValues().entrySet()) {
            Object v = Claims.at(claims, e.getKey());
            if (v == null) {
                throw Claims.missing(e.getKey());
            }
            if (!e.getValue().equals(v)) {
                throw Claims.invalid(e.getKey(), "must be '" + e.getValue() + "'");
            }
        }
    }
}
