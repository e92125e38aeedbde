/**
 * WalletGate core: verifies wallet-login ID tokens (Web3Auth, Sequence, NoPwd, any JWKS issuer) and proves the
 * wallet a client claims (entry point: {@link io.walletgate.WalletVerifier}); verifies sign-ins with a wallet signature
 * and no provider, SIWE and SIWS (entry point: {@link io.walletgate.signin.SignInVerifier}).
 */
module io.walletgate.core {
    requires java.net.http; // JWKS fetching only: no exported type mentions it
    requires com.fasterxml.jackson.core;
    requires org.bouncycastle.provider;
    requires com.github.benmanes.caffeine;
    requires static com.amazon.corretto.crypto.provider;

    exports io.walletgate;
    exports io.walletgate.keys;
    exports io.walletgate.signin;
}
