package io.walletgate;

import io.walletgate.internal.wallet.WalletKeys;
import java.util.Objects;

/**
 * What the client asserts about its wallet, to be matched against the token: its app public key, its address, or
 * nothing. Construction never throws; a malformed value fails verification with {@code wallet_proof_invalid}.
 *
 * <pre>{@code
 * WalletProof.appPublicKey("02ecaaddf2f1cf22986615b09789982a3b3a63171e22b201ad86f7cb696ff62f4e")
 * WalletProof.address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
 * }</pre>
 */
public final class WalletProof {
    /** What the proof holds, once parsed. */
    public enum Kind {
        /** No proof. */
        NONE,
        /** A secp256k1 public key (compared as a curve point). */
        SECP256K1_KEY,
        /** An Ed25519 public key (32 bytes). */
        ED25519_KEY,
        /** An Ethereum address (20 bytes). */
        ETHEREUM_ADDRESS,
        /** A Solana address (32 bytes, base58). */
        SOLANA_ADDRESS
    }

    private static final WalletProof NONE = new WalletProof(Kind.NONE, null, null);

    private final Kind kind;
    private final byte[] bytes;
    private final byte[] uncompressed; // a secp256k1 key's other encoding, decoded with it; null for other kinds
    private final String error;

    private WalletProof(Kind kind, byte[] bytes, String error) {
        this(kind, bytes, null, error);
    }

    private WalletProof(Kind kind, byte[] bytes, byte[] uncompressed, String error) {
        this.kind = kind;
        this.bytes = bytes;
        this.uncompressed = uncompressed;
        this.error = error;
    }

    /**
     * No wallet proof: the identity carries the token's wallets, and a proven wallet only where the token binds one.
     *
     * @return the empty proof
     */
    public static WalletProof none() {
        return NONE;
    }

    /**
     * The app public key the client holds: secp256k1 compressed (66 hex digits) or uncompressed (130, {@code 04…}),
     * or ed25519 (64 hex digits, or its base58 Solana form); {@code 0x} optional, any case.
     *
     * @param key the public key, as hex or base58
     * @return the proof; a malformed key is reported when the proof is used, not here
     */
    public static WalletProof appPublicKey(String key) {
        if (key == null || key.isBlank()) {
            return invalid("app public key is empty");
        }
        String k = key.strip();
        byte[] raw = WalletKeys.parseHex(k);
        if (raw != null) {
            if (raw.length == 33 || raw.length == 65) {
                WalletKeys.Secp256k1Key point = WalletKeys.secp256k1Key(raw); // proven on the curve, decoded once
                return point != null ? new WalletProof(Kind.SECP256K1_KEY, point.compressed(), point.uncompressed(),
                        null) : invalid("app public key is not a point on secp256k1");
            }
            if (raw.length == 32) {
                return WalletKeys.isEd25519Key(raw) ? new WalletProof(Kind.ED25519_KEY, raw, null)
                        : invalid("app public key is not an ed25519 key");
            }
        }
        byte[] solana = WalletKeys.parseSolanaAddress(k);
        if (solana != null && WalletKeys.isEd25519Key(solana)) {
            return new WalletProof(Kind.ED25519_KEY, solana, null);
        }
        return invalid("app public key must be a secp256k1 key (66 or 130 hex digits) or an ed25519 key"
                + " (64 hex digits or base58)");
    }

    /**
     * The wallet address the client holds: Ethereum ({@code 0x} + 40 hex digits; a mixed-case one must carry a valid
     * EIP-55 checksum) or Solana (base58 of 32 bytes).
     *
     * @param address the address
     * @return the proof; a malformed address is reported when the proof is used, not here
     */
    public static WalletProof address(String address) {
        if (address == null || address.isBlank()) {
            return invalid("address is empty");
        }
        String a = address.strip();
        if (a.startsWith("0x") || a.startsWith("0X")) {
            byte[] eth = WalletKeys.parseEthereumAddress(a);
            return eth != null ? new WalletProof(Kind.ETHEREUM_ADDRESS, eth, null)
                    : invalid("address is not an Ethereum address (0x and 40 hex digits, valid EIP-55 checksum"
                            + " when mixed-case)");
        }
        byte[] sol = WalletKeys.parseSolanaAddress(a);
        return sol != null ? new WalletProof(Kind.SOLANA_ADDRESS, sol, null)
                : invalid("address is neither an Ethereum nor a Solana address");
    }

    private static WalletProof invalid(String error) {
        return new WalletProof(null, null, error);
    }

    /**
     * What the proof holds.
     *
     * @return the kind of value the proof holds
     * @throws WalletVerificationException {@code wallet_proof_invalid} when the given value was malformed
     */
    public Kind kind() {
        if (error != null) {
            throw new WalletVerificationException(ErrorCode.WALLET_PROOF_INVALID, error);
        }
        return kind;
    }

    /** The normalized bytes (compressed point, key, or address); null for {@link Kind#NONE}. Internal use. */
    byte[] bytes() {
        return bytes;
    }

    /** A secp256k1 key's 65-byte uncompressed encoding (its point is on the curve); null otherwise. Internal use. */
    byte[] uncompressed() {
        return uncompressed;
    }

    /** The Ethereum address of a secp256k1 key proof (Keccak-256 of its point); null for other kinds. Internal use. */
    byte[] ethereumAddress() {
        return uncompressed == null ? null : WalletKeys.ethereumAddressOfUncompressed(uncompressed);
    }

    /** {@return whether this proof is well formed} */
    public boolean isValid() {
        return error == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalletProof && ((WalletProof) o).kind == kind
                && java.util.Arrays.equals(((WalletProof) o).bytes, bytes) && Objects.equals(((WalletProof) o).error, error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, java.util.Arrays.hashCode(bytes), error);
    }

    @Override
    public String toString() {
        if (error != null) {
            return "WalletProof[invalid]";
        }
        if (kind == Kind.NONE) {
            return "WalletProof[none]";
        }
        return "WalletProof[" + kind + " " + WalletKeys.hex(bytes) + "]";
    }
}
