package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key rotation on demand, observed by a verifier that fetches the issuer's JWKS over HTTP: the new key is picked
 * up after exactly one refetch (counted on the server side), the old one keeps verifying until it is retired.
 * Time is a clock the test moves, shared by the issuer and the verifier (whose key refetch cooldown is 30 s).
 */
class KeyRotationTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final VerifiersToClose verifiers = new VerifiersToClose();

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private DevIssuer issuer;

    @BeforeEach
    void start_issuer() {
        issuer = DevIssuer.builder().clock(clock).start();
    }

    @AfterEach
    void stop_issuer() {
        issuer.close();
    }

    @Test
    void rotated_key_is_picked_up_by_a_remote_key_source_after_one_refetch() {
        WalletVerifier verifier = verifiers.add(WalletVerifier.builder().issuer(issuer.profile("web3auth"))
                .clock(clock).build());
        MintedToken before = issuer.web3auth().mint();
        String oldKid = before.keyId();

        assertThat(verifier.verify(before.token(), before.proof()).keyId()).isEqualTo(oldKid);
        assertThat(issuer.jwksHits("web3auth")).isEqualTo(1);

        String newKid = issuer.rotateKeys("web3auth");
        MintedToken after = issuer.web3auth().mint();
        clock.advance(Duration.ofSeconds(31));

        assertThat(after.keyId()).isEqualTo(newKid).isNotEqualTo(oldKid);
        assertThat(issuer.keyIds("web3auth")).containsExactly(newKid, oldKid);
        assertThat(verifier.verify(after.token(), after.proof()).keyId()).isEqualTo(newKid);
        assertThat(issuer.jwksHits("web3auth")).isEqualTo(2);
        assertThat(verifier.verify(issuer.web3auth().mint().token(), WalletProof.none()).keyId()).isEqualTo(newKid);
        assertThat(issuer.jwksHits("web3auth")).as("no fetch for a known kid").isEqualTo(2);
    }

    @Test
    void old_key_verifies_until_retired_and_then_no_longer_after_a_refetch() {
        MintedToken old = issuer.nopwd().mint();
        issuer.rotateKeys("nopwd");
        MintedToken fresh = issuer.nopwd().mint();
        WalletVerifier verifier = verifiers.add(WalletVerifier.builder().issuer(issuer.profile("nopwd"))
                .clock(clock).build());

        assertThat(verifier.verify(old.token(), WalletProof.none()).keyId()).isEqualTo(old.keyId());
        assertThat(verifier.verify(fresh.token(), WalletProof.none()).keyId()).isEqualTo(fresh.keyId());
        assertThat(issuer.jwksHits("nopwd")).isEqualTo(1);

        issuer.retireOldKeys("nopwd");
        clock.advance(Duration.ofSeconds(31));
        MintedToken bogus = issuer.nopwd().unknownKid().mint();

        assertThat(issuer.keyIds("nopwd")).containsExactly(fresh.keyId());
        assertThat(code(verifier, bogus)).isEqualTo("key_not_found");
        assertThat(issuer.jwksHits("nopwd")).as("the unknown kid caused one refetch").isEqualTo(2);
        assertThat(code(verifier, issuer.nopwd().expiresAt(clock.instant().plusSeconds(600))
                .header("kid", old.keyId()).signedByOtherKey().mint())).isEqualTo("key_not_found");
        assertThat(verifier.verify(fresh.token(), WalletProof.none()).keyId()).isEqualTo(fresh.keyId());
        assertThat(issuer.jwksHits("nopwd")).isEqualTo(2);
    }

    @Test
    void a_second_rotation_within_the_cooldown_waits_for_it() {
        WalletVerifier verifier = verifiers.add(WalletVerifier.builder().issuer(issuer.profile("web3auth"))
                .clock(clock).build());
        MintedToken first = issuer.web3auth().mint();
        verifier.verify(first.token(), first.proof());
        issuer.rotateKeys("web3auth");
        clock.advance(Duration.ofSeconds(31));
        MintedToken second = issuer.web3auth().mint();
        verifier.verify(second.token(), second.proof());
        issuer.rotateKeys("web3auth");
        MintedToken third = issuer.web3auth().mint();

        assertThat(issuer.jwksHits("web3auth")).isEqualTo(2);
        assertThat(code(verifier, third)).isEqualTo("key_not_found");
        assertThat(code(verifier, third)).isEqualTo("key_not_found");
        assertThat(issuer.jwksHits("web3auth")).as("no refetch within 30 s of the last").isEqualTo(2);

        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.verify(third.token(), third.proof()).keyId()).isEqualTo(third.keyId());
        assertThat(issuer.jwksHits("web3auth")).isEqualTo(3);
    }

    @Test
    void hit_counters_are_per_profile_and_can_be_reset() {
        WalletVerifier verifier = verifiers.add(WalletVerifier.builder().issuer(issuer.profile("sequence-oms"))
                .issuer(issuer.profile("web3auth")).clock(clock).build());
        MintedToken t = issuer.sequenceOms().mint();
        verifier.verify(t.token(), WalletProof.none());

        assertThat(issuer.jwksHits("sequence-oms")).isEqualTo(1);
        issuer.resetHits();
        assertThat(issuer.jwksHits("sequence-oms")).isZero();
        assertThat(issuer.jwksHits("web3auth")).isZero();
    }

    private static String code(WalletVerifier verifier, MintedToken t) {
        try {
            verifier.verify(t.token(), t.proof());
            return "valid";
        } catch (WalletVerificationException e) {
            return e.code().code();
        }
    }
}
