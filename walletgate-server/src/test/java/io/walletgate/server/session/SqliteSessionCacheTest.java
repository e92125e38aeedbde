package io.walletgate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.VerifiedIdentity;
import io.walletgate.Wallet;
import io.walletgate.testkit.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sessions {@link SqliteSessionStore} keeps in memory: trusted while no WalletGate store on the file has deleted a
 * session since, and for at most {@link SqliteSessionStore#CACHE_MILLIS}; a deletion made outside WalletGate (here
 * through a plain JDBC connection, as the {@code sqlite3} shell would) shows which answers came from memory.
 */
class SqliteSessionCacheTest {
    private static final String ALICE_WALLET = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-06-01T10:00:00Z"));
    private Path file;
    private SqliteSessionStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("sessions.db");
        store = new SqliteSessionStore(file);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private SessionService.Created login(SessionService sessions, String subject) {
        Wallet w = new Wallet("ethereum", null, null, ALICE_WALLET);
        return sessions.create(new VerifiedIdentity("web3auth", "web3auth", "https://api-auth.web3auth.io", subject,
                List.of("aud"), clock.instant().plus(Duration.ofHours(1)), clock.instant(), "k1", w, List.of(w),
                subject + "@example.com", null, null, null, Map.of()));
    }

    // As the sqlite3 shell would: no WalletGate store, so nothing counted
    private void deleteBehindTheStore(SessionService.Created c) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement ps = db.prepareStatement("DELETE FROM sessions WHERE id_hash = ?")) {
            ps.setBytes(1, c.session().idHash());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private long storedExpiry(SessionService.Created c) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement ps = db.prepareStatement("SELECT expires_at FROM sessions WHERE id_hash = ?")) {
            ps.setBytes(1, c.session().idHash());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void a_session_deleted_outside_walletgate_is_answered_from_memory_for_at_most_the_cache_time() throws Exception {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        SessionService.Created alice = login(sessions, "alice");
        assertThat(sessions.find(alice.id())).isPresent(); // read, and kept
        deleteBehindTheStore(alice);
        clock.advance(Duration.ofMillis(SqliteSessionStore.CACHE_MILLIS - 1));
        assertThat(sessions.find(alice.id())).as("kept, not read again").isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.find(alice.id())).as("read again: gone").isEmpty();
    }

    @Test
    void a_deletion_by_any_walletgate_store_on_the_file_untrusts_every_kept_session_at_once() throws Exception {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        SessionService.Created alice = login(sessions, "alice");
        SessionService.Created bob = login(sessions, "bob");
        assertThat(sessions.find(alice.id())).isPresent();
        assertThat(sessions.find(bob.id())).isPresent();
        deleteBehindTheStore(alice); // unseen while alice's session is trusted
        assertThat(sessions.find(alice.id())).isPresent();
        try (SqliteSessionStore other = new SqliteSessionStore(file)) { // another process's store: walletgate revoke
            assertThat(other.deleteBySubject(null, "bob")).isEqualTo(1);
        }
        // the count moved: neither kept session is trusted, both are read again, no time having passed
        assertThat(sessions.find(bob.id())).isEmpty();
        assertThat(sessions.find(alice.id())).isEmpty();
    }

    @Test
    void no_check_that_starts_after_a_revocation_returns_finds_the_session_while_checks_race_it() throws Exception {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        for (int round = 0; round < 20; round++) {
            SessionService.Created alice = login(sessions, "alice");
            AtomicBoolean revoked = new AtomicBoolean();
            AtomicInteger afterwards = new AtomicInteger();
            AtomicInteger wrong = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> checkers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread checker = new Thread(() -> {
                    while (!stop.get()) {
                        boolean after = revoked.get(); // read before the check starts
                        boolean found = sessions.find(alice.id()).isPresent();
                        if (after) {
                            afterwards.incrementAndGet();
                            if (found) {
                                wrong.incrementAndGet();
                            }
                        }
                    }
                });
                checker.start();
                checkers.add(checker);
            }
            Thread.sleep(5);
            try (SqliteSessionStore other = new SqliteSessionStore(file)) {
                assertThat(other.deleteBySubject(null, "alice")).isEqualTo(1);
            }
            revoked.set(true);
            Thread.sleep(5);
            stop.set(true);
            for (Thread t : checkers) {
                t.join();
            }
            assertThat(afterwards.get()).as("round %d: checks after the revocation", round).isPositive();
            assertThat(wrong.get()).as("round %d: checks after the revocation that found it", round).isZero();
        }
    }

    @Test
    void a_deletion_that_deletes_nothing_leaves_kept_sessions_trusted() throws Exception {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        SessionService.Created alice = login(sessions, "alice");
        assertThat(sessions.find(alice.id())).isPresent();
        deleteBehindTheStore(alice);
        assertThat(store.deleteBySubject(null, "nobody")).isZero();
        assertThat(store.delete(new byte[32])).isFalse();
        assertThat(store.purgeExpired(clock.instant())).isZero();
        assertThat(sessions.find(alice.id())).as("still kept: nothing was counted").isPresent();
    }

    @Test
    void a_kept_session_ends_at_its_expiry() {
        SessionService sessions = new SessionService(store, clock, Duration.ofMillis(500), false);
        SessionService.Created alice = login(sessions, "alice");
        assertThat(sessions.find(alice.id())).isPresent();
        clock.advance(Duration.ofMillis(499));
        assertThat(sessions.find(alice.id())).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.find(alice.id())).isEmpty();
    }

    @Test
    void a_clock_set_back_reads_the_session_again() throws Exception {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        SessionService.Created alice = login(sessions, "alice");
        assertThat(sessions.find(alice.id())).isPresent();
        deleteBehindTheStore(alice);
        clock.advance(Duration.ofMillis(-1));
        assertThat(sessions.find(alice.id())).isEmpty();
    }

    @Test
    void a_kept_sliding_session_is_renewed_once_not_on_every_check() throws Exception {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(2), true);
        SessionService.Created alice = login(sessions, "alice");
        assertThat(sessions.find(alice.id())).isPresent();
        clock.advance(Duration.ofMinutes(61));
        Instant renewed = clock.instant().plus(Duration.ofHours(2));
        assertThat(sessions.find(alice.id()).orElseThrow().expiresAt()).isEqualTo(renewed);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMillis(1)); // kept: its renewed expiry, not the one read before
            assertThat(sessions.find(alice.id()).orElseThrow().expiresAt()).isEqualTo(renewed);
        }
        assertThat(storedExpiry(alice)).isEqualTo(renewed.toEpochMilli());
    }

    @Test
    void the_count_lives_in_a_file_beside_the_store_and_one_cut_short_is_made_whole() throws Exception {
        Path counter = dir.resolve("sessions.db-revocations");
        assertThat(counter).hasSize(Long.BYTES);
        store.close();
        Files.write(counter, new byte[0]);
        store = new SqliteSessionStore(file);
        assertThat(counter).hasSize(Long.BYTES);
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        SessionService.Created alice = login(sessions, "alice");
        assertThat(sessions.find(alice.id())).isPresent();
        try (SqliteSessionStore other = new SqliteSessionStore(file)) {
            assertThat(other.delete(alice.session().idHash())).isTrue();
        }
        assertThat(sessions.find(alice.id())).isEmpty();
    }
}
