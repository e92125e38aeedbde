package io.walletgate.server.http;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.server.accesslog.AccessLog;
import io.walletgate.server.config.SignInConfig;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.metrics.Metrics;
import io.walletgate.server.session.ReplayGuard;
import io.walletgate.server.session.SessionService;
import io.walletgate.server.session.SessionStore;
import io.walletgate.server.session.SessionStoreNonces;
import io.walletgate.server.session.StoreUnavailableException;
import io.walletgate.signin.SignInVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service of docs/architecture.md §7 on Javalin: verify, sessions, sign-in with a wallet signature (§13),
 * forward-auth, health, readiness, metrics and the admin endpoint. Owns the verifier, the session store and the
 * metrics it is given, and closes them on stop.
 */
public final class WalletGateService implements AutoCloseable {
    // The access log's level: info (the default) writes it; off (org.slf4j.simpleLogger.log.walletgate.access) does not
    private static final Logger ACCESS = LoggerFactory.getLogger("walletgate.access");
    private static final Logger LOG = LoggerFactory.getLogger(WalletGateService.class);

    private final Javalin app;
    private final Javalin management; // server.management: readiness and metrics apart; null when not configured
    private final WalletGateConfig.Management managementAddress;
    private final WalletVerifier verifier;
    private final SessionStore store;
    private final ScheduledExecutorService housekeeping;
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private final WalletGateConfig.Server serverSettings;
    private final AccessLog accessLog; // null when its logger is off

    /** How long a stop waits for the requests in flight (new ones are refused meanwhile). */
    static final java.time.Duration STOP_TIMEOUT = java.time.Duration.ofSeconds(5);

    /**
     * Selector threads of the service's connector: one a core (ForwardAuthHandler answers on them), at most 32, so
     * that Javalin's pool of 250 threads keeps most of its threads for the routes on a machine of many cores.
     */
    static final int SELECTORS = Math.max(1, Math.min(32, Runtime.getRuntime().availableProcessors()));

    private volatile String bindHost; // where start() listens: Javalin makes the connector as it starts
    private volatile int bindPort;

    /** The largest request head (request line and headers) read: a 16 KiB token and ordinary headers fit. */
    static final int REQUEST_HEADER_BYTES = 32 * 1024;

    /**
     * Assembles the service and its verifier, whose every verification the metrics count; nothing listens until
     * {@link #start}.
     *
     * @param config the validated configuration (issuers, CORS origins, cookie settings, admin token)
     * @param keysDirectory where the issuers' last good key sets are persisted
     * @param store the session store
     * @param clock the clock for verification and sessions
     * @throws io.walletgate.server.config.ConfigException if the issuers conflict
     */
    public WalletGateService(WalletGateConfig config, Path keysDirectory, SessionStore store, Clock clock) {
        this(config, keysDirectory, store, clock, null);
    }

    /**
     * As above, in the demo mode: the web page tells how to get a token from the development issuer.
     *
     * @param demo what the page tells, or null outside the demo mode
     */
    public WalletGateService(WalletGateConfig config, Path keysDirectory, SessionStore store, Clock clock,
                             io.walletgate.server.ui.DemoHint demo) {
        this.store = store;
        this.serverSettings = config.server();
        this.accessLog = ACCESS.isInfoEnabled() ? AccessLog.toStandardOutput(clock) : null;
        Metrics metrics = new Metrics();
        this.verifier = config.newVerifier(clock, config.keyOptions(keysDirectory, true), metrics);
        metrics.keySources(verifier, clock);
        metrics.sessions(store, clock);
        SessionService sessions = new SessionService(store, clock, config.sessions().ttl(), config.sessions().sliding());
        ReplayGuard replay = new ReplayGuard(store, clock, config.replayModes());
        ApiRoutes api = new ApiRoutes(verifier, sessions, replay, metrics, config.sessions());
        OpsRoutes ops = new OpsRoutes(verifier, sessions, metrics, clock,
                new AdminToken(config.server().adminToken()), demo != null);
        List<SignInRoutes> signIns = signInRoutes(config, store, clock, api, metrics);
        this.managementAddress = config.server().management();
        this.management = managementAddress == null ? null : managementApp(ops);
        boolean opsHere = management == null;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.events.handlerAdded(h -> routes.add(h.getHttpMethod().name() + " " + h.getPath()));
            cfg.http.maxRequestSize = Requests.MAX_BODY;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                // A stop (SIGTERM too) lets the requests in flight finish, their access log lines included, before
                // the access log writes its last lines: Javalin puts its servlet context inside this handler
                GracefulHandler graceful = new GracefulHandler();
                server.setHandler(graceful);
                // Forward-auth ahead of the servlet stack; Javalin puts its context inside the innermost wrapper
                boolean sessionsInline = store.readsLocally() && !config.sessions().sliding();
                graceful.setHandler(new ForwardAuthHandler(api, metrics, accessLog, config.sessions().cookieName(),
                        !config.server().corsOrigins().isEmpty(), sessionsInline));
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            // Javalin's own connector has one selector on a machine of fewer than four cores: forward-auth runs on the
            // selector threads (ForwardAuthHandler), so there is one a core, as an event loop a core
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, 1, SELECTORS, new HttpConnectionFactory(http));
                connector.setHost(bindHost);
                connector.setPort(bindPort);
                return connector;
            });
            cfg.jetty.modifyHttpConfiguration(http -> {
                // A Bearer token up to the 16 KiB limit of its size, beside ordinary headers (Jetty's default, 8 KiB,
                // refused such a token with 431, so forward-auth could never pass it)
                http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
            });
            if (!config.server().corsOrigins().isEmpty()) {
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    config.server().corsOrigins().forEach(rule::allowHost);
                    rule.allowCredentials = true;
                    rule.exposeHeader("WWW-Authenticate");
                }));
            }
            cfg.requestLogger.http((ctx, ms) -> {
                String route = route(ctx);
                String method = ctx.method().name();
                int status = ctx.statusCode();
                metrics.http(route, method, status, (long) (ms * 1_000_000));
                if (accessLog != null) {
                    accessLog(ctx, route, method, status, ms);
                }
            });
            routes(cfg.routes, api, ops, signIns, opsHere);
            io.walletgate.server.ui.UiRoutes.register(cfg.routes, config, verifier, clock, demo); // as server.ui says
            errors(cfg.routes);
        });
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "walletgate-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                store.purgeExpired(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("could not purge expired sessions: {}", e.getMessage());
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    // The sign-in routes signIn configures, their nonces in the session store.
    private static List<SignInRoutes> signInRoutes(WalletGateConfig config, SessionStore store, Clock clock,
                                                   ApiRoutes api, Metrics metrics) {
        SignInConfig s = config.signIn();
        List<SignInRoutes> routes = new java.util.ArrayList<>();
        try {
            if (s.ethereum() != null) {
                routes.add(SignInRoutes.ethereum(verifier(s, s.ethereum(), "siwe:", config, store, clock), api,
                        metrics));
            }
            if (s.solana() != null) {
                routes.add(SignInRoutes.solana(verifier(s, s.solana(), "siws:", config, store, clock), api,
                        metrics));
            }
        } catch (IllegalArgumentException e) {
            throw new io.walletgate.server.config.ConfigException("signIn: " + e.getMessage(), e);
        }
        return routes;
    }

    private static SignInVerifier verifier(SignInConfig s, SignInConfig.Side side, String prefix,
                                           WalletGateConfig config, SessionStore store, Clock clock) {
        return side.verifier(clock, config.verification().clockSkew(), config.sessions().ttl(),
                new SessionStoreNonces(store, clock, prefix, s.maxNonces()));
    }

    private static void routes(RoutesConfig routes, ApiRoutes api, OpsRoutes ops, List<SignInRoutes> signIns,
                               boolean readinessAndMetrics) {
        routes.post("/v1/verify", api::verify);
        routes.post("/v1/sessions", api::createSession);
        routes.get("/v1/sessions/current", api::currentSession);
        routes.delete("/v1/sessions/current", api::logout);
        for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.DELETE, HandlerType.PATCH, HandlerType.HEAD}) {
            // Envoy ext_authz (HTTP) appends the original path and keeps the original method.
            routes.addHttpHandler(method, "/v1/auth", api::forwardAuth);
            routes.addHttpHandler(method, "/v1/auth/<path>", api::forwardAuth);
        }
        routes.get("/healthz", ops::health);
        if (readinessAndMetrics) {
            routes.get("/readyz", ops::ready);
            routes.get("/metrics", ops::metrics);
        }
        routes.get(OpsRoutes.OPENAPI, ops::openApi);
        routes.post("/v1/admin/sessions/revoke", ops::revoke);
        for (SignInRoutes signIn : signIns) {
            routes.post("/v1/" + signIn.kind() + "/nonce", signIn::nonce);
            routes.post("/v1/" + signIn.kind() + "/sessions", signIn::session);
        }
    }

    private static void errors(RoutesConfig routes) {
        routes.exception(ApiException.class, ErrorResponses::api);
        routes.exception(WalletVerificationException.class, ErrorResponses::verification);
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("session store unavailable: {}", e.getMessage());
            ErrorResponses.store(e, ctx);
        });
        routes.exception(HttpResponseException.class, ErrorResponses::javalin);
        // The request could not be read to its end: the client went away, or was cut off as too slow
        // (SlowRequestReaper). Nobody is left to answer, and it is no failure of the service's.
        routes.exception(java.io.IOException.class, (e, ctx) -> {
            LOG.debug("request not read to its end on {} {}: {}", ctx.method(), ctx.path(), e.toString());
            ErrorResponses.write(ctx, 400, io.walletgate.ErrorCode.REQUEST_INVALID, "the request could not be read");
        });
        // A failure of the service itself (a bug), neither the client's nor an issuer's: logged whole, answered as a
        // passing trouble (503, Retry-After) in the error format, never a 500 or a stack trace and never disguised
        // as an issuer outage (jwks_unavailable) nor as the client's fault beyond the generic code.
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), route(ctx), e);
            ErrorResponses.write(ctx, 503, io.walletgate.ErrorCode.REQUEST_INVALID,
                    "internal error: the service could not complete this request; try again");
        });
        for (int status : new int[] {404, 405}) {
            routes.error(status, ctx -> {
                if (ctx.attribute(ErrorResponses.CODE) == null) {
                    ErrorResponses.write(ctx, status, io.walletgate.ErrorCode.REQUEST_INVALID,
                            status == 404 ? "no such endpoint" : "method not allowed on this endpoint");
                }
            });
        }
    }

    // server.management (issue 21, item 7): /readyz names key sources and kids, /metrics the traffic; an operator may
    // keep both off the public address. Liveness is answered on both.
    private static Javalin managementApp(OpsRoutes ops) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.routes.get("/healthz", ops::health);
            cfg.routes.get("/readyz", ops::ready);
            cfg.routes.get("/metrics", ops::metrics);
            cfg.routes.error(404, ctx -> ErrorResponses.write(ctx, 404, io.walletgate.ErrorCode.REQUEST_INVALID,
                    "no such endpoint"));
        });
    }

    // The route template for the metric's tag (a bounded set): unmatched paths are one value, not one each.
    private static String route(io.javalin.http.Context ctx) {
        io.javalin.router.Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        return endpoint == null || !endpoint.path.startsWith("/") ? "unmatched" : endpoint.path;
    }

    // One JSON object a line (AccessLog); never the token, the session id, a cookie or the query string. The route
    // template, not the path: a client may put anything in a path, a token too (GET /v1/auth/<token>; issue 21, item 7).
    private void accessLog(io.javalin.http.Context ctx, String route, String method, int status, float ms) {
        Object code = ctx.attribute(ErrorResponses.CODE);
        accessLog.log(method, route, status, ms, ctx.ip(), code == null ? null : code.toString());
    }

    /**
     * Every handler registered, as {@code "METHOD /path"} in Javalin's path syntax ({@code <name>} for a parameter
     * that may contain slashes), filters included: what {@code openapi.json} must describe (its drift test).
     */
    List<String> routes() {
        return List.copyOf(routes);
    }

    /**
     * Starts listening.
     *
     * @return the port bound (useful when {@code port} is 0)
     */
    public int start(String host, int port) {
        bindHost = host;
        bindPort = port;
        app.start(host, port);
        // Slow clients (issue 21): a silent connection ends after server.idleTimeout; one that trickles its request
        // after server.requestReadTimeout
        Server jetty = app.jettyServer().server();
        for (Connector connector : jetty.getConnectors()) {
            ((AbstractConnector) connector).setIdleTimeout(serverSettings.idleTimeout().toMillis());
        }
        housekeeping.scheduleWithFixedDelay(new SlowRequestReaper(jetty, serverSettings.requestReadTimeout()), 1, 1,
                TimeUnit.SECONDS);
        if (management != null) {
            management.start(managementAddress.bind(), managementAddress.port());
        }
        return app.port();
    }

    /** The port {@code server.management} listens on once started, or -1 when it is not configured. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    /** Stops listening, writes the access log's last lines, and releases the verifier and the store. */
    @Override
    public void close() {
        app.stop();
        if (management != null) {
            management.stop();
        }
        if (accessLog != null) {
            accessLog.close(); // after the stop: every request answered has handed over its line
        }
        housekeeping.shutdownNow();
        verifier.close();
        store.close();
    }
}
