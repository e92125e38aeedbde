package io.walletgate.server.ui;

import io.javalin.http.Context;
import io.walletgate.ErrorCode;
import io.walletgate.server.config.ConfigException;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.http.AdminToken;
import io.walletgate.server.http.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Who may use the web page's API ({@code server.ui}). {@code auto} turns the page on only when the service is bound
 * to a loopback address; {@code on} turns it on anywhere, and off loopback every API call then needs the admin token
 * ({@code Authorization: Bearer …}). On a loopback bind a request still needs the admin token when it did not come
 * straight from this machine: it carries proxy headers, or names a host other than {@code localhost} or a loopback
 * address (a DNS-rebinding page in the user's browser would name its own host).
 */
final class UiAccess {
    private static final List<String> PROXY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Real-IP");
    private static final Pattern LOCAL_HOST = Pattern.compile(
            "(localhost|127(\\.\\d{1,3}){3}|\\[::1\\]|\\[0*:(0*:){0,6}0*1\\])(:\\d{1,5})?");

    private final boolean enabled;
    private final boolean loopbackBind;
    private final AdminToken adminToken;

    private UiAccess(boolean enabled, boolean loopbackBind, String adminToken) {
        this.enabled = enabled;
        this.loopbackBind = loopbackBind;
        this.adminToken = new AdminToken(adminToken);
    }

    /**
     * The access rules of a server configuration.
     *
     * @throws ConfigException when {@code ui} is {@code on} on a non-loopback bind without an admin token
     */
    static UiAccess of(WalletGateConfig.Server server) {
        String mode = server.ui() == null ? "auto" : server.ui();
        boolean loopback = loopback(server.bind());
        if (mode.equals("on") && !loopback && server.adminToken() == null) {
            throw new ConfigException("server: 'ui' is on and 'bind' " + server.bind() + " is not a loopback address:"
                    + " set 'adminToken' (the page then asks for it), or set 'ui' to auto or off");
        }
        boolean enabled = mode.equals("on") || mode.equals("auto") && loopback;
        return new UiAccess(enabled, loopback, server.adminToken());
    }

    /** Whether {@code bind} is a loopback address (a name is resolved once, at start; unknown names are not). */
    static boolean loopback(String bind) {
        if (bind == null || bind.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(bind.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** Whether this request must present the admin token. */
    boolean adminTokenRequired(Context ctx) {
        return adminTokenRequired(ctx::header);
    }

    /** Whether a request with these headers (a name to its value, or null) must present the admin token. */
    boolean adminTokenRequired(UnaryOperator<String> headers) {
        if (!loopbackBind) {
            return true;
        }
        for (String h : PROXY_HEADERS) {
            if (headers.apply(h) != null) {
                return true;
            }
        }
        String host = headers.apply("Host");
        return host == null || !LOCAL_HOST.matcher(host.strip().toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Lets the request through, or refuses it.
     *
     * @throws ApiException 401 {@code token_missing} when the admin token is needed and missing or wrong; 403
     *     {@code request_invalid} when it is needed and none is configured
     */
    void check(Context ctx) {
        if (!adminTokenRequired(ctx)) {
            return;
        }
        if (!adminToken.configured()) {
            throw new ApiException(403, ErrorCode.REQUEST_INVALID, "this request did not come straight from this"
                    + " machine (a proxy or a host name other than localhost) and no admin token is configured");
        }
        if (!adminToken.presentedBy(ctx)) {
            throw ApiException.wrongAdminToken(ctx);
        }
    }
}
