package io.walletgate.server.config;

import io.walletgate.IssuerProfile;
import io.walletgate.VerificationListener;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.RemoteKeyOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, validated: every field has been read, typed and checked, so the service cannot fail
 * later on something written here.
 *
 * @param issuers the issuers to trust (at least one, except in demo mode)
 * @param verification clock skew, maximum token age, verified-token cache
 * @param keys how remote keys are fetched and kept
 * @param sessions session store and cookie settings
 * @param server port, bind address, data directory, admin token, CORS origins
 * @param signIn sign-in with a wallet signature (SIWE, SIWS), or {@link SignInConfig#NONE}
 */
public record WalletGateConfig(List<IssuerConfig> issuers, Verification verification, Keys keys, Sessions sessions,
                               Server server, SignInConfig signIn) {
    /**
     * {@code verification:}.
     *
     * @param clockSkew tolerated clock difference; default 60 s
     * @param maxTokenAge maximum token age, or null for none (default)
     * @param tokenCacheBytes verified-token cache bound; default 16 MiB, 0 for off
     */
    public record Verification(Duration clockSkew, Duration maxTokenAge, long tokenCacheBytes) {
    }

    /**
     * {@code keys:} (see {@link RemoteKeyOptions}).
     *
     * @param cooldown unknown-kid refetch cooldown; default 30 s
     * @param staleLimit how long stale keys keep verifying; default 24 h
     * @param defaultMaxAge freshness without Cache-Control; default 1 h
     * @param connectTimeout default 5 s
     * @param readTimeout default 10 s
     * @param unknownKidWaiters how many verifications of one issuer may wait for its unknown-kid refetch; default 100
     * @param unknownKidWait how long one verification waits for it at most; default 3 s
     */
    public record Keys(Duration cooldown, Duration staleLimit, Duration defaultMaxAge, Duration connectTimeout,
                       Duration readTimeout, int unknownKidWaiters, Duration unknownKidWait) {
    }

    /**
     * {@code sessions:}.
     *
     * @param store {@code sqlite} (default) or {@code redis}
     * @param uri the Redis URI as configured (required for redis; several cluster seed nodes comma-separated), or null
     * @param ttl session lifetime; default 24 h
     * @param sliding whether each use renews the lifetime; default false
     * @param cookieSecure whether the cookie is Secure; default true (false only for plain-HTTP local development)
     * @param cookieName the cookie's name; default {@code walletgate_session}
     * @param redis how the redis store connects (defaults when the store is sqlite)
     */
    public record Sessions(String store, String uri, Duration ttl, boolean sliding, boolean cookieSecure,
                           String cookieName, Redis redis) {
        /** The same settings with the cookie's Secure flag set to {@code secure}. */
        public Sessions withCookieSecure(boolean secure) {
            return new Sessions(store, uri, ttl, sliding, secure, cookieName, redis);
        }

        /** Never a password written in the URI. */
        @Override
        public String toString() {
            return "Sessions[store=" + store + ", uri=" + (uri == null ? null : Redis.redact(uri)) + ", ttl=" + ttl
                    + ", sliding=" + sliding + ", cookieSecure=" + cookieSecure + ", cookieName=" + cookieName
                    + ", redis=" + redis + "]";
        }
    }

    /**
     * The {@code sessions:} fields of the redis store.
     *
     * @param mode {@code standalone}, {@code sentinel} or {@code cluster}; default: sentinel for a
     *     {@code redis-sentinel://} URI, cluster when several URIs are given, else standalone
     * @param uris the Redis URIs: one for standalone and sentinel, one or more cluster seed nodes
     * @param username the ACL user, or null (the URI's, else the default user)
     * @param password the password of the Redis nodes, or null (the URI's, if any); never printed
     * @param sentinelPassword the password of the Sentinels, when they have their own, or null; never printed
     * @param tls whether connections use TLS; default true for {@code rediss://}, else false
     * @param tlsCaFile a PEM file of the certificates to trust, or null (the JVM's trust store)
     * @param connectTimeout how long a connection attempt may take; default 2 s
     * @param commandTimeout how long a command may take before the request fails with 503; default 2 s
     * @param keyPrefix the prefix of every key WalletGate writes; default {@code walletgate:}
     * @param replicaAcks how many replicas must confirm a write ({@code WAIT}) before it is answered: a number, or
     *     {@link #AUTO_REPLICA_ACKS} (default: one whenever the master has a replica online, else none)
     * @param replicaTimeout how long to wait for those confirmations before the request fails with 503; default
     *     half the {@code commandTimeout}
     */
    public record Redis(String mode, List<String> uris, String username, String password, String sentinelPassword,
                        boolean tls, Path tlsCaFile, Duration connectTimeout, Duration commandTimeout,
                        String keyPrefix, int replicaAcks, Duration replicaTimeout) {
        /** {@code replicaAcks: auto}: one replica when the master has one online, else none. */
        public static final int AUTO_REPLICA_ACKS = -1;

        /** The settings of a configuration without the redis store. */
        public static final Redis NONE = new Redis("standalone", List.of(), null, null, null, false, null,
                Duration.ofSeconds(2), Duration.ofSeconds(2), "walletgate:", AUTO_REPLICA_ACKS, Duration.ofSeconds(1));

        /** Copies the list. */
        public Redis {
            uris = List.copyOf(uris);
        }

        /** Never the password, nor one written in a URI. */
        @Override
        public String toString() {
            return "Redis[mode=" + mode + ", uris=" + uris.stream().map(Redis::redact).toList() + ", username="
                    + username + ", password=" + (password == null ? "none" : "***") + ", sentinelPassword="
                    + (sentinelPassword == null ? "none" : "***") + ", tls=" + tls
                    + ", tlsCaFile=" + tlsCaFile + ", connectTimeout=" + connectTimeout + ", commandTimeout="
                    + commandTimeout + ", keyPrefix=" + keyPrefix + ", replicaAcks="
                    + (replicaAcks == AUTO_REPLICA_ACKS ? "auto" : Integer.toString(replicaAcks)) + ", replicaTimeout="
                    + replicaTimeout + "]";
        }

        /** A URI with its user information (a password) replaced by {@code ***}. */
        public static String redact(String uri) {
            return uri.replaceAll("//[^@/,]*@", "//***@");
        }
    }

    /**
     * {@code server:}.
     *
     * @param port listening port; default 8080
     * @param bind listening address; default 127.0.0.1
     * @param data data directory (sessions, persisted keys); default {@code ./data}
     * @param adminToken token for the admin endpoints, or null (admin endpoints off)
     * @param corsOrigins frontend origins allowed by CORS
     * @param ui the web page (token inspector, key health): {@code auto} (default: on only when {@code bind} is a
     *     loopback address), {@code on} (on any bind; off loopback it needs {@code adminToken}) or {@code off}
     * @param idleTimeout how long a connection may stay silent (between requests, or within one); default 30 s
     * @param requestReadTimeout how long a request's headers and body may take to arrive, from its first byte, before
     *     the connection is closed (a client that trickles its request); default 10 s
     */
    public record Server(int port, String bind, Path data, String adminToken, List<String> corsOrigins, String ui,
                         Management management, Duration idleTimeout, Duration requestReadTimeout) {
        /** Without {@code ui}, which is then {@code auto}. */
        public Server(int port, String bind, Path data, String adminToken, List<String> corsOrigins) {
            this(port, bind, data, adminToken, corsOrigins, "auto");
        }

        /** Without {@code management}: readiness and metrics on the public port. */
        public Server(int port, String bind, Path data, String adminToken, List<String> corsOrigins, String ui) {
            this(port, bind, data, adminToken, corsOrigins, ui, null);
        }

        /** The default timeouts. */
        public Server(int port, String bind, Path data, String adminToken, List<String> corsOrigins, String ui,
                      Management management) {
            this(port, bind, data, adminToken, corsOrigins, ui, management, Duration.ofSeconds(30),
                    Duration.ofSeconds(10));
        }
    }

    /**
     * {@code server.management}: a second address for {@code /readyz} (its details name key sources and kids) and
     * {@code /metrics}, for operators only; when set, the public port answers 404 for both.
     *
     * @param bind the address (default {@code 127.0.0.1})
     * @param port the port (0: any free one)
     */
    public record Management(String bind, int port) {
    }

    /** The replay protection mode of each issuer, by issuer name. */
    public java.util.Map<String, io.walletgate.server.session.ReplayGuard.Mode> replayModes() {
        java.util.Map<String, io.walletgate.server.session.ReplayGuard.Mode> m = new java.util.HashMap<>();
        issuers.forEach(i -> m.put(i.profile().name(), i.replayProtection()));
        return m;
    }

    /** The core profiles of all issuers. */
    public List<IssuerProfile> profiles() {
        return issuers.stream().map(IssuerConfig::profile).toList();
    }

    /**
     * Remote key options from {@code keys:}, persisting under {@code dataDir} when it is not null; with
     * {@code autoRefresh} false for one-shot commands, which fetch once and end.
     */
    public RemoteKeyOptions keyOptions(Path dataDir, boolean autoRefresh) {
        return RemoteKeyOptions.builder()
                .cooldown(keys.cooldown())
                .staleLimit(keys.staleLimit())
                .defaultMaxAge(keys.defaultMaxAge())
                .connectTimeout(keys.connectTimeout())
                .readTimeout(keys.readTimeout())
                .unknownKidWaiters(keys.unknownKidWaiters())
                .unknownKidWait(keys.unknownKidWait())
                .dataDirectory(dataDir)
                .autoRefresh(autoRefresh)
                .build();
    }

    /**
     * A verifier for these issuers.
     *
     * @param clock the verification clock (a fixed one to examine old tokens)
     * @param keyOptions how remote keys are fetched
     * @param listeners told of every verification (the service's metrics)
     * @throws ConfigException if the issuers conflict (the same iss twice, the same name twice)
     */
    public WalletVerifier newVerifier(Clock clock, RemoteKeyOptions keyOptions, VerificationListener... listeners) {
        WalletVerifier.Builder b = builder(clock).verifiedTokenCache(verification.tokenCacheBytes())
                .remoteKeyOptions(keyOptions);
        profiles().forEach(b::issuer);
        for (VerificationListener l : listeners) {
            b.listener(l);
        }
        return build(b);
    }

    /**
     * A verifier for these issuers that takes their keys from {@code keySources} (by issuer name: another verifier's),
     * so that it fetches nothing of its own, with no token cache and no listener: the web page inspects with it,
     * unseen by the service's metrics.
     *
     * @throws ConfigException if the issuers conflict
     */
    public WalletVerifier newVerifierOver(Map<String, KeySource> keySources, Clock clock) {
        WalletVerifier.Builder b = builder(clock).verifiedTokenCache(0);
        profiles().forEach(p -> b.issuer(keySources.containsKey(p.name()) ? p.withKeySource(keySources.get(p.name()))
                : p)); // a magic issuer has no keys
        return build(b);
    }

    private WalletVerifier.Builder builder(Clock clock) {
        WalletVerifier.Builder b = WalletVerifier.builder().clock(clock).clockSkew(verification.clockSkew());
        if (verification.maxTokenAge() != null) {
            b.maxTokenAge(verification.maxTokenAge());
        }
        return b;
    }

    private static WalletVerifier build(WalletVerifier.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("issuers: " + e.getMessage(), e);
        }
    }
}
