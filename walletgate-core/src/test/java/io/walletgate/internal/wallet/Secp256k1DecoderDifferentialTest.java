package io.walletgate.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The native secp256k1 path (libsecp256k1 through its JNI bindings) and the pure-Java one (BouncyCastle) give the same
 * answer for the same bytes: thousands of random keys in both encodings, random X values (about half have no square
 * root), and every kind of invalid encoding. The encodings come from BouncyCastle's generic curve (BigInteger
 * arithmetic), not from either decoder.
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "aarch64"})
class Secp256k1DecoderDifferentialTest {
    private static final X9ECParameters CURVE = ECNamedCurveTable.getByName("secp256k1");
    private static final BigInteger P = CURVE.getCurve().getField().getCharacteristic();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private static NativeSecp256k1 nativeDecoder;

    @BeforeAll
    static void loadNative() {
        nativeDecoder = Secp256k1Decoders.loadNative();
        assertThat(nativeDecoder).as("libsecp256k1's bindings are a test dependency and load on Linux").isNotNull();
    }

    @Test
    void both_paths_decode_thousands_of_random_keys_to_the_same_point() {
        for (int i = 0; i < 2_000; i++) {
            BigInteger d = new BigInteger(256, RANDOM).mod(CURVE.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
            ECPoint q = CURVE.getG().multiply(d).normalize();
            for (boolean compressed : new boolean[] {true, false}) {
                byte[] sec1 = q.getEncoded(compressed);
                WalletKeys.Secp256k1Key n = WalletKeys.secp256k1Key(sec1, nativeDecoder);
                WalletKeys.Secp256k1Key bc = WalletKeys.secp256k1Key(sec1, BouncyCastleSecp256k1.INSTANCE);
                assertThat(n).as(HEX.formatHex(sec1)).isNotNull();
                assertThat(n.compressed()).isEqualTo(bc.compressed()).isEqualTo(q.getEncoded(true));
                assertThat(n.uncompressed()).isEqualTo(bc.uncompressed()).isEqualTo(q.getEncoded(false));
                assertThat(n.address()).isEqualTo(bc.address());
            }
        }
    }

    @Test
    void both_paths_agree_on_random_x_values_of_which_about_half_are_on_the_curve() {
        int onCurve = 0;
        for (int i = 0; i < 4_000; i++) {
            byte[] sec1 = new byte[33];
            RANDOM.nextBytes(sec1);
            sec1[0] = (byte) (2 + (i & 1));
            onCurve += same(sec1) ? 1 : 0;
        }
        assertThat(onCurve).as("about half of all X have a square root of X^3 + 7").isBetween(1_600, 2_400);
    }

    @Test
    void both_paths_refuse_every_invalid_encoding() {
        for (byte[] bad : invalidEncodings()) {
            assertThat(WalletKeys.secp256k1Key(bad, nativeDecoder)).as("native " + HEX.formatHex(bad)).isNull();
            assertThat(WalletKeys.secp256k1Key(bad, BouncyCastleSecp256k1.INSTANCE)).as("bc " + HEX.formatHex(bad))
                    .isNull();
        }
    }

    @Test
    void each_decoder_refuses_the_encodings_that_reach_it_without_the_prefix_check() {
        // What reaches a decoder has 33 bytes (02/03) or 65 (04); the invalid ones among them must be refused by the
        // decoder itself, not only by the length and prefix check in front of it.
        for (byte[] bad : invalidEncodings()) {
            if (bad.length == 33 && (bad[0] == 2 || bad[0] == 3) || bad.length == 65 && bad[0] == 4) {
                assertThat(nativeDecoder.uncompressed(bad)).as("native " + HEX.formatHex(bad)).isNull();
                assertThat(BouncyCastleSecp256k1.INSTANCE.uncompressed(bad)).as("bc " + HEX.formatHex(bad)).isNull();
            }
        }
    }

    /** Whether both paths accept {@code sec1}, asserting they give the same answer. */
    private static boolean same(byte[] sec1) {
        WalletKeys.Secp256k1Key n = WalletKeys.secp256k1Key(sec1, nativeDecoder);
        WalletKeys.Secp256k1Key bc = WalletKeys.secp256k1Key(sec1, BouncyCastleSecp256k1.INSTANCE);
        if (n == null || bc == null) {
            assertThat(n).as(HEX.formatHex(sec1)).isNull();
            assertThat(bc).as(HEX.formatHex(sec1)).isNull();
            return false;
        }
        assertThat(n.compressed()).as(HEX.formatHex(sec1)).isEqualTo(bc.compressed()).isEqualTo(sec1);
        assertThat(n.uncompressed()).isEqualTo(bc.uncompressed());
        return true;
    }

    /**
     * Every kind of bytes that is no secp256k1 point: wrong prefix, X ≥ p, X whose X³+7 is not a square, wrong length,
     * the point at infinity, hybrid encodings, an uncompressed point off the curve or with a coordinate ≥ p.
     */
    static List<byte[]> invalidEncodings() {
        ECPoint q = CURVE.getG().multiply(BigInteger.valueOf(0xC0FFEE)).normalize();
        byte[] compressed = q.getEncoded(true);
        byte[] uncompressed = q.getEncoded(false);
        List<byte[]> bad = new ArrayList<>();
        for (int prefix : new int[] {0x00, 0x01, 0x04, 0x05, 0x06, 0x07, 0x12, 0xFF}) {
            bad.add(withPrefix(compressed, prefix)); // 33 bytes, wrong prefix
        }
        for (int prefix : new int[] {0x00, 0x02, 0x03, 0x05, 0x06, 0x07}) {
            bad.add(withPrefix(uncompressed, prefix)); // 65 bytes, wrong prefix (06/07: SEC1's hybrid form)
        }
        for (BigInteger x : new BigInteger[] {P, P.add(BigInteger.ONE), P.add(BigInteger.valueOf(7)),
                BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)}) {
            bad.add(compressedX(2, x)); // X ≥ p
            bad.add(compressedX(3, x));
        }
        bad.add(compressedX(2, BigInteger.valueOf(5))); // 5^3 + 7 = 132 is no square mod p
        bad.add(offCurveX());
        for (int length : new int[] {0, 1, 32, 34, 64, 66, 97}) {
            byte[] b = Arrays.copyOf(uncompressed, length);
            if (length > 0) {
                b[0] = (byte) (length < 50 ? 2 : 4);
            }
            bad.add(b); // wrong length, right prefix
        }
        bad.add(new byte[] {0}); // SEC1's point at infinity
        bad.add(new byte[33]); // all zeros
        byte[] infinityCompressed = new byte[33];
        infinityCompressed[0] = 2; // X = 0: 0^3 + 7 = 7 has no square root mod p
        bad.add(infinityCompressed);
        byte[] zeros65 = new byte[65];
        zeros65[0] = 4; // (0, 0): the affine form some libraries use for infinity; not on the curve
        bad.add(zeros65);
        byte[] offCurve = uncompressed.clone();
        offCurve[64] ^= 1; // (X, Y+1) or (X, Y-1): not on the curve
        bad.add(offCurve);
        for (BigInteger y : new BigInteger[] {P, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)}) {
            byte[] yTooLarge = uncompressed.clone();
            System.arraycopy(fixed32(y), 0, yTooLarge, 33, 32);
            bad.add(yTooLarge); // Y ≥ p
        }
        // A point with a small X, given with X + p (which still fits in 32 bytes): the same point, were X reduced.
        BigInteger x = BigInteger.ONE;
        BigInteger y = null;
        while (y == null) {
            x = x.add(BigInteger.ONE);
            BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
            BigInteger root = rhs.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
            y = root.multiply(root).mod(P).equals(rhs) ? root : null;
        }
        byte[] small = new byte[65];
        small[0] = 4;
        System.arraycopy(fixed32(x), 0, small, 1, 32);
        System.arraycopy(fixed32(y), 0, small, 33, 32);
        assertThat(BouncyCastleSecp256k1.INSTANCE.uncompressed(small)).as("(x, y) is on the curve").isNotNull();
        byte[] unreduced = small.clone();
        System.arraycopy(fixed32(x.add(P)), 0, unreduced, 1, 32);
        bad.add(unreduced);
        bad.add(compressedX(y.testBit(0) ? 3 : 2, x.add(P)));
        return bad;
    }

    private static byte[] withPrefix(byte[] sec1, int prefix) {
        byte[] b = sec1.clone();
        b[0] = (byte) prefix;
        return b;
    }

    private static byte[] compressedX(int prefix, BigInteger x) {
        byte[] b = new byte[33];
        b[0] = (byte) prefix;
        System.arraycopy(fixed32(x), 0, b, 1, 32);
        return b;
    }

    private static byte[] offCurveX() {
        while (true) {
            byte[] b = new byte[33];
            RANDOM.nextBytes(b);
            b[0] = 3;
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(b, 1, 33));
            BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
            if (x.compareTo(P) < 0 && rhs.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(P.subtract(
                    BigInteger.ONE))) {
                return b; // Euler's criterion: X^3 + 7 is a non-residue
            }
        }
    }

    private static byte[] fixed32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
