package io.walletgate.server.cli;

import io.walletgate.WalletVerificationException;
import io.walletgate.server.config.ConfigLoader;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.session.SessionService;
import io.walletgate.server.session.SessionStore;
import io.walletgate.server.session.SessionStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code walletgate revoke}: end every session of a wallet or a subject, directly in the configured store. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "End every session of a wallet address or of a subject, in the configured session store "
                + "(the running service sees it at once).",
        footer = {"", "Examples:",
            "  walletgate revoke --config walletgate.yaml \\",
            "      --wallet 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "  walletgate revoke --data ./data --subject alice@example.com \\",
            "      --issuer web3auth"})
final class RevokeCommand extends EnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (for the session store).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (overrides server.data).")
    Path data;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--wallet", paramLabel = "ADDR", description = "Every session of this wallet address.")
        String wallet;

        @Option(names = "--subject", paramLabel = "SUB", description = "Every session of this subject.")
        String subject;
    }

    @Option(names = "--issuer", paramLabel = "NAME", description = "With --subject: only this issuer's sessions.")
    String issuer;

    @Override
    public Integer call() {
        if (issuer != null && target.subject == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--issuer goes with --subject");
        }
        WalletGateConfig cfg = ConfigLoader.load(config, env);
        Path dataDir = data != null ? data : cfg.server().data();
        if (!"redis".equals(cfg.sessions().store()) && !Files.isRegularFile(dataDir.resolve("sessions.db"))) {
            // Opening would create an empty store, and "revoked 0" would hide a wrong --data.
            throw new CommandFailure("no session store at " + dataDir.resolve("sessions.db") + ": check --data (or"
                    + " server.data); nothing was created");
        }
        try (SessionStore store = SessionStores.open(cfg.sessions(), dataDir)) {
            SessionService sessions = new SessionService(store, Clock.systemUTC(), cfg.sessions().ttl(), false);
            int n;
            try {
                if (!cfg.issuers().isEmpty()) { // without a configuration the issuer names are not known here
                    SessionService.requireConfiguredIssuer(issuer, cfg.issuers().stream().map(i -> i.profile().name())
                            .toList());
                }
                n = target.wallet != null ? sessions.revokeWallet(target.wallet)
                        : sessions.revokeSubject(issuer, target.subject);
            } catch (WalletVerificationException e) {
                throw new CommandFailure(e.code().code() + ": " + e.getMessage());
            }
            spec.commandLine().getOut().println("revoked " + n + " session" + (n == 1 ? "" : "s") + " in "
                    + store.describe());
            return 0;
        }
    }
}
