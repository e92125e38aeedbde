package io.walletgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line in process: what a newcomer sees when something is off. */
class CommandLineTest {
    private static final Path FIXTURES = Cli.projectRoot().resolve("fixtures");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = WalletGateCli.run(args, Map.of(), new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
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
