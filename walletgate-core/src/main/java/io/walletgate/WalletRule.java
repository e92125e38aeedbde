package io.walletgate;

/** How a profile's tokens name the user's wallet, and so how a client's proof is matched. */
enum WalletRule {
    /** Web3Auth social login: {@code wallets[]} entries with {@code public_key} of type {@code web3auth_app_key}
     * (or legacy {@code web3auth_key}); the client proves with its app public key or the address derived from it. */
    APP_KEY,
    /** Web3Auth external wallets: {@code wallets[]} entries {@code {address, type}} of type {@code ethereum} or
     * {@code solana}; the client proves with its address. */
    ADDRESS_LIST,
    /** One Ethereum address in a claim (Sequence OMS {@code wallet_address}, Sequence WaaS {@code sub}, or a
     * configured OIDC claim); the token binds it, and a client's proof, if given, must match it. */
    ADDRESS_CLAIM,
    /** Privy: the {@code wallet} and {@code smart_wallet} entries of {@code linked_accounts} (a JSON string or an
     * array); the client proves with its address. */
    PRIVY_ACCOUNTS,
    /** Dynamic: the {@code verified_credentials} entries of format {@code blockchain}, chain {@code eip155} or
     * {@code solana}; the client proves with its address. */
    DYNAMIC_CREDENTIALS,
    /** Para: {@code data.wallets} and {@code data.connectedWallets}, type {@code EVM} or {@code SOLANA}; the client
     * proves with its address. */
    PARA_WALLETS,
    /** Magic: the DID token's recovered signer, the address in {@code iss}; the token binds it, like
     * {@link #ADDRESS_CLAIM}. */
    SIGNER,
    /** The tokens name no wallet (NoPwd); any proof other than none is a mismatch. */
    NONE
}
