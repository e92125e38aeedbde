package io.walletgate.server.cli;

import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.UnverifiedToken;
import io.walletgate.WalletVerificationException;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.json.IdentityJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code walletgate inspect}: decode a token without verifying it, and say what would go wrong. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Decode a token WITHOUT verifying it: header and claims (UNVERIFIED), which issuer would "
                + "handle it, and obvious problems. Makes no network call.",
        footer = {"", "Examples:",
            "  walletgate inspect eyJhbGci...",
            "  walletgate inspect --config walletgate.yaml - < token.txt",
            "", "Exit codes: 0 decoded, 1 not a decodable token, 2 usage or configuration error."})
final class InspectCommand extends EnvCommand implements Callable<Integer> {
    private static final List<IssuerProfile> KNOWN = List.of(IssuerProfiles.web3auth("-"),
            IssuerProfiles.web3authLegacy("-"), IssuerProfiles.web3authExternal("-"), IssuerProfiles.sequenceWaas("-"),
            IssuerProfiles.nopwd("-"));

    @Spec
    CommandSpec spec;

    @Mixin
    IssuerOptions issuers = new IssuerOptions();

    @Option(names = "--at", paramLabel = "TIME", description = "Judge the times as of this instant.")
    String at;

    @Parameters(paramLabel = "TOKEN", description = "The token, or - to read it from standard input.")
    String token;

    @Override
    public Integer call() throws Exception {
        String jwt = TokenInput.read(token, in, spec.commandLine());
        Instant now = at == null ? Instant.now() : TokenInput.instant(at, spec.commandLine());
        List<IssuerProfile> configured = issuers.configured() || !env.isEmpty()
                ? issuers.load(env).profiles() : List.of();
        PrintWriter out = spec.commandLine().getOut();
        UnverifiedToken t;
        try {
            t = UnverifiedToken.decode(jwt);
        } catch (WalletVerificationException e) {
            spec.commandLine().getErr().println("not a decodable token: " + e.code().code() + " (" + e.getMessage()
                    + ")");
            return WalletGateCli.REJECTED;
        }
        out.println("UNVERIFIED: decoded only; nothing below is trusted until `walletgate verify` accepts it.");
        out.println("header:");
        out.println(indent(IdentityJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(t.header())));
        out.println("claims:");
        out.println(indent(IdentityJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(t.claims())));
        out.println("signature: " + t.signatureLength() + " bytes");
        IssuerProfile handler = handler(t.issuer(), configured);
        out.println("issuer: " + issuerLine(t.issuer(), handler, configured));
        List<String> problems = problems(t, handler, configured, now);
        if (problems.isEmpty()) {
            out.println("problems: none seen (only verification can tell)");
        } else {
            out.println("problems:");
            problems.forEach(p -> out.println("  - " + p));
        }
        return 0;
    }

    private static IssuerProfile handler(String iss, List<IssuerProfile> configured) {
        for (IssuerProfile p : configured.isEmpty() ? KNOWN : configured) {
            if (iss != null && p.acceptedIssuers().contains(iss)) {
                return p;
            }
        }
        return null;
    }

    private static String issuerLine(String iss, IssuerProfile handler, List<IssuerProfile> configured) {
        if (handler == null) {
            return "iss " + (iss == null ? "(missing)" : "'" + iss + "'") + " matches no "
                    + (configured.isEmpty() ? "built-in profile (sequence-oms and oidc issuers are configured)"
                    : "configured issuer");
        }
        return configured.isEmpty() ? "the " + handler.profileName() + " profile would handle it (none configured here)"
                : "configured issuer '" + handler.name() + "' (profile " + handler.profileName() + ") would handle it";
    }

    private static List<String> problems(UnverifiedToken t, IssuerProfile handler, List<IssuerProfile> configured,
                                         Instant now) {
        List<String> problems = new ArrayList<>();
        String alg = t.alg();
        if ("none".equals(alg) || alg.startsWith("HS")) {
            problems.add("alg " + alg + " is never accepted (" + ErrorCode.ALG_NOT_ALLOWED + ")");
        } else if (handler != null && !handler.algorithms().isEmpty() && !handler.algorithms().contains(alg)) {
            problems.add("alg " + alg + " is not allowed for " + handler.name() + ", which allows "
                    + handler.algorithms() + " (" + ErrorCode.ALG_NOT_ALLOWED + ")");
        }
        if (handler == null && !configured.isEmpty()) {
            problems.add("iss is not configured (" + ErrorCode.ISSUER_UNKNOWN + ")");
        }
        if (t.derLikeSignature()) {
            problems.add("the signature looks DER-encoded (" + t.signatureLength() + " bytes); JOSE ECDSA signatures"
                    + " are raw R||S (" + ErrorCode.SIGNATURE_INVALID + ")");
        }
        if (t.kid() == null) {
            problems.add("no kid in the header: the key is chosen by type alone");
        }
        time(t.claims().get("exp"), now, problems, true);
        time(t.claims().get("nbf"), now, problems, false);
        if (handler != null && !configured.isEmpty() && !audienceMatches(t.claims().get("aud"), handler)) {
            problems.add("aud " + t.claims().get("aud") + " does not include " + handler.audiences() + " ("
                    + ErrorCode.AUDIENCE_MISMATCH + ")");
        }
        return problems;
    }

    private static void time(Object value, Instant now, List<String> problems, boolean exp) {
        if (value == null) {
            if (exp) {
                problems.add("no exp claim (" + ErrorCode.CLAIM_MISSING + ")");
            }
            return;
        }
        if (!(value instanceof Number)) {
            problems.add((exp ? "exp" : "nbf") + " is not a number (" + ErrorCode.CLAIM_INVALID + ")");
            return;
        }
        Instant when = Instant.ofEpochSecond(((Number) value).longValue());
        if (exp && !now.isBefore(when)) {
            problems.add("expired at " + when + ", " + human(Duration.between(when, now)) + " ago ("
                    + ErrorCode.TOKEN_EXPIRED + ")");
        } else if (!exp && now.isBefore(when)) {
            problems.add("not valid before " + when + ", in " + human(Duration.between(now, when)) + " ("
                    + ErrorCode.TOKEN_NOT_YET_VALID + ")");
        }
    }

    private static boolean audienceMatches(Object aud, IssuerProfile handler) {
        if (aud instanceof String) {
            return handler.audiences().contains(aud);
        }
        if (aud instanceof List<?>) {
            return ((List<?>) aud).stream().anyMatch(handler.audiences()::contains);
        }
        return false;
    }

    static String human(Duration d) {
        long s = Math.abs(d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172_800) {
            return s / 3600 + " h";
        }
        return s / 86_400 + " days";
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }
}
