package io.walletgate.server.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.server.config.ConfigException;
import io.walletgate.server.config.ConfigLoader;
import io.walletgate.server.config.WalletGateConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sessions:} fields of the redis store: defaults, the mode a URI implies, and mistakes named at start. */
class RedisConfigTest {
    @TempDir
    Path dir;

    private WalletGateConfig.Sessions load(String sessions, Map<String, String> env) throws Exception {
        Path file = dir.resolve("walletgate.yaml");
        Files.writeString(file, "sessions: " + sessions + "\n");
        return ConfigLoader.load(file, env).sessions();
    }

    private WalletGateConfig.Sessions load(String sessions) throws Exception {
        return load(sessions, Map.of());
    }

    private void assertRefused(String sessions, String message) {
        assertThatThrownBy(() -> load(sessions)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void a_redis_uri_alone_is_a_standalone_server_with_the_documented_defaults() throws Exception {
        WalletGateConfig.Sessions s = load("{store: redis, uri: 'redis://cache.internal:6379'}");
        WalletGateConfig.Redis r = s.redis();
        assertThat(s.uri()).isEqualTo("redis://cache.internal:6379");
        assertThat(r.mode()).isEqualTo("standalone");
        assertThat(r.uris()).containsExactly("redis://cache.internal:6379");
        assertThat(r.tls()).isFalse();
        assertThat(r.password()).isNull();
        assertThat(r.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.keyPrefix()).isEqualTo("walletgate:");
        assertThat(r.replicaAcks()).isEqualTo(WalletGateConfig.Redis.AUTO_REPLICA_ACKS);
        assertThat(r.replicaTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.ttl()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void replica_acks_is_auto_or_a_number_and_its_timeout_half_the_command_timeout_unless_given() throws Exception {
        assertThat(load("{store: redis, uri: 'redis://cache', replicaAcks: auto}").redis().replicaAcks())
                .isEqualTo(WalletGateConfig.Redis.AUTO_REPLICA_ACKS);
        WalletGateConfig.Redis strict = load("{store: redis, uri: 'redis-sentinel://s1:26379#m', replicaAcks: 1,"
                + " replicaTimeout: 300ms}").redis();
        assertThat(strict.replicaAcks()).isEqualTo(1);
        assertThat(strict.replicaTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(strict.toString()).contains("replicaAcks=1, replicaTimeout=PT0.3S");
        assertThat(load("{store: redis, uri: 'redis://cache', replicaAcks: 0}").redis().replicaAcks()).isZero();
        assertThat(load("{store: redis, uri: 'redis://cache', commandTimeout: 5s}").redis().replicaTimeout())
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(load("{store: redis, uri: 'redis://cache'}").redis().toString()).contains("replicaAcks=auto");
        WalletGateConfig.Sessions env = load("{store: redis, uri: 'redis://cache'}", Map.of(
                "WALLETGATE_SESSIONS_REPLICA_ACKS", "2", "WALLETGATE_SESSIONS_REPLICA_TIMEOUT", "750ms"));
        assertThat(env.redis().replicaAcks()).isEqualTo(2);
        assertThat(env.redis().replicaTimeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void a_replica_count_out_of_range_and_a_timeout_not_shorter_than_the_command_timeout_stop_the_start() {
        assertRefused("{store: redis, uri: 'redis://cache', replicaAcks: some}",
                "sessions: 'replicaAcks' must be auto or a number of replicas, not 'some'");
        assertRefused("{store: redis, uri: 'redis://cache', replicaAcks: -1}",
                "sessions: 'replicaAcks' must be between 0 and 16, not -1");
        assertRefused("{store: redis, uri: 'redis://cache', replicaAcks: 17}",
                "sessions: 'replicaAcks' must be between 0 and 16, not 17");
        assertRefused("{store: redis, uri: 'redis://cache', replicaTimeout: 2s}",
                "sessions: 'replicaTimeout' must be shorter than commandTimeout (PT2S), not PT2S: the wait for"
                        + " replicas is itself a Redis command");
        assertRefused("{store: redis, uri: 'redis://cache', replicaTimeout: 0s}",
                "sessions: 'replicaTimeout' must be positive, not PT0S");
        assertRefused("{store: sqlite, replicaAcks: 1}", "sessions: 'replicaAcks' applies to store: redis only");
    }

    @Test
    void the_uri_decides_the_mode_unless_redis_mode_says_otherwise() throws Exception {
        assertThat(load("{store: redis, uri: 'rediss://cache:6380'}").redis().tls()).isTrue();
        assertThat(load("{store: redis, uri: 'redis-sentinel://s1:26379,s2:26379#mymaster'}").redis())
                .satisfies(r -> assertThat(r.mode()).isEqualTo("sentinel"))
                .satisfies(r -> assertThat(r.uris()).containsExactly("redis-sentinel://s1:26379,s2:26379#mymaster"));
        assertThat(load("{store: redis, uri: [redis://n1:7000, redis://n2:7000]}").redis().mode())
                .isEqualTo("cluster");
        WalletGateConfig.Redis commaSeparated = load("{store: redis, uri: 'redis://n1:7000, redis://n2:7000'}").redis();
        assertThat(commaSeparated.mode()).isEqualTo("cluster");
        assertThat(commaSeparated.uris()).containsExactly("redis://n1:7000", "redis://n2:7000");
        assertThat(load("{store: redis, uri: 'redis://seed:7000', redisMode: cluster}").redis().mode())
                .isEqualTo("cluster");
        assertThat(load("{store: redis, uri: 'redis://cache', tls: true}").redis().tls()).isTrue();
    }

    @Test
    void every_field_can_come_from_the_environment_and_no_password_is_printed() throws Exception {
        WalletGateConfig.Sessions s = load("{}", Map.of("WALLETGATE_SESSIONS_STORE", "redis",
                "WALLETGATE_SESSIONS_URI", "redis://:in-uri-secret@cache:6379", "WALLETGATE_SESSIONS_PASSWORD",
                "env-secret", "WALLETGATE_SESSIONS_USERNAME", "walletgate", "WALLETGATE_SESSIONS_COMMAND_TIMEOUT",
                "500ms", "WALLETGATE_SESSIONS_KEY_PREFIX", "wg:prod:"));
        assertThat(s.redis().password()).isEqualTo("env-secret");
        assertThat(s.redis().username()).isEqualTo("walletgate");
        assertThat(s.redis().commandTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.redis().keyPrefix()).isEqualTo("wg:prod:");
        assertThat(s.toString()).doesNotContain("secret").contains("redis://***@cache:6379").contains("password=***");
    }

    @Test
    void mistakes_stop_the_start_naming_the_field_without_a_password() {
        assertRefused("{store: redis}",
                "sessions: 'uri' is required for the redis store (redis://, rediss://, redis-sentinel://)");
        assertRefused("{store: redis, uri: 'http://user:hunter2@cache:6379'}",
                "sessions: 'uri' value 'http://***@cache:6379' must start with redis://, rediss:// or "
                        + "redis-sentinel://");
        assertRefused("{store: redis, uri: 'redis-sentinel://s1:26379'}",
                "sessions: 'uri' value 'redis-sentinel://s1:26379' names no master: add #<master name> "
                        + "(redis-sentinel://host:26379#mymaster)");
        assertRefused("{store: redis, uri: [redis://n1:7000, redis://n2:7000], redisMode: standalone}",
                "sessions: 'uri' lists 2 nodes; several nodes are for redisMode: cluster only");
        assertRefused("{store: redis, uri: [redis://n1:7000, rediss://n2:7000]}",
                "sessions: 'uri' mixes rediss:// (TLS) and redis:// nodes; use one scheme for every node");
        assertRefused("{store: redis, uri: 'redis://cache', redisMode: sentinel}",
                "sessions: 'uri' value 'redis://cache' is not a sentinel URI (redis-sentinel://host:26379#mymaster)");
        assertRefused("{store: redis, uri: 'redis://cache', redisMode: replicated}",
                "sessions: 'redisMode' must be standalone, sentinel or cluster, not 'replicated'");
        assertRefused("{store: redis, uri: 'rediss://cache', tls: false}",
                "sessions: 'tls' is false, but the uri is rediss:// (TLS); use redis:// for plain connections");
        assertRefused("{store: redis, uri: 'redis://cache', tlsCaFile: ca.pem}",
                "sessions: 'tlsCaFile' applies to TLS connections only (rediss:// or tls: true)");
        assertRefused("{store: redis, uri: 'redis://cache', keyPrefix: '{wg}:'}",
                "sessions: 'keyPrefix' must be 1 to 64 printable characters without spaces, '{' or '}' (a hash tag"
                        + " would put every key in one cluster slot)");
        assertRefused("{store: redis, uri: 'redis://cache', commandTimeout: 0s}",
                "sessions: 'commandTimeout' must be positive, not PT0S");
        assertRefused("{store: redis, uri: 'redis://cache', sentinelPassword: x}",
                "sessions: 'sentinelPassword' applies to redisMode: sentinel only");
        assertRefused("{store: sqlite, password: hunter2}", "sessions: 'password' applies to store: redis only");
        assertThatThrownBy(() -> load("{store: redis, uri: 'redis://cache', pasword: x}"))
                .hasMessage("sessions: unknown field 'pasword' (did you mean 'password'?)");
    }

    @Test
    void a_missing_ca_file_is_named_at_start() {
        assertThatThrownBy(() -> load("{store: redis, uri: 'rediss://cache', tlsCaFile: missing.pem}"))
                .hasMessage("sessions: 'tlsCaFile' cannot be read: " + dir.resolve("missing.pem"));
    }

    @Test
    void sqlite_stays_the_default_and_the_demo_keeps_the_redis_settings_when_it_drops_secure_cookies()
            throws Exception {
        WalletGateConfig.Sessions sqlite = load("{}");
        assertThat(sqlite.store()).isEqualTo("sqlite");
        assertThat(sqlite.redis()).isEqualTo(WalletGateConfig.Redis.NONE);
        WalletGateConfig.Sessions redis = load("{store: redis, uri: 'redis://cache', password: p, keyPrefix: 'x:'}");
        WalletGateConfig.Sessions demo = redis.withCookieSecure(false);
        assertThat(demo.cookieSecure()).isFalse();
        assertThat(demo.redis()).isEqualTo(redis.redis());
        assertThat(List.of(demo.store(), demo.uri())).containsExactly("redis", "redis://cache");
    }
}
