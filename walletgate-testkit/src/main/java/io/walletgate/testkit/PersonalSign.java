package io.walletgate.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A wallet's {@code personal_sign} (EIP-191) as wallets make it: Keccak-256 of the prefixed message, an ECDSA signature
 * over secp256k1 with an RFC 6979 nonce, {@code s} made low and {@code v} = 27 + the parity of R's y, as
 * {@code r || s || v}. The testkit signs Magic's DID tokens with it.
 *
 * <p>BouncyCastle's {@code ECDSASigner} does not say which of the two points with x = r it used, and Ethereum
 * signatures need that bit ({@code v}); so the two lines of ECDSA that give it are written here, on BouncyCastle's
 * curve arithmetic and its RFC 6979 nonce generator. Kept apart from the core's recovery so that the testkit checks it.
 */
final class PersonalSign {
    private static final X9ECParameters K1 = ECNamedCurveTable.getByName("secp256k1");
    private static final BigInteger HALF_N = K1.getN().shiftRight(1);

    private PersonalSign() {
    }

    /** The 65-byte signature of a UTF-8 text by the wallet whose private key is {@code privateKeyHex}. */
    static byte[] sign(String text, String privateKeyHex) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.US_ASCII);
        byte[] prefixed = Arrays.copyOf(prefix, prefix.length + message.length);
        System.arraycopy(message, 0, prefixed, prefix.length, message.length);
        return signHash(WalletKeyPairs.keccak256(prefixed), new BigInteger(privateKeyHex, 16));
    }

    private static byte[] signHash(byte[] hash, BigInteger d) {
        BigInteger n = K1.getN();
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(n, d, hash);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint bigR = K1.getG().multiply(k).normalize();
            BigInteger x = bigR.getAffineXCoord().toBigInteger();
            BigInteger s = k.modInverse(n).multiply(e.add(x.multiply(d))).mod(n);
            if (x.compareTo(n) >= 0 || x.signum() == 0 || s.signum() == 0) {
                continue; // r >= n would need recovery ids 2 and 3, which wallets never use
            }
            boolean odd = bigR.getAffineYCoord().toBigInteger().testBit(0);
            if (s.compareTo(HALF_N) > 0) { // low s, as ethers and every wallet sign
                s = n.subtract(s);
                odd = !odd;
            }
            byte[] sig = new byte[65];
            put(x, sig, 0);
            put(s, sig, 32);
            sig[64] = (byte) (odd ? 28 : 27);
            return sig;
        }
    }

    private static void put(BigInteger value, byte[] out, int offset) {
        byte[] b = value.toByteArray();
        int from = Math.max(0, b.length - 32);
        System.arraycopy(b, from, out, offset + 32 - (b.length - from), b.length - from);
    }
}
