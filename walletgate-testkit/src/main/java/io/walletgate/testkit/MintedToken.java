package io.walletgate.testkit;

import io.walletgate.WalletProof;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A token the dev issuer minted, with what a frontend would send beside it. Immutable.
 *
 * <pre>{@code
 * MintedToken login = issuer.web3auth().audience("my-client-id").wallets(2).mint();
 * verifier.verify(login.token(), WalletProof.appPublicKey(login.appPublicKey()));
 * }</pre>
 *
 * @param token the compact JWS
 * @param profile the profile whose shape it has ({@code web3auth}, {@code sequence-oms}, …)
 * @param issuer its {@code iss}
 * @param audience its {@code aud}, as a list (empty when removed)
 * @param keyId the header {@code kid}, or null
 * @param algorithm the header {@code alg}
 * @param issuedAt its {@code iat}, or null when removed
 * @param expiresAt its {@code exp}, or null when removed
 * @param appPublicKey the app public key a Web3Auth social frontend sends (compressed secp256k1 or ed25519 hex);
 *     null for the other profiles
 * @param address the address a frontend would hold: EIP-55 Ethereum or base58 Solana of the app key or wallet;
 *     null when the token names no wallet
 * @param wallets every wallet in the token, in token order, with their keys
 * @param header the JOSE header, immutable
 * @param claims the payload, immutable
 */
public record MintedToken(String token, String profile, String issuer, List<String> audience, String keyId,
                          String algorithm, Instant issuedAt, Instant expiresAt, String appPublicKey, String address,
                          List<DevWallet> wallets, Map<String, Object> header, Map<String, Object> claims) {
    /**
     * Validates and copies.
     *
     * @param token the compact JWS
     * @param profile the profile whose shape it has ({@code web3auth}, {@code sequence-oms}, …)
     * @param issuer its {@code iss}
     * @param audience its {@code aud}, as a list (empty when removed)
     * @param keyId the header {@code kid}, or null
     * @param algorithm the header {@code alg}
     * @param issuedAt its {@code iat}, or null when removed
     * @param expiresAt its {@code exp}, or null when removed
     * @param appPublicKey the app public key a Web3Auth social frontend sends (compressed secp256k1 or ed25519 hex);
     *     null for the other profiles
     * @param address the address a frontend would hold: EIP-55 Ethereum or base58 Solana of the app key or wallet; null
     *     when the token names no wallet
     * @param wallets every wallet in the token, in token order, with their keys
     * @param header the JOSE header, immutable
     * @param claims the payload, immutable
     */
    public MintedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(profile, "profile");
        audience = List.copyOf(audience);
        wallets = List.copyOf(wallets);
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(claims, "claims");
    }

    /**
     * The wallet proof the provider's frontend sends with this token: the app public key for Web3Auth social
     * logins, the address for Web3Auth external wallets, Privy, Dynamic, Para and Magic (when the token names a
     * wallet), nothing for the others (their tokens bind the wallet or name none).
     *
     * @return the proof
     */
    public WalletProof proof() {
        if (appPublicKey != null) {
            return WalletProof.appPublicKey(appPublicKey);
        }
        if (address != null && ProviderShape.of(profile).addressWallets()) {
            return WalletProof.address(address);
        }
        return WalletProof.none();
    }

    @Override
    public String toString() {
        return "MintedToken[" + profile + ", kid=" + keyId + ", alg=" + algorithm + ", address=" + address
                + ", expiresAt=" + expiresAt + "]";
    }
}
