package io.walletgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.walletgate.ErrorCode;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySourceStatus;
import io.walletgate.server.json.IdentityJson;
import io.walletgate.server.metrics.Metrics;
import io.walletgate.server.session.SessionService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;

/** Operations endpoints: liveness, readiness, metrics, the API document, and the admin revocation endpoint. */
final class OpsRoutes {
    /** The OpenAPI document of the HTTP API, a resource of this jar. */
    static final String OPENAPI = "/openapi.json";

    private final WalletVerifier verifier;
    private final SessionService sessions;
    private final Metrics metrics;
    private final Clock clock;
    private final AdminToken adminToken;
    private final byte[] openApi;
    private final boolean demo;

    OpsRoutes(WalletVerifier verifier, SessionService sessions, Metrics metrics, Clock clock, AdminToken adminToken,
              boolean demo) {
        this.demo = demo;
        this.verifier = verifier;
        this.sessions = sessions;
        this.metrics = metrics;
        this.clock = clock;
        this.adminToken = adminToken;
        try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException("the API document " + OPENAPI + " is missing from the jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI, e);
        }
    }

    /** {@code GET /healthz}: the process answers. */
    void health(Context ctx) {
        ctx.contentType("application/json").result("{\"status\":\"ok\"}");
    }

    /** {@code GET /readyz}: every issuer's keys usable and the store reachable; 503 with the reasons otherwise. */
    void ready(Context ctx) {
        ObjectNode out = IdentityJson.MAPPER.createObjectNode();
        out.put("demo", demo);
        boolean ready = true;
        ObjectNode issuers = out.putObject("issuers");
        for (Map.Entry<String, KeySource> e : verifier.keySources().entrySet()) {
            ObjectNode i = issuers.putObject(e.getKey());
            i.put("source", e.getValue().description());
            KeySourceStatus s = e.getValue().status();
            ArrayNode kids = i.putArray("kids");
            s.keys().forEach(k -> kids.add(k.kid() == null ? "" : IdentityJson.printable(k.kid())));
            if (s.remote()) {
                boolean usable = s.usable(clock.instant());
                ready &= usable;
                i.put("keys", usable ? "usable" : "unavailable");
                i.put("stale", s.stale());
                if (s.lastError() != null) {
                    i.put("lastError", s.lastError());
                }
            } else {
                i.put("keys", "static");
            }
        }
        ObjectNode store = out.putObject("store");
        store.put("kind", sessions.store().describe().split(" ")[0]);
        try {
            sessions.store().ping();
            store.put("reachable", true);
        } catch (RuntimeException e) {
            store.put("reachable", false);
            ready = false;
        }
        out.put("status", ready ? "ready" : "not ready");
        ctx.status(ready ? 200 : 503).contentType("application/json").result(out.toString());
    }

    /** {@code GET /metrics}: Prometheus text. */
    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    /** {@code GET /openapi.json}: the OpenAPI 3.1 document of this API, as committed. */
    void openApi(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("application/json").result(openApi);
    }

    /** {@code POST /v1/admin/sessions/revoke} with {@code {"wallet": …}} or {@code {"subject": …, "issuer": …}}. */
    void revoke(Context ctx) {
        if (!adminToken.configured()) {
            throw new ApiException(404, ErrorCode.REQUEST_INVALID, "no such endpoint (no admin token is configured)");
        }
        if (!adminToken.presentedBy(ctx)) {
            throw ApiException.wrongAdminToken(ctx);
        }
        JsonNode body = Requests.body(ctx);
        String wallet = Requests.text(body, "wallet");
        String subject = Requests.text(body, "subject");
        String issuer = Requests.text(body, "issuer");
        if ((wallet == null) == (subject == null)) {
            throw ApiException.badRequest("give exactly one of 'wallet' or 'subject'");
        }
        if (wallet != null && issuer != null) {
            throw ApiException.badRequest("'issuer' goes with 'subject' only");
        }
        SessionService.requireConfiguredIssuer(issuer, verifier.keySources().keySet()); // request_invalid otherwise
        int n = wallet != null ? sessions.revokeWallet(wallet) : sessions.revokeSubject(issuer, subject);
        metrics.sessionsEnded("revoked", n);
        ctx.contentType("application/json").result("{\"revoked\":" + n + "}");
    }
}
