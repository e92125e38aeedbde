package io.walletgate.internal.wallet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Wallet key and address encodings: secp256k1 points (compared as points, never by their X alone), Ed25519 keys,
 * Ethereum addresses (Keccak-256 of X||Y, last 20 bytes, EIP-55 checksum) and Solana addresses (base58 of the key).
 * The curve arithmetic and the hash come from BouncyCastle.
 *
 * <p>Speed (issues 9 and 20, walletgate-bench): decoding a compressed secp256k1 key takes a modular square root, the
 * largest cost of a Web3Auth verification after the signature. It is done by libsecp256k1 when its optional JNI
 * bindings load (about 5.5 us of CPU on a 2-core Xeon), else by BouncyCastle (about 16 us): {@link Secp256k1Decoders}.
 * {@code WalletMatcher} decodes only the client's proof and compares it with the token's keys by their
 * bytes; the token's keys are decoded only when asked for.
 */
public final class WalletKeys {
    private static final HexFormat HEX = HexFormat.of();

    private WalletKeys() {
    }

    /** A secp256k1 public key: its 33-byte compressed and 65-byte uncompressed SEC1 encodings. */
    public record Secp256k1Key(byte[] compressed, byte[] uncompressed) {
        /** The key's 20-byte Ethereum address: Keccak-256 of X||Y, last 20 bytes. */
        public byte[] address() {
            return ethereumAddressOfUncompressed(uncompressed);
        }
    }

    /**
     * Both SEC1 encodings of a secp256k1 point given as SEC1 bytes (33 compressed or 65 uncompressed), decoding it
     * once; null when they do not encode a point on the curve.
     */
    public static Secp256k1Key secp256k1Key(byte[] sec1) {
        return secp256k1Key(sec1, Secp256k1Decoders.chosen());
    }

    /** {@link #secp256k1Key(byte[])} with the given decoder (the differential test runs both). */
    static Secp256k1Key secp256k1Key(byte[] sec1, Secp256k1Decoder decoder) {
        if (!(sec1.length == 33 && (sec1[0] == 2 || sec1[0] == 3) || sec1.length == 65 && sec1[0] == 4)) {
            return null; // SEC1's other forms (hybrid 06/07, the point at infinity 00) are no wallet key
        }
        byte[] uncompressed = decoder.uncompressed(sec1);
        return uncompressed == null ? null : new Secp256k1Key(compressed(uncompressed), uncompressed);
    }

    /** The 33-byte compressed encoding of a point given uncompressed: 02 or 03 by the parity of Y, then X. */
    private static byte[] compressed(byte[] uncompressed) {
        byte[] c = Arrays.copyOfRange(uncompressed, 0, 33);
        c[0] = (byte) (2 + (uncompressed[64] & 1));
        return c;
    }

    /** Whether 32 bytes encode an Ed25519 point. */
    public static boolean isEd25519Key(byte[] key) {
        return key.length == 32 && Ed25519.validatePublicKeyPartial(key, 0);
    }

    /**
     * The Ethereum address (20 bytes) of a compressed secp256k1 key.
     *
     * @throws IllegalArgumentException when the bytes are not a point on the curve
     */
    public static byte[] ethereumAddress(byte[] compressedKey) {
        Secp256k1Key key = secp256k1Key(compressedKey);
        if (key == null) {
            throw new IllegalArgumentException("not a secp256k1 point");
        }
        return key.address();
    }

    /** The Ethereum address (20 bytes) of a point in its 65-byte uncompressed SEC1 encoding. */
    public static byte[] ethereumAddressOfUncompressed(byte[] uncompressed) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(uncompressed, 1, 64);
        byte[] hash = new byte[32];
        d.doFinal(hash, 0);
        return Arrays.copyOfRange(hash, 12, 32);
    }

    /** EIP-55 mixed-case checksum encoding of a 20-byte address, with {@code 0x}. */
    public static String eip55(byte[] address) {
        // One Keccak-256 of the lower-case hex, whose nibbles upper-case the letters; built as bytes, not through a
        // StringBuilder of chars (that was ~0.5 us of a Web3Auth verification, docs/performance.md).
        byte[] lower = HEX.formatHex(address).getBytes(StandardCharsets.ISO_8859_1);
        byte[] hash = keccak256(lower);
        byte[] out = new byte[lower.length + 2];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < lower.length; i++) {
            byte c = lower[i];
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0F;
            out[i + 2] = c >= 'a' && nibble >= 8 ? (byte) (c - ('a' - 'A')) : c;
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * Parses an Ethereum address: {@code 0x} and 40 hex digits; a mixed-case one must carry a valid EIP-55
     * checksum, all-lower or all-upper is accepted.
     *
     * @return the 20 bytes, or null when malformed or the checksum is wrong
     */
    public static byte[] parseEthereumAddress(String s) {
        if (s == null || s.length() != 42 || !(s.startsWith("0x") || s.startsWith("0X"))) {
            return null;
        }
        if (!isHex(s, 2)) {
            return null;
        }
        String hex = s.substring(2);
        byte[] bytes = HEX.parseHex(hex);
        boolean mixed = !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
        if (mixed && !eip55(bytes).substring(2).equals(hex)) {
            return null;
        }
        return bytes;
    }

    /** The Solana address of an Ed25519 key: base58 of its 32 bytes. */
    public static String solanaAddress(byte[] ed25519Key) {
        return Base58.encode(ed25519Key);
    }

    /** Parses a Solana address: base58 of exactly 32 bytes; null otherwise. */
    public static byte[] parseSolanaAddress(String s) {
        byte[] bytes = Base58.decode(s);
        return bytes != null && bytes.length == 32 ? bytes : null;
    }

    /** Lower-case hex. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Parses hex with an optional {@code 0x} prefix, any case; null if not hex of even length. */
    public static byte[] parseHex(String s) {
        if (s == null) {
            return null;
        }
        int from = s.startsWith("0x") || s.startsWith("0X") ? 2 : 0;
        int digits = s.length() - from;
        if (digits == 0 || digits % 2 != 0 || !isHex(s, from)) {
            return null;
        }
        // HexFormat parses either case in place: no substring, no lower-case copy (a Web3Auth token's keys and the
        // client's are parsed on every verification, docs/performance.md)
        return HEX.parseHex(s, from, s.length());
    }

    private static boolean isHex(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!HexFormat.isHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] keccak256(byte[] data) {
        return EthereumSignatures.keccak256(data);
    }
}
