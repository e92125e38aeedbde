package io.walletgate.server.service;

import java.nio.file.Path;

/**
 * WalletGate as the {@code forward_auth} target of a real Caddy (Debian's, 2.6), configured by the shipped
 * {@code examples/caddy/Caddyfile} as committed, its environment placeholders set (issue 19). When WalletGate cannot
 * be reached, Caddy answers 502.
 */
class CaddyForwardAuthIT extends ForwardAuthContract {
    CaddyForwardAuthIT() {
        Caddy.binary(); // fail at once, saying how to install it, rather than after starting the rest
        Caddy.placeholders();
    }

    @Override
    FrontProxy startProxy(Path dir, String walletgate, String app) {
        return Caddy.start(dir, walletgate, app);
    }

    @Override
    int statusWhenWalletGateIsDown() {
        return 502;
    }
}
