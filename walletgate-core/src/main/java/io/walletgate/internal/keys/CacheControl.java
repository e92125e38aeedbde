package io.walletgate.internal.keys;

import java.time.Duration;
import java.util.Locale;

/** Reads the freshness a JWKS response declares (RFC 9111 §5.2.2). */
final class CacheControl {
    private CacheControl() {
    }

    /**
     * The {@code max-age} of a {@code Cache-Control} value, {@link Duration#ZERO} for {@code no-cache} or
     * {@code no-store}, or null when it says nothing usable.
     */
    static Duration maxAge(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.toLowerCase(Locale.ROOT).split(",")) {
            String d = part.strip();
            if (d.equals("no-cache") || d.equals("no-store")) {
                return Duration.ZERO;
            }
            if (d.startsWith("max-age=")) {
                String v = d.substring("max-age=".length()).replace("\"", "");
                try {
                    long seconds = Long.parseLong(v);
                    return seconds < 0 ? null : Duration.ofSeconds(seconds);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
