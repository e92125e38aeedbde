package io.walletgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.signin.NonceStore;
import io.walletgate.signin.SignInVerifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code signIn:} (docs/configuration.md, docs/sign-in.md): sign-in with a wallet signature and no provider, for
 * Ethereum (SIWE) and Solana (SIWS), each on when its section is present. A section is checked at load by building
 * its verifier, so a mistake stops the start naming the section and the option.
 *
 * @param ethereum {@code signIn.ethereum}, or null (the SIWE routes are off)
 * @param solana {@code signIn.solana}, or null (the SIWS routes are off)
 * @param maxNonces how many issued, unused nonces the session store keeps at most (both kinds together); default
 *     100,000
 */
public record SignInConfig(Side ethereum, Side solana, int maxNonces) {
    /** No sign-in: the routes are not registered. */
    public static final SignInConfig NONE = new SignInConfig(null, null, 100_000);

    /**
     * One chain family's settings.
     *
     * @param domains the domains a message may be for ({@code host}, {@code host:port}, {@code host:*})
     * @param uris the allowed origins of a message's {@code uri}
     * @param chains Ethereum: chain ID → JSON-RPC URL, empty for a chain accepted for EOAs only
     * @param clusters Solana: the accepted clusters; default {@code mainnet}
     * @param nonceTtl how long an issued nonce stays usable; default 10 min, at least 1 s
     * @param rpcConnectTimeout Ethereum: JSON-RPC connect timeout; default 5 s
     * @param rpcTimeout Ethereum: time for a whole JSON-RPC response; default 5 s
     * @param rpcResponseLimit Ethereum: largest JSON-RPC response read, in bytes; default 64 KiB
     * @param rpcMaxInFlight Ethereum: most JSON-RPC calls waiting at once (beyond: {@code chain_unavailable} at
     *     once); default 64
     */
    public record Side(List<String> domains, List<String> uris, Map<Long, Optional<URI>> chains,
                       List<String> clusters, Duration nonceTtl, Duration rpcConnectTimeout, Duration rpcTimeout,
                       int rpcResponseLimit, int rpcMaxInFlight) {
        /** Copies the collections. */
        public Side {
            domains = List.copyOf(domains);
            uris = List.copyOf(uris);
            chains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(chains));
            clusters = List.copyOf(clusters);
        }

        /**
         * The verifier of these settings.
         *
         * @param clock the service's clock
         * @param clockSkew {@code verification.clockSkew}
         * @param identityLifetime the session lifetime (the identity of a message with no {@code Expiration Time})
         * @param nonces where its nonces wait
         * @throws IllegalArgumentException naming the option, when a setting is not valid
         */
        public SignInVerifier verifier(Clock clock, Duration clockSkew, Duration identityLifetime, NonceStore nonces) {
            SignInVerifier.Builder b = SignInVerifier.builder().domains(domains.toArray(String[]::new))
                    .uris(uris.toArray(String[]::new)).solanaClusters(clusters.toArray(String[]::new))
                    .nonceTtl(nonceTtl).clock(clock).clockSkew(clockSkew).identityLifetime(identityLifetime)
                    .rpcTimeouts(rpcConnectTimeout, rpcTimeout).rpcResponseLimit(rpcResponseLimit)
                    .rpcMaxInFlight(rpcMaxInFlight).nonceStore(nonces);
            chains.forEach((id, rpc) -> {
                if (rpc.isPresent()) {
                    b.chain(id, rpc.get());
                } else {
                    b.eoaOnlyChain(id);
                }
            });
            return b.build();
        }
    }

    /**
     * The demo's sign-in (docs/sign-in.md): domains {@code localhost} and {@code 127.0.0.1} on any port, URIs on
     * {@code http://} either of them, chain 31337 (a local node) for EOAs only, or judged by {@code demoRpc} when
     * given; every Solana cluster.
     */
    public static SignInConfig demo(URI demoRpc) {
        List<String> domains = List.of("localhost:*", "127.0.0.1:*");
        List<String> uris = List.of("http://localhost:*", "http://127.0.0.1:*");
        Duration ttl = Duration.ofMinutes(10);
        Duration timeout = Duration.ofSeconds(5);
        Map<Long, Optional<URI>> chains = Map.of(31337L, Optional.ofNullable(demoRpc));
        return new SignInConfig(new Side(domains, uris, chains, List.of("mainnet"), ttl, timeout, timeout, 64 * 1024,
                64), new Side(domains, uris, Map.of(), List.of("mainnet", "devnet", "testnet", "localnet"), ttl,
                timeout, timeout, 64 * 1024, 64), 100_000);
    }

    /** Whether either chain family is on. */
    public boolean enabled() {
        return ethereum != null || solana != null;
    }

    static SignInConfig read(Fields f) {
        int maxNonces = f.integer("maxNonces", 100_000, 1, 10_000_000);
        JsonNode eth = f.node("ethereum");
        JsonNode sol = f.node("solana");
        Side ethereum = eth == null ? null : side(new Fields(eth, "signIn.ethereum"), true);
        Side solana = sol == null ? null : side(new Fields(sol, "signIn.solana"), false);
        f.done();
        return new SignInConfig(ethereum, solana, maxNonces);
    }

    private static Side side(Fields f, boolean ethereum) {
        List<String> domains = f.texts("domains", true);
        List<String> uris = f.texts("uris", true);
        Duration nonceTtl = f.duration("nonceTtl", Duration.ofMinutes(10));
        Map<Long, Optional<URI>> chains = ethereum ? chains(f) : Map.of();
        List<String> clusters = ethereum ? List.of() : f.texts("clusters", false);
        clusters = clusters.isEmpty() ? List.of("mainnet") : clusters;
        Duration connect = Duration.ofSeconds(5);
        Duration timeout = Duration.ofSeconds(5);
        int limit = 64 * 1024;
        int inFlight = 64;
        if (ethereum) {
            inFlight = f.integer("rpcMaxInFlight", inFlight, 1, 10_000);
            connect = ConfigLoader.positive(f, "rpcConnectTimeout", f.duration("rpcConnectTimeout", connect));
            timeout = ConfigLoader.positive(f, "rpcTimeout", f.duration("rpcTimeout", timeout));
            long bytes = f.bytes("rpcResponseLimit", limit);
            if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
                throw f.error("rpcResponseLimit", "must be between 1KiB and 16MiB, not " + bytes + " bytes");
            }
            limit = (int) bytes;
        }
        f.done();
        Side side = new Side(domains, uris, chains, clusters, nonceTtl, connect, timeout, limit, inFlight);
        try {
            side.verifier(Clock.systemUTC(), Duration.ZERO, Duration.ofHours(1), NonceStore.inMemory(1));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(f.where() + ": " + e.getMessage(), e);
        }
        return side;
    }

    // chains: {1: https://rpc, 8453: ~} in YAML; "1=https://rpc,8453" in the environment.
    private static Map<Long, Optional<URI>> chains(Fields f) {
        JsonNode node = f.node("chains");
        Map<Long, Optional<URI>> chains = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return chains;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode v = e.getValue();
                if (!v.isNull() && (!v.isTextual() || v.asText().isBlank())) {
                    throw f.error("chains", "chain " + e.getKey() + " must map to a JSON-RPC URL or ~ (EOAs only)");
                }
                long id = chainId(f, e.getKey());
                chains.put(id, v.isNull() ? Optional.empty() : Optional.of(uri(f, id, v.asText())));
            }
        } else if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                long id = chainId(f, eq < 0 ? part : part.substring(0, eq));
                chains.put(id, eq < 0 ? Optional.empty() : Optional.of(uri(f, id, part.substring(eq + 1))));
            }
        } else {
            throw f.error("chains", "must map chain IDs to JSON-RPC URLs ({1: https://…, 8453: ~}), or be"
                    + " '1=https://…,8453' in the environment");
        }
        return chains;
    }

    private static long chainId(Fields f, String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw f.error("chains", "'" + text.strip() + "' is not a chain ID (a positive decimal number)");
    }

    // Never repeats the URL: providers put API keys in its path.
    private static URI uri(Fields f, long chainId, String text) {
        try {
            URI u = new URI(text.strip());
            if (u.getHost() == null) {
                throw new java.net.URISyntaxException(text, "no host");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw f.error("chains", "chain " + chainId + ": the value is not a JSON-RPC URL (https://host/…)");
        }
    }
}
