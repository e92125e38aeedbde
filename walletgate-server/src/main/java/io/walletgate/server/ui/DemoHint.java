package io.walletgate.server.ui;

import java.net.URI;
import java.util.Objects;

/**
 * What the web page tells a newcomer in the demo mode (no issuer configured): where the development issuer mints a
 * token, with which request body, and the app public key the minted token's wallet holds.
 *
 * @param mintUrl the development issuer's {@code POST /token}
 * @param mintBody the JSON body to post there
 * @param appPublicKey the app public key of the wallet the token is minted for, the proof to give with it
 */
public record DemoHint(URI mintUrl, String mintBody, String appPublicKey) {
    public DemoHint {
        Objects.requireNonNull(mintUrl, "mintUrl");
        Objects.requireNonNull(mintBody, "mintBody");
        Objects.requireNonNull(appPublicKey, "appPublicKey");
    }
}
