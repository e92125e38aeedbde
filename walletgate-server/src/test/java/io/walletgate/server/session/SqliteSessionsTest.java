package io.walletgate.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.Wallet;
import io.walletgate.WalletVerificationException;
import io.walletgate.testkit.TestClock;
import java.nio.file.Path;
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
