package io.walletgate.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.Wallet;
import io.walletgate.WalletVerificationException;
import io.walletgate.testkit.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on a real SQLite file, with time moved by hand. */
class SqliteSessionsTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-06-01T10:00:00Z"));
    private SqliteSessionStore store;

    @BeforeEach
    void open() {
        store = new SqliteSessionStore(dir.resolve("sessions.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private VerifiedIdentity identity(String subject, String address, Map<String, Object> claims) {
        Wallet w = address == null ? null : new Wallet("ethereum", null, null, address);
        return new VerifiedIdentity("web3auth", "web3auth", "https://api-auth.web3auth.io", subject, List.of("aud"),
                clock.instant().plus(Duration.ofHours(1)), clock.instant(), "k1", w, w == null ? List.of() : List.of(w),
                subject + "@example.com", null, null, null, claims);
    }

    @Test
    void a_session_ended_through_another_connection_to_the_file_is_gone_for_every_reader_at_once() {
        // the service's store keeps its lookup compiled on each pooled reader; walletgate revoke opens its own
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(24), false);
        SessionService.Created alice = sessions.create(identity("alice", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                Map.of()));
        SessionService.Created bob = sessions.create(identity("bob", null, Map.of()));
        for (int i = 0; i < 16; i++) { // every reader of the pool, several times
            assertThat(sessions.find(alice.id())).isPresent();
        }
        try (SqliteSessionStore other = new SqliteSessionStore(dir.resolve("sessions.db"))) {
            assertThat(other.deleteByWallet("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).isEqualTo(1);
        }
        for (int i = 0; i < 16; i++) {
            assertThat(sessions.find(alice.id())).as("lookup %d", i).isEmpty();
            assertThat(sessions.find(bob.id())).as("lookup %d", i).isPresent();
        }
        try (SqliteSessionStore other = new SqliteSessionStore(dir.resolve("sessions.db"))) {
            assertThat(other.deleteBySubject(null, "bob")).isEqualTo(1);
        }
        for (int i = 0; i < 16; i++) {
            assertThat(sessions.find(bob.id())).as("lookup %d", i).isEmpty();
        }
    }

    @Test
    void a_session_lives_for_its_ttl_and_the_store_keeps_only_the_hash_of_its_id() {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(24), false);
        SessionService.Created c = sessions.create(identity("alice", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                Map.of()));
        assertThat(c.session().idHash()).isEqualTo(SessionIds.hash(c.id())).hasSize(32);
        assertThat(sessions.find(c.id())).isPresent();
        assertThat(sessions.find(c.id()).get().identityJson()).contains("\"subject\":\"alice\"");
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(sessions.find(c.id())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.find(c.id())).isEmpty();
        assertThat(store.purgeExpired(clock.instant())).isEqualTo(1);
    }

    @Test
    void sliding_sessions_are_renewed_once_past_half_their_lifetime() {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(2), true);
        SessionService.Created c = sessions.create(identity("alice", null, Map.of()));
        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.find(c.id()).get().expiresAt()).isEqualTo(c.session().expiresAt()); // not yet renewed
        clock.advance(Duration.ofMinutes(2));
        Instant renewed = sessions.find(c.id()).get().expiresAt();
        assertThat(renewed).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        clock.advance(Duration.ofMinutes(119));
        assertThat(sessions.find(c.id())).isPresent();
    }

    @Test
    void malformed_or_unknown_ids_find_nothing() {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("short")).isEmpty();
        assertThat(sessions.find("A".repeat(42) + "=")).isEmpty();
        assertThat(sessions.find(SessionIds.newId())).isEmpty();
        assertThat(sessions.logout("x")).isFalse();
    }

    @Test
    void logout_and_revocation_by_wallet_or_subject_end_sessions_at_once() {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        SessionService.Created a1 = sessions.create(identity("alice", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                Map.of()));
        SessionService.Created a2 = sessions.create(identity("alice", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                Map.of()));
        SessionService.Created b = sessions.create(identity("bob", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                Map.of()));
        for (SessionService.Created c : List.of(a1, a2, b)) { // each one read, and kept (SqliteSessionStore#find)
            assertThat(sessions.find(c.id())).isPresent();
        }
        assertThat(sessions.logout(a1.id())).isTrue();
        assertThat(sessions.find(a1.id())).isEmpty();
        assertThat(sessions.revokeWallet("0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED".replace("0X", "0x")))
                .isEqualTo(1);
        assertThat(sessions.find(a2.id())).isEmpty();
        assertThat(sessions.revokeSubject("other-issuer", "bob")).isZero();
        assertThat(sessions.revokeSubject("web3auth", "bob")).isEqualTo(1);
        assertThat(sessions.find(b.id())).isEmpty();
        assertThat(store.count(clock.instant())).isZero();
    }

    @Test
    void revoking_a_solana_address_matches_its_exact_case_only() {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        String solana = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin";
        SessionService.Created mine = sessions.create(identity("alice", solana, Map.of()));
        SessionService.Created other = sessions.create(identity("bob", solana.toLowerCase(), Map.of()));
        assertThat(sessions.revokeWallet(solana)).isEqualTo(1);
        assertThat(sessions.find(mine.id())).isEmpty();
        assertThat(sessions.find(other.id())).isPresent();
    }

    @Test
    void revoking_any_wallet_of_the_token_ends_a_session_opened_without_a_wallet_proof() {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        Wallet appKey = new Wallet("web3auth_app_key", "secp256k1", "02ab", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        Wallet solana = new Wallet("solana", null, null, "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin");
        VerifiedIdentity noProof = new VerifiedIdentity("web3auth", "web3auth", "https://api-auth.web3auth.io", "carol",
                List.of("aud"), clock.instant().plus(Duration.ofHours(1)), clock.instant(), "k1", null,
                List.of(appKey, solana), null, null, null, null, Map.of());
        VerifiedIdentity solanaOnly = new VerifiedIdentity("web3auth", "web3auth", "https://api-auth.web3auth.io",
                "dan", List.of("aud"), clock.instant().plus(Duration.ofHours(1)), clock.instant(), "k1", null,
                List.of(solana), null, null, null, null, Map.of());
        SessionService.Created first = sessions.create(noProof);
        SessionService.Created second = sessions.create(solanaOnly);
        assertThat(sessions.revokeWallet("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).isEqualTo(1);
        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(second.id())).isPresent();
        assertThat(sessions.revokeWallet(solana.address())).isEqualTo(1);
        assertThat(sessions.find(second.id())).isEmpty();
    }

    @Test
    void a_malformed_wallet_or_an_unknown_issuer_is_request_invalid_not_zero_revoked() {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        for (String bad : List.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "0x1234", "alice@example.com", " ")) {
            assertThatThrownBy(() -> sessions.revokeWallet(bad))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_INVALID))
                    .hasMessageStartingWith("'wallet' is not a wallet address: ");
        }
        assertThatThrownBy(() -> SessionService.requireConfiguredIssuer("web3uath", List.of("web3auth", "nopwd")))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_INVALID))
                .hasMessage("'issuer' is 'web3uath', not a configured issuer (configured: web3auth, nopwd)");
        SessionService.requireConfiguredIssuer("nopwd", List.of("web3auth", "nopwd"));
        SessionService.requireConfiguredIssuer(null, List.of("web3auth"));
    }

    @Test
    void a_store_of_the_earlier_schema_is_migrated_keeping_every_session_and_indexing_every_wallet()
            throws Exception {
        store.close();
        Path old = dir.resolve("old.db");
        String identity = "{\"subject\":\"dave\",\"wallet\":null,\"wallets\":[{\"type\":\"ethereum\","
                + "\"address\":\"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359\"}]}";
        byte[] id = SessionIds.hash(SessionIds.newId());
        byte[] proven = SessionIds.hash(SessionIds.newId());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            // the schema of version 0, as earlier releases created it
            s.execute("CREATE TABLE sessions (id_hash BLOB PRIMARY KEY, issuer_name TEXT NOT NULL, subject TEXT NOT"
                    + " NULL, wallet TEXT, email TEXT, identity TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at"
                    + " INTEGER NOT NULL) WITHOUT ROWID");
            s.execute("CREATE TABLE replay_guard (issuer_name TEXT NOT NULL, token_id TEXT NOT NULL, expires_at"
                    + " INTEGER NOT NULL, PRIMARY KEY (issuer_name, token_id)) WITHOUT ROWID");
            long exp = clock.instant().plus(Duration.ofHours(1)).toEpochMilli();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions VALUES (?, 'web3auth', ?, ?, NULL,"
                    + " ?, 0, ?)")) {
                ps.setBytes(1, id);
                ps.setString(2, "dave");
                ps.setString(3, null);
                ps.setString(4, identity);
                ps.setLong(5, exp);
                ps.executeUpdate();
                ps.setBytes(1, proven);
                ps.setString(2, "erin");
                ps.setString(3, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
                ps.setString(4, "{not json");
                ps.executeUpdate();
            }
            s.execute("INSERT INTO replay_guard VALUES ('web3auth', 'jti:j-old', " + exp + ")");
        }
        store = new SqliteSessionStore(old);
        store.close();
        store = new SqliteSessionStore(old); // a second open finds version 1 and changes nothing
        assertThat(store.count(clock.instant())).isEqualTo(2);
        Session dave = store.find(id, clock.instant()).orElseThrow();
        assertThat(dave.identityJson()).isEqualTo(identity);
        assertThat(store.claimOnce("web3auth", "jti:j-old", clock.instant().plusSeconds(60), clock.instant()))
                .as("the replay record survived").isFalse();
        assertThat(store.deleteByWallet("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")).isEqualTo(1);
        assertThat(store.deleteByWallet("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).isEqualTo(1);
        assertThat(store.count(clock.instant())).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM session_wallets), user_version FROM"
                     + " pragma_user_version")) {
            assertThat(rs.getInt(1)).as("index rows went with their sessions").isZero();
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
    }

    @Test
    void sessions_survive_closing_and_reopening_the_file() {
        SessionService sessions = new SessionService(store, clock, Duration.ofHours(1), false);
        SessionService.Created c = sessions.create(identity("alice", null, Map.of()));
        store.close();
        store = new SqliteSessionStore(dir.resolve("sessions.db"));
        Optional<Session> found = new SessionService(store, clock, Duration.ofHours(1), false).find(c.id());
        assertThat(found).isPresent();
        assertThat(found.get().subject()).isEqualTo("alice");
    }

    @Test
    void the_replay_guard_lets_a_token_create_one_session_until_it_expires() {
        ReplayGuard guard = new ReplayGuard(store, clock, Map.of("web3auth", ReplayGuard.Mode.AUTO));
        VerifiedIdentity withJti = identity("alice", null, Map.of("jti", "j-1"));
        guard.claim(withJti, "token-1");
        assertThatThrownBy(() -> guard.claim(withJti, "token-1"))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REPLAYED));
        // without jti or nonce, the token's hash identifies it
        VerifiedIdentity plain = identity("alice", null, Map.of());
        guard.claim(plain, "token-2");
        assertThatThrownBy(() -> guard.claim(plain, "token-2")).isInstanceOf(WalletVerificationException.class);
        guard.claim(plain, "token-3");
        // a record past the token's expiry no longer counts (and is purged)
        clock.advance(Duration.ofHours(2));
        assertThat(store.claimOnce("web3auth", "jti:j-1", clock.instant().plusSeconds(60), clock.instant())).isTrue();

        ReplayGuard jtiOnly = new ReplayGuard(store, clock, Map.of("web3auth", ReplayGuard.Mode.JTI));
        assertThatThrownBy(() -> jtiOnly.claim(plain, "token-4"))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLAIM_MISSING)).hasMessageContaining("'jti'");
        new ReplayGuard(store, clock, Map.of()).claim(plain, "token-2"); // off: never refused
        assertThatThrownBy(() -> ReplayGuard.Mode.parse("sometimes")).hasMessageContaining("off, auto, jti, nonce, hash");
    }

    @Test
    void a_store_that_cannot_be_opened_is_unavailable_naming_the_file() {
        assertThatThrownBy(() -> new SqliteSessionStore(Path.of("/proc/walletgate/sessions.db")))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("/proc/walletgate/sessions.db");
    }
}
