package io.walletgate.internal.token;

import java.util.Base64;

/** Strict base64url (RFC 7515 §2): the URL-safe alphabet, no padding, no white space, canonical final bits. */
public final class Base64Url {
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final boolean[] ALPHABET = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALPHABET[c] = true;
        }
        ALPHABET['-'] = true;
        ALPHABET['_'] = true;
    }

    private Base64Url() {
    }

    /** Decodes {@code s[from, to)}, or returns null when it is not strict, canonical base64url. */
    public static byte[] decode(String s, int from, int to) {
        int len = to - from;
        if (len % 4 == 1) {
            return null;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !ALPHABET[c]) {
                return null;
            }
        }
        if (len > 0 && !canonicalTail(s.charAt(to - 1), len % 4)) {
            return null;
        }
        return DECODER.decode(s.substring(from, to));
    }

    /** Decodes a whole string, or returns null when it is not strict, canonical base64url. */
    public static byte[] decode(String s) {
        return decode(s, 0, s.length());
    }

    /** Encodes without padding. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    // The last character of a 2- or 3-character group carries 4 or 2 unused bits, which must be zero;
    // otherwise two different strings decode to the same bytes (a malleable token).
    private static boolean canonicalTail(char last, int rem) {
        if (rem == 0) {
            return true;
        }
        int v = value(last);
        int unusedMask = rem == 2 ? 0x0F : 0x03;
        return (v & unusedMask) == 0;
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }
}
