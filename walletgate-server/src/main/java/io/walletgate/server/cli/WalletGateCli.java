package io.walletgate.server.cli;

import io.walletgate.server.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code walletgate} command. Exit codes (docs/architecture.md §9): 0 when the token is valid (or the command
 * succeeded), 1 when the token is rejected, 2 for a usage or configuration error.
 */
@Command(name = "walletgate", mixinStandardHelpOptions = true, versionProvider = WalletGateCli.Version.class,
        description = "Verify wallet-login ID tokens (Web3Auth, Sequence, NoPwd, any OIDC issuer) and debug them.",
        subcommands = {ServeCommand.class, VerifyCommand.class, InspectCommand.class, JwksCommand.class,
            RevokeCommand.class, DevIssuerCommand.class, SiweCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
            "  walletgate serve --config walletgate.yaml",
            "  walletgate verify --profile web3auth --audience <client-id> \\",
            "      --app-pub-key <hex> <token>",
            "  walletgate inspect <token>",
            "  walletgate jwks --profile nopwd",
            "  walletgate dev-issuer --profile web3auth --port 9000",
            "  walletgate siwe verify --domain app.example.com \\",
            "      --uri https://app.example.com --chain 1 message.txt 0x…",
            "", "Exit codes: 0 valid, 1 rejected, 2 usage or configuration error."})
public final class WalletGateCli {
    /** Exit code of a rejected token. */
    static final int REJECTED = 1;
    /** Exit code of a usage or configuration error. */
    static final int USAGE = 2;

    // A command-line tool prints its own report; the library's INFO lines (key audit) are for the service's logs.
    // Held in a field: java.util.logging keeps loggers only weakly.
    private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("io.walletgate");

    private WalletGateCli() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // One line per event from the library's System.Logger (key audit, fetch failures), like the service's own.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL%1$tz [%4$s] %3$s - %5$s%6$s%n");
        LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.getenv(), System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** The library's log level: WARNING for one-shot commands, INFO (the key audit trail) for the service. */
    static void libraryLogLevel(java.util.logging.Level level) {
        LIBRARY_LOG.setLevel(level);
    }

    /** Runs the command line with the given environment and streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new WalletGateCli(), new Factory(env, in));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                err.println("walletgate: configuration error: " + e.getMessage());
            } else if (e instanceof CommandFailure) {
                err.println("walletgate: " + e.getMessage());
            } else {
                err.println("walletgate: error: " + e);
            }
            return USAGE;
        });
        return cli.execute(args);
    }

    /** Gives commands the environment and standard input (so that tests can pass their own). */
    private static final class Factory implements CommandLine.IFactory {
        private final Map<String, String> env;
        private final InputStream in;

        Factory(Map<String, String> env, InputStream in) {
            this.env = env;
            this.in = in;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K k = CommandLine.defaultFactory().create(cls);
            if (k instanceof Io) {
                ((Io) k).io(env, in);
            }
            return k;
        }
    }

    /** Commands that read the environment or standard input. */
    interface Io {
        void io(Map<String, String> env, InputStream in);
    }

    /** Reads the version from the jar's build properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream s = WalletGateCli.class.getResourceAsStream("/walletgate-version.properties")) {
                if (s != null) {
                    p.load(s);
                }
            }
            return new String[] {"walletgate " + p.getProperty("version", "unknown") + " (Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
