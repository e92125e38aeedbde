package io.walletgate.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 500ms}, {@code 60s}, {@code 5m}, {@code 24h}, {@code 7d}, or ISO-8601 {@code PT1M}) and byte
 * sizes ({@code 512KiB}, {@code 16MiB}, plain bytes) as written in the configuration. */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?");

    private Units() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Duration duration(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(n);
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
        if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration (write 500ms, 60s, 5m, 24h, 7d or"
                + " ISO-8601 such as PT1M)");
    }

    /**
     * Parses a byte size.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static long bytes(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = SIZE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "B" : m.group(2);
            switch (unit) {
                case "KiB":
                case "KB":
                    return n * 1024;
                case "MiB":
                case "MB":
                    return n * 1024 * 1024;
                case "GiB":
                case "GB":
                    return n * 1024 * 1024 * 1024;
                default:
                    return n;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a size (write 16MiB, 512KiB or a number of bytes)");
    }
}
