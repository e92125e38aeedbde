package io.walletgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerifier;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.json.IdentityJson;
import io.walletgate.server.metrics.Metrics;
import io.walletgate.server.session.ReplayGuard;
import io.walletgate.server.session.Session;
import io.walletgate.server.session.SessionService;
import io.walletgate.server.session.StoredIdentity;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The client-facing endpoints: verify, sessions, and forward-auth. Handlers only throw; ErrorResponses answers. */
final class ApiRoutes {
    private final WalletVerifier verifier;
    private final SessionService sessions;
    private final ReplayGuard replay;
    private final Metrics metrics;
    private final WalletGateConfig.Sessions cookies;

    ApiRoutes(WalletVerifier verifier, SessionService sessions, ReplayGuard replay, Metrics metrics,
              WalletGateConfig.Sessions cookies) {
        this.verifier = verifier;
        this.sessions = sessions;
        this.replay = replay;
        this.metrics = metrics;
        this.cookies = cookies;
    }

    /** {@code POST /v1/verify}: 200 with the identity, or the error. */
    void verify(Context ctx) {
        JsonNode body = Requests.body(ctx);
        whenVerified(ctx, verifier.verifyAsync(Requests.token(ctx, body), Requests.proof(ctx, body)),
                id -> ctx.contentType("application/json").result(IdentityJson.valid(id).toString()));
    }

    /**
     * {@code POST /v1/sessions}: verify, claim the token against replay (when the issuer asks), then a session in
     * the store and a cookie; 201.
     */
    void createSession(Context ctx) {
        JsonNode body = Requests.body(ctx);
        String token = Requests.token(ctx, body);
        whenVerified(ctx, verifier.verifyAsync(token, Requests.proof(ctx, body)), id -> openSession(ctx, id, token));
    }

    private void openSession(Context ctx, VerifiedIdentity id, String token) {
        replay.claim(id, token);
        startSession(ctx, id);
    }

    /**
     * A session for a verified identity (of a token, or of a sign-in with a wallet signature): stored, its cookie
     * set, 201 with {@code {"session":{…},"identity":{…}}}.
     */
    void startSession(Context ctx, VerifiedIdentity id) {
        SessionService.Created created = sessions.create(id);
        metrics.sessionCreated(id.issuerName());
        ctx.cookie(cookie(created.id(), (int) sessions.ttl().toSeconds()));
        ctx.header("Cache-Control", "no-store");
        ObjectNode out = IdentityJson.MAPPER.createObjectNode();
        ObjectNode s = out.putObject("session");
        s.put("id", created.id());
        s.put("createdAt", created.session().createdAt().toString());
        s.put("expiresAt", created.session().expiresAt().toString());
        out.set("identity", created.identity());
        ctx.status(201).contentType("application/json").result(out.toString());
    }

    /** {@code GET /v1/sessions/current}: the session of the cookie or {@code Authorization: Session …}. */
    void currentSession(Context ctx) {
        Session s = requireSession(ctx);
        ObjectNode out = IdentityJson.MAPPER.createObjectNode();
        ObjectNode session = out.putObject("session");
        session.put("createdAt", s.createdAt().toString());
        session.put("expiresAt", s.expiresAt().toString());
        out.set("identity", StoredIdentity.of(s).json());
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(out.toString());
    }

    /** {@code DELETE /v1/sessions/current}: logout, everywhere at once (the store is the only truth); 204. */
    void logout(Context ctx) {
        String id = Requests.sessionId(ctx, cookies.cookieName());
        if (id == null || !sessions.logout(id)) {
            throw ApiException.noSession(id == null ? "no session was presented" : "the session is not valid");
        }
        metrics.sessionsEnded("logout", 1);
        ctx.res().addHeader("Set-Cookie", clearingCookie());
        ctx.status(204);
    }

    /**
     * {@code /v1/auth}: forward-auth for nginx {@code auth_request}, Traefik ForwardAuth and Envoy ext_authz. A Bearer
     * ID token (with an optional wallet proof header) or else the session: 200 with identity headers, or 401. Most
     * requests never come here: {@link ForwardAuthHandler} answers them ahead of Javalin with the same decision
     * ({@link #forwardAuth(String, String, String, Supplier)}); this route answers the rest (a CORS request, an unusual
     * path).
     */
    void forwardAuth(Context ctx) {
        whenVerified(ctx, forwardAuth(ctx.header("Authorization"), ctx.header(Requests.APP_KEY_HEADER),
                ctx.header(Requests.ADDRESS_HEADER), () -> ctx.cookie(cookies.cookieName())), passed -> {
                    passed.headers(ctx::header);
                    ctx.status(200);
                });
    }

    /**
     * Forward-auth's decision on what a request presents: its Bearer ID token (with the wallet proof of the
     * {@code X-WalletGate-App-Pub-Key} or {@code X-WalletGate-Address} header), or else its session ({@code
     * Authorization: Session …} or the cookie).
     *
     * @param authorization the {@code Authorization} header, or null
     * @param appKey the app public key header, or null
     * @param address the address header, or null
     * @param cookie the session cookie's value, or null; asked only when there is no Bearer token
     * @return who passes: at once (a completed future) for a session, and for a token whose issuer's keys are held
     * @throws ApiException (at once) for a request that presents neither, or a session that is not valid
     * @throws io.walletgate.server.session.StoreUnavailableException (at once) when the store cannot answer
     */
    CompletableFuture<Passed> forwardAuth(String authorization, String appKey, String address,
                                          Supplier<String> cookie) {
        String bearer = Requests.credential(authorization, "bearer ");
        if (bearer != null) {
            return verifier.verifyAsync(bearer, Requests.proof(appKey, address)).thenApply(Passed::of);
        }
        String id = Requests.credential(authorization, "session ");
        Session s = requireSession(id != null ? id : cookie.get());
        StoredIdentity.Names identity = StoredIdentity.names(s);
        return CompletableFuture.completedFuture(
                new Passed(s.subject(), identity.walletAddress(), identity.issuer(), s.email()));
    }

    /**
     * Who forward-auth lets through, as its identity headers tell.
     *
     * @param subject the verified subject
     * @param wallet the proven wallet's address, or null
     * @param issuer the token's {@code iss}
     * @param email the email, or null
     */
    record Passed(String subject, String wallet, String issuer, String email) {
        static Passed of(VerifiedIdentity id) {
            return new Passed(id.subject(), id.wallet() == null ? null : id.wallet().address(), id.issuer(),
                    id.email());
        }

        /** Gives each identity header present, its value safe for a header, then {@code Cache-Control: no-store}. */
        void headers(BiConsumer<String, String> header) {
            put(header, "X-WalletGate-Subject", subject);
            put(header, "X-WalletGate-Wallet", wallet);
            put(header, "X-WalletGate-Issuer", issuer);
            put(header, "X-WalletGate-Email", email);
            header.accept("Cache-Control", "no-store");
        }

        private static void put(BiConsumer<String, String> header, String name, String value) {
            if (value != null) {
                header.accept(name, headerValue(value));
            }
        }
    }

    /**
     * Continues a request with its verified identity: at once when the issuer's keys are held (the steady state, the
     * future is already complete), otherwise the request is suspended, its thread freed for other requests, and
     * {@code then} runs when the keys arrive (issue 21: no request thread waits on a key fetch). A rejection reaches
     * {@link ErrorResponses} either way.
     */
    static <T> void whenVerified(Context ctx, CompletableFuture<T> verification, Consumer<T> then) {
        if (!verification.isDone()) {
            ctx.future(() -> verification.thenAccept(then));
            return;
        }
        T id;
        try {
            id = verification.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
        then.accept(id);
    }

    private Session requireSession(Context ctx) {
        return requireSession(Requests.sessionId(ctx, cookies.cookieName()));
    }

    private Session requireSession(String id) {
        if (id == null) {
            throw new ApiException(401, ErrorCode.TOKEN_MISSING, "no session or token was presented");
        }
        return sessions.find(id).orElseThrow(() -> ApiException.noSession("the session is not valid"));
    }

    // Header values carry printable ASCII only: anything else (a line break above all) is percent-encoded as UTF-8.
    static String headerValue(String value) {
        int i = 0;
        while (i < value.length() && plain(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value; // the usual case: nothing to encode, nothing copied
        }
        StringBuilder sb = new StringBuilder(value.length() + 16).append(value, 0, i);
        for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (plain(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static boolean plain(int c) {
        return c >= 0x20 && c < 0x7f && c != '%';
    }

    // The session cookie's removal, with the attributes of the cookie it removes. Written here because Jetty 12 leaves
    // Max-Age out of a cookie whose max age is 0 (Expires in 1970 only), and the contract (openapi.json) says both.
    private String clearingCookie() {
        return cookies.cookieName() + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly"
                + (cookies.cookieSecure() ? "; Secure" : "") + "; SameSite=Lax";
    }

    // HttpOnly and SameSite=Lax always; Secure unless configured off for plain-HTTP local development.
    private Cookie cookie(String value, int maxAgeSeconds) {
        Cookie c = new Cookie(cookies.cookieName(), value);
        c.setPath("/");
        c.setMaxAge(maxAgeSeconds);
        c.setHttpOnly(true);
        c.setSecure(cookies.cookieSecure());
        c.setSameSite(SameSite.LAX);
        return c;
    }
}
