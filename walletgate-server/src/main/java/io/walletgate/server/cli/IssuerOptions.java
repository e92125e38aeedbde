package io.walletgate.server.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.server.config.ConfigException;
import io.walletgate.server.config.ConfigLoader;
import io.walletgate.server.config.WalletGateConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the issuers come from: a configuration file, or one issuer described by flags (and the environment). */
final class IssuerOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see docs/configuration.md).")
    Path config;

    @Option(names = "--profile", paramLabel = "P", description = "Issuer profile: web3auth, web3auth-legacy, "
            + "web3auth-external, sequence-oms, sequence-waas, nopwd, oidc, privy, dynamic, magic, para.")
    String profile;

    @Option(names = "--audience", paramLabel = "A", description = "Accepted audience (repeatable): the client ID, "
            + "project ID or domain the provider puts in aud.")
    List<String> audience;

    @Option(names = "--issuer", paramLabel = "I", description = "The iss, for sequence-oms (OMS_TOKEN_ISSUER) and "
            + "oidc.")
    String issuer;

    @Option(names = "--alg", paramLabel = "ALG", description = "Allowed algorithm (repeatable; required for oidc).")
    List<String> algorithms;

    @Option(names = "--jwks-uri", paramLabel = "U", description = "Fetch keys from this URL instead of the "
            + "profile's.")
    String jwksUri;

    @Option(names = "--jwks-file", paramLabel = "F", description = "Read keys from this local JWKS file.")
    Path jwksFile;

    @Option(names = "--environment-id", paramLabel = "ID", description = "The Dynamic environment ID (dynamic only).")
    String environmentId;

    @Option(names = "--environment", paramLabel = "E", description = "The Para environment: production (default), "
            + "beta or sandbox (para only).")
    String environment;

    /**
     * The configuration these options describe.
     *
     * @throws ConfigException for a mistake in the file, the flags or the environment
     */
    WalletGateConfig load(Map<String, String> env) {
        return load(env, true);
    }

    /**
     * As {@link #load}, for a command that only reads the issuer's keys ({@code jwks}): there, a missing
     * {@code --audience} is no mistake, as no token's {@code aud} is checked.
     */
    WalletGateConfig loadForKeys(Map<String, String> env) {
        return load(env, false);
    }

    private WalletGateConfig load(Map<String, String> env, boolean audienceNeeded) {
        if (config != null) {
            if (profile != null || audience != null || issuer != null || jwksUri != null || jwksFile != null
                    || algorithms != null || environmentId != null || environment != null) {
                throw new ConfigException("give either --config or issuer flags (--profile, --audience, …), not both");
            }
            return ConfigLoader.load(config, env);
        }
        if (profile == null) {
            if (audience != null || issuer != null || jwksUri != null || jwksFile != null || algorithms != null
                    || environmentId != null || environment != null) {
                throw new ConfigException("--profile is required with --audience, --issuer, --alg, --jwks-uri,"
                        + " --jwks-file, --environment-id or --environment");
            }
            return ConfigLoader.load(null, env);
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode entry = root.putArray("issuers").addObject();
        entry.put("profile", profile);
        if (audience != null) {
            ArrayNode a = entry.putArray("audience");
            audience.forEach(a::add);
        } else if (!audienceNeeded) {
            entry.put("audience", "(any: keys only)");
        }
        if (algorithms != null) {
            ArrayNode a = entry.putArray("algorithms");
            algorithms.forEach(a::add);
        }
        if (issuer != null) {
            entry.put("issuer", issuer);
        }
        if (jwksUri != null) {
            entry.put("jwksUri", jwksUri);
        }
        if (jwksFile != null) {
            entry.put("jwksFile", jwksFile.toString());
        }
        if (environmentId != null) {
            entry.put("environmentId", environmentId);
        }
        if (environment != null) {
            entry.put("environment", environment);
        }
        try {
            return ConfigLoader.bind(root, Path.of("")); // flag paths stay as typed, relative to the working directory
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage().replace("issuers[0]", "flags").replace("'audience'", "--audience")
                    .replace("'issuer'", "--issuer").replace("'algorithms'", "--alg")
                    .replace("'jwksUri'", "--jwks-uri").replace("'jwksFile'", "--jwks-file")
                    .replace("'environmentId'", "--environment-id").replace("'environment'", "--environment"), e);
        }
    }

    boolean configured() {
        return config != null || profile != null;
    }
}
