package io.walletgate.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An Ethereum account with its private key, that signs as a wallet does for Sign-In with Ethereum:
 * {@code personal_sign} (EIP-191) with a deterministic (RFC 6979), low-s (EIP-2) ECDSA signature, written as
 * {@code 0x} r s v with v 27 or 28. It is the externally owned account of a SIWE test, and the owner key of the
 * testkit's smart-contract wallets. FOR TESTS ONLY: the key is in memory, in the clear.
 *
 * <pre>{@code
 * EthereumTestWallet wallet = EthereumTestWallet.random();
 * String message = SiweMessageBuilder.of(wallet.address()).withNonce(nonce).text();
 * String signature = wallet.signMessage(message);
 * }</pre>
 */
public final class EthereumTestWallet {
    private static final X9ECParameters K1 = ECNamedCurveTable.getByName("secp256k1");
    private static final BigInteger N = K1.getN();
    private static final HexFormat HEX = HexFormat.of();

    private final BigInteger privateKey;
    private final String address;

    private EthereumTestWallet(BigInteger privateKey) {
        this.privateKey = privateKey;
        this.address = WalletKeyPairs.secp256k1(privateKey, "ethereum").address();
    }

    /** {@return a wallet with a fresh random key} */
    public static EthereumTestWallet random() {
        return new EthereumTestWallet(new BigInteger(WalletKeyPairs.generate("secp256k1", "ethereum").privateKey(),
                16));
    }

    /**
     * The wallet of a private key: 64 hex digits, {@code 0x} optional.
     *
     * @param hex the private key
     * @return the wallet
     * @throws IllegalArgumentException if it is not a key in [1, n-1]
     */
    public static EthereumTestWallet fromPrivateKey(String hex) {
        String h = Objects.requireNonNull(hex, "hex").startsWith("0x") ? hex.substring(2) : hex;
        BigInteger d;
        try {
            d = new BigInteger(h, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("privateKey must be 64 hex digits");
        }
        if (h.length() != 64 || d.signum() <= 0 || d.compareTo(N) >= 0) {
            throw new IllegalArgumentException("privateKey must be 64 hex digits of a number in [1, n-1]");
        }
        return new EthereumTestWallet(d);
    }

    /** {@return the EIP-55 address} */
    public String address() {
        return address;
    }

    /** {@return the private key as {@code 0x} and 64 hex digits} */
    public String privateKey() {
        return "0x" + HEX.formatHex(WalletKeyPairs.fixed(privateKey.toByteArray(), 32));
    }

    /**
     * {@code personal_sign}: the 65-byte signature of the EIP-191 hash of {@code message} (UTF-8), {@code 0x}-hex.
     *
     * @param message the message
     * @return the signature
     */
    public String signMessage(String message) {
        return "0x" + HEX.formatHex(signHash(personalMessageHash(message.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * The 65-byte {@code r || s || v} ECDSA signature of a 32-byte hash: RFC 6979 nonce, low s, v 27 or 28.
     *
     * @param hash the 32-byte hash
     * @return the signature
     */
    public byte[] signHash(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("hash must be 32 bytes: " + hash.length);
        }
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, privateKey, hash);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = K1.getG().multiply(k).normalize();
            BigInteger r = point.getAffineXCoord().toBigInteger().mod(N);
            BigInteger s = k.modInverse(N).multiply(e.add(r.multiply(privateKey))).mod(N);
            if (r.signum() == 0 || s.signum() == 0 || point.getAffineXCoord().toBigInteger().compareTo(N) >= 0) {
                continue; // RFC 6979 §3.2 h.3: next k (x ≥ n would need a recovery id of 2 or 3)
            }
            int recoveryId = point.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0;
            if (s.compareTo(N.shiftRight(1)) > 0) { // EIP-2: the low-s form; negating s flips R's y
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            byte[] sig = new byte[65];
            System.arraycopy(WalletKeyPairs.fixed(r.toByteArray(), 32), 0, sig, 0, 32);
            System.arraycopy(WalletKeyPairs.fixed(s.toByteArray(), 32), 0, sig, 32, 32);
            sig[64] = (byte) (27 + recoveryId);
            return sig;
        }
    }

    /** EIP-191 version 0x45: Keccak-256 of "\x19Ethereum Signed Message:\n", the length in decimal, the message. */
    static byte[] personalMessageHash(byte[] message) {
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(message, 0, all, prefix.length, message.length);
        return WalletKeyPairs.keccak256(all);
    }

    @Override
    public String toString() {
        return "EthereumTestWallet[" + address + "]";
    }
}
