package io.walletgate;

import io.walletgate.internal.claims.Claims;
import java.util.Arrays;
import java.util.Set;

/**
 * The wallet-proof stage: matches the client's {@link WalletProof} against the wallets a token names
 * ({@link TokenWallets}), by value: secp256k1 keys as curve points, ed25519 keys as 32 bytes, Ethereum addresses as
 * 20 bytes, Solana addresses exactly. Never assumes that the first {@code wallets[]} entry is the one.
 */
final class WalletMatcher {
    private static final Set<String> APP_KEY_TYPES = Set.of("web3auth_app_key", "web3auth_key");

    private WalletMatcher() {
    }

    /**
     * Matches the client's proof: the wallet it matched (or the one the token binds), null when none is proven.
     *
     * @param required whether the issuer requires a proof on every verification
     * @param issuerName the issuer's name, for the message
     * @throws WalletVerificationException {@code wallet_proof_invalid} when the proof is malformed (or missing and
     *     required); {@code claim_missing} when a provider token lacks the claim that lists its wallets;
     *     {@code wallet_mismatch} when it matches no wallet of the token
     */
    static Wallet match(TokenWallets wallets, WalletProof proof, boolean required, String issuerName) {
        WalletProof.Kind kind = proof.kind();
        if (kind == WalletProof.Kind.NONE && required) {
            throw new WalletVerificationException(ErrorCode.WALLET_PROOF_INVALID,
                    "issuer '" + issuerName + "' requires a wallet public key or address");
        }
        switch (wallets.rule) {
            case APP_KEY:
                return matchEntries(wallets, proof, true);
            case ADDRESS_LIST:
                return matchEntries(wallets, proof, false);
            case PRIVY_ACCOUNTS:
            case DYNAMIC_CREDENTIALS:
            case PARA_WALLETS:
                if (kind != WalletProof.Kind.NONE && wallets.missingClaim != null) {
                    // Dynamic's access token, Privy's access token: no wallets to prove against, never a pass
                    throw Claims.missing(wallets.missingClaim);
                }
                return matchEntries(wallets, proof, false);
            case ADDRESS_CLAIM:
            case SIGNER:
                return matchAddressClaim(wallets.entries.get(0), wallets.addressClaim, proof);
            case NONE:
            default:
                if (kind != WalletProof.Kind.NONE) {
                    throw mismatch("this issuer's tokens name no wallet");
                }
                return null;
        }
    }

    private static Wallet matchEntries(TokenWallets wallets, WalletProof proof, boolean appKeys) {
        if (proof.kind() == WalletProof.Kind.NONE) {
            return null;
        }
        for (TokenWallets.Entry e : wallets.entries) {
            if (appKeys ? matchesAppKey(e, proof) : matchesAddressEntry(e, proof)) {
                return e.wallet();
            }
        }
        throw mismatch(appKeys ? "the client's wallet is none of the token's app keys"
                : "the client's address is none of the token's wallets");
    }

    private static boolean matchesAppKey(TokenWallets.Entry e, WalletProof proof) {
        // A wallets[] entry may carry no type (Set.of(...).contains(null) would throw): it is no app key.
        if (e.type == null || !APP_KEY_TYPES.contains(e.type)) { // a key that is not hex (raw() null) equals no proof
            return false;
        }
        byte[] bytes = proof.bytes();
        switch (proof.kind()) {
            case SECP256K1_KEY:
                // The proof is a point proven on the curve, in both encodings: a key equal to either, byte for byte,
                // is that same point, so it is not decoded again (a modular square root, WalletKeys).
                if (e.isSecp256k1()
                        && (Arrays.equals(e.raw(), bytes) || Arrays.equals(e.raw(), proof.uncompressed()))) {
                    e.provenSecp256k1(bytes, proof.uncompressed());
                    return true;
                }
                return false;
            case ETHEREUM_ADDRESS:
                return e.isSecp256k1() && Arrays.equals(e.keyAddress(), bytes);
            case ED25519_KEY:
                // the proof is a checked ed25519 point
                return "ed25519".equals(e.curve) && Arrays.equals(e.raw(), bytes);
            case SOLANA_ADDRESS:
                // an address is not checked as a point: the token's key must be one
                return "ed25519".equals(e.curve) && Arrays.equals(e.raw(), bytes) && e.key() != null;
            default:
                return false;
        }
    }

    private static boolean matchesAddressEntry(TokenWallets.Entry e, WalletProof proof) {
        if (e.address == null) {
            return false;
        }
        boolean eth = "ethereum".equals(e.type);
        switch (proof.kind()) {
            case ETHEREUM_ADDRESS:
                return eth && Arrays.equals(e.address, proof.bytes());
            case SECP256K1_KEY:
                return eth && Arrays.equals(e.address, proof.ethereumAddress());
            case SOLANA_ADDRESS:
            case ED25519_KEY:
                return "solana".equals(e.type) && Arrays.equals(e.address, proof.bytes());
            default:
                return false;
        }
    }

    // The token binds this address: it is proven without a proof, and a proof must be it.
    private static Wallet matchAddressClaim(TokenWallets.Entry entry, String path, WalletProof proof) {
        boolean matches;
        switch (proof.kind()) {
            case NONE:
                matches = true;
                break;
            case ETHEREUM_ADDRESS:
                matches = Arrays.equals(entry.address, proof.bytes());
                break;
            case SECP256K1_KEY:
                matches = Arrays.equals(entry.address, proof.ethereumAddress());
                break;
            default:
                matches = false;
        }
        if (!matches) {
            throw mismatch("the client's wallet is not the token's " + path);
        }
        return entry.wallet();
    }

    private static WalletVerificationException mismatch(String message) {
        return new WalletVerificationException(ErrorCode.WALLET_MISMATCH, message);
    }
}
