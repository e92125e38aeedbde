package io.walletgate.server.cli;

import io.walletgate.IssuerProfiles;
import io.walletgate.WalletVerifier;
import io.walletgate.server.config.ConfigException;
import io.walletgate.server.config.IssuerConfig;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.http.WalletGateService;
import io.walletgate.server.session.SessionStore;
import io.walletgate.server.session.SessionStores;
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
        description = "Run the HTTP service: verify, sessions, forward-auth, health and metrics. With no issuer "
                + "configured it starts a local DEMO with a development issuer beside it.",
        footer = {"", "Examples:",
            "  walletgate serve                                   # demo mode on http://127.0.0.1:8080",
            "  walletgate serve --config walletgate.yaml --port 8080 --data /var/lib/walletgate",
            "  OMS_TOKEN_ISSUER=https://oms.example OMS_PROJECT_ID=p1 walletgate serve",
            "", "It runs until interrupted (Ctrl-C or SIGTERM) and then stops cleanly."})
final class ServeCommand extends EnvCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws InterruptedException {
        WalletGateCli.libraryLogLevel(java.util.logging.Level.INFO);
        WalletGateConfig cfg = io.walletgate.server.config.ConfigLoader.load(config, env);
        boolean page = io.walletgate.server.ui.UiRoutes.enabled(cfg.server()); // checks server.ui against the bind
        PrintWriter out = spec.commandLine().getOut();
        DevIssuer demo = null;
        if (cfg.issuers().isEmpty()) {
            demo = DevIssuer.start();
            cfg = demoConfig(cfg, demo);
        }
        Path dataDir = data != null ? data : cfg.server().data();
        Clock clock = Clock.systemUTC();
        WalletVerifier verifier = cfg.newVerifier(clock, cfg.keyOptions(dataDir.resolve("keys")));
        SessionStore store = SessionStores.open(cfg.sessions(), dataDir);
        WalletGateService service = new WalletGateService(cfg, verifier, store, clock);
        int bound;
        try {
            bound = service.start(cfg.server().bind(), port != null ? port : cfg.server().port());
        } catch (RuntimeException e) {
            service.close();
            throw new ConfigException("cannot listen on " + cfg.server().bind() + ":" + (port != null ? port
                    : cfg.server().port()) + ": " + rootMessage(e), e);
        }
        String base = "http://" + cfg.server().bind() + ":" + bound;
        out.println("walletgate listening on " + base + " (issuers: " + String.join(", ",
                cfg.profiles().stream().map(p -> p.name()).toList()) + "; sessions: " + store.describe() + ")");
        if (page) {
            out.println("web page (token inspector, key health): " + base + "/");
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

    // Every profile of the testkit issuer, pointed at it; a plain-HTTP loopback demo, so cookies are not Secure.
    private static WalletGateConfig demoConfig(WalletGateConfig cfg, DevIssuer demo) {
        List<IssuerConfig> issuers = new ArrayList<>();
        int i = 0;
        for (String profile : IssuerProfiles.NAMES) {
            boolean ownIssuer = profile.equals(IssuerProfiles.SEQUENCE_OMS) || profile.equals(IssuerProfiles.OIDC);
            issuers.add(new IssuerConfig(i++, profile, null, List.of(demo.audience()),
                    ownIssuer ? demo.issuer(profile) : null,
                    profile.equals(IssuerProfiles.OIDC) ? List.of(demo.oidcAlgorithm()) : List.of(),
                    ownIssuer ? null : demo.jwksUri(profile).toString(), null, null, List.of(), null, null, null, null,
                    List.of(), false, null, io.walletgate.server.session.ReplayGuard.Mode.OFF));
        }
        WalletGateConfig.Sessions s = cfg.sessions();
        return new WalletGateConfig(List.copyOf(issuers), cfg.verification(), cfg.keys(),
                s.withCookieSecure(false),
                cfg.server());
    }

    private static void printDemo(PrintWriter out, DevIssuer demo, String base) {
        out.println();
        out.println("!! DEMO MODE: no issuer is configured, so a development issuer runs beside the service at "
                + demo.baseUri() + " and every profile trusts it. Its tokens prove nothing; configure real issuers"
                + " (--config or environment) for any other use. Cookies are not Secure in demo mode.");
        out.println();
        out.println("Mint a Web3Auth-shaped token, then exchange it for a session:");
        out.println("  TOKEN=$(curl -s -X POST " + demo.baseUri() + "/token -H 'Content-Type: application/json' "
                + "-d '{\"profile\":\"web3auth\"}' | sed -E 's/.*\"token\":\"([^\"]+)\".*/\\1/')");
        out.println("  curl -s -X POST " + base + "/v1/sessions -H \"Authorization: Bearer $TOKEN\"");
        out.println();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
