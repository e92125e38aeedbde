package io.walletgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line in process: what a newcomer sees when something is off. */
class CommandLineTest {
    private static final Path FIXTURES = Cli.projectRoot().resolve("fixtures");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = WalletGateCli.run(args, env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void serve_with_a_configuration_that_names_no_issuer_is_a_configuration_error_not_a_demo(@TempDir Path dir)
            throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "issuers: []\nserver: {port: 0}\n");
        Run file = run("serve", "--config", empty.toString(), "--data", dir.resolve("data").toString());
        assertThat(file.exit()).isEqualTo(2);
        assertThat(file.err()).isEqualTo("walletgate: configuration error: issuers: no issuer is configured (" + empty
                + " names none and no WALLETGATE_ISSUERS_<N>_… or provider variable names one); add an issuer, or"
                + " pass --demo for the local demo" + System.lineSeparator());
        assertThat(file.out()).as("nothing started").isEmpty();
        assertThat(dir.resolve("data")).as("nothing created").doesNotExist();

        Path noIssuers = Files.writeString(dir.resolve("sessions-only.yaml"), "sessions: {ttl: 1h}\n");
        assertThat(run("serve", "--config", noIssuers.toString()).err())
                .contains("issuers: no issuer is configured (" + noIssuers + " names none");

        Run env = run(Map.of("WALLETGATE_SERVER_PORT", "0", "WALLETGATE_ISSUERS_O_AUDIENCE", "misspelt"), "serve");
        assertThat(env.exit()).isEqualTo(2);
        assertThat(env.err()).startsWith("walletgate: configuration error: issuers: no issuer is configured (the"
                + " environment configures the service and no WALLETGATE_ISSUERS_<N>_… or provider variable names"
                + " one)");
    }

    @Test
    void revoke_with_a_missing_store_exits_2_and_creates_nothing(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-data");
        Run r = run("revoke", "--data", missing.toString(), "--wallet", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("walletgate: no session store at " + missing.resolve("sessions.db") + ": check"
                + " --data (or server.data); nothing was created" + System.lineSeparator());
        assertThat(missing).doesNotExist();
        Run empty = run("revoke", "--data", dir.toString(), "--subject", "alice");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(dir.resolve("sessions.db")).doesNotExist();
    }

    @Test
    void revoke_refuses_a_malformed_wallet_or_an_unknown_issuer_as_request_invalid(@TempDir Path dir)
            throws Exception {
        new io.walletgate.server.session.SqliteSessionStore(dir.resolve("sessions.db")).close();
        Run typo = run("revoke", "--data", dir.toString(), "--wallet", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo("walletgate: request_invalid: 'wallet' is not a wallet address: address is"
                + " not an Ethereum address (0x and 40 hex digits, valid EIP-55 checksum when mixed-case)"
                + System.lineSeparator());
        assertThat(typo.out()).isEmpty();

        Path config = Files.writeString(dir.resolve("w.yaml"), "issuers:\n  - {profile: nopwd, audience: a.example,"
                + " jwksFile: " + FIXTURES.resolve("web3auth/jwks.json") + "}\nserver: {data: " + dir + "}\n");
        Run unknown = run("revoke", "--config", config.toString(), "--subject", "alice", "--issuer", "web3auth");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("walletgate: request_invalid: 'issuer' is 'web3auth', not a configured"
                + " issuer (configured: nopwd)" + System.lineSeparator());
        Run known = run("revoke", "--config", config.toString(), "--subject", "alice", "--issuer", "nopwd");
        assertThat(known.exit()).as(known.err()).isZero();
        assertThat(known.out()).startsWith("revoked 0 sessions in sqlite ");
    }

    @Test
    void demo_with_configured_issuers_is_a_configuration_error(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("w.yaml"), "issuers:\n  - {profile: nopwd, audience: a.example,"
                + " jwksFile: " + FIXTURES.resolve("web3auth/jwks.json") + "}\n");
        Run r = run("serve", "--demo", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("walletgate: configuration error: issuers: --demo trusts only its development"
                + " issuer; this configuration names 1 issuer(s): remove them or leave out --demo"
                + System.lineSeparator());
    }

    @Test
    void serve_on_a_port_in_use_says_so_in_one_line() throws Exception {
        assertPortInUse("serve", "choose another with --port (or server.port in the configuration)");
    }

    @Test
    void dev_issuer_on_a_port_in_use_says_so_in_one_line() throws Exception {
        assertPortInUse("dev-issuer", "choose another with --port, or leave it out for a free one");
    }

    private static void assertPortInUse(String command, String remedy) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Run r = run(command, "--port", Integer.toString(port));
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("walletgate: port " + port + " on 127.0.0.1 is already in use (another "
                    + "walletgate, or another program, listens there): " + remedy + System.lineSeparator());
            assertThat(r.out()).as("nothing started, so nothing printed").isEmpty();
        }
    }

    @Test
    void dev_issuer_help_lists_every_defect_it_mints() {
        String help = new CommandLine(new DevIssuerCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");
        assertThat(help).contains("(\"defects\" in POST /token): " + DevIssuer.DEFECTS + ".");
    }

    @Test
    void jwks_lists_an_issuers_keys_without_an_audience() {
        String jwks = FIXTURES.resolve("web3auth/jwks.json").toString();
        Run r = run("jwks", "--profile", "web3auth", "--jwks-file", jwks);
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("web3auth: file " + jwks)
                .contains("TYOgg_-5EOEblaY-VVRYqVaDAgptnfKV4535MZPC0w0  EC P-256     ES256");
    }

    @Test
    void help_examples_fit_the_help_width_so_none_is_wrapped_inside_a_url_flag_or_header() {
        CommandLine cli = new CommandLine(WalletGateCli.class);
        List<CommandLine> commands = new ArrayList<>(List.of(cli));
        commands.addAll(cli.getSubcommands().values());
        cli.getSubcommands().values().forEach(c -> commands.addAll(c.getSubcommands().values())); // siwe verify
        for (CommandLine c : commands) {
            int width = c.getCommandSpec().usageMessage().width();
            for (String line : c.getCommandSpec().usageMessage().footer()) {
                assertThat(line.length()).as("%s --help footer line (at most %d columns, else picocli wraps it "
                        + "anywhere): %s", c.getCommandName(), width, line).isLessThanOrEqualTo(width);
            }
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            if (!help.contains("Examples:")) {
                continue; // walletgate help
            }
            String examples = help.substring(help.indexOf("Examples:"));
            String previous = "";
            for (String line : examples.lines().skip(1).takeWhile(l -> !l.isBlank()).toList()) {
                assertThat(line.startsWith("  walletgate ") || line.startsWith("  curl ") || line.startsWith("  OMS_")
                        || line.startsWith("      ") && previous.endsWith(" \\"))
                        .as("%s --help: every example line is a command, or continues one ending in \\: %s",
                                c.getCommandName(), line).isTrue();
                previous = line;
            }
        }
    }
}
