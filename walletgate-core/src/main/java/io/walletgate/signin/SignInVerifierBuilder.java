package io.walletgate.signin;

import io.walletgate.internal.keys.JwksFetcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link SignInVerifier.Builder}: validates each option as it is set. */
final class SignInVerifierBuilder implements SignInVerifier.Builder {
    private static final Set<String> CLUSTERS = Set.of("mainnet", "devnet", "testnet", "localnet");

    List<String> domains = List.of();
    List<String> uris = List.of();
    final Map<Long, Optional<URI>> chains = new LinkedHashMap<>();
    Set<String> solanaClusters = Set.of("mainnet");
    NonceStore nonceStore;
    Duration nonceTtl = Duration.ofMinutes(10);
    Clock clock = Clock.systemUTC();
    Duration clockSkew = Duration.ofSeconds(60);
    Duration identityLifetime = Duration.ofHours(24);
    Duration rpcConnectTimeout = Duration.ofSeconds(5);
    Duration rpcReadTimeout = Duration.ofSeconds(5);
    int rpcResponseLimit = 64 * 1024;
    int rpcMaxInFlight = 64;

    @Override
    public SignInVerifier.Builder domains(String... domains) {
        List<String> list = List.of(domains);
        new OriginPolicy(list, List.of()); // validates each, naming the bad one
        this.domains = list;
        return this;
    }

    @Override
    public SignInVerifier.Builder uris(String... origins) {
        List<String> list = List.of(origins);
        new OriginPolicy(List.of(), list);
        this.uris = list;
        return this;
    }

    @Override
    public SignInVerifier.Builder chain(long chainId, URI rpcUrl) {
        positiveChain(chainId);
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        try {
            JwksFetcher.checkUri(rpcUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chain " + chainId + ": the JSON-RPC URL must be https (plain http only"
                    + " on a loopback host): " + rpcUrl.getScheme() + "://" + rpcUrl.getHost() + "/…");
        }
        chains.put(chainId, Optional.of(rpcUrl));
        return this;
    }

    @Override
    public SignInVerifier.Builder eoaOnlyChain(long chainId) {
        positiveChain(chainId);
        chains.put(chainId, Optional.empty());
        return this;
    }

    private static void positiveChain(long chainId) {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive: " + chainId);
        }
    }

    @Override
    public SignInVerifier.Builder solanaClusters(String... clusters) {
        Set<String> set = new LinkedHashSet<>();
        for (String c : clusters) {
            if (c == null || !CLUSTERS.contains(c)) {
                throw new IllegalArgumentException("solanaClusters: '" + c + "' is not one of mainnet, devnet,"
                        + " testnet, localnet");
            }
            set.add(c);
        }
        this.solanaClusters = set;
        return this;
    }

    @Override
    public SignInVerifier.Builder nonceStore(NonceStore store) {
        this.nonceStore = Objects.requireNonNull(store, "nonceStore");
        return this;
    }

    @Override
    public SignInVerifier.Builder nonceTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "nonceTtl");
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("nonceTtl must be at least 1 second: " + ttl);
        }
        this.nonceTtl = ttl;
        return this;
    }

    @Override
    public SignInVerifier.Builder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    @Override
    public SignInVerifier.Builder clockSkew(Duration skew) {
        Objects.requireNonNull(skew, "clockSkew");
        if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and 10 minutes: " + skew);
        }
        this.clockSkew = skew;
        return this;
    }

    @Override
    public SignInVerifier.Builder identityLifetime(Duration lifetime) {
        this.identityLifetime = positive(lifetime, "identityLifetime");
        return this;
    }

    @Override
    public SignInVerifier.Builder rpcTimeouts(Duration connect, Duration read) {
        this.rpcConnectTimeout = positive(connect, "rpc connect timeout");
        this.rpcReadTimeout = positive(read, "rpc read timeout");
        return this;
    }

    @Override
    public SignInVerifier.Builder rpcResponseLimit(int bytes) {
        if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("rpcResponseLimit must be between 1 KiB and 16 MiB: " + bytes);
        }
        this.rpcResponseLimit = bytes;
        return this;
    }

    @Override
    public SignInVerifier.Builder rpcMaxInFlight(int calls) {
        if (calls < 1 || calls > 10_000) {
            throw new IllegalArgumentException("rpcMaxInFlight must be between 1 and 10000: " + calls);
        }
        this.rpcMaxInFlight = calls;
        return this;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    @Override
    public SignInVerifier build() {
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("domains: at least one domain is required");
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("uris: at least one allowed origin is required");
        }
        return SignInVerifier.create(this);
    }

}
