package io.walletgate.server.cli;

import io.walletgate.IssuerProfiles;
import io.walletgate.IssuerSettings;
import io.walletgate.server.config.ConfigException;
import io.walletgate.server.config.IssuerConfig;
import io.walletgate.server.config.SignInConfig;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.http.WalletGateService;
import io.walletgate.server.session.ReplayGuard;
import io.walletgate.server.session.SessionStore;
import io.walletgate.server.session.SessionStores;
import io.walletgate.server.ui.DemoHint;
import io.walletgate.testkit.DevIssuer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code walletgate serve}: the HTTP service; with no issuer configured, a labelled local demo. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP service: verify, sessions, forward-auth, health and metrics. With no "
                + "configuration at all (no --config, no WALLETGATE_ or OMS_ variable), or with --demo, it starts a "
                + "local DEMO with a development issuer beside it; a configuration that names no issuer is an error.",
        footer = {"", "Examples:",
            "  walletgate serve                  # demo mode on http://127.0.0.1:8080",
            "  walletgate serve --config walletgate.yaml --port 8080 \\",
            "      --data /var/lib/walletgate",
            "  OMS_TOKEN_ISSUER=https://oms.example OMS_PROJECT_ID=p1 walletgate serve",
            "", "It runs until interrupted (Ctrl-C or SIGTERM) and then stops cleanly."})
final class ServeCommand extends EnvCommand implements Callable<Integer> {
    private static final String PORT_REMEDY = "choose another with --port (or server.port in the configuration)";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration.")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "Listening port (overrides server.port; 0 for any "
            + "free port).")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory: sessions and persisted keys "
            + "(overrides server.data; default ./data).")
    Path data;

    @Option(names = "--demo-rpc", paramLabel = "URL", description = "Demo mode: the JSON-RPC URL of a local node"
            + " (chain 31337, e.g. anvil) that judges smart-contract wallets signing in; without it the demo's"
            + " Sign-In with Ethereum accepts EOAs only.")
    java.net.URI demoRpc;

    @Option(names = "--demo", description = "Start the local demo (a development issuer every profile trusts) even "
            + "though a configuration is given; it must name no issuer.")
    boolean demoMode;

    @Override
    public Integer call() throws InterruptedException {
        WalletGateCli.libraryLogLevel(java.util.logging.Level.INFO);
        WalletGateConfig cfg = io.walletgate.server.config.ConfigLoader.load(config, env);
        boolean page = io.walletgate.server.ui.UiRoutes.enabled(cfg.server()); // checks server.ui against the bind
        PrintWriter out = spec.commandLine().getOut();
        int listen = port != null ? port : cfg.server().port();
        Ports.requireFree(cfg.server().bind(), listen, PORT_REMEDY); // before anything starts or logs
        DevIssuer demo = null;
        if (demoRpc != null && !cfg.issuers().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--demo-rpc applies to the demo mode"
                    + " only (no issuer configured); configure signIn.ethereum.chains instead");
        }
        if (cfg.issuers().isEmpty() && cfg.signIn().enabled()) {
            // Not the demo: its development issuer would be trusted beside a sign-in meant for real use.
            throw new ConfigException("issuers: none is configured, but signIn is: the service needs at least one"
                    + " issuer beside sign-in with a wallet signature (without issuers and signIn it starts the demo)");
        }
        if (demoOrRefuse(cfg)) {
            demo = DevIssuer.start();
            cfg = demoConfig(cfg, demo, demoRpc);
        }
        Path dataDir = data != null ? data : cfg.server().data();
        Clock clock = Clock.systemUTC();
        SessionStore store = SessionStores.open(cfg.sessions(), dataDir);
        WalletGateService service;
        try {
            service = new WalletGateService(cfg, dataDir.resolve("keys"), store, clock, demo == null ? null
                    : new DemoHint(demo.baseUri().resolve("/token"), DEMO_MINT_BODY, DEMO_APP_KEY));
        } catch (RuntimeException e) {
            store.close();
            if (demo != null) {
                demo.close();
            }
            throw e;
        }
        int bound;
        try {
            bound = service.start(cfg.server().bind(), listen);
        } catch (RuntimeException e) {
            service.close();
            if (demo != null) {
                demo.close();
            }
            if (Ports.isInUse(e)) { // taken between the check and the start
                throw Ports.inUse(cfg.server().bind(), listen, PORT_REMEDY);
            }
            throw new ConfigException("cannot listen on " + cfg.server().bind() + ":" + listen + ": "
                    + rootMessage(e), e);
        }
        String base = "http://" + cfg.server().bind() + ":" + bound;
        out.println("walletgate listening on " + base + " (issuers: " + String.join(", ",
                cfg.profiles().stream().map(p -> p.name()).toList()) + "; sessions: " + store.describe() + ")");
        if (page) {
            out.println("web page (token inspector, key health): " + base + "/");
        }
        if (service.managementPort() >= 0) {
            out.println("management (readiness details, metrics) on http://" + cfg.server().management().bind() + ":"
                    + service.managementPort());
        }
        if (demo != null) {
            printDemo(out, demo, base);
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        DevIssuer demoIssuer = demo;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            if (demoIssuer != null) {
                demoIssuer.close();
            }
            stopped.countDown();
        }, "walletgate-stop"));
        stopped.await();
        return 0;
    }

    // No demo by accident (issue 21, item 5): a file or environment that configures the service but names no issuer
    // is a mistake (an empty list, a misspelt variable), not a request for a service that trusts a development issuer.
    private boolean demoOrRefuse(WalletGateConfig cfg) {
        if (demoMode) {
            if (!cfg.issuers().isEmpty()) {
                throw new ConfigException("issuers: --demo trusts only its development issuer; this configuration"
                        + " names " + cfg.issuers().size() + " issuer(s): remove them or leave out --demo");
            }
            return true;
        }
        if (!cfg.issuers().isEmpty()) {
            return false;
        }
        if (io.walletgate.server.config.ConfigLoader.configured(config, env)) {
            throw new ConfigException("issuers: no issuer is configured ("
                    + (config != null ? config + " names none" : "the environment configures the service") + " and"
                    + " no WALLETGATE_ISSUERS_<N>_… or provider variable names one); add an issuer, or pass --demo"
                    + " for the local demo");
        }
        return true;
    }

    // The seeds' profiles and OIDC of the testkit issuer, pointed at it (the key-health page keeps them on one screen;
    // the providers of docs/architecture.md §12 are configured as docs/providers.md says); a plain-HTTP loopback demo,
    // so cookies are not Secure; sign-in for localhost.
    private static final List<String> DEMO_PROFILES = List.of(IssuerProfiles.WEB3AUTH, IssuerProfiles.WEB3AUTH_LEGACY,
            IssuerProfiles.WEB3AUTH_EXTERNAL, IssuerProfiles.SEQUENCE_OMS, IssuerProfiles.SEQUENCE_WAAS,
            IssuerProfiles.NOPWD, IssuerProfiles.OIDC);

    private static WalletGateConfig demoConfig(WalletGateConfig cfg, DevIssuer demo, java.net.URI demoRpc) {
        List<IssuerConfig> issuers = new ArrayList<>();
        int i = 0;
        for (String profile : DEMO_PROFILES) {
            boolean ownIssuer = profile.equals(IssuerProfiles.SEQUENCE_OMS) || profile.equals(IssuerProfiles.OIDC);
            IssuerSettings settings = new IssuerSettings().profile(profile).audience(List.of(demo.audience()));
            if (ownIssuer) {
                settings.issuer(demo.issuer(profile));
            } else {
                settings.jwksUri(demo.jwksUri(profile).toString());
            }
            if (profile.equals(IssuerProfiles.OIDC)) {
                settings.algorithms(List.of(demo.oidcAlgorithm()));
            }
            issuers.add(new IssuerConfig(i++, settings.toProfile(), ReplayGuard.Mode.OFF));
        }
        WalletGateConfig.Sessions s = cfg.sessions();
        return new WalletGateConfig(List.copyOf(issuers), cfg.verification(), cfg.keys(),
                s.withCookieSecure(false),
                cfg.server(), SignInConfig.demo(demoRpc));
    }

    // The wallet the demo signs in as: a fixed secp256k1 app key (the one of the real Web3Auth login vendored in
    // fixtures/web3auth), so the printed commands, and the README that shows them, are the same on every start.
    static final String DEMO_APP_KEY = "02ecaaddf2f1cf22986615b09789982a3b3a63171e22b201ad86f7cb696ff62f4e";
    private static final String DEMO_MINT_BODY = "{\"profile\":\"web3auth\",\"appPublicKey\":\"" + DEMO_APP_KEY
            + "\"}";

    // Commands a newcomer pastes: a login for the demo wallet, exchanged for a session that proves that wallet, the
    // session used as forward-auth would use it, then logout. QuickstartIT runs exactly these lines.
    private static void printDemo(PrintWriter out, DevIssuer demo, String base) {
        String address = demo.web3auth().appPublicKey(DEMO_APP_KEY).mint().address();
        String cookies = "walletgate-demo.cookies";
        out.println();
        out.println("!! DEMO MODE: no issuer is configured, so a development issuer runs beside the service at "
                + demo.baseUri() + " and every profile trusts it. Its tokens prove nothing; configure real issuers"
                + " (--config or environment) for any other use. Cookies are not Secure in demo mode.");
        out.println();
        out.println(DEMO_INTRO);
        out.println("  TOKEN=$(curl -s " + demo.baseUri() + "/token -H 'Content-Type: application/json' -d '"
                + DEMO_MINT_BODY + "' | sed -E 's/.*\"token\":\"([^\"]+)\".*/\\1/')");
        out.println("  curl -s -c " + cookies + " -w '\\n' " + base + "/v1/sessions -H \"Authorization: Bearer "
                + "$TOKEN\" -H 'Content-Type: application/json' -d '{\"appPubKey\":\"" + DEMO_APP_KEY + "\"}'");
        out.println("  curl -s -b " + cookies + " -D - -o /dev/null " + base + "/v1/auth");
        out.println("  curl -s -b " + cookies + " -X DELETE -w '%{http_code}\\n' " + base + "/v1/sessions/current");
        out.println("  curl -s -b " + cookies + " -o /dev/null -w '%{http_code}\\n' " + base + "/v1/auth");
        out.println("The session proves the wallet " + address + " (identity.wallet.address); /v1/auth answers 200 "
                + "with it in X-WalletGate-Wallet, and 401 once the session is logged out (204).");
        out.println();
    }

    /** The line before the demo's commands. */
    static final String DEMO_INTRO = "Sign in with a wallet: mint a Web3Auth login for the demo wallet's app key, "
            + "exchange it for a session with that key as the wallet proof, use the session, log out "
            + "(paste into another terminal):";

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
