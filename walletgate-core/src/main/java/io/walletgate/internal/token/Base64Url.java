package io.walletgate.internal.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Strict base64url (RFC 7515 §2): the URL-safe alphabet, no padding, no white space, canonical final bits. */
public final class Base64Url {
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Base64Url() {
    }

    /** Decodes a whole string, or returns null when it is not strict, canonical base64url. */
    public static byte[] decode(String s) {
        // ISO-8859-1 maps every base64url character to its byte and every other character to one outside the alphabet
        // (a surrogate pair to a single one: then the string is not base64url either)
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes the characters {@code ascii[from, to)}, given as bytes, or returns null when they are not strict,
     * canonical base64url. A token's three parts are decoded from one byte copy of it: no substring and no second copy
     * per part (docs/performance.md).
     */
    public static byte[] decode(byte[] ascii, int from, int to) {
        int len = to - from;
        if (len % 4 == 1) {
            return null;
        }
        if (len == 0) {
            return new byte[0];
        }
        // The JDK's URL decoder refuses every byte outside the base64url alphabet but '=', and takes '=' only as the
        // padding that ends its input: a last byte other than '=' leaves none. Its refusal is the alphabet check, in
        // the one pass that decodes: a pass of our own before it cost 0.4 us of a 750-character RS256 token on both
        // JDKs, more than JDK 25's whole (vectorized) decoding, 0.1 us (docs/performance.md). A refused part costs the
        // decoder's exception instead, about 1 to 2 us, still far below a signature.
        byte last = ascii[to - 1];
        if (last == '=' || last < 0 || !canonicalTail((char) last, len % 4)) {
            return null;
        }
        ByteBuffer out;
        try {
            out = DECODER.decode(ByteBuffer.wrap(ascii, from, len));
        } catch (IllegalArgumentException e) {
            return null;
        }
        // the decoder sizes its array exactly for unpadded input; copy only should that ever change
        return out.remaining() == out.array().length ? out.array() : Arrays.copyOf(out.array(), out.remaining());
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
