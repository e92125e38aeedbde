package io.walletgate.server.cli;

import io.walletgate.VerifiedIdentity;
import io.walletgate.Wallet;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.json.IdentityJson;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code walletgate verify}: verify one token, as the service would. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a token: signature, issuer, audience, times and the client's wallet proof.",
        footer = {"", "Examples:",
            "  walletgate verify --profile web3auth --audience BFL8Z_Awr3p... \\",
            "      --app-pub-key 02ecaa... eyJhbGci...",
            "  walletgate verify --config walletgate.yaml --address 0x5aAeb6... \\",
            "      --json - < token.txt",
            "  walletgate verify --profile nopwd --audience mywebsite.com \\",
            "      --at 2026-01-01T00:00:00Z eyJ...",
            "", "Exit codes: 0 valid, 1 rejected (the error code on stderr, or in the JSON),",
            "2 usage or configuration error."})
final class VerifyCommand extends EnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    IssuerOptions issuers = new IssuerOptions();

    @ArgGroup(exclusive = true)
    Proof proof;

    static final class Proof {
        @Option(names = "--app-pub-key", paramLabel = "HEX", description = "The client's app public key "
                + "(secp256k1 compressed or uncompressed hex, or ed25519 hex/base58).")
        String appPubKey;

        @Option(names = "--address", paramLabel = "ADDR", description = "The client's wallet address (Ethereum or "
                + "Solana).")
        String address;
    }

    @Option(names = "--at", paramLabel = "TIME", description = "Verify as of this instant (ISO-8601 or epoch "
            + "seconds), to examine an old token.")
    String at;

    @Option(names = "--json", description = "Print exactly one JSON object.")
    boolean json;

    @Parameters(paramLabel = "TOKEN", description = "The ID token, or - to read it from standard input.")
    String token;

    @Override
    public Integer call() {
        String jwt = TokenInput.read(token, in, spec.commandLine());
        Clock clock = at == null ? Clock.systemUTC()
                : Clock.fixed(TokenInput.instant(at, spec.commandLine()), ZoneOffset.UTC);
        WalletGateConfig config = issuers.load(env);
        if (config.issuers().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no issuer configured: give "
                    + "--config FILE or --profile with --audience (or the environment, e.g. OMS_TOKEN_ISSUER)");
        }
        WalletProof walletProof = proof == null ? WalletProof.none()
                : proof.appPubKey != null ? WalletProof.appPublicKey(proof.appPubKey)
                : WalletProof.address(proof.address);
        PrintWriter out = spec.commandLine().getOut();
        try (WalletVerifier verifier = config.newVerifier(clock,
                config.keyOptions(null, false))) {
            VerifiedIdentity id = verifier.verify(jwt, walletProof);
            if (json) {
                out.println(IdentityJson.valid(id));
            } else {
                report(out, id);
            }
            return 0;
        } catch (WalletVerificationException e) {
            return rejected(spec.commandLine(), json, e);
        }
    }

    /**
     * Prints a rejection, in JSON on standard output or as two lines on standard error (the code with its meaning,
     * then the message), and returns the rejection's exit code.
     */
    static int rejected(picocli.CommandLine cmd, boolean json, WalletVerificationException e) {
        if (json) {
            cmd.getOut().println(IdentityJson.invalid(e));
        } else {
            PrintWriter err = cmd.getErr();
            err.println("rejected: " + e.code().code() + " (" + e.code().meaning() + ")");
            err.println("  " + e.getMessage());
        }
        return WalletGateCli.REJECTED;
    }

    private static void report(PrintWriter out, VerifiedIdentity id) {
        out.println("valid: " + id.profile() + " token for " + id.subject());
        row(out, "issuer", id.issuerName() + " (profile " + id.profile() + ", iss " + id.issuer() + ")");
        row(out, "audience", String.join(", ", id.audience()));
        row(out, "expires", id.expiresAt().toString());
        row(out, "key", id.keyId() == null ? "(no kid)" : id.keyId());
        row(out, "wallet", id.wallet() == null ? "none proven" : describe(id.wallet()) + " (proven)");
        for (int i = 0; i < id.wallets().size(); i++) {
            row(out, "wallets[" + i + "]", describe(id.wallets().get(i)));
        }
        if (id.email() != null) {
            row(out, "email", id.email());
        }
    }

    static String describe(Wallet w) {
        StringBuilder sb = new StringBuilder(w.type() == null ? "?" : w.type());
        if (w.curve() != null) {
            sb.append(' ').append(w.curve());
        }
        if (w.publicKey() != null) {
            sb.append(' ').append(w.publicKey().isEmpty() ? "(empty key)" : w.publicKey());
        }
        if (w.address() != null) {
            sb.append(w.publicKey() != null ? " -> " : " ").append(w.address());
        }
        return sb.toString();
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-10s %s%n", label, value);
    }
}
