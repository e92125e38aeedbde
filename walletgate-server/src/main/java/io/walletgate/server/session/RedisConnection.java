package io.walletgate.server.session;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ConnectionIntent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.walletgate.server.config.WalletGateConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lettuce connections to Redis (standalone, Sentinel or Cluster) set up for a request path that must neither hang nor
 * replay: commands are bounded by {@code commandTimeout}; while disconnected they are refused at once rather than
 * queued (a queued write could land after its request was answered 503); a connection reconnects by itself, retrying
 * at least every 2 s (through the Sentinels, which name the master after a failover), so the service recovers without
 * a restart when Redis returns. A Cluster's topology is read again at least every {@link #TOPOLOGY_REFRESH}, and at
 * once (at most every second) when a node stops answering or redirects.
 *
 * <p>Reads use one connection; writes, when replicas confirm them ({@link ReplicaAcks}), {@link #WRITERS} others taken
 * in turn, each write waiting on the connection it used: a {@code WAIT} holds its connection, so it must not hold the
 * reads queued behind it, nor, with a single write connection, every other write.
 */
final class RedisConnection implements AutoCloseable {
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);
    private static final int REQUEST_QUEUE = 10_000;
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);
    private static final int WRITERS = 4;

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;
    private final List<StatefulConnection<String, String>> writers;
    private final AtomicInteger nextWriter = new AtomicInteger();
    private final ReplicaAcks acks;
    private final String description;

    private RedisConnection(ClientResources resources, AbstractRedisClient client,
                            StatefulConnection<String, String> connection,
                            RedisClusterCommands<String, String> commands,
                            List<StatefulConnection<String, String>> writers, ReplicaAcks acks, String description) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.commands = commands;
        this.writers = List.copyOf(writers);
        this.acks = acks;
        this.description = description;
    }

    /**
     * Connects as configured.
     *
     * @throws StoreUnavailableException when Redis cannot be reached or refuses the credentials
     */
    static RedisConnection open(WalletGateConfig.Redis settings) {
        List<RedisURI> uris = new ArrayList<>();
        for (String text : settings.uris()) {
            uris.add(uri(text, settings));
        }
        String description = describe(settings, uris);
        ClientResources resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        ReplicaAcks acks = new ReplicaAcks(settings);
        AbstractRedisClient client = null;
        try {
            if (settings.mode().equals("cluster")) {
                RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
                cluster.setOptions(clusterOptions(settings));
                client = cluster;
                StatefulRedisClusterConnection<String, String> c = clusterConnection(cluster, settings);
                List<StatefulConnection<String, String>> writers = new ArrayList<>(List.of(c));
                if (acks.enabled()) {
                    writers.clear();
                    for (int i = 0; i < WRITERS; i++) {
                        writers.add(clusterConnection(cluster, settings));
                    }
                }
                return new RedisConnection(resources, client, c, c.sync(), writers, acks, description);
            }
            RedisClient standalone = RedisClient.create(resources);
            standalone.setOptions(options(ClientOptions.builder(), settings).build());
            client = standalone;
            StatefulRedisConnection<String, String> c = standalone.connect(StringCodec.UTF8, uris.get(0));
            c.setTimeout(settings.commandTimeout());
            List<StatefulConnection<String, String>> writers = new ArrayList<>(List.of(c));
            if (acks.enabled()) {
                writers.clear();
                for (int i = 0; i < WRITERS; i++) {
                    StatefulRedisConnection<String, String> w = standalone.connect(StringCodec.UTF8, uris.get(0));
                    w.setTimeout(settings.commandTimeout());
                    writers.add(w);
                }
            }
            return new RedisConnection(resources, client, c, c.sync(), writers, acks, description);
        } catch (RedisException e) {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new StoreUnavailableException(description + " cannot be reached: " + rootMessage(e), e);
        }
    }

    private static StatefulRedisClusterConnection<String, String> clusterConnection(RedisClusterClient cluster,
            WalletGateConfig.Redis settings) {
        StatefulRedisClusterConnection<String, String> c = cluster.connect(StringCodec.UTF8);
        c.setTimeout(settings.commandTimeout());
        connectMasters(c);
        return c;
    }

    // Lettuce opens a connection to a cluster node on first use, and a command sent while it is still connecting
    // would be refused (commands are refused while disconnected): connect to every master now.
    private static void connectMasters(StatefulRedisClusterConnection<String, String> c) {
        for (RedisClusterNode node : c.getPartitions()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                c.getConnection(node.getUri().getHost(), node.getUri().getPort(), ConnectionIntent.WRITE).sync().ping();
            }
        }
    }

    private static RedisURI uri(String text, WalletGateConfig.Redis settings) {
        RedisURI uri = RedisURI.create(text);
        if (settings.password() != null) {
            if (settings.username() != null) {
                uri.setAuthentication(settings.username(), settings.password());
            } else {
                uri.setAuthentication(settings.password());
            }
        }
        if (settings.sentinelPassword() != null) {
            uri.getSentinels().forEach(s -> s.setAuthentication(settings.sentinelPassword()));
        }
        if (settings.tls()) {
            uri.setSsl(true);
            uri.getSentinels().forEach(s -> s.setSsl(true));
        }
        uri.setTimeout(settings.commandTimeout());
        uri.setClientName("walletgate");
        return uri;
    }

    private static <B extends ClientOptions.Builder> B options(B b, WalletGateConfig.Redis settings) {
        b.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()));
        if (settings.tlsCaFile() != null) {
            b.sslOptions(SslOptions.builder().trustManager(settings.tlsCaFile().toFile()).build());
        }
        return b;
    }

    private static ClusterClientOptions clusterOptions(WalletGateConfig.Redis settings) {
        // Lettuce refreshes the topology on redirects and persistent reconnects (adaptive triggers, on by default),
        // but at most every 30 s and after 5 failed reconnects unless told otherwise: after a master was killed, its
        // slots stayed unreachable 7.2-7.8 s (docs/reliability.md); with these, 4.1-4.9 s, most of it the Cluster's
        // own failover (cluster-node-timeout 2 s there).
        ClusterClientOptions.Builder b = ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                        .refreshTriggersReconnectAttempts(2)
                        .build());
        options(b, settings);
        return b.build();
    }

    // Host and port only: never a password.
    private static String describe(WalletGateConfig.Redis settings, List<RedisURI> uris) {
        RedisURI first = uris.get(0);
        String where;
        if (settings.mode().equals("sentinel")) {
            where = first.getSentinelMasterId() + " via " + first.getSentinels().stream()
                    .map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(","));
        } else {
            where = uris.stream().map(u -> u.getHost() + ":" + u.getPort()).collect(Collectors.joining(","));
        }
        return "redis " + settings.mode() + " " + where + (settings.tls() ? " (tls)" : "");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t == e ? m : e.getMessage() + " (" + m + ")";
    }

    /** The commands, for a standalone or Sentinel-managed server and for a Cluster alike. */
    RedisClusterCommands<String, String> commands() {
        return commands;
    }

    /**
     * Runs {@code write} (the store's {@code what}) on the write connection, then waits until replicas confirmed it on
     * every master that holds one of {@code keys} ({@code sessions.replicaAcks}).
     *
     * @throws StoreUnavailableException when fewer replicas confirmed in time
     */
    <T> T write(String what, Collection<String> keys, Function<RedisClusterCommands<String, String>, T> write) {
        StatefulConnection<String, String> writer = writers.get(Math.floorMod(nextWriter.getAndIncrement(),
                writers.size()));
        if (!(writer instanceof StatefulRedisClusterConnection<String, String> cluster)) {
            RedisClusterCommands<String, String> commands = ((StatefulRedisConnection<String, String>) writer).sync();
            T result = write.apply(commands);
            if (acks.enabled()) {
                acks.await("", commands, description + ": " + what);
            }
            return result;
        }
        T result = write.apply(cluster.sync());
        if (!acks.enabled()) {
            return result;
        }
        Map<String, RedisURI> masters = new LinkedHashMap<>();
        for (String key : keys) {
            RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
            if (master != null) {
                masters.putIfAbsent(master.getUri().getHost() + ":" + master.getUri().getPort(), master.getUri());
            }
        }
        // The node connections that carried the writes: WAIT covers what its own connection wrote.
        masters.forEach((node, m) -> acks.await(node, cluster.getConnection(m.getHost(), m.getPort(),
                ConnectionIntent.WRITE).sync(), description + ": " + what + " on " + node));
        return result;
    }

    /** {@code redis standalone 127.0.0.1:6379}: the mode and the addresses, never a password. */
    String description() {
        return description;
    }

    @Override
    public void close() {
        for (StatefulConnection<String, String> w : writers) {
            if (w != connection) {
                w.close();
            }
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
