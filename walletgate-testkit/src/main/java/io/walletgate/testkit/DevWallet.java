package io.walletgate.testkit;

/**
 * A wallet the testkit put in a token: a real key pair it generated (or the public key or address a caller asked it
 * to embed), with the values a frontend would hold.
 *
 * @param type the token's wallet type: {@code web3auth_app_key}, {@code web3auth_key},
 *     {@code web3auth_threshold_key}, {@code ethereum} or {@code solana}
 * @param curve {@code secp256k1} or {@code ed25519}; null for an embedded address with no key
 * @param publicKey lower-case hex: secp256k1 compressed (66 digits) or ed25519 (64 digits); null for an embedded
 *     address
 * @param address the EIP-55 Ethereum address of a secp256k1 key, or the base58 Solana address of an ed25519 key
 * @param privateKey lower-case hex of the private key (32 bytes; for ed25519 the seed), or null when the caller
 *     supplied the wallet; test keys only, never shown by {@link #toString()}
 */
public record DevWallet(String type, String curve, String publicKey, String address, String privateKey) {
    /** A copy of this wallet as another {@code type}. */
    DevWallet withType(String newType) {
        return new DevWallet(newType, curve, publicKey, address, privateKey);
    }

    @Override
    public String toString() {
        return "DevWallet[type=" + type + ", curve=" + curve + ", publicKey=" + publicKey + ", address=" + address
                + "]";
    }
}
