package io.walletgate.internal.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * JOSE ECDSA signatures are raw {@code R||S} of fixed length (RFC 7518 §3.4), never DER. This checks the length
 * and that r and s lie in [1, n-1], comparing bytes (no BigInteger per verification), and re-encodes as the DER
 * SEQUENCE that a provider without a P1363 signature ({@code SHA256withECDSAinP1363Format}) needs. Only byte layout
 * is done here; the arithmetic stays in the provider.
 */
final class EcdsaSignatures {
    private EcdsaSignatures() {
    }

    /**
     * Whether {@code sig} is exactly 2 x {@code len} bytes with r and s in [1, n-1].
     *
     * @param order the group order n as {@code len} big-endian bytes
     */
    static boolean wellFormed(byte[] sig, int len, byte[] order) {
        return sig.length == 2 * len && inRange(sig, 0, len, order) && inRange(sig, len, len, order);
    }

    // 0 < value < order, both len big-endian unsigned bytes.
    private static boolean inRange(byte[] sig, int offset, int len, byte[] order) {
        boolean nonZero = false;
        int cmp = 0;
        for (int i = 0; i < len; i++) {
            int b = sig[offset + i] & 0xFF;
            nonZero |= b != 0;
            if (cmp == 0) {
                cmp = Integer.compare(b, order[i] & 0xFF);
            }
        }
        return nonZero && cmp < 0;
    }

    /** The DER form of a well-formed ({@link #wellFormed}) JOSE signature. */
    static byte[] toDer(byte[] sig, int len) {
        byte[] r = Arrays.copyOfRange(sig, 0, len);
        byte[] s = Arrays.copyOfRange(sig, len, 2 * len);
        byte[] rDer = derInteger(r);
        byte[] sDer = derInteger(s);
        int bodyLength = rDer.length + sDer.length;
        byte[] lengthBytes = derLength(bodyLength);
        byte[] out = new byte[1 + lengthBytes.length + bodyLength];
        out[0] = 0x30;
        System.arraycopy(lengthBytes, 0, out, 1, lengthBytes.length);
        System.arraycopy(rDer, 0, out, 1 + lengthBytes.length, rDer.length);
        System.arraycopy(sDer, 0, out, 1 + lengthBytes.length + rDer.length, sDer.length);
        return out;
    }

    /** The order of a curve as {@code len} big-endian bytes. */
    static byte[] orderBytes(BigInteger order, int len) {
        byte[] b = order.toByteArray(); // may carry a leading sign byte
        byte[] out = new byte[len];
        int n = Math.min(b.length, len);
        System.arraycopy(b, b.length - n, out, len - n, n);
        return out;
    }
    // INTEGER: minimal big-endian two's complement (strip leading zeros, add one if the top bit is set).
    private static byte[] derInteger(byte[] unsigned) {
        int start = 0;
        while (start < unsigned.length - 1 && unsigned[start] == 0) {
            start++;
        }
        boolean pad = (unsigned[start] & 0x80) != 0;
        int contentLength = unsigned.length - start + (pad ? 1 : 0);
        byte[] len = derLength(contentLength);
        byte[] out = new byte[1 + len.length + contentLength];
        out[0] = 0x02;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(unsigned, start, out, 1 + len.length + (pad ? 1 : 0), unsigned.length - start);
        return out;
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        return new byte[] {(byte) 0x81, (byte) length}; // P-384 signatures stay below 256 bytes
    }
}
