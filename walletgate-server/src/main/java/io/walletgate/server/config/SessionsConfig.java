package io.walletgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code sessions:}: the store, the session lifetime and cookie, and for the redis store how it connects
 * (mode, URIs, credentials, TLS, timeouts, key prefix). A Redis URI is parsed here, so that a mistake stops the start;
 * messages never show a password written in a URI.
 */
final class SessionsConfig {
    private static final List<String> REDIS_FIELDS = List.of("redisMode", "username", "password", "sentinelPassword",
            "tls", "tlsCaFile", "connectTimeout", "commandTimeout", "keyPrefix", "replicaAcks", "replicaTimeout");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private SessionsConfig() {
    }

    static WalletGateConfig.Sessions read(Fields f, Path baseDir) {
        String store = f.text("store", false);
        store = store == null ? "sqlite" : store.toLowerCase(Locale.ROOT);
        if (!store.equals("sqlite") && !store.equals("redis")) {
            throw f.error("store", "must be sqlite or redis, not '" + store + "'");
        }
        List<String> uris = redisUris(f);
        if (store.equals("redis") && uris.isEmpty()) {
            throw f.error("uri", "is required for the redis store (redis://, rediss://, redis-sentinel://)");
        }
        WalletGateConfig.Redis redis = store.equals("redis") ? redis(f, uris, baseDir) : noRedis(f);
        WalletGateConfig.Sessions s = new WalletGateConfig.Sessions(store,
                uris.isEmpty() ? null : String.join(",", uris),
                ConfigLoader.positive(f, "ttl", f.duration("ttl", Duration.ofHours(24))), f.bool("sliding", false),
                f.bool("cookieSecure", true), cookieName(f), redis);
        f.done();
        return s;
    }

    // A text (cluster seeds comma-separated; a sentinel URI keeps its own commas) or a list of texts.
    private static List<String> redisUris(Fields f) {
        JsonNode n = f.node("uri");
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> out.add(e.isValueNode() ? e.asText().strip() : ""));
        } else if (n.isValueNode()) {
            String text = n.asText().strip();
            if (text.startsWith("redis-sentinel://") || text.startsWith("rediss-sentinel://")) {
                out.add(text);
            } else {
                for (String part : text.split(",", -1)) {
                    out.add(part.strip());
                }
            }
        }
        if (out.isEmpty() || out.stream().anyMatch(String::isEmpty)) {
            throw f.error("uri", "must be a Redis URI, or a list of cluster node URIs");
        }
        return List.copyOf(out);
    }

    private static WalletGateConfig.Redis redis(Fields f, List<String> uris, Path baseDir) {
        String mode = redisMode(f, uris);
        int secure = 0;
        for (int i = 0; i < uris.size(); i++) {
            secure += checkRedisUri(f, mode, uris.get(i), uris.size() == 1 ? "value" : "entry " + (i + 1)) ? 1 : 0;
        }
        if (secure > 0 && secure < uris.size()) {
            throw f.error("uri", "mixes rediss:// (TLS) and redis:// nodes; use one scheme for every node");
        }
        boolean tls = f.bool("tls", secure > 0);
        if (secure > 0 && !tls) {
            throw f.error("tls", "is false, but the uri is rediss:// (TLS); use redis:// for plain connections");
        }
        String ca = f.text("tlsCaFile", false);
        Path caFile = ca == null ? null : baseDir.resolve(ca);
        if (caFile != null && !tls) {
            throw f.error("tlsCaFile", "applies to TLS connections only (rediss:// or tls: true)");
        }
        if (caFile != null && !Files.isReadable(caFile)) {
            throw f.error("tlsCaFile", "cannot be read: " + caFile);
        }
        String prefix = f.text("keyPrefix", false);
        if (prefix != null && !prefix.matches("[\\x21-\\x7e&&[^{}]]{1,64}")) {
            throw f.error("keyPrefix", "must be 1 to 64 printable characters without spaces, '{' or '}' (a hash tag"
                    + " would put every key in one cluster slot)");
        }
        String sentinelPassword = f.text("sentinelPassword", false);
        if (sentinelPassword != null && !mode.equals("sentinel")) {
            throw f.error("sentinelPassword", "applies to redisMode: sentinel only");
        }
        Duration connect = ConfigLoader.positive(f, "connectTimeout", f.duration("connectTimeout", DEFAULT_TIMEOUT));
        Duration command = ConfigLoader.positive(f, "commandTimeout", f.duration("commandTimeout", DEFAULT_TIMEOUT));
        Duration replicaTimeout = ConfigLoader.positive(f, "replicaTimeout",
                f.duration("replicaTimeout", command.dividedBy(2)));
        if (replicaTimeout.compareTo(command) >= 0) {
            throw f.error("replicaTimeout", "must be shorter than commandTimeout (" + command + "), not "
                    + replicaTimeout + ": the wait for replicas is itself a Redis command");
        }
        return new WalletGateConfig.Redis(mode, uris, f.text("username", false), f.text("password", false),
                sentinelPassword, tls, caFile, connect, command,
                prefix == null ? WalletGateConfig.Redis.NONE.keyPrefix() : prefix, replicaAcks(f), replicaTimeout);
    }

    // auto (the default), or how many replicas must confirm each write.
    private static int replicaAcks(Fields f) {
        JsonNode n = f.node("replicaAcks");
        if (n == null || n.isTextual() && n.asText().strip().equalsIgnoreCase("auto")) {
            return WalletGateConfig.Redis.AUTO_REPLICA_ACKS;
        }
        if (n.isTextual() && !n.asText().strip().matches("[0-9]+")) {
            throw f.error("replicaAcks", "must be auto or a number of replicas, not '" + n.asText() + "'");
        }
        return f.integer("replicaAcks", 0, 0, 16);
    }

    private static String redisMode(Fields f, List<String> uris) {
        String mode = f.text("redisMode", false);
        if (mode == null) {
            return uris.get(0).contains("-sentinel://") ? "sentinel" : uris.size() > 1 ? "cluster" : "standalone";
        }
        mode = mode.toLowerCase(Locale.ROOT);
        if (!List.of("standalone", "sentinel", "cluster").contains(mode)) {
            throw f.error("redisMode", "must be standalone, sentinel or cluster, not '" + mode + "'");
        }
        if (uris.size() > 1 && !mode.equals("cluster")) {
            throw f.error("uri", "lists " + uris.size() + " nodes; several nodes are for redisMode: cluster only");
        }
        return mode;
    }

    // True for a TLS URI. Messages show the URI without its user information, which may hold a password.
    private static boolean checkRedisUri(Fields f, String mode, String uri, String entry) {
        String shown = entry + " '" + WalletGateConfig.Redis.redact(uri) + "'";
        boolean sentinel = uri.startsWith("redis-sentinel://") || uri.startsWith("rediss-sentinel://");
        if (!sentinel && !uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            throw f.error("uri", shown + " must start with redis://, rediss:// or redis-sentinel://");
        }
        if (sentinel != mode.equals("sentinel")) {
            throw f.error("uri", shown + (sentinel ? " is a sentinel URI, but redisMode is " + mode
                    : " is not a sentinel URI (redis-sentinel://host:26379#mymaster)"));
        }
        if (sentinel && !uri.contains("#") && !uri.contains("sentinelMasterId=")) {
            throw f.error("uri", shown + " names no master: add #<master name> (redis-sentinel://host:26379#mymaster)");
        }
        try {
            return RedisURI.create(uri).isSsl();
        } catch (RuntimeException e) {
            throw f.error("uri", shown + " is not a valid Redis URI");
        }
    }

    // Redis settings without the redis store are a mistake (store: redis forgotten): say so at start.
    private static WalletGateConfig.Redis noRedis(Fields f) {
        for (String field : REDIS_FIELDS) {
            if (f.has(field)) {
                throw f.error(field, "applies to store: redis only");
            }
            f.node(field);
        }
        return WalletGateConfig.Redis.NONE;
    }

    private static String cookieName(Fields f) {
        String name = f.text("cookieName", false);
        if (name != null && !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw f.error("cookieName", "must be 1 to 64 letters, digits, '_', '.' or '-'");
        }
        return name == null ? "walletgate_session" : name;
    }
}
