package io.walletgate.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the configuration: the YAML file (optional), then the environment, then validation. Every field can be set
 * from the environment:
 * <ul>
 * <li>{@code WALLETGATE_<SECTION>_<FIELD>} for {@code verification}, {@code keys}, {@code sessions} and
 *     {@code server} (field names match without case or underscores: {@code WALLETGATE_VERIFICATION_CLOCK_SKEW});</li>
 * <li>{@code WALLETGATE_ISSUERS_<N>_<FIELD>} for the N-th issuer (lists comma-separated);</li>
 * <li>{@code WALLETGATE_SIGNIN_ETHEREUM_<FIELD>}, {@code WALLETGATE_SIGNIN_SOLANA_<FIELD>} and
 *     {@code WALLETGATE_SIGNIN_MAX_NONCES} for {@code signIn} (chains as {@code 1=https://rpc,8453});</li>
 * <li>the providers' own names: {@code OMS_TOKEN_ISSUER} and {@code OMS_PROJECT_ID} (Sequence's guide),
 *     {@code WALLETGATE_WEB3AUTH_CLIENT_ID}, {@code WALLETGATE_WEB3AUTH_LEGACY_CLIENT_ID},
 *     {@code WALLETGATE_WEB3AUTH_EXTERNAL_AUDIENCE}, {@code WALLETGATE_SEQUENCE_WAAS_AUDIENCE},
 *     {@code WALLETGATE_NOPWD_DOMAIN}, {@code WALLETGATE_PRIVY_APP_ID}, {@code WALLETGATE_DYNAMIC_ENVIRONMENT_ID}
 *     and {@code WALLETGATE_DYNAMIC_ORIGIN}, {@code WALLETGATE_MAGIC_CLIENT_ID}, {@code WALLETGATE_PARA_API_KEY_ID}
 *     and {@code WALLETGATE_PARA_ENVIRONMENT}: each sets that profile's issuer entry, adding it if absent.</li>
 * </ul>
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SECTIONS = List.of("verification", "keys", "sessions", "server");
    private static final long DEFAULT_CACHE = 16L * 1024 * 1024;

    private ConfigLoader() {
    }

    /**
     * Loads {@code file} (null for none) with overrides from {@code env}.
     *
     * @throws ConfigException naming the file, entry and field of any mistake
     */
    public static WalletGateConfig load(Path file, Map<String, String> env) {
        ObjectNode root;
        Path baseDir;
        if (file == null) {
            root = NODES.objectNode();
            baseDir = Path.of("");
        } else {
            root = read(file);
            baseDir = file.toAbsolutePath().getParent();
        }
        applyEnvironment(root, env);
        return bind(root, baseDir);
    }

    /**
     * Whether anything configures the service: a file (even one without issuers), or an environment variable this
     * loader reads. {@code walletgate serve} starts its demo without {@code --demo} only when nothing does
     * (issue 21, item 5: no demo by accident).
     */
    public static boolean configured(Path file, Map<String, String> env) {
        if (file != null) {
            return true;
        }
        ObjectNode root = NODES.objectNode();
        applyEnvironment(root, env);
        return !root.isEmpty();
    }

    /**
     * Binds an already-built tree (the CLI's flags), resolving relative files against {@code baseDir}.
     *
     * @throws ConfigException naming the entry and field of any mistake
     */
    public static WalletGateConfig bind(ObjectNode root, Path baseDir) {
        Fields top = new Fields(root, "configuration");
        JsonNode issuersNode = top.node("issuers");
        List<IssuerConfig> issuers = new ArrayList<>();
        if (issuersNode != null) {
            if (!issuersNode.isArray()) {
                throw new ConfigException("issuers: must be a list of issuer entries");
            }
            for (int i = 0; i < issuersNode.size(); i++) {
                Fields f = new Fields(issuersNode.get(i), "issuers[" + i + "]");
                issuers.add(IssuerConfig.read(f, i, baseDir));
            }
        }
        WalletGateConfig config = new WalletGateConfig(List.copyOf(issuers),
                verification(new Fields(top.node("verification"), "verification")),
                keys(new Fields(top.node("keys"), "keys")),
                SessionsConfig.read(new Fields(top.node("sessions"), "sessions"), baseDir),
                server(new Fields(top.node("server"), "server"), baseDir),
                SignInConfig.read(new Fields(top.node("signIn"), "signIn")));
        top.done();
        checkIssuers(config);
        return config;
    }

    private static ObjectNode read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(file + ": no such configuration file");
            }
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return NODES.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": the configuration must be a YAML mapping");
            }
            return (ObjectNode) node;
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(file + ": not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static WalletGateConfig.Verification verification(Fields f) {
        Duration skew = f.duration("clockSkew", Duration.ofSeconds(60));
        if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw f.error("clockSkew", "must be between 0s and 10m, not " + skew);
        }
        Duration maxAge = positive(f, "maxTokenAge", f.duration("maxTokenAge", null));
        long cache = f.bytes("tokenCache", DEFAULT_CACHE);
        if (cache < 0) {
            throw f.error("tokenCache", "must not be negative");
        }
        f.done();
        return new WalletGateConfig.Verification(skew, maxAge, cache);
    }

    private static WalletGateConfig.Keys keys(Fields f) {
        WalletGateConfig.Keys k = new WalletGateConfig.Keys(
                positive(f, "cooldown", f.duration("cooldown", Duration.ofSeconds(30))),
                f.duration("staleLimit", Duration.ofHours(24)),
                positive(f, "defaultMaxAge", f.duration("defaultMaxAge", Duration.ofHours(1))),
                positive(f, "connectTimeout", f.duration("connectTimeout", Duration.ofSeconds(5))),
                positive(f, "readTimeout", f.duration("readTimeout", Duration.ofSeconds(10))),
                f.integer("unknownKidWaiters", 100, 1, 100_000),
                positive(f, "unknownKidWait", f.duration("unknownKidWait", Duration.ofSeconds(3))));
        f.done();
        return k;
    }

    private static WalletGateConfig.Server server(Fields f, Path baseDir) {
        String data = f.text("data", false);
        String token = f.text("adminToken", false);
        if (token != null && token.length() < 16) {
            throw f.error("adminToken", "must be at least 16 characters");
        }
        int port = f.integer("port", 8080, 0, 65535);
        String bind = f.text("bind", false) == null ? "127.0.0.1" : f.text("bind", false);
        WalletGateConfig.Server s = new WalletGateConfig.Server(port, bind,
                data == null ? Path.of("data") : baseDir.resolve(data), token, f.texts("corsOrigins", false), ui(f),
                management(f.node("management"), port),
                positive(f, "idleTimeout", f.duration("idleTimeout", Duration.ofSeconds(30))),
                positive(f, "requestReadTimeout", f.duration("requestReadTimeout", Duration.ofSeconds(10))));
        f.done();
        return s;
    }

    // server.management: {bind, port}, or absent.
    private static WalletGateConfig.Management management(JsonNode node, int publicPort) {
        if (node == null || node.isNull()) {
            return null;
        }
        Fields f = new Fields(node, "server.management");
        if (f.node("port") == null) {
            throw f.error("port", "is required (0 for any free port)");
        }
        WalletGateConfig.Management m = new WalletGateConfig.Management(
                f.text("bind", false) == null ? "127.0.0.1" : f.text("bind", false), f.integer("port", 0, 0, 65535));
        f.done();
        if (m.port() != 0 && m.port() == publicPort) {
            throw f.error("port", "must differ from server.port (" + publicPort + "): the point is a separate address");
        }
        return m;
    }

    // server.ui: auto (default), on or off; YAML 1.1 reads a bare on/off as a boolean, so true/false mean on/off.
    private static String ui(Fields f) {
        String ui = f.text("ui", false);
        ui = ui == null ? "auto" : ui.toLowerCase(Locale.ROOT);
        ui = ui.equals("true") ? "on" : ui.equals("false") ? "off" : ui;
        if (!ui.equals("auto") && !ui.equals("on") && !ui.equals("off")) {
            throw f.error("ui", "must be auto, on or off, not '" + ui + "'");
        }
        return ui;
    }

    static Duration positive(Fields f, String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw f.error(name, "must be positive, not " + d);
        }
        return d;
    }

    // Each profile was built once, while binding its entry; here only what entries say about each other.
    private static void checkIssuers(WalletGateConfig config) {
        Map<String, String> names = new HashMap<>();
        Map<String, String> issuers = new HashMap<>();
        for (IssuerConfig c : config.issuers()) {
            IssuerProfile p = c.profile();
            String previous = names.put(p.name(), c.where());
            if (previous != null) {
                throw new ConfigException(c.where() + ": 'name' '" + p.name() + "' is already used by " + previous
                        + "; give one of them another name");
            }
            for (String iss : p.acceptedIssuers()) {
                String other = issuers.put(iss, c.where());
                if (other != null) {
                    throw new ConfigException(c.where() + ": iss '" + iss + "' is already accepted by " + other);
                }
            }
        }
    }

    // --- environment ---------------------------------------------------------------------------------------

    static void applyEnvironment(ObjectNode root, Map<String, String> env) {
        Map<String, String> sorted = new java.util.TreeMap<>(env);
        providerShortcuts(root, sorted);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("WALLETGATE_") || e.getValue() == null) {
                continue;
            }
            String rest = key.substring("WALLETGATE_".length());
            for (String section : SECTIONS) {
                String prefix = section.toUpperCase(Locale.ROOT) + "_";
                if (rest.startsWith(prefix)) {
                    ObjectNode node = object(root, section);
                    node.put(fieldName(node, rest.substring(prefix.length()), section), e.getValue());
                }
            }
            if (rest.startsWith("SIGNIN_")) {
                signInVariable(root, rest.substring("SIGNIN_".length()), e.getValue());
            }
            if (rest.startsWith("ISSUERS_")) {
                String[] parts = rest.substring("ISSUERS_".length()).split("_", 2);
                if (parts.length == 2 && parts[0].matches("\\d{1,3}")) {
                    ObjectNode issuer = issuerAt(root, Integer.parseInt(parts[0]));
                    issuer.put(fieldName(issuer, parts[1], "issuer"), e.getValue());
                }
            }
        }
    }

    // WALLETGATE_SIGNIN_ETHEREUM_DOMAINS, WALLETGATE_SIGNIN_SOLANA_NONCE_TTL, WALLETGATE_SIGNIN_MAX_NONCES.
    private static void signInVariable(ObjectNode root, String rest, String value) {
        ObjectNode signIn = object(root, "signIn");
        for (String side : List.of("ethereum", "solana")) {
            String prefix = side.toUpperCase(Locale.ROOT) + "_";
            if (rest.startsWith(prefix)) {
                ObjectNode node = object(signIn, side);
                node.put(fieldName(node, rest.substring(prefix.length()), "signIn"), value);
                return;
            }
        }
        signIn.put(fieldName(signIn, rest, "signIn"), value);
    }

    private static void providerShortcuts(ObjectNode root, Map<String, String> env) {
        shortcut(root, IssuerProfiles.WEB3AUTH, "audience", env.get("WALLETGATE_WEB3AUTH_CLIENT_ID"));
        shortcut(root, IssuerProfiles.WEB3AUTH_LEGACY, "audience", env.get("WALLETGATE_WEB3AUTH_LEGACY_CLIENT_ID"));
        shortcut(root, IssuerProfiles.WEB3AUTH_EXTERNAL, "audience", env.get("WALLETGATE_WEB3AUTH_EXTERNAL_AUDIENCE"));
        shortcut(root, IssuerProfiles.SEQUENCE_WAAS, "audience", env.get("WALLETGATE_SEQUENCE_WAAS_AUDIENCE"));
        shortcut(root, IssuerProfiles.NOPWD, "audience", env.get("WALLETGATE_NOPWD_DOMAIN"));
        shortcut(root, IssuerProfiles.SEQUENCE_OMS, "issuer", env.get("OMS_TOKEN_ISSUER"));
        shortcut(root, IssuerProfiles.SEQUENCE_OMS, "audience", env.get("OMS_PROJECT_ID"));
        shortcut(root, IssuerProfiles.PRIVY, "audience", env.get("WALLETGATE_PRIVY_APP_ID"));
        shortcut(root, IssuerProfiles.DYNAMIC, "environmentId", env.get("WALLETGATE_DYNAMIC_ENVIRONMENT_ID"));
        shortcut(root, IssuerProfiles.DYNAMIC, "audience", env.get("WALLETGATE_DYNAMIC_ORIGIN"));
        shortcut(root, IssuerProfiles.MAGIC, "audience", env.get("WALLETGATE_MAGIC_CLIENT_ID"));
        shortcut(root, IssuerProfiles.PARA, "audience", env.get("WALLETGATE_PARA_API_KEY_ID"));
        shortcut(root, IssuerProfiles.PARA, "environment", env.get("WALLETGATE_PARA_ENVIRONMENT"));
    }

    private static void shortcut(ObjectNode root, String profile, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        ArrayNode issuers = issuers(root);
        for (JsonNode n : issuers) {
            if (n.isObject() && profile.equals(n.path("profile").asText())) {
                ((ObjectNode) n).put(field, value);
                return;
            }
        }
        ObjectNode added = issuers.addObject();
        added.put("profile", profile);
        added.put(field, value);
    }

    private static ArrayNode issuers(ObjectNode root) {
        JsonNode n = root.get("issuers");
        if (n instanceof ArrayNode) {
            return (ArrayNode) n;
        }
        if (n != null && !n.isNull()) {
            throw new ConfigException("issuers: must be a list of issuer entries");
        }
        return root.putArray("issuers");
    }

    private static ObjectNode issuerAt(ObjectNode root, int index) {
        ArrayNode issuers = issuers(root);
        if (index >= issuers.size()) {
            throw new ConfigException("WALLETGATE_ISSUERS_" + index + "_…: there is no issuers[" + index + "] (the"
                    + " configuration has " + issuers.size() + ")");
        }
        if (!issuers.get(index).isObject()) {
            throw new ConfigException("issuers[" + index + "]: must be a mapping of fields");
        }
        return (ObjectNode) issuers.get(index);
    }

    private static ObjectNode object(ObjectNode root, String name) {
        JsonNode n = root.get(name);
        if (n instanceof ObjectNode) {
            return (ObjectNode) n;
        }
        if (n != null && !n.isNull()) {
            throw new ConfigException(name + ": must be a mapping of fields");
        }
        return root.putObject(name);
    }

    // WALLETGATE_SERVER_ADMIN_TOKEN and ..._ADMINTOKEN both mean adminToken: compare without case or underscores.
    private static String fieldName(ObjectNode node, String envPart, String section) {
        String wanted = envPart.replace("_", "").toLowerCase(Locale.ROOT);
        for (String known : KNOWN_FIELDS.getOrDefault(section, List.of())) {
            if (known.toLowerCase(Locale.ROOT).equals(wanted)) {
                return known;
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.toLowerCase(Locale.ROOT).equals(wanted)) {
                return f;
            }
        }
        return envPart.toLowerCase(Locale.ROOT); // unknown: validation will name it
    }

    private static final Map<String, List<String>> KNOWN_FIELDS = Map.of(
            "verification", List.of("clockSkew", "maxTokenAge", "tokenCache"),
            "keys", List.of("cooldown", "staleLimit", "defaultMaxAge", "connectTimeout", "readTimeout",
                    "unknownKidWaiters", "unknownKidWait"),
            "sessions", List.of("store", "uri", "ttl", "sliding", "cookieSecure", "cookieName", "redisMode", "username",
                    "password", "sentinelPassword", "tls", "tlsCaFile", "connectTimeout", "commandTimeout", "keyPrefix",
                    "replicaAcks", "replicaTimeout"),
            "server", List.of("port", "bind", "data", "adminToken", "corsOrigins", "ui", "idleTimeout",
                    "requestReadTimeout"),
            "signIn", List.of("maxNonces", "domains", "uris", "chains", "clusters", "nonceTtl", "rpcConnectTimeout",
                    "rpcTimeout", "rpcResponseLimit", "rpcMaxInFlight"),
            "issuer", List.of("profile", "name", "audience", "issuer", "algorithms", "jwksUri", "jwksHosts",
                    "jwksFile", "publicKey", "connectors", "environmentId", "environment", "subjectClaim", "emailClaim",
                    "nameClaim", "walletAddressClaim", "requiredClaims", "requireWalletProof", "maxTokenAge",
                    "replayProtection"));
}
