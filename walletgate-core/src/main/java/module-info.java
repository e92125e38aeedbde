/**
 * WalletGate core: verifies wallet-login ID tokens (Web3Auth, Sequence, NoPwd, any JWKS issuer) and proves the
 * wallet a client claims. Entry point: {@link io.walletgate.WalletVerifier}.
 */
module io.walletgate.core {
    requires transitive java.net.http;
    requires com.fasterxml.jackson.core;
    requires org.bouncycastle.provider;
    requires com.github.benmanes.caffeine;
    requires static com.amazon.corretto.crypto.provider;

    exports io.walletgate;
    exports io.walletgate.keys;
}
