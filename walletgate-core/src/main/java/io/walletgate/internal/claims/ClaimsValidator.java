package io.walletgate.internal.claims;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.token.CompactJws;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The registered-claim checks of RFC 7519 §4.1 with an injected clock and a clock skew: {@code exp}, {@code nbf},
 * {@code iat} (not in the future; not older than a maximum age when one is set) and {@code aud}.
 */
final class ClaimsValidator {
    private final Clock clock;
    private final long skewMillis;

    /** A validator reading time from {@code clock}, tolerating {@code skew} either way. */
    ClaimsValidator(Clock clock, Duration skew) {
        this.clock = clock;
        this.skewMillis = skew.toMillis();
    }

    /**
     * Reads {@code exp} (required), {@code nbf} and {@code iat}.
     *
     * @throws WalletVerificationException {@code claim_missing} or {@code claim_invalid}
     */
    static TimeClaims read(Map<String, Object> claims) {
        Long exp = numericDate(claims, "exp");
        if (exp == null) {
            throw Claims.missing("exp");
        }
        return new TimeClaims(exp, numericDate(claims, "nbf"), numericDate(claims, "iat"));
    }

    /**
     * Checks {@code exp}, {@code nbf} and {@code iat} as read by {@link #read}: at verification, and again on every
     * use of a cached token.
     *
     * @param maxTokenAge the largest allowed {@code now - iat}, or null for no limit (then {@code iat} is optional)
     * @throws WalletVerificationException {@code token_expired}, {@code token_not_yet_valid},
     *     {@code token_too_old} or {@code claim_missing} ({@code iat} with a maximum age)
     */
    void check(TimeClaims t, Duration maxTokenAge) {
        long exp = t.exp();
        Long nbf = t.nbf();
        Long iat = t.iat();
        long now = clock.millis();
        // RFC 7519 §4.1.4: "on or after which the JWT MUST NOT be accepted".
        if (now - skewMillis >= exp) {
            throw WalletVerificationException.forClaim(ErrorCode.TOKEN_EXPIRED, "exp", "token expired at "
                    + Instant.ofEpochMilli(exp) + " (clock skew " + skewMillis / 1000 + "s)");
        }
        if (nbf != null && now + skewMillis < nbf) {
            throw WalletVerificationException.forClaim(ErrorCode.TOKEN_NOT_YET_VALID, "nbf",
                    "token is not valid before "
                    + Instant.ofEpochMilli(nbf) + " (clock skew " + skewMillis / 1000 + "s)");
        }
        if (iat != null && now + skewMillis < iat) {
            throw WalletVerificationException.forClaim(ErrorCode.TOKEN_NOT_YET_VALID, "iat",
                    "token is issued in the future, at "
                    + Instant.ofEpochMilli(iat) + " (clock skew " + skewMillis / 1000 + "s)");
        }
        if (maxTokenAge != null) {
            if (iat == null) {
                throw Claims.missing("iat");
            }
            if (now - skewMillis - iat > maxTokenAge.toMillis()) {
                throw WalletVerificationException.forClaim(ErrorCode.TOKEN_TOO_OLD, "iat", "token was issued at "
                        + Instant.ofEpochMilli(iat) + ", more than " + maxTokenAge + " ago");
            }
        }
    }

    /**
     * Checks that {@code aud} (a string or an array of strings) contains one of {@code accepted}.
     *
     * @return the token's audience as a list
     * @throws WalletVerificationException {@code claim_missing}, {@code claim_invalid} or {@code audience_mismatch}
     */
    static List<String> checkAudience(Map<String, Object> claims, Collection<String> accepted) {
        Object aud = claims.get("aud");
        if (aud == null) {
            throw Claims.missing("aud");
        }
        List<String> audience;
        if (aud instanceof String) {
            audience = List.of((String) aud);
        } else if (aud instanceof List<?>) {
            for (Object o : (List<?>) aud) {
                if (!(o instanceof String)) {
                    throw Claims.invalid("aud", "must be a string or an array of strings");
                }
            }
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) aud;
            audience = list;
        } else {
            throw Claims.invalid("aud", "must be a string or an array of strings");
        }
        for (String a : audience) {
            if (accepted.contains(a)) {
                return audience;
            }
        }
        throw WalletVerificationException.forClaim(ErrorCode.AUDIENCE_MISMATCH, "aud",
                "token audience " + printable(audience) + " does not include the configured audience");
    }

    // The token's aud reaches the client and the logs: printable ASCII, five values at most, each cut at 256 characters
    // (long enough for every provider's client id: Web3Auth's are 88 characters).
    private static String printable(List<String> audience) {
        List<String> shown = new ArrayList<>();
        for (String a : audience.subList(0, Math.min(5, audience.size()))) {
            shown.add(CompactJws.printable(a, 256));
        }
        return shown + (audience.size() > 5 ? " and " + (audience.size() - 5) + " more" : "");
    }

    /**
     * A NumericDate claim (seconds since the epoch, possibly fractional) in milliseconds, or null when absent.
     *
     * @throws WalletVerificationException {@code claim_invalid} when it is not a number in range
     */
    static Long numericDate(Map<String, Object> claims, String name) {
        Object v = claims.get(name);
        if (v == null) {
            if (claims.containsKey(name)) {
                throw Claims.invalid(name, "is null");
            }
            return null;
        }
        if (v instanceof Long) {
            long s = (Long) v;
            // Beyond year 9999 either way: an attacker's overflow bait (not Math.abs: it is negative for MIN_VALUE).
            if (s > 253_402_300_799L || s < -253_402_300_799L) {
                throw Claims.invalid(name, "is out of range");
            }
            return s * 1000;
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d) || Math.abs(d) > 253_402_300_799d) {
                throw Claims.invalid(name, "is out of range");
            }
            return new BigDecimal(d).movePointRight(3).longValue();
        }
        if (v instanceof BigInteger) {
            throw Claims.invalid(name, "is out of range");
        }
        throw Claims.invalid(name, "must be a number of seconds");
    }
}
