package io.walletgate;

import io.walletgate.internal.wallet.WalletKeys;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Test-only wallet keys: a real secp256k1 or ed25519 key pair, and its encodings a frontend would send. */
public final class TestWallets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X9ECParameters SECP256K1 = ECNamedCurveTable.getByName("secp256k1");

    private TestWallets() {
    }

    /** A fresh secp256k1 public key as SEC1 bytes ({@code compressed}: 33 bytes, else 65). */
    public static byte[] secp256k1(boolean compressed) {
        BigInteger d = new BigInteger(256, RANDOM).mod(SECP256K1.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return SECP256K1.getG().multiply(d).normalize().getEncoded(compressed);
    }

    /** The other SEC1 form of a secp256k1 public key. */
    public static byte[] secp256k1Other(byte[] sec1) {
        return SECP256K1.getCurve().decodePoint(sec1).getEncoded(sec1.length == 65);
    }

    /** 33 bytes in the compressed form ({@code 02} and an X) that encode no point: x^3 + 7 has no square root. */
    public static byte[] secp256k1OffCurve() {
        while (true) {
            byte[] sec1 = new byte[33];
            RANDOM.nextBytes(sec1);
            sec1[0] = 2;
            try {
                SECP256K1.getCurve().decodePoint(sec1);
            } catch (IllegalArgumentException e) {
                return sec1;
            }
        }
    }

    /** 32 bytes that encode no ed25519 point (about half of all values). */
    public static byte[] ed25519OffCurve() {
        while (true) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            key[31] &= 0x7F;
            if (!org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartial(key, 0)) {
                return key;
            }
        }
    }

    /** A fresh ed25519 public key (32 bytes). */
    public static byte[] ed25519() {
        return new Ed25519PrivateKeyParameters(RANDOM).generatePublicKey().getEncoded();
    }

    /** Lower-case hex. */
    public static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    /** The compressed encoding of a secp256k1 point given as SEC1 bytes, or null when they are no point. */
    public static byte[] compressed(byte[] sec1) {
        WalletKeys.Secp256k1Key key = WalletKeys.secp256k1Key(sec1);
        return key == null ? null : key.compressed();
    }

    /**
     * The EIP-55 Ethereum address of a SEC1 secp256k1 key, derived here with BouncyCastle alone (its curve and its
     * Keccak-256), not with WalletGate's {@code WalletKeys}: what a test compares WalletGate's derivation with.
     */
    public static String ethereumAddressIndependently(byte[] sec1) {
        byte[] xy = SECP256K1.getCurve().decodePoint(sec1).getEncoded(false);
        byte[] hash = keccak(java.util.Arrays.copyOfRange(xy, 1, 65));
        String lower = java.util.HexFormat.of().formatHex(hash, 12, 32);
        byte[] checksum = keccak(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) {
            int nibble = (checksum[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            char c = lower.charAt(i);
            sb.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private static byte[] keccak(byte[] data) {
        org.bouncycastle.crypto.digests.KeccakDigest d = new org.bouncycastle.crypto.digests.KeccakDigest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
