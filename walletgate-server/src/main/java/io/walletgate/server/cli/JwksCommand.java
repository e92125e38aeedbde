package io.walletgate.server.cli;

import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.IssuerSettings;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySourceStatus;
import io.walletgate.keys.KeySources;
import io.walletgate.keys.RemoteKeyOptions;
import io.walletgate.keys.RemoteKeySource;
import io.walletgate.server.config.ConfigException;
import io.walletgate.server.config.WalletGateConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code walletgate jwks}: fetch an issuer's keys through the verifier's own key source and list them. */
@Command(name = "jwks", mixinStandardHelpOptions = true,
        description = "Fetch an issuer's keys through the same key source the verifier uses and list kid, type,"
                + " algorithm, RFC 7638 thumbprint and the cache age.",
        footer = {"", "Examples:",
            "  walletgate jwks --config walletgate.yaml web3auth",
            "  walletgate jwks https://api-auth.web3auth.io/jwks",
            "  walletgate jwks --profile web3auth --jwks-file jwks.json",
            "", "Exit codes: 0 keys listed, 1 keys unavailable, 2 usage or configuration error."})
final class JwksCommand extends EnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    IssuerOptions issuers = new IssuerOptions();

    @Parameters(paramLabel = "ISSUER", arity = "0..1", description = "A configured issuer's name, a profile name "
            + "(its default key URL), or a JWKS URL. Optional when one issuer is configured.")
    String issuer;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RemoteKeyOptions options = RemoteKeyOptions.builder().autoRefresh(false).build();
        if (issuer != null && (issuer.startsWith("https://") || issuer.startsWith("http://"))) {
            try (RemoteKeySource source = KeySources.remote(parse(issuer), options, Clock.systemUTC())) {
                return list(out, issuer, source);
            }
        }
        WalletGateConfig config = issuers.loadForKeys(env);
        String name = issuer;
        if (name == null) {
            if (config.issuers().size() != 1) {
                throw new ConfigException("name the issuer to list (configured: " + names(config) + ")");
            }
            name = config.profiles().get(0).name();
        }
        if (config.issuers().isEmpty() && IssuerProfiles.NAMES.contains(name)) {
            try (RemoteKeySource source = defaultSource(name, options)) {
                return list(out, name, source);
            }
        }
        try (WalletVerifier verifier = config.newVerifier(Clock.systemUTC(), config.keyOptions(null, false))) {
            KeySource source = verifier.keySources().get(name);
            if (source == null) {
                throw new ConfigException("no configured issuer is named '" + name + "' (configured: "
                        + names(config) + ")");
            }
            return list(out, name, source);
        }
    }

    private URI parse(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("not a URL: " + url);
        }
    }

    private static String names(WalletGateConfig config) {
        List<String> names = config.profiles().stream().map(IssuerProfile::name).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    // The profile's own key URL: what the one settings-to-profile mapping gives it with a placeholder audience.
    private static RemoteKeySource defaultSource(String profile, RemoteKeyOptions options) {
        if (profile.equals(IssuerProfiles.SEQUENCE_OMS) || profile.equals(IssuerProfiles.OIDC)) {
            throw new ConfigException("the " + profile + " profile has no default key URL: give --issuer or"
                    + " --config");
        }
        if (profile.equals(IssuerProfiles.MAGIC)) {
            throw new ConfigException("the magic profile has no keys: a DID token carries its signer");
        }
        if (profile.equals(IssuerProfiles.DYNAMIC)) {
            throw new ConfigException("the dynamic profile's key URL names the environment: give --environment-id");
        }
        URI uri = new IssuerSettings().profile(profile).audience(List.of("-")).toProfile().jwksUri();
        return KeySources.remote(uri, options, Clock.systemUTC());
    }

    private int list(PrintWriter out, String name, KeySource source) {
        JwkSet set;
        try {
            set = source.keys().join();
        } catch (CompletionException e) {
            spec.commandLine().getErr().println("keys unavailable: " + e.getCause().getMessage());
            return WalletGateCli.REJECTED;
        }
        out.println(name + ": " + source.description());
        KeySourceStatus s = source.status();
        if (s.remote()) {
            Duration age = Duration.between(s.fetchedAt(), Instant.now());
            out.println("fetched " + s.fetchedAt() + " (" + InspectCommand.human(age) + " ago), fresh until "
                    + s.expiresAt());
        } else {
            out.println("static key set (read at start)");
        }
        out.printf("%-44s %-12s %-6s %s%n", "KID", "KTY/CRV", "ALG", "THUMBPRINT");
        for (Jwk k : set.keys()) {
            out.printf("%-44s %-12s %-6s %s%n", k.kid() == null ? "(none)" : k.kid(),
                    k.kty() + (k.crv() == null ? "" : " " + k.crv()), k.alg() == null ? "-" : k.alg(), k.thumbprint());
        }
        set.skipped().forEach(skip -> out.println("skipped " + skip));
        return 0;
    }
}
