package io.walletgate.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfiles;
import io.walletgate.MutableClock;
import io.walletgate.TestIssuer;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.internal.keys.CachingKeySource;
import io.walletgate.internal.keys.JwksFetcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resilient remote key source of docs/architecture.md §5 against a real loopback JWKS server: fetch counts are read
 * on the server side; time is a {@link MutableClock}; refreshes are driven by the test (background refresh off).
 */
class RemoteKeysTest {
    private static final String ISS = "https://login.example.com";
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final TestIssuer oldKey = TestIssuer.create("ES256", "k-old");
    private final TestIssuer newKey = TestIssuer.create("ES256", "k-new");
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private final KeySourceListener listener = new KeySourceListener() {
        @Override
        public void onKeyAdded(String source, Jwk key) {
            audit.add("added " + key.kid() + " " + key.thumbprint());
        }

        @Override
        public void onKeyRemoved(String source, Jwk key) {
            audit.add("removed " + key.kid() + " " + key.thumbprint());
        }

        @Override
        public void onFetch(String source, String error, Duration took) {
            audit.add(error == null ? "fetch ok" : "fetch failed");
        }
    };

    @AfterEach
    void close_everything() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private JwksServer server(String body) {
        JwksServer s = JwksServer.start(body);
        closeables.add(s);
        return s;
    }

    private RemoteKeyOptions options() {
        return RemoteKeyOptions.builder().autoRefresh(false).listener(listener).build();
    }

    private CachingKeySource source(JwksServer server, RemoteKeyOptions options) {
        CachingKeySource s = (CachingKeySource) KeySources.remote(server.uri(), options, clock);
        closeables.add(s);
        return s;
    }

    private WalletVerifier verifier(KeySource source) {
        return WalletVerifier.builder()
                .issuer(IssuerProfiles.oidc(ISS).withAudience("api").withAlgorithms("ES256").withKeySource(source))
                .clock(clock)
                .verifiedTokenCache(0)
                .build();
    }

    private String token(TestIssuer key) {
        return key.sign(TestIssuer.claims(ISS, "api", clock.instant()));
    }

    /** Waits for the fetch under way, if any, to end (a source that is within its backoff starts none). */
    private static void awaitSettled(CachingKeySource source) {
        CompletableFuture<JwkSet> f = source.refresh();
        if (f != null) {
            assertThat(f.handle((ok, e) -> e)).succeedsWithin(Duration.ofSeconds(10));
        }
    }

    /** Starts the due refresh and waits for it to fail. */
    private static void assertRefreshFails(CachingKeySource source) {
        CompletableFuture<JwkSet> f = source.refresh();
        assertThat(f).as("a refresh is due").isNotNull();
        assertThat(f.handle((ok, e) -> e instanceof CompletionException ? e.getCause() : e))
                .succeedsWithin(Duration.ofSeconds(10))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE));
    }

    private static String thumbprint(TestIssuer issuer) {
        try {
            return issuer.publicJwk().computeThumbprint().toString();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (WalletVerificationException e) {
            return e.code();
        }
    }

    @Test
    void fetches_at_start_and_serves_requests_from_memory() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options());
        WalletVerifier verifier = verifier(source);
        for (int i = 0; i < 50; i++) {
            verifier.verify(token(oldKey), WalletProof.none());
        }
        assertThat(server.hits()).isEqualTo(1);
        assertThat(source.keys()).isDone();
        assertThat(audit).contains("added k-old " + thumbprint(oldKey), "fetch ok");
    }

    @Test
    void picks_up_a_rotated_key_after_exactly_one_refetch_and_retires_the_old_kid() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());

        server.body(newKey.jwks()); // the issuer rotates: k-new in, k-old out
        VerifiedIdentity id = verifier.verify(token(newKey), WalletProof.none());
        assertThat(id.keyId()).isEqualTo("k-new");
        assertThat(server.hits()).isEqualTo(2);

        // k-old is retired: within the cooldown it fails at once, saying so, without another fetch
        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> verifier.verify(token(oldKey), WalletProof.none()))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_NOT_FOUND))
                .hasMessageContaining("key 'k-old' was retired")
                .hasMessageContaining(server.uri().toString());
        assertThat(server.hits()).isEqualTo(2);
        // past the cooldown it is looked up once more (still gone: still retired), then fails at once again
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> verifier.verify(token(oldKey), WalletProof.none()))
                    .hasMessageContaining("key 'k-old' was retired");
        }
        assertThat(server.hits()).isEqualTo(3);
        assertThat(source.status().retiredKids()).containsExactly("k-old");
        assertThat(audit).contains("removed k-old " + thumbprint(oldKey),
                "added k-new " + thumbprint(newKey));
        assertThat(source.status().history()).extracting(KeySourceStatus.KeyChange::kid)
                .containsExactly("k-old", "k-new", "k-old");
    }

    @Test
    void a_key_set_that_dropped_a_key_by_mistake_and_restored_it_heals_within_one_cooldown() {
        JwksServer server = server(TestIssuer.jwks(oldKey, newKey));
        CachingKeySource source = source(server, options());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());

        server.body(newKey.jwks()); // a bad answer: k-old dropped by mistake, seen by the scheduled refresh
        clock.advance(Duration.ofMinutes(45));
        source.refresh().join();
        assertThat(source.status().retiredKids()).containsExactly("k-old");
        assertThat(server.hits()).isEqualTo(2);

        // tokens keep naming k-old: the first one looks it up again (still dropped), the rest fail at once
        for (int i = 0; i < 10; i++) {
            assertThat(codeOf(() -> verifier.verify(token(oldKey), WalletProof.none())))
                    .isEqualTo(ErrorCode.KEY_NOT_FOUND);
        }
        assertThat(server.hits()).isEqualTo(3);

        server.body(TestIssuer.jwks(oldKey, newKey)); // the issuer restores it
        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> verifier.verify(token(oldKey), WalletProof.none()))
                .hasMessageContaining("key 'k-old' was retired");
        assertThat(server.hits()).as("no lookup within the cooldown").isEqualTo(3);

        // one cooldown later: the next tokens share one lookup, held by the server until the test releases it
        clock.advance(Duration.ofSeconds(1));
        server.hold(JwksServer.Hold.BEFORE_HEADERS);
        String token = token(oldKey);
        List<CompletableFuture<VerifiedIdentity>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            results.add(verifier.verifyAsync(token, WalletProof.none()));
        }
        assertThat(results).noneMatch(CompletableFuture::isDone);
        server.release();
        CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).join();
        assertThat(results).allMatch(f -> "k-old".equals(f.join().keyId()));
        assertThat(server.hits()).isEqualTo(4);
        assertThat(source.status().retiredKids()).isEmpty();
        assertThat(verifier.verify(token(oldKey), WalletProof.none()).keyId()).isEqualTo("k-old");
        assertThat(server.hits()).isEqualTo(4);
    }

    @Test
    void a_storm_of_a_thousand_tokens_with_the_same_unknown_kid_causes_one_fetch() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options().toBuilder().unknownKidWaiters(1000).build());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());
        server.body(TestIssuer.jwks(oldKey, newKey)).hold(JwksServer.Hold.BEFORE_HEADERS);

        String token = token(newKey);
        List<CompletableFuture<VerifiedIdentity>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            results.add(verifier.verifyAsync(token, WalletProof.none()));
        }
        assertThat(results).noneMatch(CompletableFuture::isDone); // nobody blocked; all wait on one fetch
        server.release();
        CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).join();
        assertThat(results).allMatch(f -> "k-new".equals(f.join().keyId()));
        assertThat(server.hits()).isEqualTo(2);
    }

    private String signedWithKid(String kid) {
        return oldKey.sign(TestIssuer.claims(ISS, "api", clock.instant()), h -> h.keyID(kid));
    }

    private static ErrorCode failure(CompletableFuture<VerifiedIdentity> f) {
        Throwable t = f.handle((ok, e) -> e instanceof CompletionException ? e.getCause() : e).join();
        assertThat(t).isInstanceOf(WalletVerificationException.class);
        return ((WalletVerificationException) t).code();
    }

    @Test
    void of_a_flood_of_unknown_kids_only_the_bound_waits_for_the_refetch_and_the_rest_is_answered_at_once() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options().toBuilder().unknownKidWaiters(5)
                .unknownKidWait(Duration.ofMinutes(5)).build());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());
        server.hold(JwksServer.Hold.BEFORE_HEADERS);

        List<CompletableFuture<VerifiedIdentity>> flood = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flood.add(verifier.verifyAsync(signedWithKid("made-up-" + i), WalletProof.none()));
        }
        List<CompletableFuture<VerifiedIdentity>> waiting = flood.stream().filter(f -> !f.isDone()).toList();
        assertThat(waiting).hasSize(5);
        assertThat(flood).filteredOn(CompletableFuture::isDone).hasSize(45)
                .allMatch(f -> failure(f) == ErrorCode.KEY_NOT_FOUND);
        // a known kid never waits, whatever waits for the refetch
        assertThat(verifier.verifyAsync(token(oldKey), WalletProof.none())).isCompleted();

        server.release();
        assertThat(waiting).allMatch(f -> failure(f) == ErrorCode.KEY_NOT_FOUND);
        assertThat(server.hits()).isEqualTo(2);
    }

    @Test
    void a_wait_for_the_refetch_ends_at_its_deadline_with_jwks_unavailable_while_the_issuer_is_slow() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options().toBuilder().unknownKidWait(Duration.ofMillis(200))
                .build());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());
        server.hold(JwksServer.Hold.BEFORE_HEADERS);

        CompletableFuture<VerifiedIdentity> slow = verifier.verifyAsync(signedWithKid("new-kid"), WalletProof.none());
        assertThat(slow.handle((ok, e) -> e instanceof CompletionException ? e.getCause() : e))
                .succeedsWithin(Duration.ofSeconds(30))
                .isInstanceOfSatisfying(WalletVerificationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("did not arrive within 200 ms");
                });
        assertThat(server.hits()).as("the refetch is still held: the deadline ended the wait, not the fetch")
                .isEqualTo(2);
        server.release();
    }

    @Test
    void past_the_bound_an_issuer_whose_fetches_fail_is_jwks_unavailable_at_once() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options().toBuilder().unknownKidWaiters(1)
                .unknownKidWait(Duration.ofMinutes(5)).build());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());
        server.status(503);
        assertThat(failure(verifier.verifyAsync(signedWithKid("first"), WalletProof.none())))
                .isEqualTo(ErrorCode.JWKS_UNAVAILABLE); // its refetch failed
        clock.advance(Duration.ofMinutes(1)); // past the cooldown and the backoff
        server.hold(JwksServer.Hold.BEFORE_HEADERS);

        CompletableFuture<VerifiedIdentity> waits = verifier.verifyAsync(signedWithKid("second"), WalletProof.none());
        CompletableFuture<VerifiedIdentity> refused = verifier.verifyAsync(signedWithKid("third"),
                WalletProof.none());
        assertThat(waits).isNotDone();
        assertThat(refused).isCompletedExceptionally();
        assertThat(failure(refused)).isEqualTo(ErrorCode.JWKS_UNAVAILABLE);
        server.status(200).release(); // the issuer is back: the one that waited learns its kid is unknown

        assertThat(failure(waits)).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        assertThat(server.hits()).isEqualTo(3);
    }

    @Test
    void a_failure_of_the_verifier_itself_is_not_disguised_as_an_issuer_outage() {
        KeySource broken = new KeySource() {
            @Override
            public CompletableFuture<JwkSet> keys() {
                return CompletableFuture.completedFuture(JwkSet.parse(oldKey.jwks(), "test"));
            }

            @Override
            public CompletableFuture<JwkSet> keysForUnknownKid(String kid) {
                return CompletableFuture.completedFuture(null); // a bug: the source answered nothing at all
            }

            @Override
            public String description() {
                return "broken";
            }
        };
        WalletVerifier verifier = verifier(broken);
        CompletableFuture<VerifiedIdentity> f = verifier.verifyAsync(signedWithKid("other"), WalletProof.none());
        assertThat(f.handle((ok, e) -> e instanceof CompletionException ? e.getCause() : e).join())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_flood_of_bogus_kids_is_held_to_one_fetch_per_cooldown() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());
        for (int i = 0; i < 200; i++) {
            String bogus = TestIssuer.create("ES256", "bogus-" + i).kid();
            String t = oldKey.sign(TestIssuer.claims(ISS, "api", clock.instant()), h -> h.keyID(bogus));
            assertThat(codeOf(() -> verifier.verify(t, WalletProof.none()))).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        }
        assertThat(server.hits()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(29));
        String early = oldKey.sign(TestIssuer.claims(ISS, "api", clock.instant()), h -> h.keyID("bogus-x"));
        assertThat(codeOf(() -> verifier.verify(early, WalletProof.none()))).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        assertThat(server.hits()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        String late = oldKey.sign(TestIssuer.claims(ISS, "api", clock.instant()), h -> h.keyID("bogus-y"));
        assertThatThrownBy(() -> verifier.verify(late, WalletProof.none()))
                .hasMessageContaining("no key with id 'bogus-y'").hasMessageContaining("it holds k-old");
        assertThat(server.hits()).isEqualTo(3);
    }

    @Test
    void issuer_down_at_start_is_not_fatal_and_recovers_after_backoff() {
        JwksServer server = server(oldKey.jwks()).status(503);
        CachingKeySource source = source(server, options());
        WalletVerifier verifier = verifier(source);
        assertThatThrownBy(() -> verifier.verify(token(oldKey), WalletProof.none()))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE))
                .hasMessageContaining(server.uri().toString()).hasMessageContaining("HTTP 503");
        int hits = server.hits();
        // within the backoff: no new request, the same answer
        assertThat(codeOf(() -> verifier.verify(token(oldKey), WalletProof.none())))
                .isEqualTo(ErrorCode.JWKS_UNAVAILABLE);
        assertThat(server.hits()).isEqualTo(hits);

        server.status(200);
        clock.advance(Duration.ofSeconds(1));
        source.refresh().join();
        assertThat(verifier.verify(token(oldKey), WalletProof.none()).keyId()).isEqualTo("k-old");
        assertThat(source.status().consecutiveFailures()).isZero();
        assertThat(source.status().failures()).isEqualTo(hits);
    }

    @Test
    void keeps_verifying_with_stale_keys_through_an_outage_until_the_stale_limit() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options().toBuilder().staleLimit(Duration.ofHours(2)).build());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());
        server.status(500);

        clock.advance(Duration.ofMinutes(45)); // refresh due at 3/4 of the default hour: it fails
        assertRefreshFails(source);
        clock.advance(Duration.ofMinutes(30)); // past expiry: stale, still used
        assertThat(verifier.verify(token(oldKey), WalletProof.none()).keyId()).isEqualTo("k-old");
        assertThat(source.status().stale()).isTrue();
        assertThat(source.status().lastError()).contains("HTTP 500");
        // That verification found a refresh due and started the second attempt in the background. Wait for it to
        // fail: whether it has failed before the clock moves decided when the next attempt may start, which made this
        // test fail now and then (its backoff then ran from an instant the test did not choose).
        awaitSettled(source);
        assertThat(source.status().consecutiveFailures()).isEqualTo(2);

        // exponential backoff between attempts: 1 s after the first failure, 2 s after the second, 4 s after the third
        clock.advance(Duration.ofSeconds(1));
        assertThat(source.refresh()).as("within 2 s of the second failure").isNull();
        clock.advance(Duration.ofSeconds(1));
        assertRefreshFails(source);
        assertThat(source.status().consecutiveFailures()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(3));
        assertThat(source.refresh()).as("within 4 s of the third failure").isNull();
        clock.advance(Duration.ofSeconds(1));
        assertRefreshFails(source);
        assertThat(source.status().consecutiveFailures()).isEqualTo(4);

        clock.advance(Duration.ofHours(2)); // expiry + stale limit passed
        assertThatThrownBy(() -> verifier.verify(token(oldKey), WalletProof.none()))
                .isInstanceOfSatisfying(WalletVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE))
                .hasMessageContaining("went stale");
    }

    @Test
    void honours_cache_control_max_age_clamped_to_five_minutes_and_a_day() {
        assertFreshness("max-age=600", Duration.ofMinutes(10));
        assertFreshness("public, max-age=60", Duration.ofMinutes(5));
        assertFreshness("max-age=999999", Duration.ofHours(24));
        assertFreshness("no-store", Duration.ofMinutes(5));
        assertFreshness(null, Duration.ofHours(1));
    }

    private void assertFreshness(String cacheControl, Duration expected) {
        JwksServer server = server(oldKey.jwks());
        if (cacheControl != null) {
            server.header("Cache-Control", cacheControl);
        }
        CachingKeySource source = source(server, options());
        source.keys().join();
        KeySourceStatus status = source.status();
        assertThat(Duration.between(status.fetchedAt(), status.expiresAt())).as(cacheControl).isEqualTo(expected);

        // refreshed in the background at three quarters of the freshness, not before
        clock.advance(expected.multipliedBy(3).dividedBy(4).minusSeconds(1));
        assertThat(source.refresh()).isNull();
        clock.advance(Duration.ofSeconds(1));
        source.refresh().join();
        assertThat(server.hits()).isEqualTo(2);
        clock.advance(expected.negated().multipliedBy(3).dividedBy(4)); // back to the start for the next case
    }

    @Test
    void requests_never_wait_on_a_background_refresh() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());
        server.hold(JwksServer.Hold.BEFORE_HEADERS);
        clock.advance(Duration.ofMinutes(50)); // refresh due
        CompletableFuture<VerifiedIdentity> f = verifier.verifyAsync(token(oldKey), WalletProof.none());
        assertThat(f).isCompleted(); // answered from the held keys while the refresh waits on the server
        assertThat(source.status().fetches()).isEqualTo(2);
        server.release();
    }

    @Test
    void verify_async_never_blocks_the_caller_on_the_first_fetch() {
        JwksServer server = server(oldKey.jwks()).hold(JwksServer.Hold.BEFORE_HEADERS);
        CachingKeySource source = source(server, options());
        CompletableFuture<VerifiedIdentity> f = verifier(source).verifyAsync(token(oldKey), WalletProof.none());
        assertThat(f).isNotDone();
        server.release();
        assertThat(f.join().keyId()).isEqualTo("k-old");
    }

    @Test
    void a_restart_during_an_outage_verifies_from_the_persisted_key_set(@TempDir Path data) throws Exception {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource first = source(server, options().toBuilder().dataDirectory(data).build());
        first.keys().join();
        first.close();
        try (var files = Files.list(data)) {
            assertThat(files.toList()).hasSize(1);
        }

        server.status(503); // the issuer goes down; the service restarts an hour later
        clock.advance(Duration.ofHours(3));
        CachingKeySource second = source(server, options().toBuilder().dataDirectory(data).build());
        assertThat(second.status().loadedFromDisk()).isTrue();
        second.refresh().handle((ok, e) -> e).join(); // the fetch started at construction fails
        assertThat(verifier(second).verify(token(oldKey), WalletProof.none()).keyId()).isEqualTo("k-old");
        assertThat(second.status().lastError()).contains("HTTP 503");
    }

    @Test
    void persisted_keys_past_the_stale_limit_are_not_used(@TempDir Path data) {
        JwksServer server = server(oldKey.jwks());
        source(server, options().toBuilder().dataDirectory(data).build()).keys().join();
        server.status(503);
        clock.advance(Duration.ofHours(26)); // expiry (1 h) + stale limit (24 h) passed
        CachingKeySource restarted = source(server, options().toBuilder().dataDirectory(data).build());
        assertThat(restarted.status().loadedFromDisk()).isFalse();
        assertThat(codeOf(() -> verifier(restarted).verify(token(oldKey), WalletProof.none())))
                .isEqualTo(ErrorCode.JWKS_UNAVAILABLE);
    }

    @Test
    void a_corrupt_persisted_file_is_ignored_not_fatal(@TempDir Path data) throws Exception {
        JwksServer server = server(oldKey.jwks());
        source(server, options().toBuilder().dataDirectory(data).build()).keys().join();
        try (var files = Files.list(data)) {
            Files.writeString(files.findFirst().orElseThrow(), "{not json");
        }
        CachingKeySource restarted = source(server, options().toBuilder().dataDirectory(data).build());
        assertThat(restarted.status().loadedFromDisk()).isFalse();
        assertThat(verifier(restarted).verify(token(oldKey), WalletProof.none()).keyId()).isEqualTo("k-old");
    }

    @Test
    void a_failed_refresh_with_garbage_keeps_the_last_good_keys() {
        JwksServer server = server(oldKey.jwks());
        CachingKeySource source = source(server, options());
        WalletVerifier verifier = verifier(source);
        verifier.verify(token(oldKey), WalletProof.none());
        for (String garbage : new String[] {"<html>oops</html>", "{\"keys\": 5}", "[]"}) {
            server.body(garbage);
            clock.advance(Duration.ofHours(1));
            assertRefreshFails(source);
            assertThat(verifier.verify(token(oldKey), WalletProof.none()).keyId()).isEqualTo("k-old");
        }
        assertThat(source.status().failures()).isEqualTo(3);
    }

    @Test
    void a_verifier_given_key_options_runs_the_key_sources_it_makes_on_its_own_clock() {
        JwksServer server = server(oldKey.jwks());
        try (WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.oidc(ISS).withAudience("api").withAlgorithms("ES256").withJwksUri(server.uri()))
                .clock(clock)
                .remoteKeyOptions(RemoteKeyOptions.builder().autoRefresh(false).defaultMaxAge(Duration.ofHours(2))
                        .build())
                .build()) {
            assertThat(verifier.verify(token(oldKey), WalletProof.none()).keyId()).isEqualTo("k-old");
            KeySourceStatus status = verifier.keySources().get("oidc").status();
            // the test clock's instant (March 2026), not the system's: the options carry no clock to fall back on
            assertThat(status.fetchedAt()).isEqualTo(START);
            assertThat(status.expiresAt()).isEqualTo(START.plus(Duration.ofHours(2)));
            clock.advance(Duration.ofHours(3));
            assertThat(verifier.keySources().get("oidc").status().stale()).isTrue();
        }
    }

    @Test
    void options_reject_bad_values_naming_the_option() {
        assertThatThrownBy(() -> RemoteKeyOptions.builder().cooldown(Duration.ofSeconds(-1)))
                .hasMessage("cooldown must be positive: PT-1S");
        assertThatThrownBy(() -> RemoteKeyOptions.builder().maxAgeClamp(Duration.ofHours(2), Duration.ofHours(1)))
                .hasMessageContaining("minMaxAge must not exceed maxMaxAge");
        assertThatThrownBy(() -> RemoteKeyOptions.builder().staleLimit(Duration.ofHours(-1)))
                .hasMessageContaining("staleLimit must not be negative");
        assertThatThrownBy(() -> new JwksFetcher(java.net.URI.create("http://keys.example.com/jwks"),
                RemoteKeyOptions.defaults(), clock)).hasMessageContaining("must use https");
    }
}
