package io.walletgate.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import io.walletgate.server.json.IdentityJson;
import io.walletgate.signin.NonceStore;
import io.walletgate.signin.SignInVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code walletgate siwe verify}: checks one sign-in message and its signature as the service would
 * (docs/architecture.md §13), except the nonce: a command line issued none, so it checks the message's nonce only
 * against {@code --nonce}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a sign-in message and its signature: Sign-In with Ethereum (EOA, ERC-1271, EIP-6492)"
                + " or Sign-In with Solana, told apart by the message's first line.",
        footer = {"", "Examples:",
            "  walletgate siwe verify --domain app.example.com \\",
            "      --uri https://app.example.com --chain 1 message.txt 0x…",
            "  walletgate siwe verify --domain app.example.com \\",
            "      --uri https://app.example.com --chain 8453=https://mainnet.base.org \\",
            "      --json - 0x… < message.txt",
            "  walletgate siwe verify --domain app.example.com \\",
            "      --uri https://app.example.com siws-message.txt 3hJ9…",
            "", "A message file may end with one line break (editors add one): it is not part",
            "of the message.",
            "Exit codes: 0 valid, 1 rejected (the error code on stderr, or in the JSON),",
            "2 usage or configuration error."})
final class SiweVerifyCommand extends EnvCommand implements Callable<Integer> {
    private static final int MAX_MESSAGE = 64 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--domain", paramLabel = "D", required = true, description = "A domain the message may be for:"
            + " host, host:port or host:* (repeatable).")
    List<String> domains;

    @Option(names = "--uri", paramLabel = "ORIGIN", required = true, description = "An allowed origin of the"
            + " message's URI: https://host[:port] or http://host[:port], :* for any port (repeatable).")
    List<String> uris;

    @Option(names = "--chain", paramLabel = "ID[=RPC]", description = "An accepted EVM chain, with the JSON-RPC URL"
            + " that judges smart-contract wallets (without one, EOAs only) (repeatable).")
    List<String> chains = List.of();

    @Option(names = "--solana-cluster", paramLabel = "C", description = "An accepted Solana cluster: mainnet (the"
            + " default), devnet, testnet, localnet (repeatable).")
    List<String> clusters = List.of("mainnet");

    @Option(names = "--nonce", paramLabel = "N", description = "The nonce the message must carry (not checked"
            + " without it).")
    String nonce;

    @Option(names = "--at", paramLabel = "TIME", description = "Verify as of this instant (ISO-8601 or epoch"
            + " seconds).")
    String at;

    @Option(names = "--json", description = "Print exactly one JSON object.")
    boolean json;

    @Parameters(index = "0", paramLabel = "MESSAGE", description = "A file holding the message, or - to read it"
            + " from standard input.")
    String messageFile;

    @Parameters(index = "1", paramLabel = "SIGNATURE", description = "The signature: 0x-hex (Ethereum), base58 or"
            + " base64 (Solana).")
    String signature;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        String message = readMessage(cmd);
        Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(TokenInput.instant(at, cmd), ZoneOffset.UTC);
        SignInVerifier verifier = verifier(cmd, clock);
        boolean solana = message.lines().findFirst().orElse("").endsWith("your Solana account:");
        PrintWriter out = cmd.getOut();
        try {
            VerifiedIdentity id = solana ? verifier.verifySiws(message, signature.strip())
                    : verifier.verifySiwe(message, signature.strip());
            if (json) {
                ObjectNode o = IdentityJson.valid(id); // with chainId and signatureType
                o.put("nonceChecked", nonce != null);
                out.println(o);
            } else {
                report(out, id);
            }
            return 0;
        } catch (WalletVerificationException e) {
            return VerifyCommand.rejected(cmd, json, e);
        }
    }

    private SignInVerifier verifier(CommandLine cmd, Clock clock) {
        SignInVerifier.Builder b;
        try {
            b = SignInVerifier.builder().domains(domains.toArray(String[]::new)).uris(uris.toArray(String[]::new))
                    .solanaClusters(clusters.toArray(String[]::new)).clock(clock).nonceStore(new ExpectedNonce(nonce));
            for (String chain : chains) {
                int eq = chain.indexOf('=');
                long id = Long.parseLong(eq < 0 ? chain : chain.substring(0, eq));
                b = eq < 0 ? b.eoaOnlyChain(id) : b.chain(id, URI.create(chain.substring(eq + 1)));
            }
            return b.build();
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cmd, "--chain must be ID or ID=RPC_URL with a decimal ID");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    // The message exactly as signed: one trailing line break (an editor's, echo's) is not part of a sign-in message,
    // whose grammar ends with its last field.
    private String readMessage(CommandLine cmd) {
        byte[] bytes;
        try (InputStream s = "-".equals(messageFile) ? in : Files.newInputStream(Path.of(messageFile))) {
            bytes = s.readNBytes(MAX_MESSAGE + 1);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cmd, "cannot read the message from " + messageFile + ": "
                    + e.getMessage());
        }
        if (bytes.length > MAX_MESSAGE) {
            throw new CommandLine.ParameterException(cmd, "the message is larger than " + MAX_MESSAGE + " bytes");
        }
        String message = new String(bytes, StandardCharsets.UTF_8);
        return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
    }

    private void report(PrintWriter out, VerifiedIdentity id) {
        Map<String, Object> c = id.claims();
        out.println("valid: " + id.profile().toUpperCase(java.util.Locale.ROOT) + " sign-in by " + id.wallet().address()
                + " (" + c.get("signatureType") + ")");
        row(out, "subject", id.subject());
        row(out, "domain", (String) c.get("domain"));
        row(out, "uri", (String) c.get("uri"));
        row(out, "chain", String.valueOf(c.get("chainId")));
        row(out, "nonce", c.get("nonce") + (nonce == null ? " (not checked: give --nonce)" : " (as expected)"));
        row(out, "issued", (String) c.get("issuedAt"));
        row(out, "expires", c.containsKey("expirationTime") ? c.get("expirationTime") + " (Expiration Time)"
                : id.expiresAt() + " (no Expiration Time: 24 h from now)");
        row(out, "wallet", VerifyCommand.describe(id.wallet()));
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-10s %s%n", label, value);
    }

    /** The nonce store of a one-shot check: the message's nonce must be {@code --nonce}, or anything without it. */
    private static final class ExpectedNonce implements NonceStore {
        private final String expected;

        ExpectedNonce(String expected) {
            this.expected = expected;
        }

        @Override
        public void put(String value, Instant expiresAt) {
            throw new UnsupportedOperationException("the command line issues no nonce");
        }

        @Override
        public boolean consume(String value, Instant now) {
            return expected == null || expected.equals(value);
        }
    }
}
