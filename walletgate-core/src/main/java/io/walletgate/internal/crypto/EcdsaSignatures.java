package io.walletgate.internal.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * JOSE ECDSA signatures are raw {@code R||S} of fixed length (RFC 7518 §3.4), never DER. This checks the length
 * and that r and s lie in [1, n-1], then re-encodes as the DER SEQUENCE that every JCA provider's
 * {@code SHAxxxwithECDSA} accepts. Only byte layout is done here; the arithmetic stays in the provider.
 */
final class EcdsaSignatures {
    private EcdsaSignatures() {
    }

    /** The DER form of a JOSE signature, or null if it is not exactly 2 x {@code len} bytes with r, s in range. */
    static byte[] p1363ToDer(byte[] sig, int len, BigInteger order) {
        if (sig.length != 2 * len) {
            return null;
        }
        byte[] r = Arrays.copyOfRange(sig, 0, len);
        byte[] s = Arrays.copyOfRange(sig, len, 2 * len);
        if (!SignatureVerifier.inRange(new BigInteger(1, r), order)
                || !SignatureVerifier.inRange(new BigInteger(1, s), order)) {
            return null;
        }
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
