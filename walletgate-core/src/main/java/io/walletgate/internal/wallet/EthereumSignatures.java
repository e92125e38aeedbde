package io.walletgate.internal.wallet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Ethereum message signatures: the EIP-191 {@code personal_sign} hash (version {@code 0x45}) and secp256k1 public-key
 * recovery from a 65-byte {@code r || s || v} signature (SEC 1 v2 §4.1.6), as {@code ecrecover} does. Shared by
 * Sign-In with Ethereum and by token formats whose proof is a {@code personal_sign} (Magic's DID tokens). The curve
 * arithmetic ({@link ECCurve#decodePoint}, {@link ECAlgorithms#sumOfTwoMultiplies}) and Keccak-256 are BouncyCastle's;
 * nothing here does field arithmetic by hand.
 */
public final class EthereumSignatures {
    /** {@code "\x19Ethereum Signed Message:\n"}: EIP-191 version {@code 0x45} ("E"), as {@code personal_sign}. */
    private static final byte[] PERSONAL_PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);
    private static final X9ECParameters K1 = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = K1.getCurve();
    private static final BigInteger N = K1.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    /**
     * Which {@code s} values a caller accepts. Every signature has two valid forms, {@code s} and {@code n - s}
     * (with the other recovery id): a third party can turn one into the other without the key.
     */
    public enum SRange {
        /**
         * {@code 1 <= s <= n/2}, the EIP-2 rule ("all transaction signatures whose s-value is greater than
         * secp256k1n/2 are now considered invalid"): for a format that is deduplicated or identified by the bytes of
         * its signature, where the second form would pass as a new value.
         */
        LOW_ONLY,
        /**
         * {@code 1 <= s <= n - 1}, what the {@code ecrecover} precompile accepts (Yellow Paper, Appendix E): EIP-2's
         * rule is about transactions, and {@code personal_sign} verifiers (viem's {@code recoverAddress}, Geth's
         * {@code ecrecover}) recover high-s signatures too.
         */
        FULL
    }

    private EthereumSignatures() {
    }

    /** Keccak-256 (the pre-standard Keccak padding Ethereum uses, not SHA3-256). */
    public static byte[] keccak256(byte[] data) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /**
     * The EIP-191 {@code personal_sign} hash of a message: Keccak-256 of {@code "\x19Ethereum Signed Message:\n"}, the
     * message's length in bytes as a decimal number, and the message.
     */
    public static byte[] personalMessageHash(byte[] message) {
        byte[] length = Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII);
        KeccakDigest d = new KeccakDigest(256);
        d.update(PERSONAL_PREFIX, 0, PERSONAL_PREFIX.length);
        d.update(length, 0, length.length);
        d.update(message, 0, message.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** Thrown when a signature cannot be recovered; the message says why, without the signature's bytes. */
    public static final class RecoveryException extends Exception {
        private static final long serialVersionUID = 1L;

        RecoveryException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Recovers the public key that made a 65-byte {@code r || s || v} signature of a 32-byte hash.
     *
     * <p>Checks, in order: 65 bytes; {@code v} is 27 or 28 (also 0 or 1, as hardware wallets and some libraries
     * write it; never the EIP-155 chain-encoded values of transactions); {@code r} in [1, n-1]; {@code s} in the
     * given range; {@code R} (the point with x = r and the parity of {@code v}) on the curve; the recovered point not
     * infinity. Only recovery ids 0 and 1 exist in this format, so x = r + n (recovery ids 2, 3) is never tried.
     *
     * @throws RecoveryException naming the failed check
     */
    public static WalletKeys.Secp256k1Key recover(byte[] hash, byte[] signature, SRange sRange)
            throws RecoveryException {
        if (hash.length != 32) {
            throw new IllegalArgumentException("hash must be 32 bytes: " + hash.length);
        }
        if (signature.length != 65) {
            throw new RecoveryException("signature is " + signature.length + " bytes, not 65 (r, s, v)");
        }
        int v = signature[64] & 0xFF;
        int recoveryId = v == 27 || v == 28 ? v - 27 : v;
        if (recoveryId != 0 && recoveryId != 1) {
            throw new RecoveryException("signature v is " + v + ", not 27, 28, 0 or 1");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || r.compareTo(N) >= 0) {
            throw new RecoveryException("signature r is not in [1, n-1]");
        }
        if (s.signum() == 0 || s.compareTo(N) >= 0) {
            throw new RecoveryException("signature s is not in [1, n-1]");
        }
        if (sRange == SRange.LOW_ONLY && s.compareTo(HALF_N) > 0) {
            throw new RecoveryException("signature s is greater than n/2 (EIP-2)");
        }
        ECPoint bigR = decompress(r, recoveryId);
        BigInteger e = new BigInteger(1, hash);
        BigInteger rInv = r.modInverse(N);
        // Q = r^-1 (s R - e G) = (-e r^-1) G + (s r^-1) R
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(K1.getG(), e.negate().multiply(rInv).mod(N),
                bigR, s.multiply(rInv).mod(N)).normalize();
        if (q.isInfinity()) {
            throw new RecoveryException("signature recovers to no key");
        }
        return new WalletKeys.Secp256k1Key(q.getEncoded(true), q.getEncoded(false));
    }

    /** The 20-byte address of the key that made the signature: {@link #recover} then the key's address. */
    public static byte[] recoverAddress(byte[] hash, byte[] signature, SRange sRange) throws RecoveryException {
        return recover(hash, signature, sRange).address();
    }

    private static ECPoint decompress(BigInteger x, int yParity) throws RecoveryException {
        byte[] encoded = new byte[33];
        encoded[0] = (byte) (yParity == 0 ? 0x02 : 0x03);
        byte[] xBytes = x.toByteArray(); // r < n < p: at most 32 bytes after a sign byte
        int len = Math.min(xBytes.length, 32);
        System.arraycopy(xBytes, xBytes.length - len, encoded, 33 - len, len);
        try {
            ECPoint p = CURVE.decodePoint(encoded);
            if (p.isInfinity() || !p.isValid()) {
                throw new RecoveryException("signature r is not the x of a curve point");
            }
            return p;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new RecoveryException("signature r is not the x of a curve point");
        }
    }
}
