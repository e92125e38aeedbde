package io.walletgate.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerifier;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.http.ApiException;
import io.walletgate.server.http.Requests;
import io.walletgate.server.json.IdentityJson;
import java.time.Clock;

/**
 * The web page for people (issue 12): a token inspector at {@code /} and {@code /ui}, key health at
 * {@code /ui/keys} (one page, two views), and the same-origin JSON API they call:
 * <ul>
 * <li>{@code GET /ui/api/access}: {@code {"adminTokenRequired": bool, "demo": {"mintUrl", "mintBody", "appPubKey"}
 *     or null}} for this request (never refused);</li>
 * <li>{@code POST /ui/api/inspect} with {@code {"token", "appPubKey"?, "address"?}}: 200 with the report of
 *     {@link TokenInspector} whether the token is valid or not; 400 for a malformed request;</li>
 * <li>{@code GET /ui/api/keys}: 200 with the report of {@link KeyHealth}.</li>
 * </ul>
 * The API answers 401 without the admin token where {@link UiAccess} asks for it. Every response carries a strict
 * Content-Security-Policy (no inline script or style, nothing from another origin); API answers are not cached. The
 * token travels only in the POST body, and neither it nor the body is logged.
 */
public final class UiRoutes {
    /** The page's Content-Security-Policy: its own files only, no inline script or style, no framing. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private final UiAccess access;
    private final TokenInspector inspector;
    private final KeyHealth keyHealth;
    private final UiAssets assets;

    private final DemoHint demo;

    private UiRoutes(UiAccess access, TokenInspector inspector, KeyHealth keyHealth, UiAssets assets, DemoHint demo) {
        this.access = access;
        this.inspector = inspector;
        this.keyHealth = keyHealth;
        this.assets = assets;
        this.demo = demo;
    }

    /**
     * Adds the page and its API to {@code app} when {@code server.ui} enables them for this bind.
     *
     * @param app the service's routes, while it is configured
     * @return whether the page is served
     * @throws io.walletgate.server.config.ConfigException when {@code ui} is {@code on} on a non-loopback bind
     *     without an admin token
     */
    public static boolean register(RoutesConfig app, WalletGateConfig config, WalletVerifier verifier, Clock clock) {
        return register(app, config, verifier, clock, null);
    }

    /**
     * As above; in the demo mode, {@code demo} says how to get a token, and the key health view is folded.
     *
     * @param demo what the page tells in the demo mode, or null
     * @return whether the page is served
     */
    public static boolean register(RoutesConfig app, WalletGateConfig config, WalletVerifier verifier, Clock clock,
                                   DemoHint demo) {
        UiAccess access = UiAccess.of(config.server());
        if (!access.enabled()) {
            return false;
        }
        // The inspector verifies over the service's key sources with a verifier of its own: no metric counts it.
        WalletVerifier inspecting = config.newVerifierOver(verifier.keySources(), clock);
        UiRoutes ui = new UiRoutes(access, new TokenInspector(inspecting, clock, config.verification().clockSkew(),
                config.verification().maxTokenAge()), new KeyHealth(verifier, clock), UiAssets.load(), demo);
        for (String path : new String[] {"/", "/ui", "/ui/keys"}) {
            app.get(path, ctx -> ui.file(ctx, "index.html"));
        }
        for (String name : UiAssets.TYPES.keySet()) {
            if (!name.equals("index.html")) {
                app.get("/ui/" + name, ctx -> ui.file(ctx, name));
            }
        }
        app.get("/ui/api/access", ui::access);
        app.post("/ui/api/inspect", ui::inspect);
        app.get("/ui/api/keys", ui::keys);
        return true;
    }

    /**
     * Whether {@code server.ui} serves the page for this server configuration.
     *
     * @throws io.walletgate.server.config.ConfigException when {@code ui} is {@code on} on a non-loopback bind
     *     without an admin token
     */
    public static boolean enabled(WalletGateConfig.Server server) {
        return UiAccess.of(server).enabled();
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    private void file(Context ctx, String name) {
        secure(ctx);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(UiAssets.TYPES.get(name)).result(assets.bytes(name));
    }

    private static void json(Context ctx, Object body) {
        secure(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(body.toString());
    }

    // In the demo mode, also how to get a token: nothing secret (a local development issuer's address).
    private void access(Context ctx) {
        ObjectNode body = IdentityJson.MAPPER.createObjectNode().put("adminTokenRequired", access.adminTokenRequired(ctx));
        if (demo == null) {
            body.putNull("demo");
        } else {
            body.putObject("demo").put("mintUrl", demo.mintUrl().toString()).put("mintBody", demo.mintBody())
                    .put("appPubKey", demo.appPublicKey());
        }
        json(ctx, body);
    }

    private void keys(Context ctx) {
        secure(ctx);
        access.check(ctx);
        json(ctx, keyHealth.report().put("demo", demo != null)); // the page folds the demo's seven issuers
    }

    private void inspect(Context ctx) {
        secure(ctx);
        access.check(ctx);
        JsonNode body = Requests.body(ctx);
        String token = Requests.text(body, "token");
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("'token' is required");
        }
        String key = filled(Requests.text(body, "appPubKey"));
        String address = filled(Requests.text(body, "address"));
        WalletProof proof = Requests.proof(key, address);
        String kind = key != null ? "appPublicKey" : address != null ? "address" : "none";
        json(ctx, inspector.inspect(token.strip(), proof, kind));
    }

    // The page sends empty fields as "": they mean absent.
    private static String filled(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
