package io.walletgate.internal.claims;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import java.util.List;
import java.util.Map;

/** Typed reads of claims, each failure naming the claim. */
public final class Claims {
    private Claims() {
    }

    /** The value at a dotted path ({@code "wallet.address"}), or null when any step is absent. */
    public static Object at(Map<String, Object> claims, String path) {
        if (path.indexOf('.') < 0) {
            return claims.get(path);
        }
        Object current = claims;
        for (String step : path.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?>)) {
                return null;
            }
            current = ((Map<?, ?>) current).get(step);
        }
        return current;
    }

    /**
     * The first of {@code paths} that holds a non-empty string, or null when none holds any value.
     *
     * @throws WalletVerificationException {@code claim_invalid} when one holds a non-string
     */
    public static String firstString(Map<String, Object> claims, List<String> paths) {
        for (String path : paths) {
            Object v = at(claims, path);
            if (v == null) {
                continue;
            }
            if (!(v instanceof String)) {
                throw invalid(path, "is not a string");
            }
            if (!((String) v).isEmpty()) {
                return (String) v;
            }
        }
        return null;
    }

    /**
     * The rejection of a token that names no subject: {@code claim_invalid} when one of {@code subjectClaims} is
     * present but empty, else {@code claim_missing} naming them all.
     */
    public static WalletVerificationException noSubject(Map<String, Object> claims, List<String> subjectClaims) {
        for (String path : subjectClaims) {
            if (at(claims, path) != null) {
                return invalid(path, "is empty");
            }
        }
        return WalletVerificationException.forClaim(ErrorCode.CLAIM_MISSING, subjectClaims.get(0),
                "claim '" + String.join("' or '", subjectClaims) + "' is missing");
    }

    /** A claim-invalid rejection naming the claim. */
    public static WalletVerificationException invalid(String claim, String what) {
        return WalletVerificationException.forClaim(ErrorCode.CLAIM_INVALID, claim, "claim '" + claim + "' " + what);
    }

    /** A claim-missing rejection naming the claim. */
    public static WalletVerificationException missing(String claim) {
        return WalletVerificationException.forClaim(ErrorCode.CLAIM_MISSING, claim, "claim '" + claim + "' is missing");
    }
}
