package io.walletgate.internal.keys;

import io.walletgate.keys.RemoteKeyOptions;
import java.time.Duration;
import java.util.Locale;

/** Reads the freshness a JWKS response declares (RFC 9111 §5.2.2), clamped as the options say. */
final class CacheControl {
    private CacheControl() {
    }

    /**
     * How long a response with this {@code Cache-Control} value stays fresh: its {@code max-age} ({@code no-cache}
     * and {@code no-store} count as zero), or the default when it says nothing usable, clamped to the options' bounds.
     */
    static Duration freshness(String header, RemoteKeyOptions options) {
        Duration declared = maxAge(header);
        Duration d = declared == null ? options.defaultMaxAge() : declared;
        if (d.compareTo(options.minMaxAge()) < 0) {
            return options.minMaxAge();
        }
        return d.compareTo(options.maxMaxAge()) > 0 ? options.maxMaxAge() : d;
    }

    private static Duration maxAge(String header) {
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
