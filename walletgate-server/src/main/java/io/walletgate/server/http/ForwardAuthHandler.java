package io.walletgate.server.http;

import io.walletgate.server.accesslog.AccessLog;
import io.walletgate.server.metrics.Metrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forward-auth ({@code /v1/auth} and {@code /v1/auth/<path>}) answered as a Jetty core handler, ahead of Javalin's
 * servlet stack (issue 20): the session check is the request a proxy sends before every request it lets through, and
 * the profile put 62 % of its CPU in Jetty's servlet layer and Javalin (docs/performance.md, "A lean path for
 * /v1/auth"). The decision is {@link ApiRoutes#forwardAuth(String, String, String, java.util.function.Supplier)}, the
 * one the Javalin route makes; the answer is the same: the status, the identity headers and {@code Cache-Control},
 * the JSON error with {@code WWW-Authenticate} or {@code Retry-After}, the metrics of the route template, the access
 * log line.
 *
 * <p>It takes only what it answers exactly as the route would, and hands the rest to Javalin: a method the route does
 * not serve, a path the route would not match or whose URI Jetty flagged (an ambiguous segment or encoding: the
 * servlet layer judges those), and, when CORS is configured, any request with an {@code Origin} (Javalin's CORS plugin
 * answers those).
 *
 * <p><b>Threads.</b> The handler declares itself non-blocking, so Jetty runs it on the selector thread that read the
 * request instead of handing every request to a thread of the pool: that hand-over (a wake-up and a switch of
 * threads) was half of the CPU Jetty spent on a request that does nothing (docs/performance.md, "Forward-auth on the
 * selector thread"). What runs here must never wait: a Bearer token (verified on this thread, CPU only; when its
 * issuer's keys must be fetched the verification completes later, from another thread), and a session read from a
 * store that reads locally ({@link io.walletgate.server.session.SessionStore#readsLocally()}, the embedded SQLite
 * file) when sessions do not slide (a sliding session may be renewed, a write that can wait for the file's lock).
 * Every other request, forward-auth on a networked store and every Javalin route, runs on a thread of the pool, as
 * Jetty would have run it, so a slow store or a blocking route holds only its own thread.
 */
final class ForwardAuthHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(WalletGateService.class); // as the routes' failures
    private static final String ROUTE = "/v1/auth";
    private static final String ROUTE_WITH_PATH = "/v1/auth/<path>";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");
    // What Javalin answers a handler that writes no body with; kept so that both paths answer alike
    private static final HttpField TEXT_PLAIN = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/plain");
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField RETRY_AFTER = new PreEncodedHttpField(HttpHeader.RETRY_AFTER,
            ErrorResponses.RETRY_AFTER);

    private final ApiRoutes api;
    private final Metrics metrics;
    private final AccessLog accessLog; // null when off
    private final String cookieName;
    private final boolean cors;
    private final boolean sessionsInline;

    /**
     * @param sessionsInline whether a session is checked on the selector thread: the store reads locally and a check
     *     never writes (sessions do not slide)
     */
    ForwardAuthHandler(ApiRoutes api, Metrics metrics, AccessLog accessLog, String cookieName, boolean cors,
                       boolean sessionsInline) {
        this.api = api;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.cookieName = cookieName;
        this.cors = cors;
        this.sessionsInline = sessionsInline;
    }

    // The server takes the invocation type of its handlers: non-blocking, Jetty calls handle() on the selector thread
    @Override
    public Invocable.InvocationType getInvocationType() {
        return Invocable.InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String route = route(request);
        if (route == null) {
            onPool(request, response, callback, () -> {
                if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            });
            return true;
        }
        long start = System.nanoTime();
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (sessionsInline || Requests.hasCredential(authorization, "bearer ")) {
            decide(request, response, callback, route, start, authorization);
        } else {
            onPool(request, response, callback, () -> decide(request, response, callback, route, start,
                    authorization));
        }
        return true;
    }

    private interface Work {
        void run() throws Exception;
    }

    // Runs work that may wait on a thread of the pool, as Jetty runs a blocking handler; a failure fails the request as
    // a handler's exception would (Jetty's error handler answers it). A pool that takes no more work (stopping, or
    // its queue full) gets a 503.
    private void onPool(Request request, Response response, Callback callback, Work work) {
        Runnable task = () -> {
            try {
                work.run();
            } catch (Throwable x) {
                callback.failed(x);
            }
        };
        try {
            java.util.concurrent.Executor pool = getServer().getThreadPool();
            if (!(pool instanceof org.eclipse.jetty.util.thread.TryExecutor t && t.tryExecute(task))) {
                pool.execute(task);
            }
        } catch (RejectedExecutionException e) {
            Response.writeError(request, response, callback, 503);
        }
    }

    private void decide(Request request, Response response, Callback callback, String route, long start,
                        String authorization) {
        HttpFields headers = request.getHeaders();
        CompletableFuture<ApiRoutes.Passed> decision;
        try {
            decision = api.forwardAuth(authorization, headers.get(Requests.APP_KEY_HEADER),
                    headers.get(Requests.ADDRESS_HEADER), () -> cookie(request));
        } catch (RuntimeException e) {
            decision = CompletableFuture.failedFuture(e);
        }
        // At once in the steady state; when the issuer's keys are being fetched, from the thread that completes the
        // verification, this request's thread long freed (issue 21)
        decision.whenComplete((passed, failure) -> answer(request, response, callback, route, start, passed,
                failure));
    }

    // The route template of a request this handler answers, or null for one it leaves to Javalin.
    private String route(Request request) {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        if (path == null || !path.startsWith(ROUTE) || !METHODS.contains(request.getMethod()) || uri.hasViolations()
                || cors && request.getHeaders().contains(HttpHeader.ORIGIN)) {
            return null;
        }
        if (path.length() == ROUTE.length()) {
            return ROUTE;
        }
        // "/v1/auth/" (Javalin's trailing slash rule) and "/v1/authx" (no route) stay Javalin's
        return path.length() > ROUTE.length() + 1 && path.charAt(ROUTE.length()) == '/' ? ROUTE_WITH_PATH : null;
    }

    // The first cookie of the name, as Javalin's ctx.cookie(name) takes it.
    private String cookie(Request request) {
        List<HttpCookie> cookies = Request.getCookies(request);
        for (HttpCookie c : cookies) {
            if (cookieName.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    private void answer(Request request, Response response, Callback callback, String route, long start,
                        ApiRoutes.Passed passed, Throwable failure) {
        try {
            String code = null;
            ByteBuffer body = null;
            HttpFields.Mutable out = response.getHeaders();
            if (failure == null) {
                response.setStatus(200);
                out.put(TEXT_PLAIN);
                passed.headers(out::add); // a new response holds none of them
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                ErrorResponses.Refusal r = ErrorResponses.Refusal.of(cause);
                log(cause, request, route);
                code = r.code().code();
                response.setStatus(r.status());
                out.put(JSON);
                if (r.challenge() != null) {
                    out.put(HttpHeader.WWW_AUTHENTICATE, r.challenge());
                }
                if (r.status() == 503) {
                    out.put(RETRY_AFTER);
                }
                body = ByteBuffer.wrap(r.body().getBytes(StandardCharsets.UTF_8));
            }
            String errorCode = code;
            int status = response.getStatus();
            // The line is handed over before the request completes, so a graceful stop waits for it (AccessLog)
            response.write(true, body, Callback.from(() -> {
                completed(request, route, status, errorCode, start);
                callback.succeeded();
            }, x -> {
                completed(request, route, status, errorCode, start);
                callback.failed(x);
            }));
        } catch (RuntimeException e) {
            LOG.error("could not answer {} {}", request.getMethod(), route, e);
            callback.failed(e);
        }
    }

    // As the Javalin routes log their failures (WalletGateService.errors).
    private static void log(Throwable cause, Request request, String route) {
        if (cause instanceof io.walletgate.server.session.StoreUnavailableException) {
            LOG.warn("session store unavailable: {}", cause.getMessage());
        } else if (!(cause instanceof ApiException || cause instanceof io.walletgate.WalletVerificationException)) {
            LOG.error("unexpected failure on {} {}", request.getMethod(), route, cause);
        }
    }

    private void completed(Request request, String route, int status, String code, long start) {
        long nanos = System.nanoTime() - start;
        String method = request.getMethod();
        metrics.http(route, method, status, nanos);
        if (accessLog != null) {
            accessLog.log(method, route, status, nanos / 1_000_000f, Request.getRemoteAddr(request), code);
        }
    }
}
