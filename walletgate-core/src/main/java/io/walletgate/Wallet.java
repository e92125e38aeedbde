package io.walletgate;

/**
 * A wallet named in a token, with what can be derived from it.
 *
 * @param type the token's wallet type: {@code web3auth_app_key}, {@code web3auth_key},
 *     {@code web3auth_threshold_key}, {@code ethereum}, {@code solana}
 * @param curve {@code secp256k1} or {@code ed25519} for a public key; null for an address-only wallet
 * @param publicKey the public key as lower-case hex (secp256k1 compressed, 33 bytes; ed25519, 32 bytes), or null
 * @param address the address: EIP-55 Ethereum for secp256k1 keys and Ethereum wallets, base58 Solana for ed25519
 *     keys and Solana wallets; null when the token's value could not be read as one
 */
public record Wallet(String type, String curve, String publicKey, String address) {
}
