package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.VerifiedIdentity;
import io.walletgate.Wallet;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every profile's token, minted by the dev issuer, verifies with WalletVerifier using that profile's default
 * settings, its keys fetched over loopback HTTP from the dev issuer, with the right identity and wallet.
 */
class ProfileTokensVerifyTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final VerifiersToClose verifiers = new VerifiersToClose();

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @RegisterExtension
    static final DevIssuerExtension EXTENSION = new DevIssuerExtension(b -> b.clock(CLOCK));

    private final DevIssuer issuer;

    ProfileTokensVerifyTest(DevIssuer issuer) {
        this.issuer = issuer;
    }

    private WalletVerifier verifier(IssuerProfile profile) {
        return verifiers.add(WalletVerifier.builder().issuer(profile).clock(CLOCK).build());
    }

    @ParameterizedTest(name = "{0} wallets, app key on {1}, {2} claim names")
    @CsvSource({"1, secp256k1, current", "1, ed25519, current", "2, secp256k1, current", "2, ed25519, current",
            "4, secp256k1, current", "4, ed25519, current", "1, secp256k1, legacy", "2, ed25519, legacy",
            "4, secp256k1, legacy"})
    void web3auth_social_token_verifies_with_the_app_key_the_frontend_holds(int wallets, String curve, String names) {
        TokenBuilder b = issuer.web3auth().audience("BPi5PB_client").wallets(wallets).curve(curve)
                .subject("carol@example.com");
        MintedToken t = (names.equals("legacy") ? b.legacyClaimNames() : b).mint();

        VerifiedIdentity id = verifier(issuer.profile("web3auth", "BPi5PB_client"))
                .verify(t.token(), WalletProof.appPublicKey(t.appPublicKey()));

        assertThat(id.profile()).isEqualTo("web3auth");
        assertThat(id.issuer()).isEqualTo("https://api-auth.web3auth.io");
        assertThat(id.subject()).isEqualTo("carol@example.com");
        assertThat(id.audience()).containsExactly("BPi5PB_client");
        assertThat(id.keyId()).isEqualTo(issuer.keyIds("web3auth").get(0));
        assertThat(id.wallet().curve()).isEqualTo(curve);
        assertThat(id.wallet().publicKey()).isEqualTo(t.appPublicKey());
        assertThat(id.wallet().address()).isEqualTo(t.address());
        assertThat(id.wallet().type()).isEqualTo(names.equals("legacy") ? "web3auth_key" : "web3auth_app_key");
        assertThat(id.wallets()).hasSize(wallets);
        assertThat(id.wallets()).extracting(Wallet::publicKey)
                .containsExactlyElementsOf(t.wallets().stream().map(DevWallet::publicKey).toList());
        assertThat(id.wallets()).extracting(Wallet::address)
                .containsExactlyElementsOf(t.wallets().stream().map(DevWallet::address).toList());
        assertThat(id.connection()).isEqualTo(names.equals("legacy") ? "torus" : "w3a-google");
        assertThat(id.group()).isEqualTo(names.equals("legacy") ? "tkey-google-lrc" : "w3a-google-sapphire-devnet");
        assertThat(id.expiresAt()).isEqualTo(NOW.plusSeconds(86400));
        if (wallets > 1 && curve.equals("secp256k1")) {
            assertThat(t.wallets().get(0).publicKey()).as("never wallets[0]").isNotEqualTo(t.appPublicKey());
        }
    }

    @Test
    void web3auth_token_carries_the_claims_of_the_providers_sample_token() {
        MintedToken t = issuer.web3auth().audience("client").wallets(4).mint();

        assertThat(t.claims()).containsOnlyKeys("iat", "aud", "nonce", "iss", "wallets", "email", "name",
                "profileImage", "authConnection", "authConnectionId", "userId", "groupedAuthConnectionId", "exp");
        assertThat(t.claims()).doesNotContainKey("sub");
        assertThat(t.header()).containsEntry("alg", "ES256").containsEntry("typ", "JWT");
        assertThat(t.wallets()).extracting(DevWallet::type).containsExactly("web3auth_threshold_key",
                "web3auth_app_key", "web3auth_threshold_key", "web3auth_app_key");
        assertThat(t.wallets()).extracting(DevWallet::curve).containsExactly("secp256k1", "ed25519", "ed25519",
                "secp256k1");
        assertThat(t.appPublicKey()).matches("0[23][0-9a-f]{64}");
        assertThat(t.address()).matches("0x[0-9a-fA-F]{40}");
        assertThat(t.proof()).isEqualTo(WalletProof.appPublicKey(t.appPublicKey()));
        assertThat(t.wallets()).allSatisfy(w -> assertThat(w.privateKey()).matches("[0-9a-f]{64}"));
    }

    @Test
    void web3auth_token_verifies_with_the_profile_pointed_at_the_well_known_path_too() {
        MintedToken t = issuer.web3auth().mint();
        IssuerProfile profile = IssuerProfiles.web3auth(DevIssuer.DEFAULT_AUDIENCE)
                .withJwksUri(issuer.baseUri().resolve("/.well-known/jwks.json"));

        VerifiedIdentity id = verifier(profile).verify(t.token(), t.proof());

        assertThat(id.subject()).isEqualTo("alice@example.com");
        assertThat(id.wallet().address()).isEqualTo(t.address());
    }

    @Test
    void web3auth_legacy_token_verifies_with_the_openlogin_profile() {
        MintedToken t = issuer.web3authLegacy().audience("legacy-client").subject("dan@example.com").mint();

        VerifiedIdentity id = verifier(issuer.profile("web3auth-legacy", "legacy-client"))
                .verify(t.token(), WalletProof.appPublicKey(t.appPublicKey()));

        assertThat(t.claims()).containsEntry("iss", "https://api.openlogin.com").containsKeys("verifier",
                "verifierId", "aggregateVerifier").doesNotContainKeys("userId", "nonce");
        assertThat(id.profile()).isEqualTo("web3auth-legacy");
        assertThat(id.subject()).isEqualTo("dan@example.com");
        assertThat(id.wallet().type()).isEqualTo("web3auth_key");
        assertThat(id.wallet().address()).isEqualTo(t.address());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ethereum", "solana"})
    void web3auth_external_token_verifies_with_the_address_the_wallet_holds(String chain) {
        TokenBuilder b = issuer.web3authExternal().audience("example.com");
        MintedToken t = (chain.equals("solana") ? b.solana() : b.ethereum()).mint();

        VerifiedIdentity id = verifier(issuer.profile("web3auth-external", "example.com"))
                .verify(t.token(), WalletProof.address(t.address()));

        assertThat(id.profile()).isEqualTo("web3auth-external");
        assertThat(id.wallet().type()).isEqualTo(chain);
        assertThat(id.wallet().address()).isEqualTo(t.address());
        assertThat(id.subject()).isEqualTo(t.address());
        assertThat(t.proof()).isEqualTo(WalletProof.address(t.address()));
        assertThat(t.appPublicKey()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) t.claims().get("wallets")).get(0);
        assertThat(entry).containsOnlyKeys("address", "type").containsEntry("type", chain);
        if (chain.equals("solana")) {
            assertThat(t.address()).matches("[1-9A-HJ-NP-Za-km-z]{32,44}");
        }
    }

    @Test
    void web3auth_external_uses_a_different_key_from_the_social_one() {
        MintedToken social = issuer.web3auth().claim("iss", "https://authjs.web3auth.io").mint();

        assertThat(issuer.keyIds("web3auth-external")).doesNotContainAnyElementsOf(issuer.keyIds("web3auth"));
        assertThat(BrokenTokensTest.failure(verifier(issuer.profile("web3auth-external")), social).code().code())
                .isEqualTo("key_not_found");
    }

    @Test
    void sequence_oms_token_verifies_with_the_default_key_url_below_its_issuer() {
        MintedToken t = issuer.sequenceOms().audience("proj_123").mint();
        IssuerProfile profile = IssuerProfiles.sequenceOms(issuer.issuer("sequence-oms"), "proj_123");

        VerifiedIdentity id = verifier(profile).verify(t.token(), WalletProof.none());

        assertThat(profile.jwksUri()).isEqualTo(issuer.jwksUri("sequence-oms"));
        assertThat(t.issuer()).isEqualTo(issuer.baseUri() + "/oms");
        assertThat(id.subject()).isEqualTo(t.claims().get("sub")).startsWith("wlt_");
        assertThat(id.wallet().address()).isEqualTo(t.address()).isEqualTo(t.claims().get("wallet_address"));
        assertThat(t.claims()).containsEntry("wallet_type", "ethereum");
        assertThat(id.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(verifier(issuer.profile("sequence-oms", "proj_123"))
                .verify(t.token(), WalletProof.address(t.address())).subject()).isEqualTo(id.subject());
    }

    @Test
    void sequence_waas_token_is_rs256_and_its_subject_is_the_wallet_address() {
        MintedToken t = issuer.sequenceWaas().audience("https://sequence.build/project/42").mint();

        VerifiedIdentity id = verifier(issuer.profile("sequence-waas", "https://sequence.build/project/42"))
                .verify(t.token(), WalletProof.none());

        assertThat(t.algorithm()).isEqualTo("RS256");
        assertThat(id.issuer()).isEqualTo("https://waas.sequence.app");
        assertThat(id.wallet().address()).isEqualTo(t.address());
        assertThat(t.claims().get("sub")).isEqualTo(t.address().toLowerCase());
    }

    @Test
    void nopwd_token_carries_jti_and_amr_and_its_subject_is_the_email() {
        MintedToken t = issuer.nopwd().audience("mywebsite.com").subject("erin@example.com").mint();

        VerifiedIdentity id = verifier(issuer.profile("nopwd", "mywebsite.com")).verify(t.token(), t.proof());

        assertThat(id.issuer()).isEqualTo("nopwd.io");
        assertThat(id.subject()).isEqualTo("erin@example.com");
        assertThat(id.wallet()).isNull();
        assertThat(t.claims().get("jti")).asString().matches("[0-9a-f-]{36}");
        assertThat(t.claims()).containsEntry("amr", List.of("email"));
    }

    @Test
    void oidc_token_verifies_with_eddsa_by_default_and_keys_found_by_discovery() {
        MintedToken t = issuer.oidc().audience("api").subject("frank").mint();
        IssuerProfile profile = issuer.profile("oidc", "api");

        VerifiedIdentity id = verifier(profile).verify(t.token(), WalletProof.none());

        assertThat(profile.jwksUri()).as("no key URL: discovered from the issuer").isNull();
        assertThat(t.algorithm()).isEqualTo("EdDSA");
        assertThat(id.issuer()).isEqualTo(issuer.baseUri() + "/oidc");
        assertThat(id.subject()).isEqualTo("frank");
        assertThat(id.email()).isEqualTo("alice@example.com");
    }

    @Test
    void oidc_token_verifies_with_es256_when_the_issuer_is_configured_so() {
        try (DevIssuer es256 = DevIssuer.builder().clock(CLOCK).oidcAlgorithm("ES256").start()) {
            MintedToken t = es256.oidc().mint();

            VerifiedIdentity id = verifier(es256.profile("oidc")).verify(t.token(), WalletProof.none());

            assertThat(t.algorithm()).isEqualTo("ES256");
            assertThat(id.subject()).isEqualTo("alice");
        }
    }

    @Test
    void an_embedded_app_key_or_address_is_the_one_in_the_token() {
        MintedToken generated = issuer.web3auth().curve("ed25519").mint();
        MintedToken social = issuer.web3auth().wallets(2).appPublicKey(generated.appPublicKey()).mint();
        MintedToken oms = issuer.sequenceOms().address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").mint();

        assertThat(social.appPublicKey()).isEqualTo(generated.appPublicKey());
        assertThat(social.wallets().get(0).privateKey()).isNull();
        assertThat(verifier(issuer.profile("web3auth")).verify(social.token(), social.proof()).wallet().address())
                .isEqualTo(generated.address());
        assertThat(oms.address()).isEqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        assertThat(verifier(issuer.profile("sequence-oms")).verify(oms.token(), WalletProof.none()).wallet()
                .address()).isEqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    }

    @Test
    void claim_and_header_overrides_apply_last_and_builders_are_immutable() {
        TokenBuilder base = issuer.web3auth().audience("a", "b");
        TokenBuilder changed = base.claim("email", "x@y.z").withoutClaim("nonce").header("typ", "at+jwt")
                .withoutHeader("kid").claim("nested", Map.of("k", List.of(1, 2)));

        MintedToken t = changed.mint();
        MintedToken plain = base.mint();

        assertThat(t.claims()).containsEntry("email", "x@y.z").doesNotContainKey("nonce")
                .containsEntry("nested", Map.of("k", List.of(1, 2))).containsEntry("aud", List.of("a", "b"));
        assertThat(t.audience()).containsExactly("a", "b");
        assertThat(t.header()).containsEntry("typ", "at+jwt").doesNotContainKey("kid");
        assertThat(t.keyId()).isNull();
        assertThat(plain.claims()).containsKey("nonce").containsEntry("email", "alice@example.com");
        assertThat(plain.header()).containsKey("kid");
    }

    @Test
    void times_follow_the_issuers_clock_and_can_be_set() {
        MintedToken t = issuer.nopwd().issuedAt(NOW.minusSeconds(100)).lifetime(java.time.Duration.ofMinutes(5))
                .notBefore(NOW.minusSeconds(50)).mint();
        MintedToken fixed = issuer.nopwd().expiresAt(NOW.plusSeconds(42)).mint();

        assertThat(t.issuedAt()).isEqualTo(NOW.minusSeconds(100));
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(200));
        assertThat(((Number) t.claims().get("nbf")).longValue()).isEqualTo(NOW.minusSeconds(50).getEpochSecond());
        assertThat(fixed.issuedAt()).isEqualTo(NOW);
        assertThat(fixed.expiresAt()).isEqualTo(NOW.plusSeconds(42));
        assertThat(verifier(issuer.profile("nopwd")).verify(t.token(), WalletProof.none()).subject())
                .isEqualTo("alice@example.com");
    }
}
