package io.walletgate.signin;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * RFC 3339 §5.6 {@code date-time}, exactly: {@code full-date "T" partial-time time-offset}, with {@code T} and
 * {@code Z} in either case (§5.6, note), fractional seconds of any length (read to the nanosecond), a real calendar
 * date, and a leap second ({@code :60}) read as the next second.
 */
final class Rfc3339 {
    private Rfc3339() {
    }

    /**
     * The instant a date-time names.
     *
     * @throws IllegalArgumentException with the reason when the text is not an RFC 3339 date-time
     */
    static Instant parse(String s) {
        // 2026-03-01T12:00:00Z is the shortest form: 20 characters
        if (s.length() < 20 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 2) || s.charAt(7) != '-'
                || !digits(s, 8, 2) || (s.charAt(10) != 'T' && s.charAt(10) != 't') || !digits(s, 11, 2)
                || s.charAt(13) != ':' || !digits(s, 14, 2) || s.charAt(16) != ':' || !digits(s, 17, 2)) {
            throw new IllegalArgumentException("not an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM))");
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < s.length() && Rfc3986.digit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("a fraction of a second needs at least one digit");
            }
            String frac = (s.substring(start, Math.min(i, start + 9)) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(frac);
        }
        int offsetSeconds = offset(s, i);
        int year = num(s, 0, 4);
        int month = num(s, 5, 2);
        int day = num(s, 8, 2);
        int hour = num(s, 11, 2);
        int minute = num(s, 14, 2);
        int second = num(s, 17, 2);
        if (hour > 23 || minute > 59 || second > 60) {
            throw new IllegalArgumentException("hour, minute or second out of range");
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such calendar date");
        }
        long epoch = date.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epoch, nanos);
    }

    // time-offset = "Z" / ("+" / "-") time-hour ":" time-minute, and nothing after it
    private static int offset(String s, int i) {
        if (i == s.length() - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            return 0;
        }
        if (i + 6 == s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') && digits(s, i + 1, 2)
                && s.charAt(i + 3) == ':' && digits(s, i + 4, 2)) {
            int h = num(s, i + 1, 2);
            int m = num(s, i + 4, 2);
            if (h > 23 || m > 59) {
                throw new IllegalArgumentException("the time offset is out of range");
            }
            int seconds = h * 3_600 + m * 60;
            return s.charAt(i) == '-' ? -seconds : seconds;
        }
        throw new IllegalArgumentException("a date-time must end with 'Z' or an offset such as +02:00");
    }

    private static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!Rfc3986.digit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int count) {
        return Integer.parseInt(s, from, from + count, 10);
    }
}
