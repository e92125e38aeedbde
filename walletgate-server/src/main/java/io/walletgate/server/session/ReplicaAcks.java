package io.walletgate.server.session;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.walletgate.server.config.WalletGateConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The confirmation of writes by replicas ({@code sessions.replicaAcks}). Redis replicates asynchronously: a master
 * answers a write before any replica has it, so when the master dies and a replica is promoted (Sentinel, Cluster, a
 * managed service's failover), what the replica had not received is gone, sessions answered 201 among it. After each
 * write, {@code WAIT n timeout} holds the answer until {@code n} replicas confirmed everything the connection wrote; a
 * shortfall is a {@link StoreUnavailableException} (503), never an acknowledged write that a failover could lose.
 *
 * <p>{@code auto} (the default) waits for one replica whenever the master has a replica online ({@code INFO
 * replication}, read at most once a second per master), and for none when it has none (a failover would have nothing
 * to promote). A replica that stops confirming without disconnecting (overloaded, frozen, cut off) makes writes fail
 * until it confirms again or the master drops it ({@code repl-timeout}); a write is accepted without a confirmation
 * only when, asked again, the master has no replica online. When the master refuses {@code INFO} (an ACL without it),
 * {@code auto} cannot see replicas and waits for none, as before this setting existed, and says so once in the log.
 * A number waits for that many replicas, always.
 */
final class ReplicaAcks {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaAcks.class);
    private static final long ONLINE_TTL_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Pattern ONLINE = Pattern.compile("(?m)^slave\\d+:.*state=online");

    private final int required;
    private final Duration timeout;
    private final Map<String, long[]> online = new ConcurrentHashMap<>();
    private volatile boolean refusedLogged;

    ReplicaAcks(WalletGateConfig.Redis settings) {
        this.required = settings.replicaAcks();
        this.timeout = settings.replicaTimeout();
    }

    /** Whether writes are ever confirmed: false only for {@code replicaAcks: 0}. */
    boolean enabled() {
        return required != 0;
    }

    /**
     * Waits until enough replicas of the master {@code node} confirmed what {@code commands} (a connection to it) wrote.
     *
     * @param node the master's address, or "" for the one master of a standalone or Sentinel-managed server
     * @param where what was written where, for the message
     * @throws StoreUnavailableException when fewer confirmed within the timeout
     */
    void await(String node, RedisClusterCommands<String, String> commands, String where) {
        int want = required == WalletGateConfig.Redis.AUTO_REPLICA_ACKS ? Math.min(1, online(node, commands, false))
                : required;
        if (want == 0) {
            return;
        }
        long confirmed = commands.waitForReplication(want, timeout.toMillis());
        if (confirmed >= want) {
            return;
        }
        if (required == WalletGateConfig.Redis.AUTO_REPLICA_ACKS && online(node, commands, true) == 0) {
            return; // its replica went away meanwhile: no replica holds less than the master
        }
        throw new StoreUnavailableException(where + " not confirmed: " + confirmed + " of " + want + " replica"
                + (want == 1 ? "" : "s") + " within " + timeout.toMillis() + " ms (sessions.replicaAcks)", null);
    }

    private int online(String node, RedisClusterCommands<String, String> commands, boolean fresh) {
        long now = System.nanoTime();
        long[] known = online.get(node);
        if (!fresh && known != null && now - known[1] < ONLINE_TTL_NANOS) {
            return (int) known[0];
        }
        String info;
        try {
            info = commands.info("replication");
        } catch (RedisCommandExecutionException e) {
            if (!refusedLogged) {
                refusedLogged = true;
                LOG.warn("sessions.replicaAcks auto: the master refused INFO replication ({}), so writes wait for no"
                        + " replica; allow INFO, or set sessions.replicaAcks to a number", e.getMessage());
            }
            return 0;
        }
        Matcher m = ONLINE.matcher(info);
        int n = 0;
        while (m.find()) {
            n++;
        }
        online.put(node, new long[] {n, now});
        return n;
    }
}
