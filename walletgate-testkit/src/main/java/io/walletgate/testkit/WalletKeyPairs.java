package io.walletgate.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Real wallet keys on both curves, and the addresses derived from them (docs/architecture.md §3): secp256k1 → Ethereum
 * (Keccak-256 of X‖Y, last 20 bytes, EIP-55 checksum), ed25519 → Solana (base58 of the 32-byte key). Kept here, not
 * borrowed from the core's internal package, so that the testkit checks the core instead of agreeing with it.
 */
final class WalletKeyPairs {
    static final String SECP256K1 = "secp256k1";
    static final String ED25519 = "ed25519";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X9ECParameters K1 = ECNamedCurveTable.getByName(SECP256K1);
    private static final HexFormat HEX = HexFormat.of();

    private WalletKeyPairs() {
    }

    /** A fresh key pair on {@code curve}, as a wallet of {@code type}. */
    static DevWallet generate(String curve, String type) {
        if (SECP256K1.equals(curve)) {
            BigInteger d;
            do {
                d = new BigInteger(256, RANDOM);
            } while (d.signum() == 0 || d.compareTo(K1.getN()) >= 0);
            return secp256k1(d, type);
        }
        if (ED25519.equals(curve)) {
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(RANDOM);
            byte[] pub = key.generatePublicKey().getEncoded();
            return new DevWallet(type, ED25519, HEX.formatHex(pub), solanaAddress(pub),
                    HEX.formatHex(key.getEncoded()));
        }
        throw new IllegalArgumentException("curve must be secp256k1 or ed25519: " + curve);
    }

    /** The wallet of a secp256k1 private key. */
    static DevWallet secp256k1(BigInteger privateKey, String type) {
        byte[] compressed = K1.getG().multiply(privateKey).normalize().getEncoded(true);
        byte[] d = fixed(privateKey.toByteArray(), 32);
        return new DevWallet(type, SECP256K1, HEX.formatHex(compressed), ethereumAddress(compressed), HEX.formatHex(d));
    }

    /**
     * The wallet of a public key a caller supplies: secp256k1 (66 or 130 hex digits) or ed25519 (64), {@code 0x}
     * optional.
     *
     * @throws IllegalArgumentException if it is neither
     */
    static DevWallet fromPublicKey(String hex, String type) {
        byte[] raw = parseHex(hex);
        if (raw != null && (raw.length == 33 || raw.length == 65)) {
            ECPoint p;
            try {
                p = K1.getCurve().decodePoint(raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("appPublicKey is not a point on secp256k1");
            }
            byte[] compressed = p.getEncoded(true);
            return new DevWallet(type, SECP256K1, HEX.formatHex(compressed), ethereumAddress(compressed), null);
        }
        if (raw != null && raw.length == 32) {
            if (!Ed25519.validatePublicKeyPartial(raw, 0)) {
                throw new IllegalArgumentException("appPublicKey is not an ed25519 key");
            }
            return new DevWallet(type, ED25519, HEX.formatHex(raw), solanaAddress(raw), null);
        }
        throw new IllegalArgumentException("appPublicKey must be secp256k1 (66 or 130 hex digits) or ed25519"
                + " (64 hex digits)");
    }

    /**
     * The wallet of an address a caller supplies: Ethereum ({@code 0x} and 40 hex digits) or Solana (base58 of 32
     * bytes).
     *
     * @throws IllegalArgumentException if it is neither
     */
    static DevWallet fromAddress(String address) {
        if (address.startsWith("0x") || address.startsWith("0X")) {
            byte[] raw = parseHex(address);
            if (raw == null || raw.length != 20) {
                throw new IllegalArgumentException("address is not an Ethereum address (0x and 40 hex digits)");
            }
            return new DevWallet("ethereum", null, null, eip55(raw), null);
        }
        byte[] raw = Base58.decode(address);
        if (raw == null || raw.length != 32) {
            throw new IllegalArgumentException("address is neither an Ethereum nor a Solana address");
        }
        return new DevWallet("solana", null, null, address, null);
    }

    /** The EIP-55 address of a SEC1 secp256k1 public key (compressed or not). */
    static String ethereumAddress(byte[] sec1) {
        byte[] xy = K1.getCurve().decodePoint(sec1).normalize().getEncoded(false);
        byte[] hash = keccak256(Arrays.copyOfRange(xy, 1, xy.length));
        return eip55(Arrays.copyOfRange(hash, 12, 32));
    }

    /** EIP-55: a hex digit is upper-case where the Keccak-256 of the lower-case address has a nibble ≥ 8. */
    static String eip55(byte[] address20) {
        String lower = HEX.formatHex(address20);
        byte[] hash = keccak256(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < lower.length(); i++) {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            char c = lower.charAt(i);
            sb.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    static String solanaAddress(byte[] ed25519PublicKey) {
        return Base58.encode(ed25519PublicKey);
    }

    static byte[] keccak256(byte[] data) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] parseHex(String text) {
        String h = text.strip();
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        if (h.isEmpty() || h.length() % 2 != 0 || !h.matches("[0-9a-fA-F]+")) {
            return null;
        }
        return HEX.parseHex(h.toLowerCase(Locale.ROOT));
    }

    static byte[] fixed(byte[] twosComplement, int length) {
        byte[] out = new byte[length];
        int copy = Math.min(length, twosComplement.length);
        System.arraycopy(twosComplement, twosComplement.length - copy, out, length - copy, copy);
        return out;
    }
}
