package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The providers of docs/architecture.md §12, minted by the dev issuer in each provider's shape, verify with their
 * core profile (keys fetched over loopback HTTP from the dev issuer, or the dashboard's PEM), with the right identity
 * and wallet; each provider quirk the testkit can mint is a test here.
 */
class ProviderTokensVerifyTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @RegisterExtension
    static final DevIssuerExtension EXTENSION = new DevIssuerExtension(b -> b.clock(CLOCK));

    private final DevIssuer issuer;
    private final List<WalletVerifier> verifiers = new ArrayList<>();

    ProviderTokensVerifyTest(DevIssuer issuer) {
        this.issuer = issuer;
    }

    @AfterEach
    void close_verifiers() {
        verifiers.forEach(WalletVerifier::close);
    }

    private WalletVerifier verifier(IssuerProfile... profiles) {
        WalletVerifier.Builder b = WalletVerifier.builder().clock(CLOCK);
        for (IssuerProfile p : profiles) {
            b.issuer(p);
        }
        WalletVerifier v = b.build();
        verifiers.add(v);
        return v;
    }

    // All four in one verifier: routing by iss (Privy, Dynamic), by its absence (Para) and by shape (Magic).
    private WalletVerifier all() {
        return verifier(issuer.profile("privy"), issuer.profile("dynamic"), issuer.profile("para"),
                issuer.profile("magic"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"privy", "dynamic", "para", "magic"})
    void each_providers_token_verifies_and_proves_the_frontends_wallet(String profile) {
        MintedToken t = issuer.token(profile).mint();

        VerifiedIdentity id = all().verify(t.token(), t.proof());

        assertThat(id.profile()).isEqualTo(profile);
        assertThat(id.issuer()).isEqualTo(t.issuer() == null ? "" : t.issuer());
        assertThat(id.wallet()).isNotNull();
        assertThat(id.wallet().address()).isEqualToIgnoringCase(t.address());
        assertThat(id.subject()).isNotBlank();
        if (!profile.equals("magic")) {
            assertThat(id.email()).isEqualTo("alice@example.com");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"privy", "dynamic", "para"})
    void solana_wallets_are_proven_by_their_base58_address(String profile) {
        MintedToken t = issuer.token(profile).solana().mint();

        assertThat(all().verify(t.token(), t.proof()).wallet().address()).isEqualTo(t.address());
    }

    @Test
    void privy_verifies_with_the_dashboards_verification_key_and_a_linked_accounts_array() {
        WalletVerifier pem = verifier(IssuerProfiles.privy(DevIssuer.DEFAULT_AUDIENCE)
                .withPublicKeyPem(issuer.verificationKey("privy")));
        MintedToken array = issuer.privy().linkedAccountsAsArray().mint();

        assertThat(pem.verify(array.token(), array.proof()).wallet().address()).isEqualTo(array.address());
        MintedToken access = issuer.privy().accessToken().mint();
        VerifiedIdentity id = pem.verify(access.token(), WalletProof.none());
        assertThat(id.sessionId()).isEqualTo(access.claims().get("sid"));
        expect(pem, access.token(), WalletProof.address(array.address()), ErrorCode.CLAIM_MISSING,
                "claim 'linked_accounts' is missing");
        expect(pem, issuer.privy().withoutHeader("typ").mint().token(), WalletProof.none(), ErrorCode.HEADER_INVALID,
                "header 'typ' must be JWT");
    }

    @Test
    void dynamic_accepts_the_documents_issuer_spelling_and_refuses_a_sign_in_waiting_for_mfa() {
        MintedToken documented = issuer.dynamic().documentedIssuer().mint();
        assertThat(documented.issuer()).startsWith("app.dynamic.xyz/");
        assertThat(all().verify(documented.token(), documented.proof()).issuer()).isEqualTo(documented.issuer());

        MintedToken mfa = issuer.dynamic().requiresAdditionalAuth().mint();
        expect(all(), mfa.token(), mfa.proof(), ErrorCode.CLAIM_INVALID, "claim 'scope' holds"
                + " 'requiresAdditionalAuth': the sign-in still requires additional authentication");

        MintedToken access = issuer.dynamic().accessToken().mint();
        assertThat(all().verify(access.token(), WalletProof.none()).sessionId()).isNotBlank();
        expect(all(), access.token(), documented.proof(), ErrorCode.CLAIM_MISSING,
                "claim 'verified_credentials' is missing");
        WalletVerifier pem = verifier(IssuerProfiles.dynamic(DevIssuer.DYNAMIC_ENVIRONMENT_ID,
                DevIssuer.DEFAULT_AUDIENCE).withPublicKeyPem(issuer.verificationKey("dynamic")));
        assertThat(pem.verify(documented.token(), documented.proof()).profile()).isEqualTo("dynamic");
    }

    @Test
    void magic_accepts_its_float_ext_and_refuses_a_wallet_that_is_not_the_signer() {
        MintedToken floatExt = issuer.magic().claim("ext", 1.0000000000016881e21).mint();
        assertThat(all().verify(floatExt.token(), floatExt.proof()).expiresAt())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));

        MintedToken other = issuer.privy().mint();
        expect(all(), issuer.magic().mint().token(), other.proof(), ErrorCode.WALLET_MISMATCH,
                "the client's wallet is not the token's iss");
        expect(all(), issuer.magic().notBefore(NOW.plusSeconds(400)).mint().token(), WalletProof.none(),
                ErrorCode.TOKEN_NOT_YET_VALID, "");
        assertThat(all().verify(issuer.magic().notBefore(NOW.plusSeconds(290)).mint().token(), WalletProof.none())
                .profile()).isEqualTo("magic");
    }

    private static void expect(WalletVerifier v, String token, WalletProof proof, ErrorCode code, String message) {
        WalletVerificationException e = catchThrowableOfType(() -> v.verify(token, proof),
                WalletVerificationException.class);
        assertThat(e).as("rejected").isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e).hasMessageContaining(message);
    }
}
