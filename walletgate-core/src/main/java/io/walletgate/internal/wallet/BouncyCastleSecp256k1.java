package io.walletgate.internal.wallet;

import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 points decoded by BouncyCastle's curve with secp256k1's own field arithmetic ({@link CustomNamedCurves}):
 * the pure-Java path, used wherever the native library is missing. Decoding a compressed key takes a modular square
 * root, about 16 us of CPU on a 2-core Xeon (against about 5.5 us in libsecp256k1, docs/performance.md).
 */
final class BouncyCastleSecp256k1 implements Secp256k1Decoder {
    static final BouncyCastleSecp256k1 INSTANCE = new BouncyCastleSecp256k1();
    private static final ECCurve SECP256K1 = CustomNamedCurves.getByName("secp256k1").getCurve();

    private BouncyCastleSecp256k1() {
    }

    @Override
    public byte[] uncompressed(byte[] sec1) {
        ECPoint p = point(sec1);
        return p == null ? null : p.getEncoded(false);
    }

    /** The decoded point, or null when it is not on the curve. */
    static ECPoint point(byte[] sec1) {
        try {
            ECPoint p = SECP256K1.decodePoint(sec1);
            if (p.isInfinity() || !p.isValid()) {
                return null;
            }
            return p;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    @Override
    public String description() {
        return "BouncyCastle (pure Java)";
    }
}
