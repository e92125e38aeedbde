package io.walletgate.server.session;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.walletgate.server.config.WalletGateConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sessions and the replay guard in Redis (standalone, Sentinel or Cluster, through Lettuce), shared by every
 * WalletGate node that points at it: a session created on one node is found by all, and a logout or revocation is
 * seen by all at once, because Redis is the only copy (docs/architecture.md §8, issue 8). There is no per-node cache;
 * docs/sessions-and-redis.md ("Running many nodes") gives the measurement behind that.
 *
 * <p>Keys, after the configured prefix {@code P} (default {@code walletgate:}):
 * <ul>
 * <li>{@code P s:<hex SHA-256 of the session id>}: a hash ({@code issuer}, {@code subject}, {@code wallet},
 *     {@code email}, {@code identity}, {@code createdAt}, {@code expiresAt} in epoch ms) that Redis expires at the
 *     session's end ({@code PEXPIREAT});</li>
 * <li>{@code P w:<hex SHA-256 of the lower-case wallet>} and {@code P u:<hex SHA-256 of the subject>}: sorted sets of
 *     the session ids of a wallet and of a subject, scored by expiry. A session is in the set of every wallet it
 *     answers to ({@link Session#revocableWallets}: the proven one and each of the token's), so revoking a wallet
 *     also ends sessions opened without a wallet proof. Each expires with its longest-lived member;
 *     members already expired are dropped on every write;</li>
 * <li>{@code P r:<hex SHA-256 of issuer and token id>}: the replay guard, {@code SET NX PXAT exp};</li>
 * <li>{@code P n}: the sign-in nonces, a sorted set scored by expiry, bounded by a cap (Lua scripts put and consume
 *     atomically).</li>
 * </ul>
 *
 * <p>Every command touches one key (a single-key Lua script where one key needs two steps), so nothing crosses a
 * Cluster hash slot. The index entries are written before the session: a failure in between leaves an index entry
 * without a session (harmless), never a session that revocation cannot find. A write returns only after Redis
 * answered it; with {@code appendfsync always} that answer comes after the disk write; and after the replicas that
 * {@code sessions.replicaAcks} asks for confirmed it ({@link ReplicaAcks}), so that a failover cannot lose it. Any
 * Redis failure (down, not answering within {@code commandTimeout}, refusing writes, replicas not confirming within
 * {@code replicaTimeout}) is a {@link StoreUnavailableException}: the service answers 503, never a silent accept.
 */
public final class RedisSessionStore implements SessionStore {
    // Atomic create of the session hash with its expiry: a session is never left without one.
    private static final String CREATE = "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end\n"
            + "redis.call('HSET', KEYS[1], unpack(ARGV, 2))\n"
            + "redis.call('PEXPIREAT', KEYS[1], ARGV[1])\n"
            + "return 1";
    // Moves the expiry of a session that still exists; a session deleted meanwhile stays deleted.
    private static final String RENEW = "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end\n"
            + "redis.call('HSET', KEYS[1], 'expiresAt', ARGV[1])\n"
            + "redis.call('PEXPIREAT', KEYS[1], ARGV[1])\n"
            + "return 1";
    // Adds (or moves) a member scored by its expiry, drops expired members, and lets the set live as long as its
    // longest-lived member.
    private static final String INDEX = "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])\n"
            + "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])\n"
            + "local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')\n"
            + "redis.call('PEXPIREAT', KEYS[1], last[2])\n"
            + "return 1";
    // Sign-in nonces: one sorted set scored by expiry (ARGV: nonce, expiry, now, cap). Expired members go, then,
    // when full, those that expire soonest; the set lives as long as its longest-lived member (relative to the
    // caller's clock, so that a clock Redis does not share still expires it).
    private static final String PUT_NONCE = "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])\n"
            + "local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[4]) + 1\n"
            + "if over > 0 then redis.call('ZPOPMIN', KEYS[1], over) end\n"
            + "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])\n"
            + "local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')\n"
            + "redis.call('PEXPIRE', KEYS[1], math.max(1000, tonumber(last[2]) - tonumber(ARGV[3]) + 1000))\n"
            + "return 1";
    // Removes the nonce and answers 1 when it was there and unexpired: one script, so one caller wins.
    private static final String CONSUME_NONCE = "local s = redis.call('ZSCORE', KEYS[1], ARGV[1])\n"
            + "if not s then return 0 end\n"
            + "redis.call('ZREM', KEYS[1], ARGV[1])\n"
            + "if tonumber(s) > tonumber(ARGV[2]) then return 1 end\n"
            + "return 0";
    // The active-session gauge scans the keyspace: at most this often, whatever the scrape interval.
    private static final Duration COUNT_INTERVAL = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.of();

    private final RedisConnection connection;
    private final RedisClusterCommands<String, String> redis;
    private final String prefix;
    private volatile long countedAt = Long.MIN_VALUE;
    private volatile long lastCount;

    /**
     * Connects to Redis as configured.
     *
     * @throws StoreUnavailableException when Redis cannot be reached or refuses the credentials
     */
    public RedisSessionStore(WalletGateConfig.Redis settings) {
        this.connection = RedisConnection.open(settings);
        this.redis = connection.commands();
        this.prefix = settings.keyPrefix();
    }

    @Override
    public void create(Session s) {
        String id = HEX.formatHex(s.idHash());
        long expires = s.expiresAt().toEpochMilli();
        long now = s.createdAt().toEpochMilli();
        List<String> keys = new ArrayList<>();
        s.revocableWallets().stream().map(this::walletKey).distinct().forEach(keys::add);
        keys.add(subjectKey(s.subject()));
        keys.add(sessionKey(id));
        List<String> args = new ArrayList<>(List.of(Long.toString(expires), "issuer", s.issuerName(), "subject",
                s.subject(), "identity", s.identityJson(), "createdAt", Long.toString(now), "expiresAt",
                Long.toString(expires)));
        if (s.wallet() != null) {
            args.addAll(List.of("wallet", s.wallet()));
        }
        if (s.email() != null) {
            args.addAll(List.of("email", s.email()));
        }
        Long created = write("create", keys, w -> {
            for (String index : keys.subList(0, keys.size() - 1)) {
                index(w, index, id, expires, now);
            }
            return w.eval(CREATE, ScriptOutputType.INTEGER, new String[] {sessionKey(id)},
                    args.toArray(String[]::new));
        });
        if (created == null || created != 1) {
            throw new IllegalStateException("a session with this id already exists");
        }
    }

    @Override
    public Optional<Session> find(byte[] idHash, Instant now) {
        Map<String, String> h = call("read", () -> redis.hgetall(sessionKey(HEX.formatHex(idHash))));
        if (h == null || h.get("issuer") == null || h.get("subject") == null || h.get("identity") == null
                || h.get("createdAt") == null || h.get("expiresAt") == null) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochMilli(Long.parseLong(h.get("expiresAt")));
        if (!expires.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Session(idHash.clone(), h.get("issuer"), h.get("subject"), h.get("wallet"),
                h.get("email"), h.get("identity"), Instant.ofEpochMilli(Long.parseLong(h.get("createdAt"))), expires));
    }

    @Override
    public boolean renew(byte[] idHash, Instant newExpiry) {
        String id = HEX.formatHex(idHash);
        String key = sessionKey(id);
        List<String> owner = call("renew", () -> redis.hmget(key, "wallet", "subject", "identity")).stream()
                .map(v -> v.getValueOrElse(null)).toList();
        if (owner.get(1) == null || owner.get(2) == null) {
            return false;
        }
        long expires = newExpiry.toEpochMilli();
        List<String> keys = new ArrayList<>();
        Session.walletsOf(owner.get(2), owner.get(0)).stream().map(this::walletKey).distinct()
                .forEach(keys::add);
        keys.add(subjectKey(owner.get(1)));
        keys.add(key);
        Long renewed = write("renew", keys, w -> {
            for (String index : keys.subList(0, keys.size() - 1)) {
                index(w, index, id, expires, 0);
            }
            return w.eval(RENEW, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(expires));
        });
        return renewed != null && renewed == 1;
    }

    @Override
    public boolean delete(byte[] idHash) {
        String key = sessionKey(HEX.formatHex(idHash));
        Long n = write("delete", List.of(key), w -> w.del(key));
        return n != null && n > 0;
    }

    @Override
    public int deleteByWallet(String address) {
        return revoke(walletKey(address), null);
    }

    @Override
    public int deleteBySubject(String issuerName, String subject) {
        return revoke(subjectKey(subject), issuerName);
    }

    // Deletes the sessions an index names (of one issuer, when given), then exactly those members: a session added
    // meanwhile keeps its entry.
    private int revoke(String indexKey, String issuerName) {
        List<String> ids = call("revoke", () -> redis.zrange(indexKey, 0, -1));
        List<String> done = new ArrayList<>();
        for (String id : ids) {
            if (issuerName != null) {
                String issuer = call("revoke", () -> redis.hget(sessionKey(id), "issuer"));
                if (issuer != null && !issuer.equals(issuerName)) {
                    continue;
                }
            }
            done.add(id);
        }
        if (done.isEmpty()) {
            return 0;
        }
        List<String> keys = new ArrayList<>(done.stream().map(this::sessionKey).toList());
        keys.add(indexKey);
        return write("revoke", keys, w -> {
            int deleted = 0;
            for (String key : keys.subList(0, keys.size() - 1)) {
                Long n = w.del(key);
                deleted += n != null && n > 0 ? 1 : 0;
            }
            w.zrem(indexKey, done.toArray(String[]::new));
            return deleted;
        });
    }

    @Override
    public boolean claimOnce(String issuerName, String tokenId, Instant expiresAt, Instant now) {
        if (!expiresAt.isAfter(now)) {
            return true; // a record that has already expired would not count: there is nothing to keep
        }
        String key = prefix + "r:" + sha256Hex(issuerName + "\n" + tokenId);
        String reply = write("replay guard", List.of(key), w -> w.set(key, "1",
                SetArgs.Builder.nx().pxAt(expiresAt.toEpochMilli())));
        return "OK".equals(reply);
    }

    @Override
    public void putNonce(String nonce, Instant expiresAt, Instant now, int maxNonces) {
        String key = prefix + "n";
        write("nonce", List.of(key), w -> w.eval(PUT_NONCE, ScriptOutputType.INTEGER, new String[] {key}, nonce,
                Long.toString(expiresAt.toEpochMilli()), Long.toString(now.toEpochMilli()),
                Integer.toString(maxNonces)));
    }

    @Override
    public boolean consumeNonce(String nonce, Instant now) {
        String key = prefix + "n";
        Long used = write("nonce", List.of(key), w -> w.eval(CONSUME_NONCE, ScriptOutputType.INTEGER,
                new String[] {key}, nonce, Long.toString(now.toEpochMilli())));
        return used != null && used == 1;
    }

    @Override
    public long count(Instant now) {
        long t = now.toEpochMilli();
        if (countedAt != Long.MIN_VALUE && t - countedAt < COUNT_INTERVAL.toMillis() && t >= countedAt) {
            return lastCount;
        }
        ScanArgs match = ScanArgs.Builder.matches(prefix + "s:*").limit(1000);
        long n = 0;
        KeyScanCursor<String> cursor = call("count", () -> redis.scan(match));
        n += cursor.getKeys().size();
        while (!cursor.isFinished()) {
            ScanCursor from = cursor;
            cursor = call("count", () -> redis.scan(from, match));
            n += cursor.getKeys().size();
        }
        lastCount = n;
        countedAt = t;
        return n;
    }

    /** Redis expires sessions and replay records itself, and nonces go on every put: nothing to purge. */
    @Override
    public int purgeExpired(Instant now) {
        return 0;
    }

    @Override
    public void ping() {
        call("ping", redis::ping);
    }

    @Override
    public String describe() {
        return connection.description();
    }

    @Override
    public void close() {
        connection.close();
    }

    private static void index(RedisClusterCommands<String, String> w, String key, String id, long expires,
                              long now) {
        w.eval(INDEX, ScriptOutputType.INTEGER, new String[] {key}, id, Long.toString(expires), Long.toString(now));
    }

    // Writes on the write connection and waits for the replicas sessions.replicaAcks asks for.
    private <T> T write(String what, List<String> keys, Function<RedisClusterCommands<String, String>, T> write) {
        return call(what, () -> connection.write(what, keys, write));
    }

    private String sessionKey(String hexId) {
        return prefix + "s:" + hexId;
    }

    private String walletKey(String wallet) {
        // Solana's base58 is case-sensitive: lower-casing every address (as before) let two Solana addresses that
        // differ only in case share one index, so revoking one ended the other's sessions.
        return prefix + "w:" + sha256Hex(Session.walletIndexKey(wallet));
    }

    private String subjectKey(String subject) {
        return prefix + "u:" + sha256Hex(subject);
    }

    private static String sha256Hex(String s) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // Every Redis failure, of the connection or of the command, is the store being unavailable: a 503.
    private <T> T call(String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException | CancellationException e) {
            throw new StoreUnavailableException(describe() + ": " + what + " failed: "
                    + RedisConnection.rootMessage(e), e);
        }
    }
}
