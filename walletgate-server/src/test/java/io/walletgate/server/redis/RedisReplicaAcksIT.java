package io.walletgate.server.redis;

import static io.walletgate.server.redis.RedisSessionStoreIT.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.server.session.Session;
import io.walletgate.server.session.SessionStore;
import io.walletgate.server.session.StoreUnavailableException;
import io.walletgate.server.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sessions.replicaAcks} against a real master and replica: a write returns only once a replica confirmed it
 * ({@code WAIT}); when none does in time it is refused with {@code store_unavailable}, naming the setting; {@code auto}
 * waits only while the master has a replica online, a number always. The failovers themselves are
 * {@link RedisFailoverIT}'s.
 */
class RedisReplicaAcksIT {
    @TempDir
    static Path dir;
    static RedisServer master;
    static RedisServer replica;

    @BeforeAll
    static void start() {
        master = RedisServer.start(dir.resolve("master"));
        replica = RedisServer.start(dir.resolve("replica"), "--replicaof", "127.0.0.1", Integer.toString(master.port()));
    }

    @AfterAll
    static void stop() {
        replica.close();
        master.close();
    }

    @BeforeEach
    void replica_in_sync() {
        replica.thaw();
        assertThat(FailoverLoad.await(() -> master.cli("info", "replication").contains("state=online"),
                Duration.ofSeconds(30))).isTrue();
    }

    private static SessionStore open(String sessions) {
        return RedisSessionStoreIT.open(dir, sessions);
    }

    private static Session newSession() {
        return session("nopwd", "acks-" + UUID.randomUUID(), null, Instant.now(), Duration.ofHours(1));
    }

    private static String key(Session s) {
        return "walletgate:s:" + HexFormat.of().formatHex(s.idHash());
    }

    @AfterEach
    void replica_runs() {
        replica.thaw();
    }

    @Test
    void by_default_a_session_is_on_the_replica_when_create_returns() {
        try (SessionStore store = open("uri: '" + master.uri() + "'")) {
            for (int i = 0; i < 20; i++) {
                Session s = newSession();
                store.create(s);
                assertThat(replica.cli("exists", key(s))).as("on the replica at once").isEqualTo("1");
            }
        }
    }

    @Test
    void a_replica_online_that_does_not_confirm_makes_the_write_fail_with_the_setting_named() {
        try (SessionStore store = open("uri: '" + master.uri() + "', replicaTimeout: 300ms")) {
            // connected, and the replica's count read while it answers: a replica that a test before this one cut
            // off or froze may need more than 300 ms after it is back online before it confirms again (CI saw it)
            Await.until("a write confirmed by the replica", Duration.ofSeconds(60), () -> {
                try {
                    store.create(newSession());
                    return true;
                } catch (StoreUnavailableException e) {
                    return false;
                }
            });
            replica.freeze();
            Session s = newSession();
            assertThatThrownBy(() -> store.create(s)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("redis standalone 127.0.0.1:" + master.port() + ": create not confirmed: 0 of 1"
                            + " replica within 300 ms (sessions.replicaAcks)");
            assertThatThrownBy(() -> store.claimOnce("nopwd", "jti-" + UUID.randomUUID(),
                    Instant.now().plusSeconds(60), Instant.now())).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(": replay guard not confirmed: 0 of 1 replica within 300 ms");
            assertThatThrownBy(() -> store.delete(s.idHash())).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(": delete not confirmed: ");
        }
    }

    @Test
    void auto_writes_without_waiting_once_the_master_has_no_replica_online_and_a_number_still_waits() {
        try (SessionStore auto = open("uri: '" + master.uri() + "', replicaTimeout: 300ms");
             SessionStore strict = open("uri: '" + master.uri() + "', replicaAcks: 1, replicaTimeout: 300ms")) {
            replica.freeze();
            master.cli("client", "kill", "type", "replica"); // cut off: the master has no replica online
            Session s = newSession();
            auto.create(s);
            assertThat(master.cli("exists", key(s))).isEqualTo("1");

            assertThatThrownBy(() -> strict.create(newSession())).isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("redis standalone 127.0.0.1:" + master.port() + ": create not confirmed: 0 of 1"
                            + " replica within 300 ms (sessions.replicaAcks)");
        }
    }

    @Test
    void auto_waits_for_no_replica_when_the_acl_refuses_info_as_before_the_setting() {
        master.cli("acl", "setuser", "no-info", "on", ">no-info-pass", "~*", "+@all", "-info");
        try (SessionStore store = open("uri: '" + master.uri() + "', username: no-info, password: no-info-pass,"
                + " replicaTimeout: 300ms")) {
            replica.freeze(); // online, not confirming: a wait would fail
            Session s = newSession();
            store.create(s);
            assertThat(master.cli("exists", key(s))).isEqualTo("1");
        } finally {
            master.cli("acl", "deluser", "no-info");
        }
    }

    @Test
    void zero_never_waits() {
        try (SessionStore none = open("uri: '" + master.uri() + "', replicaAcks: 0")) {
            replica.freeze();
            Session s = newSession();
            none.create(s);
            assertThat(none.find(s.idHash(), Instant.now())).isPresent();
        }
    }
}
