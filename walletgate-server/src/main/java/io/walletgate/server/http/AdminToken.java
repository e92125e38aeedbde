package io.walletgate.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The {@code server.adminToken} that guards the admin endpoint and, off loopback, the web page's API: presented as
 * {@code Authorization: Bearer …} and compared in constant time. Immutable.
 */
public final class AdminToken {
    private final byte[] token;

    /** The configured token, or null when none is (the endpoints it guards are then off). */
    public AdminToken(String configured) {
        this.token = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a token is configured. */
    public boolean configured() {
        return token != null;
    }

    /** Whether the request presents the configured token (never true when none is configured). */
    public boolean presentedBy(Context ctx) {
        String presented = Requests.bearer(ctx);
        return token != null && presented != null
                && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
