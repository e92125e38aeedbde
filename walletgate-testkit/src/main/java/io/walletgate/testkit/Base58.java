package io.walletgate.testkit;

import java.math.BigInteger;

/** Base58 with the Bitcoin alphabet, as Solana addresses use it: each leading zero byte becomes a '1'. */
final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    /** The bytes of a base58 string, or null if it has a character outside the alphabet. */
    static byte[] decode(String text) {
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < text.length(); i++) {
            int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                return null;
            }
            n = n.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] value = n.signum() == 0 ? new byte[0] : n.toByteArray();
        int signByte = value.length > 1 && value[0] == 0 ? 1 : 0;
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] out = new byte[zeros + value.length - signByte];
        System.arraycopy(value, signByte, out, zeros, value.length - signByte);
        return out;
    }
}
