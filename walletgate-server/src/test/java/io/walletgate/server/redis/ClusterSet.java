package io.walletgate.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of three masters with one replica each ({@code cluster-node-timeout} 2 s), every node with an
 * append-only file written with {@code appendfsync always}: real processes on free loopback ports.
 */
final class ClusterSet implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(60);

    private final List<RedisServer> nodes;

    private ClusterSet(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    static ClusterSet start(Path dir) {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                nodes.add(RedisServer.startClusterNode(dir.resolve("node-" + i), "--appendfsync", "always"));
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            String out = nodes.get(0).cli(create.toArray(String[]::new));
            assertThat(out).as(out).contains("All 16384 slots covered");
            return new ClusterSet(nodes);
        } catch (RuntimeException | AssertionError e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    /** Every node's URI, comma-separated. */
    String uris() {
        return String.join(", ", nodes.stream().map(RedisServer::uri).toList());
    }

    /** The nodes that serve slots as masters and are not failed, as the first node that answers sees it. */
    List<RedisServer> masters() {
        String view = nodes.stream().map(n -> n.cli("cluster", "nodes")).filter(s -> s.contains("myself"))
                .findFirst().orElseThrow();
        List<RedisServer> masters = new ArrayList<>();
        for (String line : view.lines().toList()) {
            String[] f = line.split(" ");
            if (f.length > 8 && f[2].contains("master") && !f[2].contains("fail")) {
                int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
                nodes.stream().filter(n -> n.port() == port).forEach(masters::add);
            }
        }
        return masters;
    }

    /** Restarts a killed master: with its nodes.conf it rejoins as the replica of the node that took its slots. */
    void rejoin(RedisServer old) {
        old.start();
    }

    /** Waits until the cluster is ok on every node and each of three masters has a replica in sync. */
    void awaitReplicated() {
        assertThat(FailoverLoad.await(() -> {
            for (RedisServer n : nodes) {
                if (!n.cli("cluster", "info").contains("cluster_state:ok")) {
                    return false;
                }
            }
            List<RedisServer> masters = masters();
            return masters.size() == 3
                    && masters.stream().allMatch(m -> m.cli("info", "replication").contains("connected_slaves:1"))
                    && nodes.stream().filter(n -> !masters.contains(n))
                            .allMatch(r -> r.cli("info", "replication").contains("master_link_status:up"));
        }, READY)).as("cluster ok, three masters with a replica in sync").isTrue();
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
