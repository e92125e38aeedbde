package io.walletgate.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis master with one replica, watched by three Sentinels (quorum 2, down after 1 s), every server with an
 * append-only file written with {@code appendfsync always}: real processes on free loopback ports.
 */
final class SentinelSet implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(60);

    private final List<RedisServer> servers;
    private final List<RedisServer> sentinels;

    private SentinelSet(List<RedisServer> servers, List<RedisServer> sentinels) {
        this.servers = servers;
        this.sentinels = sentinels;
    }

    static SentinelSet start(Path dir) {
        List<RedisServer> servers = new ArrayList<>();
        List<RedisServer> sentinels = new ArrayList<>();
        try {
            RedisServer master = RedisServer.start(dir.resolve("a"), "--appendonly", "yes", "--appendfsync",
                    "always");
            servers.add(master);
            servers.add(RedisServer.start(dir.resolve("b"), "--appendonly", "yes", "--appendfsync", "always",
                    "--replicaof", "127.0.0.1", Integer.toString(master.port())));
            for (int i = 0; i < 3; i++) {
                sentinels.add(RedisServer.startSentinel(dir.resolve("sentinel-" + i), master, 2,
                        Duration.ofSeconds(1)));
            }
            return new SentinelSet(servers, sentinels);
        } catch (RuntimeException e) {
            servers.forEach(RedisServer::close);
            sentinels.forEach(RedisServer::close);
            throw e;
        }
    }

    /** {@code redis-sentinel://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3#mymaster}. */
    String uri() {
        return "redis-sentinel://" + String.join(",", sentinels.stream().map(s -> "127.0.0.1:" + s.port())
                .toList()) + "#mymaster";
    }

    /** The server the first Sentinel names as the master. */
    RedisServer master() {
        String reply = sentinels.get(0).cli("sentinel", "get-master-addr-by-name", "mymaster");
        int port = Integer.parseInt(reply.lines().skip(1).findFirst().orElseThrow(() ->
                new IllegalStateException("no master: " + reply)));
        return servers.stream().filter(s -> s.port() == port).findFirst().orElseThrow();
    }

    /** The other server. */
    RedisServer replicaOf(RedisServer master) {
        return servers.stream().filter(s -> s != master).findFirst().orElseThrow();
    }

    /**
     * Restarts a killed master as the replica of the current master, as an operator would bring it back (Sentinel
     * would reconfigure it too, after some seconds).
     */
    void rejoin(RedisServer old) {
        old.start();
        old.cli("replicaof", "127.0.0.1", Integer.toString(master().port()));
    }

    /**
     * Waits until every Sentinel names a master, knows the other two and a replica that is up, and the replica is in
     * sync: a failover can happen.
     */
    void awaitReplicated() {
        assertThat(FailoverLoad.await(() -> {
            for (RedisServer s : sentinels) {
                List<String> master = s.cli("sentinel", "master", "mymaster").lines().toList();
                List<String> replica = s.cli("sentinel", "replicas", "mymaster").lines().toList();
                if (!field(master, "flags").equals("master") || !field(master, "num-other-sentinels").equals("2")
                        || !field(replica, "flags").equals("slave")) {
                    return false;
                }
            }
            RedisServer master = master();
            return replicaOf(master).cli("info", "replication").contains("master_link_status:up")
                    && master.cli("info", "replication").contains("connected_slaves:1");
        }, READY)).as("sentinels, master and replica ready").isTrue();
    }

    // A field of redis-cli's flat field/value output.
    private static String field(List<String> flat, String name) {
        int i = flat.indexOf(name);
        return i < 0 || i + 1 >= flat.size() ? "" : flat.get(i + 1);
    }

    @Override
    public void close() {
        sentinels.forEach(RedisServer::close);
        servers.forEach(RedisServer::close);
    }
}
