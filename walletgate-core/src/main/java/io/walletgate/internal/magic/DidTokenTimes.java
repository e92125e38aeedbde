package io.walletgate.internal.magic;

import io.walletgate.internal.claims.Claims;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Reads the time claims of a DID token ({@code iat}, {@code ext}, {@code nbf}: seconds since the epoch) into epoch
 * milliseconds, exactly.
 *
 * <p>Magic's clients have written {@code ext} as a float: the admin SDK's own test token carries
 * {@code "ext":1.0000000000016881e+21} (a lifespan added in milliseconds), and the Node SDK, which compares the
 * number {@code JSON.parse} yields, accepts it. So a float is read as the IEEE-754 double that {@code JSON.parse}
 * (and Jackson) make of the text, and that double's exact binary value is converted, never a rounded decimal: floored to
 * the millisecond for {@code ext} and {@code iat} (an expiry never moves later), raised to the millisecond for
 * {@code nbf} (a start never moves earlier). An integer is exact as it is.
 *
 * <p>An {@code ext} beyond the year 9999 (the float above, or a huge integer) is read as the year 9999: the token
 * expires no sooner than Magic's SDK says, and a maximum token age bounds it. Every other value beyond ±9999 years, a
 * non-finite float, a string or a boolean is {@code claim_invalid} (Magic's Node SDK compares such values with
 * {@code <} and lets the token through: magic-admin-js issue 156; we fail closed).
 */
final class DidTokenTimes {
    /** The last second of the year 9999, the bound of every NumericDate (as in the shared claims checks). */
    static final long MAX_SECONDS = 253_402_300_799L;

    private DidTokenTimes() {
    }

    /** {@code ext}: required, floored, clamped to the year 9999. */
    static long expiry(Map<String, Object> claims) {
        return millis(claims, "ext", RoundingMode.FLOOR, true);
    }

    /** {@code nbf}: required, raised to the millisecond. */
    static long notBefore(Map<String, Object> claims) {
        return millis(claims, "nbf", RoundingMode.CEILING, false);
    }

    /** {@code iat}: required, floored. */
    static long issuedAt(Map<String, Object> claims) {
        return millis(claims, "iat", RoundingMode.FLOOR, false);
    }

    private static long millis(Map<String, Object> claims, String name, RoundingMode rounding, boolean clampLate) {
        Object v = claims.get(name);
        if (v == null) {
            throw claims.containsKey(name) ? Claims.invalid(name, "is null") : Claims.missing(name);
        }
        BigDecimal seconds;
        if (v instanceof Long) {
            seconds = BigDecimal.valueOf((Long) v);
        } else if (v instanceof BigInteger) {
            seconds = new BigDecimal((BigInteger) v);
        } else if (v instanceof Double) {
            double d = (Double) v;
            if (!Double.isFinite(d)) {
                throw Claims.invalid(name, "is not a finite number");
            }
            seconds = new BigDecimal(d); // the double's exact value
        } else {
            throw Claims.invalid(name, "must be a number of seconds");
        }
        if (seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            if (clampLate) {
                return MAX_SECONDS * 1000;
            }
            throw Claims.invalid(name, "is out of range");
        }
        if (seconds.compareTo(BigDecimal.valueOf(-MAX_SECONDS)) < 0) {
            throw Claims.invalid(name, "is out of range");
        }
        return seconds.movePointRight(3).setScale(0, rounding).longValueExact();
    }
}
