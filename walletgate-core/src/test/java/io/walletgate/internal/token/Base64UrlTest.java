package io.walletgate.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Base64Url#decode} against the rule written out plainly (RFC 7515 §2 and RFC 4648 §5: only the URL-safe
 * alphabet, no padding, no white space, a length that is not 1 mod 4, and the unused bits of the last character
 * zero). The decoder leaves the alphabet check to the JDK's decoder, which also takes '=' as padding: every input
 * here must get the same answer from both.
 */
class Base64UrlTest {
    private static final Pattern ALPHABET = Pattern.compile("[A-Za-z0-9_-]*");
    // valid characters whose low bits differ, every kind of invalid one, '=' the JDK's decoder accepts as padding
    private static final char[] CHARS = {'A', 'B', 'Q', 'g', 'w', '-', '_', '0', '=', '+', '/', ' ', '\n', '.',
        '\u0000', '\u007f', '\u0080', '\u00ff', '\u0100', '\ud83d'};

    @Test
    void agrees_with_the_rule_on_every_string_of_up_to_four_characters_from_a_mixed_alphabet() {
        StringBuilder sb = new StringBuilder();
        int n = CHARS.length;
        int checked = 0;
        for (int len = 0; len <= 4; len++) {
            int combos = (int) Math.pow(n, len);
            for (int c = 0; c < combos; c++) {
                sb.setLength(0);
                for (int i = 0, v = c; i < len; i++, v /= n) {
                    sb.append(CHARS[v % n]);
                }
                check(sb.toString());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(1 + 20 + 400 + 8_000 + 160_000);
    }

    @Test
    void agrees_with_the_rule_on_long_parts_with_padding_or_one_bad_character_anywhere() {
        Random random = new Random(20);
        Base64.Encoder encoder = Base64.getUrlEncoder();
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            String padded = encoder.encodeToString(bytes);
            String part = padded.replace("=", "");
            check(part);
            check(padded);
            if (!part.isEmpty()) {
                char[] chars = part.toCharArray();
                chars[random.nextInt(chars.length)] = CHARS[random.nextInt(CHARS.length)];
                check(new String(chars));
                // one character appended or removed: the length, and so the final bits, move
                check(part + CHARS[random.nextInt(CHARS.length)]);
                check(part.substring(0, part.length() - 1));
            }
        }
    }

    @Test
    void decodes_a_range_of_a_larger_array_and_ignores_what_lies_around_it() {
        byte[] token = "=+/.QUJD.e30=".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Base64Url.decode(token, 4, 8)).containsExactly('A', 'B', 'C');
        assertThat(Base64Url.decode(token, 9, 12)).containsExactly('{', '}');
        assertThat(Base64Url.decode(token, 9, 13)).isNull(); // padding
        assertThat(Base64Url.decode(token, 4, 4)).isEmpty();
    }

    @Test
    void refuses_padding_white_space_the_standard_alphabet_and_non_canonical_final_bits() {
        assertThat(Base64Url.decode("QUI")).containsExactly('A', 'B');
        assertThat(Base64Url.decode("QUI=")).isNull();
        assertThat(Base64Url.decode("QQ==")).isNull();
        assertThat(Base64Url.decode("QQ")).containsExactly('A');
        assertThat(Base64Url.decode("QR")).isNull(); // the same byte, with unused bits set
        assertThat(Base64Url.decode("QUJ")).isNull();
        assertThat(Base64Url.decode("Q")).isNull();
        assertThat(Base64Url.decode("QU JD")).isNull();
        assertThat(Base64Url.decode("+/+/")).isNull();
        assertThat(Base64Url.decode("-_-_")).containsExactly(0xfb, 0xff, 0xbf);
        assertThat(Base64Url.decode("QU=D")).isNull();
        assertThat(Base64Url.decode("QUJD\u00c0")).isNull();
    }

    private static void check(String s) {
        byte[] expected = byRule(s);
        byte[] actual = Base64Url.decode(s);
        assertThat(actual).as("decode(\"%s\")", escape(s)).isEqualTo(expected);
    }

    private static byte[] byRule(String s) {
        if (!ALPHABET.matcher(s).matches() || s.length() % 4 == 1) {
            return null;
        }
        byte[] bytes = Base64.getUrlDecoder().decode(s);
        // canonical: encoding the bytes again gives the very string
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(s) ? bytes : null;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x21 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }
}
