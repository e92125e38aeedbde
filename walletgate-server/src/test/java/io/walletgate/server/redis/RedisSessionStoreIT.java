package io.walletgate.server.redis;

import io.walletgate.server.SystemPrograms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.walletgate.server.config.ConfigLoader;
import io.walletgate.server.config.WalletGateConfig;
import io.walletgate.server.session.RedisSessionStore;
import io.walletgate.server.session.Session;
import io.walletgate.server.session.SessionIds;
import io.walletgate.server.session.SessionStore;
import io.walletgate.server.session.SessionStores;
import io.walletgate.server.session.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RedisSessionStore} against real redis-server processes: the key layout and the expiries Redis enforces,
 * revocation through the indexes, the replay guard, key prefixes, TLS with a password, Sentinel, and a start against
 * an unreachable Redis.
 */
class RedisSessionStoreIT {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    static Path dir;
    static RedisServer redis;
    static SessionStore store;

    @BeforeAll
    static void start() {
        redis = RedisServer.start(dir.resolve("redis"));
        store = open("uri: '" + redis.uri() + "'");
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    static SessionStore open(String sessions) {
        return open(dir, sessions);
    }

    /** A store as {@code sessions} (YAML flow mapping members) configures it, its file written in {@code dir}. */
    static SessionStore open(Path dir, String sessions) {
        return SessionStores.open(config(dir, sessions).sessions(), dir.resolve("unused"));
    }

    static WalletGateConfig config(String sessions) {
        return config(dir, sessions);
    }

    static WalletGateConfig config(Path dir, String sessions) {
        try {
            Path file = Files.createTempFile(dir, "walletgate", ".yaml");
            Files.writeString(file, "sessions: {store: redis, " + sessions + "}\n");
            return ConfigLoader.load(file, Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Session session(String issuer, String subject, String wallet, Instant created, Duration ttl) {
        return new Session(SessionIds.hash(SessionIds.newId()), issuer, subject, wallet, "e@example.com",
                "{\"subject\":\"" + subject + "\"}", created, created.plus(ttl));
    }

    static String sha256(String s) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    long pttl(String key) {
        return Long.parseLong(redis.cli("pttl", key));
    }

    @Test
    void revoking_any_wallet_of_the_token_ends_a_session_opened_without_a_wallet_proof() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String other = "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
        String solana = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin";
        // no proven wallet (no proof was given), two wallets in the token
        Session s = new Session(SessionIds.hash(SessionIds.newId()), "web3auth", "noproof-" + UUID.randomUUID(), null,
                null, "{\"wallet\":null,\"wallets\":[{\"type\":\"ethereum\",\"address\":\"" + other + "\"},"
                + "{\"type\":\"solana\",\"address\":\"" + solana + "\"}]}", now, now.plus(Duration.ofHours(1)));
        store.create(s);
        assertThat(store.renew(s.idHash(), now.plus(Duration.ofHours(2)))).isTrue(); // renewal keeps every index
        assertThat(store.deleteByWallet(other.toUpperCase().replace("0X", "0x"))).isEqualTo(1);
        assertThat(store.find(s.idHash(), now)).isEmpty();

        Session t = new Session(SessionIds.hash(SessionIds.newId()), "web3auth", "noproof-" + UUID.randomUUID(), null,
                null, "{\"wallets\":[{\"address\":\"" + solana + "\"}]}", now, now.plus(Duration.ofHours(1)));
        store.create(t);
        assertThat(store.deleteByWallet(solana)).isEqualTo(1);
        assertThat(store.find(t.idHash(), now)).isEmpty();
    }

    @Test
    void revoking_a_solana_address_matches_its_exact_case_only() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // base58 is case-sensitive: these are two different wallets
        String solana = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin";
        String lower = solana.toLowerCase(Locale.ROOT);
        Session mine = new Session(SessionIds.hash(SessionIds.newId()), "web3auth", "sol-" + UUID.randomUUID(), solana,
                null, "{\"wallet\":{\"type\":\"solana\",\"address\":\"" + solana + "\"}}", now,
                now.plus(Duration.ofHours(1)));
        Session other = new Session(SessionIds.hash(SessionIds.newId()), "web3auth", "sol-" + UUID.randomUUID(), lower,
                null, "{\"wallet\":{\"type\":\"solana\",\"address\":\"" + lower + "\"}}", now,
                now.plus(Duration.ofHours(1)));
        store.create(mine);
        store.create(other);
        assertThat(store.deleteByWallet(solana)).isEqualTo(1);
        assertThat(store.find(mine.idHash(), now)).isEmpty();
        assertThat(store.find(other.idHash(), now)).isPresent();
    }

    @Test
    void a_session_and_its_indexes_are_keys_that_redis_expires_itself() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String wallet = "0xAbC" + UUID.randomUUID().toString().replace("-", "");
        Session s = session("web3auth", "layout-" + UUID.randomUUID(), wallet, now, Duration.ofHours(1));
        store.create(s);

        String key = "walletgate:s:" + HEX.formatHex(s.idHash());
        String walletIndex = "walletgate:w:" + sha256(wallet.toLowerCase());
        String subjectIndex = "walletgate:u:" + sha256(s.subject());
        assertThat(redis.cli("type", key)).isEqualTo("hash");
        assertThat(redis.cli("hget", key, "identity")).isEqualTo(s.identityJson());
        assertThat(redis.cli("hget", key, "wallet")).isEqualTo(wallet);
        assertThat(pttl(key)).isCloseTo(Duration.ofHours(1).toMillis(), within(5_000L));
        assertThat(redis.cli("zscore", walletIndex, HEX.formatHex(s.idHash())))
                .isEqualTo(Long.toString(s.expiresAt().toEpochMilli()));
        assertThat(pttl(walletIndex)).isCloseTo(pttl(key), within(1_000L));
        assertThat(pttl(subjectIndex)).isCloseTo(pttl(key), within(1_000L));

        // A second, longer session of the same wallet: the index lives as long as its longest member.
        Session longer = session("web3auth", "layout-2-" + UUID.randomUUID(), wallet, now, Duration.ofHours(5));
        store.create(longer);
        assertThat(pttl(walletIndex)).isCloseTo(Duration.ofHours(5).toMillis(), within(5_000L));
        Session shorter = session("web3auth", "layout-3-" + UUID.randomUUID(), wallet, now, Duration.ofMinutes(1));
        store.create(shorter);
        assertThat(pttl(walletIndex)).isCloseTo(Duration.ofHours(5).toMillis(), within(5_000L));

        Session found = store.find(s.idHash(), now).orElseThrow();
        assertThat(found.subject()).isEqualTo(s.subject());
        assertThat(found.wallet()).isEqualTo(wallet);
        assertThat(found.expiresAt()).isEqualTo(s.expiresAt());
        assertThat(store.find(s.idHash(), s.expiresAt())).isEmpty();
    }

    @Test
    void renewing_moves_the_expiry_of_the_session_and_of_its_indexes() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String wallet = "0x" + UUID.randomUUID().toString().replace("-", "");
        Session s = session("web3auth", "renew-" + UUID.randomUUID(), wallet, now, Duration.ofMinutes(10));
        store.create(s);
        Instant renewed = now.plus(Duration.ofHours(2));

        assertThat(store.renew(s.idHash(), renewed)).isTrue();

        String key = "walletgate:s:" + HEX.formatHex(s.idHash());
        assertThat(pttl(key)).isCloseTo(Duration.ofHours(2).toMillis(), within(5_000L));
        assertThat(store.find(s.idHash(), now).orElseThrow().expiresAt()).isEqualTo(renewed);
        assertThat(pttl("walletgate:w:" + sha256(wallet))).isCloseTo(pttl(key), within(1_000L));
        assertThat(store.delete(s.idHash())).isTrue();
        assertThat(store.renew(s.idHash(), renewed)).as("a deleted session stays deleted").isFalse();
        assertThat(redis.cli("exists", key)).isEqualTo("0");
    }

    @Test
    void revoking_a_subject_of_one_issuer_keeps_its_sessions_of_other_issuers() {
        Instant now = Instant.now();
        String subject = "revoke-" + UUID.randomUUID();
        Session web3auth = session("web3auth", subject, null, now, Duration.ofHours(1));
        Session nopwd = session("nopwd", subject, null, now, Duration.ofHours(1));
        Session nopwd2 = session("nopwd", subject, null, now, Duration.ofHours(1));
        List.of(web3auth, nopwd, nopwd2).forEach(store::create);

        assertThat(store.deleteBySubject("nopwd", subject)).isEqualTo(2);
        assertThat(store.find(nopwd.idHash(), now)).isEmpty();
        assertThat(store.find(web3auth.idHash(), now)).isPresent();
        assertThat(store.deleteBySubject(null, subject)).isEqualTo(1);
        assertThat(store.find(web3auth.idHash(), now)).isEmpty();
        assertThat(store.deleteBySubject(null, subject)).isZero();
    }

    @Test
    void revoking_a_wallet_ignores_case_and_ends_sessions_created_through_another_store() {
        Instant now = Instant.now();
        String wallet = "0xAa" + UUID.randomUUID().toString().replace("-", "");
        Session one = session("web3auth", "w1-" + UUID.randomUUID(), wallet, now, Duration.ofHours(1));
        Session two = session("web3auth", "w2-" + UUID.randomUUID(), wallet.toLowerCase(), now, Duration.ofHours(1));
        try (SessionStore otherNode = open("uri: '" + redis.uri() + "'")) {
            store.create(one);
            otherNode.create(two);
            assertThat(otherNode.deleteByWallet(wallet.toUpperCase().replace("0X", "0x"))).isEqualTo(2);
        }
        assertThat(store.find(one.idHash(), now)).isEmpty();
        assertThat(store.find(two.idHash(), now)).isEmpty();
    }

    @Test
    void the_replay_guard_admits_a_token_once_until_it_expires() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String jti = "jti:" + UUID.randomUUID();
        Instant exp = now.plus(Duration.ofMinutes(15));
        try (SessionStore otherNode = open("uri: '" + redis.uri() + "'")) {
            assertThat(store.claimOnce("nopwd", jti, exp, now)).isTrue();
            assertThat(otherNode.claimOnce("nopwd", jti, exp, now)).isFalse();
        }
        assertThat(store.claimOnce("web3auth", jti, exp, now)).as("another issuer's token id").isTrue();
        String key = "walletgate:r:" + sha256("nopwd\n" + jti);
        assertThat(pttl(key)).isCloseTo(Duration.ofMinutes(15).toMillis(), within(5_000L));
        assertThat(store.claimOnce("nopwd", "jti:expired", now, now)).as("nothing to keep").isTrue();
    }

    @Test
    void stores_with_different_key_prefixes_share_nothing() {
        Instant now = Instant.now();
        Session s = session("nopwd", "prefix-" + UUID.randomUUID(), null, now, Duration.ofHours(1));
        try (SessionStore tenant = open("uri: '" + redis.uri() + "', keyPrefix: 'tenant2:'")) {
            tenant.create(s);
            assertThat(tenant.find(s.idHash(), now)).isPresent();
            assertThat(store.find(s.idHash(), now)).isEmpty();
            assertThat(redis.cli("exists", "tenant2:s:" + HEX.formatHex(s.idHash()))).isEqualTo("1");
        }
    }

    @Test
    void tls_with_a_password_and_a_private_ca_connects_and_a_wrong_password_fails_the_start() throws Exception {
        Path tlsDir = Files.createDirectories(dir.resolve("tls"));
        Path cert = tlsDir.resolve("redis.pem");
        Path key = tlsDir.resolve("redis.key");
        Process openssl = new ProcessBuilder(SystemPrograms.require("openssl", "openssl",
                "the Redis TLS test makes its certificate").toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
                "-out", cert.toString()).redirectErrorStream(true).redirectOutput(tlsDir.resolve("openssl.log").toFile())
                .start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(Files.readString(tlsDir.resolve("openssl.log"))).isZero();
        int tlsPort = RedisServer.freePort(false);
        try (RedisServer secure = RedisServer.start(tlsDir.resolve("data"), "--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(), "--tls-ca-cert-file",
                cert.toString(), "--tls-auth-clients", "no", "--requirepass", "s3cret-pass")) {
            String uri = "rediss://127.0.0.1:" + tlsPort;
            try (SessionStore tls = open("uri: '" + uri + "', password: s3cret-pass, tlsCaFile: '" + cert + "'")) {
                assertThat(tls.describe()).isEqualTo("redis standalone 127.0.0.1:" + tlsPort + " (tls)");
                Session s = session("nopwd", "tls-" + UUID.randomUUID(), null, Instant.now(), Duration.ofHours(1));
                tls.create(s);
                assertThat(tls.find(s.idHash(), Instant.now())).isPresent();
                tls.ping();
            }
            assertThatThrownBy(() -> open("uri: '" + uri + "', password: wrong-pass, tlsCaFile: '" + cert + "'"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("redis standalone 127.0.0.1:" + tlsPort + " (tls) cannot be reached: ")
                    .hasMessageNotContaining("wrong-pass");
            assertThatThrownBy(() -> open("uri: '" + uri + "', password: s3cret-pass"))
                    .as("the JVM's trust store does not know the private CA")
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void a_sentinel_uri_finds_the_master() {
        try (RedisServer master = RedisServer.start(dir.resolve("sentinel-master"));
             RedisServer sentinel = RedisServer.startSentinel(dir.resolve("sentinel"), master);
             SessionStore viaSentinel = open("uri: 'redis-sentinel://127.0.0.1:" + sentinel.port() + "#mymaster'")) {
            assertThat(viaSentinel.describe()).isEqualTo("redis sentinel mymaster via 127.0.0.1:" + sentinel.port());
            Session s = session("nopwd", "sentinel-" + UUID.randomUUID(), null, Instant.now(), Duration.ofHours(1));
            viaSentinel.create(s);
            assertThat(master.cli("exists", "walletgate:s:" + HEX.formatHex(s.idHash()))).isEqualTo("1");
        }
    }

    @Test
    void an_unreachable_redis_fails_the_start_instead_of_waiting_for_it() {
        int closed = RedisServer.freePort(false);
        assertThatThrownBy(() -> open("uri: 'redis://:hunter22@127.0.0.1:" + closed + "', connectTimeout: 1s"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("redis standalone 127.0.0.1:" + closed + " cannot be reached: ")
                .hasMessageNotContaining("hunter22");
    }
}
