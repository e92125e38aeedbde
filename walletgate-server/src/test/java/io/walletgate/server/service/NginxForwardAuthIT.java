package io.walletgate.server.service;

import java.nio.file.Path;

/**
 * WalletGate as the {@code auth_request} target of a real nginx, configured by the shipped
 * {@code examples/nginx/walletgate.conf} with its placeholders filled in (docs/architecture.md §7, issue 7). When
 * WalletGate cannot be reached, nginx answers 500.
 */
class NginxForwardAuthIT extends ForwardAuthContract {
    NginxForwardAuthIT() {
        Nginx.binary(); // fail at once, saying how to install it, rather than after starting the rest
    }

    @Override
    FrontProxy startProxy(Path dir, String walletgate, String app) {
        return Nginx.start(dir, walletgate, app);
    }

    @Override
    int statusWhenWalletGateIsDown() {
        return 500;
    }
}
