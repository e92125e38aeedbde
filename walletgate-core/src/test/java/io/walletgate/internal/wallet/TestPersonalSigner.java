package io.walletgate.internal.wallet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A test wallet that signs like {@code personal_sign}: textbook ECDSA over secp256k1 with a random nonce, written out
 * here (R = kG, r = R.x, s = k⁻¹(e + rd), v = 27 + parity of R.y) so that the recovery in {@link EthereumSignatures}
 * is checked against signatures it did not make (the DID token tests sign with it). Uses the generic BigInteger curve, not the custom one the main code
 * uses. Test keys only.
 */
public final class TestPersonalSigner {
    private static final X9ECParameters K1 = ECNamedCurveTable.getByName("secp256k1");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BigInteger privateKey;
    private final byte[] address;

    private TestPersonalSigner(BigInteger privateKey) {
        this.privateKey = privateKey;
        byte[] xy = K1.getG().multiply(privateKey).normalize().getEncoded(false);
        this.address = Arrays.copyOfRange(keccak(Arrays.copyOfRange(xy, 1, 65)), 12, 32);
    }

    /** A fresh wallet. */
    public static TestPersonalSigner generate() {
        return new TestPersonalSigner(scalar());
    }

    /** The wallet's 20-byte address. */
    public byte[] address() {
        return address.clone();
    }

    /** The lower-case {@code 0x} hex of the address. */
    public String addressHex() {
        return "0x" + WalletKeys.hex(address);
    }

    /** The 65-byte {@code r || s || v} {@code personal_sign} signature of a UTF-8 text. */
    public byte[] signText(String text) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.US_ASCII);
        byte[] prefixed = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, prefixed, 0, prefix.length);
        System.arraycopy(message, 0, prefixed, prefix.length, message.length);
        return signHash(keccak(prefixed));
    }

    /** The 65-byte {@code r || s || v} signature of a 32-byte hash, with a low or high {@code s} as it falls. */
    public byte[] signHash(byte[] hash) {
        BigInteger n = K1.getN();
        BigInteger e = new BigInteger(1, hash);
        while (true) {
            BigInteger k = scalar();
            ECPoint bigR = K1.getG().multiply(k).normalize();
            BigInteger r = bigR.getAffineXCoord().toBigInteger().mod(n);
            BigInteger s = k.modInverse(n).multiply(e.add(r.multiply(privateKey))).mod(n);
            // r >= n (x reduced) would need recovery ids 2 and 3: draw again, as wallets do
            if (r.signum() == 0 || s.signum() == 0 || !bigR.getAffineXCoord().toBigInteger().equals(r)) {
                continue;
            }
            byte[] sig = new byte[65];
            put(r, sig, 0);
            put(s, sig, 32);
            sig[64] = (byte) (27 + (bigR.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0));
            return sig;
        }
    }

    /** The same signature with {@code s} replaced by {@code n - s} and {@code v} flipped: the other valid form. */
    public static byte[] otherS(byte[] signature) {
        byte[] out = signature.clone();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        put(K1.getN().subtract(s), out, 32);
        out[64] = (byte) (signature[64] == 27 ? 28 : 27);
        return out;
    }

    private static BigInteger scalar() {
        BigInteger d;
        do {
            d = new BigInteger(256, RANDOM);
        } while (d.signum() == 0 || d.compareTo(K1.getN()) >= 0);
        return d;
    }

    private static void put(BigInteger value, byte[] out, int offset) {
        byte[] b = value.toByteArray();
        int from = Math.max(0, b.length - 32);
        int len = b.length - from;
        Arrays.fill(out, offset, offset + 32, (byte) 0);
        System.arraycopy(b, from, out, offset + 32 - len, len);
    }

    private static byte[] keccak(byte[] data) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
