package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.internal.wallet.WalletKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every issuer profile of docs/architecture.md §3, and each variant its table names, with tokens signed by Nimbus (an
 * implementation independent of ours) and real secp256k1/ed25519 wallet keys, at a fixed clock.
 */
class ProfilesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final long IAT = NOW.getEpochSecond() - 60;
    private static final String CLIENT_ID =
            "BPi5PB_UiIZ-cPz1GtV5i1I2iOSOHuimiXBI0e-Oe_u6X3oVAbCiAZOTEBtTXw4tsluTITPqA8zMsfxIKMjiqNQ";
    /** The EIP-55 specification's own example address. */
    private static final String EIP55 = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    private static final TestIssuer WEB3AUTH_KEY = TestIssuer.create("ES256", "w3a-1");
    private static final TestIssuer LEGACY_ES256 = TestIssuer.create("ES256", "legacy-es");
    private static final TestIssuer LEGACY_RS256 = TestIssuer.create("RS256", "legacy-rs");
    private static final TestIssuer EXTERNAL_KEY = TestIssuer.create("ES256", "ext-1");
    private static final TestIssuer OMS_KEY = TestIssuer.create("ES256", "oms-2025-1");
    private static final TestIssuer WAAS_KEY = TestIssuer.create("RS256", "waas-rsa-1");
    private static final TestIssuer NOPWD_SEPTEMBER = TestIssuer.create("ES256", "nopwd-2025-09");
    private static final TestIssuer NOPWD_OCTOBER = TestIssuer.create("ES256", "nopwd-2025-10");

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private static WalletVerifier verifier(Clock clock, IssuerProfile... profiles) {
        WalletVerifier.Builder b = WalletVerifier.builder().clock(clock);
        for (IssuerProfile p : profiles) {
            b.issuer(p);
        }
        return b.build();
    }

    private static WalletVerifier verifier(IssuerProfile... profiles) {
        return verifier(Clock.fixed(NOW, ZoneOffset.UTC), profiles);
    }

    private static void assertRejected(ThrowingCallable call, ErrorCode code, String fragment) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WalletVerificationException.class, e -> {
            assertThat(e.code()).as("code (message: %s)", e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).contains(fragment);
        });
    }

    private static void assertConfigRejected(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    /** iss, aud, iat = now - 60 s, exp = now + 1 h; nothing else. */
    private static Map<String, Object> base(String iss, Object aud) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", iss);
        c.put("aud", aud);
        c.put("iat", IAT);
        c.put("exp", NOW.getEpochSecond() + 3600);
        return c;
    }

    private static Map<String, Object> keyWallet(String type, String curve, String publicKey) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("public_key", publicKey);
        w.put("type", type);
        w.put("curve", curve);
        return w;
    }

    private static Map<String, Object> addressWallet(String type, String address) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("address", address);
        w.put("type", type);
        return w;
    }

    // derived with BouncyCastle alone, not with the WalletKeys the verifier uses
    private static String ethereumAddress(byte[] compressedKey) {
        return TestWallets.ethereumAddressIndependently(compressedKey);
    }

    private static String upperBody(String address) {
        return "0x" + address.substring(2).toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class Web3Auth {
        static final String ISS = "https://api-auth.web3auth.io";

        private final byte[] appKey = TestWallets.secp256k1(true);
        private final String appHex = TestWallets.hex(appKey);
        private final byte[] edKey = TestWallets.ed25519();
        private final String edHex = TestWallets.hex(edKey);
        private final String thresholdHex = TestWallets.hex(TestWallets.secp256k1(true));
        private final WalletVerifier verifier =
                verifier(IssuerProfiles.web3auth(CLIENT_ID).withJwks(WEB3AUTH_KEY.jwks()));

        private Map<String, Object> secpApp() {
            return keyWallet("web3auth_app_key", "secp256k1", appHex);
        }

        private Map<String, Object> edApp() {
            return keyWallet("web3auth_app_key", "ed25519", edHex);
        }

        /** A current-shape token (userId, authConnectionId, groupedAuthConnectionId) with these wallets. */
        private Map<String, Object> claims(List<Map<String, Object>> wallets) {
            Map<String, Object> c = base(ISS, CLIENT_ID);
            c.put("nonce", "030cb3f1ab9593d987b17cb38afe331561105213");
            c.put("wallets", wallets);
            c.put("email", "alice@example.com");
            c.put("name", "Alice Example");
            c.put("userId", "alice@example.com");
            c.put("authConnectionId", "w3a-google");
            c.put("groupedAuthConnectionId", "web3auth-google-sapphire-mainnet");
            return c;
        }

        private List<Map<String, Object>> fourWallets() {
            return List.of(keyWallet("web3auth_threshold_key", "secp256k1", thresholdHex),
                    keyWallet("web3auth_threshold_key", "ed25519", ""), edApp(), secpApp());
        }

        private VerifiedIdentity verify(Map<String, Object> claims, WalletProof proof) {
            return verifier.verify(WEB3AUTH_KEY.sign(claims), proof);
        }

        @Test
        void reads_current_claim_names_user_id_auth_connection_id_and_grouped_auth_connection_id() {
            Map<String, Object> c = claims(List.of(secpApp()));
            c.put("authConnection", "google"); // present too, but authConnectionId wins
            VerifiedIdentity id = verify(c, WalletProof.appPublicKey(appHex));
            assertThat(id.subject()).isEqualTo("alice@example.com");
            assertThat(id.connection()).isEqualTo("w3a-google");
            assertThat(id.group()).isEqualTo("web3auth-google-sapphire-mainnet");
            assertThat(id.email()).isEqualTo("alice@example.com");
            assertThat(id.name()).isEqualTo("Alice Example");
            assertThat(id.issuer()).isEqualTo(ISS);
            assertThat(id.keyId()).isEqualTo("w3a-1");
        }

        @Test
        void falls_back_to_auth_connection_when_auth_connection_id_is_absent() {
            Map<String, Object> c = claims(List.of(secpApp()));
            c.remove("authConnectionId");
            c.put("authConnection", "web3auth"); // the shape of the current document's sample token
            VerifiedIdentity id = verify(c, WalletProof.appPublicKey(appHex));
            assertThat(id.connection()).isEqualTo("web3auth");
            assertThat(id.subject()).isEqualTo("alice@example.com");
        }

        @Test
        void falls_back_to_legacy_verifier_verifier_id_and_aggregate_verifier() {
            Map<String, Object> c = claims(List.of(secpApp()));
            c.remove("userId");
            c.remove("authConnectionId");
            c.remove("groupedAuthConnectionId");
            c.put("verifier", "torus");
            c.put("verifierId", "bob@example.com");
            c.put("aggregateVerifier", "tkey-google-lrc");
            VerifiedIdentity id = verify(c, WalletProof.appPublicKey(appHex));
            assertThat(id.subject()).isEqualTo("bob@example.com");
            assertThat(id.connection()).isEqualTo("torus");
            assertThat(id.group()).isEqualTo("tkey-google-lrc");
        }

        @Test
        void prefers_current_claim_names_over_legacy_ones_when_both_are_present() {
            Map<String, Object> c = claims(List.of(secpApp()));
            c.put("verifier", "torus");
            c.put("verifierId", "legacy-id");
            c.put("aggregateVerifier", "tkey-google-lrc");
            VerifiedIdentity id = verify(c, WalletProof.appPublicKey(appHex));
            assertThat(id.subject()).isEqualTo("alice@example.com");
            assertThat(id.connection()).isEqualTo("w3a-google");
            assertThat(id.group()).isEqualTo("web3auth-google-sapphire-mainnet");
        }

        @Test
        void rejects_a_token_naming_no_user_with_claim_missing() {
            Map<String, Object> c = claims(List.of(secpApp()));
            c.remove("userId");
            assertRejected(() -> verify(c, WalletProof.appPublicKey(appHex)), ErrorCode.CLAIM_MISSING,
                    "claim 'userId' or 'verifierId' or 'sub' is missing");
        }

        @ParameterizedTest(name = "{0} wallet(s)")
        @ValueSource(ints = {1, 2, 4})
        void matches_the_app_key_wherever_it_sits_in_wallets(int count) {
            List<Map<String, Object>> wallets = count == 1 ? List.of(secpApp())
                    : count == 2 ? List.of(edApp(), secpApp()) : fourWallets();
            VerifiedIdentity id = verify(claims(wallets), WalletProof.appPublicKey(appHex));
            assertThat(id.wallets()).hasSize(count);
            assertThat(id.wallet()).isEqualTo(id.wallets().get(count - 1));
            assertThat(id.wallet()).isEqualTo(
                    new Wallet("web3auth_app_key", "secp256k1", appHex, ethereumAddress(appKey)));
            if (count > 1) {
                assertThat(id.wallets().get(0)).isNotEqualTo(id.wallet());
            }
        }

        @Test
        void skips_an_entry_whose_public_key_is_empty() {
            List<Map<String, Object>> wallets = List.of(keyWallet("web3auth_app_key", "secp256k1", ""), secpApp());
            VerifiedIdentity id = verify(claims(wallets), WalletProof.appPublicKey(appHex));
            assertThat(id.wallet().publicKey()).isEqualTo(appHex);
            assertThat(id.wallets().get(0).publicKey()).isEmpty();
            assertThat(id.wallets().get(0).address()).isNull();
        }

        @Test
        void rejects_a_proof_equal_to_the_threshold_key_with_wallet_mismatch() {
            String token = WEB3AUTH_KEY.sign(claims(fourWallets()));
            assertRejected(() -> verifier.verify(token, WalletProof.appPublicKey(thresholdHex)),
                    ErrorCode.WALLET_MISMATCH, "the client's wallet is none of the token's app keys");
            String thresholdAddress = ethereumAddress(WalletKeys.parseHex(thresholdHex));
            assertRejected(() -> verifier.verify(token, WalletProof.address(thresholdAddress)),
                    ErrorCode.WALLET_MISMATCH, "none of the token's app keys");
        }

        @Test
        void proves_an_ed25519_app_key_by_hex() {
            for (String proof : List.of(edHex, "0x" + edHex.toUpperCase(Locale.ROOT))) {
                VerifiedIdentity id = verify(claims(fourWallets()), WalletProof.appPublicKey(proof));
                assertThat(id.wallet()).isEqualTo(
                        new Wallet("web3auth_app_key", "ed25519", edHex, WalletKeys.solanaAddress(edKey)));
            }
        }

        @Test
        void proves_an_ed25519_app_key_by_its_base58_solana_address() {
            String solana = WalletKeys.solanaAddress(edKey);
            for (WalletProof proof : List.of(WalletProof.appPublicKey(solana), WalletProof.address(solana))) {
                VerifiedIdentity id = verify(claims(List.of(secpApp(), edApp())), proof);
                assertThat(id.wallet().curve()).isEqualTo("ed25519");
                assertThat(id.wallet().address()).isEqualTo(solana);
            }
        }

        @Test
        void proves_a_secp256k1_app_key_by_its_ethereum_address() {
            String address = ethereumAddress(appKey);
            for (String proof : List.of(address, address.toLowerCase(Locale.ROOT), upperBody(address))) {
                VerifiedIdentity id = verify(claims(fourWallets()), WalletProof.address(proof));
                assertThat(id.wallet().publicKey()).isEqualTo(appHex);
                assertThat(id.wallet().address()).isEqualTo(address);
            }
        }

        @Test
        void rejects_the_ethereum_address_of_another_key_with_wallet_mismatch() {
            String other = ethereumAddress(TestWallets.secp256k1(true));
            assertRejected(() -> verify(claims(fourWallets()), WalletProof.address(other)),
                    ErrorCode.WALLET_MISMATCH, "none of the token's app keys");
        }

        @Test
        void rejects_an_ed25519_key_that_is_not_the_tokens_with_wallet_mismatch() {
            String other = TestWallets.hex(TestWallets.ed25519());
            assertRejected(() -> verify(claims(fourWallets()), WalletProof.appPublicKey(other)),
                    ErrorCode.WALLET_MISMATCH, "none of the token's app keys");
        }

        @Test
        void compares_keys_as_points_when_the_token_holds_the_uncompressed_form() {
            String uncompressed = TestWallets.hex(TestWallets.secp256k1Other(appKey));
            VerifiedIdentity id = verify(claims(List.of(keyWallet("web3auth_app_key", "secp256k1", uncompressed))),
                    WalletProof.appPublicKey(appHex));
            assertThat(id.wallet().publicKey()).isEqualTo(appHex);
        }

        @Test
        void compares_keys_as_points_when_the_client_sends_the_uncompressed_form() {
            String uncompressed = TestWallets.hex(TestWallets.secp256k1Other(appKey));
            VerifiedIdentity id = verify(claims(List.of(secpApp())), WalletProof.appPublicKey("0x" + uncompressed));
            assertThat(id.wallet()).isEqualTo(
                    new Wallet("web3auth_app_key", "secp256k1", appHex, ethereumAddress(appKey)));
        }

        @Test
        void rejects_an_uncompressed_token_key_off_the_curve_that_shares_the_proofs_x_with_wallet_mismatch() {
            // The same X with another Y is no point of the curve: only the proof's X would match (the sample's bug).
            byte[] offCurve = TestWallets.secp256k1Other(appKey);
            offCurve[64] ^= 1;
            List<Map<String, Object>> wallets = List.of(keyWallet("web3auth_app_key", "secp256k1",
                    TestWallets.hex(offCurve)));
            assertRejected(() -> verify(claims(wallets), WalletProof.appPublicKey(appHex)),
                    ErrorCode.WALLET_MISMATCH, "none of the token's app keys");
            VerifiedIdentity id = verify(claims(wallets), WalletProof.none());
            assertThat(id.wallets().get(0).address()).isNull();
            assertThat(id.wallets().get(0).publicKey()).isEqualTo(TestWallets.hex(offCurve));
        }

        @Test
        void rejects_a_proof_off_the_curve_with_wallet_proof_invalid_even_when_the_token_holds_the_same_bytes() {
            String offCurve = TestWallets.hex(TestWallets.secp256k1OffCurve());
            assertRejected(() -> verify(claims(List.of(keyWallet("web3auth_app_key", "secp256k1", offCurve))),
                    WalletProof.appPublicKey(offCurve)), ErrorCode.WALLET_PROOF_INVALID, "not a point on secp256k1");
        }

        @Test
        void rejects_a_solana_address_equal_to_a_token_key_that_is_no_ed25519_point_with_wallet_mismatch() {
            byte[] notAPoint = TestWallets.ed25519OffCurve();
            List<Map<String, Object>> wallets = List.of(keyWallet("web3auth_app_key", "ed25519",
                    TestWallets.hex(notAPoint)));
            assertRejected(() -> verify(claims(wallets), WalletProof.address(WalletKeys.solanaAddress(notAPoint))),
                    ErrorCode.WALLET_MISMATCH, "none of the token's app keys");
        }

        @Test
        void lists_the_tokens_wallets_immutably_and_the_same_on_every_read() {
            String token = WEB3AUTH_KEY.sign(claims(fourWallets()));
            VerifiedIdentity first = verifier.verify(token, WalletProof.appPublicKey(appHex));
            VerifiedIdentity cached = verifier.verify(token, WalletProof.none());
            assertThat(cached.wallets()).isEqualTo(first.wallets()).hasSize(4);
            assertThat(first.wallets().get(3)).isSameAs(first.wallet()); // the proven entry, derived once
            assertThat(first.wallets().get(2)).isEqualTo(
                    new Wallet("web3auth_app_key", "ed25519", edHex, WalletKeys.solanaAddress(edKey)));
            assertThatThrownBy(() -> first.wallets().add(first.wallet()))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> first.wallets().set(0, first.wallet()))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void reads_an_entry_without_curve_as_secp256k1_the_documented_default() {
            Map<String, Object> entry = new LinkedHashMap<>(secpApp());
            entry.remove("curve");
            VerifiedIdentity id = verify(claims(List.of(entry)), WalletProof.appPublicKey(appHex));
            assertThat(id.wallet().curve()).isEqualTo("secp256k1");
            assertThat(id.wallet().address()).isEqualTo(ethereumAddress(appKey));
        }

        @Test
        void accepts_the_legacy_web3auth_key_type() {
            VerifiedIdentity id = verify(claims(List.of(keyWallet("web3auth_key", "secp256k1", appHex))),
                    WalletProof.appPublicKey(appHex));
            assertThat(id.wallet().type()).isEqualTo("web3auth_key");
        }

        @Test
        void without_a_proof_proves_no_wallet_but_lists_every_wallet() {
            VerifiedIdentity id = verify(claims(fourWallets()), WalletProof.none());
            assertThat(id.wallet()).isNull();
            assertThat(id.wallets()).extracting(Wallet::type).containsExactly("web3auth_threshold_key",
                    "web3auth_threshold_key", "web3auth_app_key", "web3auth_app_key");
        }

        @Test
        void rejects_another_projects_token_with_audience_mismatch() {
            // All projects share one signing key: only aud tells them apart.
            Map<String, Object> c = claims(List.of(secpApp()));
            c.put("aud", "BAnotherProjectClientId");
            assertRejected(() -> verify(c, WalletProof.appPublicKey(appHex)), ErrorCode.AUDIENCE_MISMATCH,
                    "token audience [BAnotherProjectClientId] does not include the configured audience");
        }

        @Test
        void rejects_rs256_with_alg_not_allowed() {
            String token = TestIssuer.create("RS256", "w3a-1").sign(claims(List.of(secpApp())));
            assertRejected(() -> verifier.verify(token, WalletProof.appPublicKey(appHex)),
                    ErrorCode.ALG_NOT_ALLOWED,
                    "algorithm 'RS256' is not allowed for issuer 'web3auth' (allowed: ES256)");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class Web3AuthLegacy {
        static final String ISS = "https://api.openlogin.com";

        private final byte[] appKey = TestWallets.secp256k1(true);
        private final String appHex = TestWallets.hex(appKey);
        private final String jwks = TestIssuer.jwks(LEGACY_ES256, LEGACY_RS256);

        private Map<String, Object> claims(String iss) {
            Map<String, Object> c = base(iss, CLIENT_ID);
            c.put("wallets", List.of(keyWallet("web3auth_key", "secp256k1", appHex)));
            c.put("email", "bob@example.com");
            c.put("verifier", "torus");
            c.put("verifierId", "bob@example.com");
            c.put("aggregateVerifier", "tkey-google-lrc");
            return c;
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"https://api.openlogin.com", "https://api.openlogin.com/"})
        void accepts_iss_with_and_without_trailing_slash(String iss) {
            VerifiedIdentity id = verifier(IssuerProfiles.web3authLegacy(CLIENT_ID).withJwks(jwks))
                    .verify(LEGACY_ES256.sign(claims(iss)), WalletProof.appPublicKey(appHex));
            assertThat(id.issuer()).isEqualTo(iss);
            assertThat(id.profile()).isEqualTo("web3auth-legacy");
            assertThat(id.subject()).isEqualTo("bob@example.com");
            assertThat(id.connection()).isEqualTo("torus");
            assertThat(id.wallet()).isEqualTo(new Wallet("web3auth_key", "secp256k1", appHex,
                    ethereumAddress(appKey)));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"http://api.openlogin.com", "https://api.openlogin.com//", "api.openlogin.com"})
        void rejects_other_spellings_of_the_issuer_with_issuer_unknown(String iss) {
            WalletVerifier v = verifier(IssuerProfiles.web3authLegacy(CLIENT_ID).withJwks(jwks));
            assertRejected(() -> v.verify(LEGACY_ES256.sign(claims(iss)), WalletProof.none()),
                    ErrorCode.ISSUER_UNKNOWN, "issuer '" + iss + "' is not configured");
        }

        @Test
        void rejects_rs256_by_default_with_alg_not_allowed() {
            WalletVerifier v = verifier(IssuerProfiles.web3authLegacy(CLIENT_ID).withJwks(jwks));
            assertRejected(() -> v.verify(LEGACY_RS256.sign(claims(ISS)), WalletProof.appPublicKey(appHex)),
                    ErrorCode.ALG_NOT_ALLOWED,
                    "algorithm 'RS256' is not allowed for issuer 'web3auth-legacy' (allowed: ES256)");
        }

        @Test
        void accepts_rs256_once_configured_with_algorithms_es256_and_rs256() {
            WalletVerifier v = verifier(IssuerProfiles.web3authLegacy(CLIENT_ID).withAlgorithms("ES256", "RS256")
                    .withJwks(jwks));
            VerifiedIdentity rs = v.verify(LEGACY_RS256.sign(claims(ISS)), WalletProof.appPublicKey(appHex));
            assertThat(rs.keyId()).isEqualTo("legacy-rs");
            assertThat(rs.wallet().publicKey()).isEqualTo(appHex);
            VerifiedIdentity es = v.verify(LEGACY_ES256.sign(claims(ISS + "/")), WalletProof.appPublicKey(appHex));
            assertThat(es.keyId()).isEqualTo("legacy-es");
        }

        @Test
        void rejects_an_rs256_token_naming_the_ec_keys_kid_with_key_not_found() {
            WalletVerifier v = verifier(IssuerProfiles.web3authLegacy(CLIENT_ID).withAlgorithms("ES256", "RS256")
                    .withJwks(jwks));
            String token = LEGACY_RS256.sign(claims(ISS), h -> h.keyID("legacy-es"));
            assertRejected(() -> v.verify(token, WalletProof.appPublicKey(appHex)), ErrorCode.KEY_NOT_FOUND,
                    "key 'legacy-es' at static JWKS cannot verify RS256");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class Web3AuthExternal {
        static final String ISS = "https://authjs.web3auth.io";
        static final String AUD = "example.com";

        private final WalletVerifier verifier =
                verifier(IssuerProfiles.web3authExternal(AUD).withJwks(EXTERNAL_KEY.jwks()));
        private final String solana = WalletKeys.solanaAddress(TestWallets.ed25519());

        @SafeVarargs
        private String token(String iss, Map<String, Object>... wallets) {
            Map<String, Object> c = base(iss, AUD);
            c.put("wallets", List.of(wallets));
            return EXTERNAL_KEY.sign(c);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", // EIP-55
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", // lower case
            "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", // upper-case body
        })
        void accepts_the_ethereum_address_in_eip55_or_one_case(String proof) {
            VerifiedIdentity id = verifier.verify(token(ISS, addressWallet("ethereum", EIP55)),
                    WalletProof.address(proof));
            assertThat(id.wallet()).isEqualTo(new Wallet("ethereum", null, null, EIP55));
            assertThat(id.subject()).as("no user id in the token: the wallet is the user").isEqualTo(EIP55);
            assertThat(id.profile()).isEqualTo("web3auth-external");
        }

        @Test
        void compares_the_tokens_ethereum_address_case_insensitively() {
            VerifiedIdentity id = verifier.verify(
                    token(ISS, addressWallet("ethereum", EIP55.toLowerCase(Locale.ROOT))), WalletProof.address(EIP55));
            assertThat(id.wallet().address()).isEqualTo(EIP55);
        }

        @Test
        void accepts_the_solana_address_exactly() {
            VerifiedIdentity id = verifier.verify(
                    token(ISS, addressWallet("solana", solana), addressWallet("ethereum", EIP55)),
                    WalletProof.address(solana));
            assertThat(id.wallet()).isEqualTo(new Wallet("solana", null, null, solana));
        }

        @Test
        void finds_the_ethereum_wallet_when_it_is_not_the_first() {
            VerifiedIdentity id = verifier.verify(
                    token(ISS, addressWallet("solana", solana), addressWallet("ethereum", EIP55)),
                    WalletProof.address(EIP55));
            assertThat(id.wallet().type()).isEqualTo("ethereum");
            assertThat(id.wallets()).hasSize(2);
        }

        @Test
        void rejects_another_solana_address_with_wallet_mismatch() {
            String other = WalletKeys.solanaAddress(TestWallets.ed25519());
            assertRejected(() -> verifier.verify(token(ISS, addressWallet("solana", solana)),
                    WalletProof.address(other)), ErrorCode.WALLET_MISMATCH,
                    "the client's address is none of the token's wallets");
        }

        @Test
        void rejects_another_ethereum_address_with_wallet_mismatch() {
            assertRejected(() -> verifier.verify(token(ISS, addressWallet("ethereum", EIP55)),
                    WalletProof.address("0x0000000000000000000000000000000000000001")), ErrorCode.WALLET_MISMATCH,
                    "none of the token's wallets");
        }

        @Test
        void accepts_the_metamask_connector_iss_only_when_configured() {
            String token = token("metamask", addressWallet("ethereum", EIP55));
            assertRejected(() -> verifier.verify(token, WalletProof.address(EIP55)), ErrorCode.ISSUER_UNKNOWN,
                    "issuer 'metamask' is not configured");

            WalletVerifier withConnector = verifier(IssuerProfiles.web3authExternal(AUD).withConnectors("metamask")
                    .withJwks(EXTERNAL_KEY.jwks()));
            VerifiedIdentity id = withConnector.verify(token, WalletProof.address(EIP55));
            assertThat(id.issuer()).isEqualTo("metamask");
            assertThat(id.wallet().address()).isEqualTo(EIP55);
            assertRejected(() -> withConnector.verify(token("phantom", addressWallet("ethereum", EIP55)),
                    WalletProof.address(EIP55)), ErrorCode.ISSUER_UNKNOWN, "issuer 'phantom' is not configured");
        }

        @Test
        void accepts_a_secp256k1_key_whose_derived_address_is_the_tokens() {
            byte[] key = TestWallets.secp256k1(false);
            byte[] compressed = TestWallets.secp256k1Other(key);
            String address = ethereumAddress(compressed);
            VerifiedIdentity id = verifier.verify(token(ISS, addressWallet("ethereum", address)),
                    WalletProof.appPublicKey(TestWallets.hex(key)));
            assertThat(id.wallet().address()).isEqualTo(address);

            String otherKey = TestWallets.hex(TestWallets.secp256k1(true));
            assertRejected(() -> verifier.verify(token(ISS, addressWallet("ethereum", address)),
                    WalletProof.appPublicKey(otherKey)), ErrorCode.WALLET_MISMATCH, "none of the token's wallets");
        }

        @Test
        void rejects_a_token_signed_by_the_social_key_with_key_not_found() {
            // External wallets have their own key set; the social login key must not verify them.
            Map<String, Object> c = base(ISS, AUD);
            c.put("wallets", List.of(addressWallet("ethereum", EIP55)));
            assertRejected(() -> verifier.verify(WEB3AUTH_KEY.sign(c), WalletProof.address(EIP55)),
                    ErrorCode.KEY_NOT_FOUND, "no key with id 'w3a-1'");
        }

        @Test
        void refuses_connectors_on_another_profile() {
            assertConfigRejected(() -> IssuerProfiles.web3auth(CLIENT_ID).withConnectors("metamask"),
                    "connectors apply to the web3auth-external profile only", "web3auth");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class SequenceOms {
        static final String ISS = "https://oms.example.com/tenant/a";
        static final String PROJECT = "proj_123";
        static final String WALLET_ID = "wlt_01HXYZ";

        private final WalletVerifier verifier =
                verifier(IssuerProfiles.sequenceOms(ISS, PROJECT).withJwks(OMS_KEY.jwks()));

        /** The token {@code getIdToken({ttlSeconds: 300})} returns. */
        private Map<String, Object> claims() {
            Map<String, Object> c = base(ISS, PROJECT);
            c.put("sub", WALLET_ID);
            c.put("wallet_address", EIP55);
            c.put("wallet_type", "ethereum");
            c.put("email", "carol@example.com");
            c.put("exp", IAT + 300);
            return c;
        }

        private VerifiedIdentity verify(Map<String, Object> claims, WalletProof proof) {
            return verifier.verify(OMS_KEY.sign(claims), proof);
        }

        private void assertValid(VerifiedIdentity id) {
            assertThat(id.subject()).isEqualTo(WALLET_ID);
            assertThat(id.wallet()).isEqualTo(new Wallet("ethereum", null, null, EIP55));
            assertThat(id.wallets()).containsExactly(id.wallet());
            assertThat(id.email()).isEqualTo("carol@example.com");
            assertThat(id.profile()).isEqualTo("sequence-oms");
            assertThat(id.keyId()).isEqualTo("oms-2025-1");
        }

        @Test
        void accepts_aud_as_a_string() {
            VerifiedIdentity id = verify(claims(), WalletProof.none());
            assertValid(id);
            assertThat(id.audience()).containsExactly(PROJECT);
        }

        @Test
        void accepts_aud_as_an_array_containing_the_project() {
            Map<String, Object> c = claims();
            c.put("aud", List.of("other-project", PROJECT));
            VerifiedIdentity id = verify(c, WalletProof.none());
            assertValid(id);
            assertThat(id.audience()).containsExactly("other-project", PROJECT);
        }

        @Test
        void rejects_an_aud_array_without_the_project_with_audience_mismatch() {
            Map<String, Object> c = claims();
            c.put("aud", List.of("other-project", "third-project"));
            assertRejected(() -> verify(c, WalletProof.none()), ErrorCode.AUDIENCE_MISMATCH,
                    "does not include the configured audience");
        }

        @Test
        void accepts_the_clients_matching_address_in_any_case() {
            assertValid(verify(claims(), WalletProof.address(EIP55.toLowerCase(Locale.ROOT))));
            assertValid(verify(claims(), WalletProof.address(EIP55)));
        }

        @Test
        void accepts_a_client_key_whose_address_is_the_wallet_address() {
            byte[] key = TestWallets.secp256k1(true);
            Map<String, Object> c = claims();
            c.put("wallet_address", ethereumAddress(key).toLowerCase(Locale.ROOT));
            VerifiedIdentity id = verify(c, WalletProof.appPublicKey(TestWallets.hex(key)));
            assertThat(id.wallet().address()).isEqualTo(ethereumAddress(key));
        }

        @Test
        void rejects_an_empty_sub_with_claim_invalid() {
            Map<String, Object> c = claims();
            c.put("sub", "");
            assertRejected(() -> verify(c, WalletProof.none()), ErrorCode.CLAIM_INVALID, "claim 'sub' is empty");
        }

        @Test
        void rejects_a_missing_sub_with_claim_missing() {
            Map<String, Object> c = claims();
            c.remove("sub");
            assertRejected(() -> verify(c, WalletProof.none()), ErrorCode.CLAIM_MISSING, "claim 'sub' is missing");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"solana", "Ethereum", "evm", ""})
        void rejects_a_wallet_type_other_than_ethereum_with_claim_invalid(String type) {
            Map<String, Object> c = claims();
            c.put("wallet_type", type);
            assertRejected(() -> verify(c, WalletProof.none()), ErrorCode.CLAIM_INVALID,
                    "claim 'wallet_type' must be 'ethereum'");
        }

        @Test
        void rejects_a_missing_wallet_type_with_claim_missing() {
            Map<String, Object> c = claims();
            c.remove("wallet_type");
            assertRejected(() -> verify(c, WalletProof.none()), ErrorCode.CLAIM_MISSING,
                    "claim 'wallet_type' is missing");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
            "0x1234",
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",       // no 0x
            "0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",     // ^0x is lower-case in the document's pattern
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeZ",     // not hex
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00",   // 21 bytes
            " 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",     // padded
            "",
        })
        void rejects_a_malformed_wallet_address_with_claim_invalid(String address) {
            Map<String, Object> c = claims();
            c.put("wallet_address", address);
            assertRejected(() -> verify(c, WalletProof.none()), ErrorCode.CLAIM_INVALID,
                    "claim 'wallet_address' is not an Ethereum address");
        }

        @Test
        void rejects_a_wallet_address_that_is_not_a_string_with_claim_invalid() {
            Map<String, Object> c = claims();
            c.put("wallet_address", 42L);
            assertRejected(() -> verify(c, WalletProof.none()), ErrorCode.CLAIM_INVALID,
                    "claim 'wallet_address' is not an Ethereum address");
        }

        @Test
        void rejects_a_client_address_that_is_not_the_wallet_address_with_wallet_mismatch() {
            assertRejected(() -> verify(claims(), WalletProof.address("0x0000000000000000000000000000000000000001")),
                    ErrorCode.WALLET_MISMATCH, "the client's wallet is not the token's wallet_address");
        }

        @Test
        void accepts_only_the_exact_configured_iss() {
            Map<String, Object> c = claims();
            c.put("iss", ISS + "/");
            assertRejected(() -> verify(c, WalletProof.none()), ErrorCode.ISSUER_UNKNOWN,
                    "issuer 'https://oms.example.com/tenant/a/' is not configured");
        }

        @Test
        void rejects_the_short_lived_token_past_its_300_seconds_and_the_skew() {
            Instant late = Instant.ofEpochSecond(IAT + 300 + 60 + 1);
            WalletVerifier v = verifier(Clock.fixed(late, ZoneOffset.UTC),
                    IssuerProfiles.sequenceOms(ISS, PROJECT).withJwks(OMS_KEY.jwks()));
            assertRejected(() -> v.verify(OMS_KEY.sign(claims()), WalletProof.none()), ErrorCode.TOKEN_EXPIRED,
                    "token expired at " + Instant.ofEpochSecond(IAT + 300));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"https://oms.example.com/tenant/a", "https://oms.example.com/tenant/a/"})
        void jwks_url_follows_the_documents_template_keeping_the_issuer_path(String issuer) {
            assertThat(IssuerProfiles.sequenceOms(issuer, "p").jwksUri())
                    .isEqualTo(URI.create("https://oms.example.com/tenant/a/.well-known/jwks.json"));
        }

        @Test
        void jwks_url_of_an_issuer_without_path_and_of_a_loopback_issuer() {
            assertThat(IssuerProfiles.sequenceOms("https://oms.example.com", "p").jwksUri())
                    .isEqualTo(URI.create("https://oms.example.com/.well-known/jwks.json"));
            assertThat(IssuerProfiles.sequenceOms("http://127.0.0.1:8545/oms/v1", "p").jwksUri())
                    .isEqualTo(URI.create("http://127.0.0.1:8545/oms/v1/.well-known/jwks.json"));
            assertThat(IssuerProfiles.sequenceOms("http://localhost:8080", "p").jwksUri())
                    .isEqualTo(URI.create("http://localhost:8080/.well-known/jwks.json"));
        }

        @Test
        void jwks_url_may_be_overridden_with_the_sample_codes_form() {
            URI root = URI.create("https://oms.example.com/.well-known/jwks.json");
            assertThat(IssuerProfiles.sequenceOms(ISS, "p").withJwksUri(root).jwksUri()).isEqualTo(root);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"http://oms.example.com", "http://10.0.0.5/oms", "ftp://oms.example.com",
            "oms.example.com"})
        void refuses_a_non_https_non_loopback_issuer_at_configuration(String issuer) {
            assertConfigRejected(() -> IssuerProfiles.sequenceOms(issuer, "p"), "issuer (OMS_TOKEN_ISSUER)",
                    issuer);
        }

        @Test
        void refuses_an_empty_project_id_at_configuration() {
            assertConfigRejected(() -> IssuerProfiles.sequenceOms(ISS, " "), "audience (OMS_PROJECT_ID)");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class SequenceWaas {
        static final String ISS = "https://waas.sequence.app";
        static final String AUD = "https://sequence.build/project/42";

        private final WalletVerifier verifier = verifier(IssuerProfiles.sequenceWaas(AUD).withJwks(WAAS_KEY.jwks()));

        private Map<String, Object> claims(String sub) {
            Map<String, Object> c = base(ISS, AUD);
            c.put("sub", sub);
            return c;
        }

        @Test
        void accepts_rs256_with_sub_as_the_wallet_address() {
            String sub = EIP55.toLowerCase(Locale.ROOT);
            VerifiedIdentity id = verifier.verify(WAAS_KEY.sign(claims(sub)), WalletProof.none());
            assertThat(id.subject()).isEqualTo(sub);
            assertThat(id.wallet()).isEqualTo(new Wallet("ethereum", null, null, EIP55));
            assertThat(id.keyId()).isEqualTo("waas-rsa-1");
            assertThat(id.profile()).isEqualTo("sequence-waas");
        }

        @Test
        void checks_a_client_address_against_sub() {
            assertThat(verifier.verify(WAAS_KEY.sign(claims(EIP55)), WalletProof.address(EIP55)).wallet().address())
                    .isEqualTo(EIP55);
            assertRejected(() -> verifier.verify(WAAS_KEY.sign(claims(EIP55)),
                    WalletProof.address("0x0000000000000000000000000000000000000001")), ErrorCode.WALLET_MISMATCH,
                    "the client's wallet is not the token's sub");
        }

        @Test
        void rejects_es256_with_alg_not_allowed() {
            String token = TestIssuer.create("ES256", "waas-rsa-1").sign(claims(EIP55));
            assertRejected(() -> verifier.verify(token, WalletProof.none()), ErrorCode.ALG_NOT_ALLOWED,
                    "algorithm 'ES256' is not allowed for issuer 'sequence-waas' (allowed: RS256)");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"wlt_01HXYZ", "user@example.com", "0x1234"})
        void rejects_a_sub_that_is_not_an_address_with_claim_invalid(String sub) {
            assertRejected(() -> verifier.verify(WAAS_KEY.sign(claims(sub)), WalletProof.none()),
                    ErrorCode.CLAIM_INVALID, "claim 'sub' is not an Ethereum address");
        }

        @Test
        void accepts_the_documents_audience_form_when_configured_beside_the_codes() {
            String docs = "https://api.sequence.build/project/42";
            WalletVerifier v = verifier(IssuerProfiles.sequenceWaas(AUD).withAudience(AUD, docs)
                    .withJwks(WAAS_KEY.jwks()));
            Map<String, Object> c = claims(EIP55);
            c.put("aud", docs);
            assertThat(v.verify(WAAS_KEY.sign(c), WalletProof.none()).audience()).containsExactly(docs);
            assertRejected(() -> verifier.verify(WAAS_KEY.sign(c), WalletProof.none()), ErrorCode.AUDIENCE_MISMATCH,
                    "does not include the configured audience");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class NoPwd {
        static final String ISS = "nopwd.io";
        static final String DOMAIN = "mywebsite.com";

        private final String jwks = TestIssuer.jwks(NOPWD_SEPTEMBER, NOPWD_OCTOBER);
        private final WalletVerifier verifier = verifier(IssuerProfiles.nopwd(DOMAIN).withJwks(jwks));

        private Map<String, Object> claims() {
            Map<String, Object> c = base(ISS, DOMAIN);
            c.put("sub", "dave@example.com");
            c.put("jti", "6f1c2c1e-8d3b-4e53-9d9b-0d5c3c1b1a7e");
            c.put("amr", List.of("email"));
            return c;
        }

        @Test
        void its_key_set_has_two_keys_without_alg_or_use() {
            assertThat(jwks).doesNotContain("\"alg\"").doesNotContain("\"use\"");
            assertThat(Fixtures.objects(Fixtures.parseJson(jwks), "keys")).hasSize(2);
        }

        @Test
        void verifies_tokens_of_both_keys_of_a_rotation() {
            for (TestIssuer key : List.of(NOPWD_SEPTEMBER, NOPWD_OCTOBER)) {
                VerifiedIdentity id = verifier.verify(key.sign(claims()), WalletProof.none());
                assertThat(id.keyId()).isEqualTo(key.kid());
                assertThat(id.subject()).isEqualTo("dave@example.com");
                assertThat(id.email()).isEqualTo("dave@example.com");
                assertThat(id.wallet()).isNull();
                assertThat(id.wallets()).isEmpty();
                assertThat(id.claims()).containsEntry("jti", "6f1c2c1e-8d3b-4e53-9d9b-0d5c3c1b1a7e")
                        .containsKey("amr");
            }
        }

        @Test
        void rejects_a_token_of_a_key_not_in_the_set_with_key_not_found() {
            String token = TestIssuer.create("ES256", "nopwd-2025-11").sign(claims());
            assertRejected(() -> verifier.verify(token, WalletProof.none()), ErrorCode.KEY_NOT_FOUND,
                    "no key with id 'nopwd-2025-11'");
        }

        @Test
        void rejects_any_wallet_proof_with_wallet_mismatch() {
            String token = NOPWD_OCTOBER.sign(claims());
            List<WalletProof> proofs = List.of(
                    WalletProof.appPublicKey(TestWallets.hex(TestWallets.secp256k1(true))),
                    WalletProof.appPublicKey(TestWallets.hex(TestWallets.ed25519())),
                    WalletProof.address(EIP55),
                    WalletProof.address(WalletKeys.solanaAddress(TestWallets.ed25519())));
            for (WalletProof proof : proofs) {
                assertRejected(() -> verifier.verify(token, proof), ErrorCode.WALLET_MISMATCH,
                        "this issuer's tokens name no wallet");
            }
        }

        @Test
        void rejects_an_audience_that_is_not_the_bare_domain_with_audience_mismatch() {
            Map<String, Object> c = claims();
            c.put("aud", "https://mywebsite.com");
            assertRejected(() -> verifier.verify(NOPWD_SEPTEMBER.sign(c), WalletProof.none()),
                    ErrorCode.AUDIENCE_MISMATCH, "token audience [https://mywebsite.com] does not include");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class Oidc {
        static final String ISS = "https://login.example.com";

        private IssuerProfile profile(TestIssuer key, String alg) {
            return IssuerProfiles.oidc(ISS).withAudience("api").withAlgorithms(alg).withJwks(key.jwks());
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"ES256", "ES384", "RS256", "PS256", "EdDSA"})
        void verifies_each_configurable_algorithm(String alg) {
            TestIssuer key = TestIssuer.create(alg, "k-" + alg);
            Map<String, Object> c = TestIssuer.claims(ISS, "api", NOW);
            c.put("email", "eve@example.com");
            VerifiedIdentity id = verifier(profile(key, alg)).verify(key.sign(c), WalletProof.none());
            assertThat(id.subject()).isEqualTo("user-1");
            assertThat(id.email()).isEqualTo("eve@example.com");
            assertThat(id.keyId()).isEqualTo("k-" + alg);
            assertThat(id.profile()).isEqualTo("oidc");
            assertThat(id.wallet()).isNull();
        }

        @Test
        void rejects_an_algorithm_outside_the_configured_list_with_alg_not_allowed() {
            TestIssuer key = TestIssuer.create("EdDSA", "k-1");
            WalletVerifier v = verifier(IssuerProfiles.oidc(ISS).withAudience("api").withAlgorithms("ES256", "RS256")
                    .withJwks(key.jwks()));
            assertRejected(() -> v.verify(key.sign(TestIssuer.claims(ISS, "api", NOW)), WalletProof.none()),
                    ErrorCode.ALG_NOT_ALLOWED,
                    "algorithm 'EdDSA' is not allowed for issuer 'oidc' (allowed: ES256, RS256)");
        }

        @Test
        void reads_custom_subject_and_email_claims() {
            TestIssuer key = TestIssuer.create("ES256", "k-1");
            WalletVerifier v = verifier(profile(key, "ES256").withSubjectClaim("uid").withEmailClaim("contact.email"));
            Map<String, Object> c = TestIssuer.claims(ISS, "api", NOW);
            c.put("uid", "u-42");
            c.put("email", "not-this@example.com");
            c.put("contact", Map.of("email", "frank@example.com"));
            VerifiedIdentity id = v.verify(key.sign(c), WalletProof.none());
            assertThat(id.subject()).isEqualTo("u-42");
            assertThat(id.email()).isEqualTo("frank@example.com");

            c.remove("uid");
            assertRejected(() -> v.verify(key.sign(c), WalletProof.none()), ErrorCode.CLAIM_MISSING,
                    "claim 'uid' is missing");
        }

        @Test
        void binds_the_wallet_of_a_dotted_wallet_address_claim() {
            TestIssuer key = TestIssuer.create("ES256", "k-1");
            WalletVerifier v = verifier(profile(key, "ES256").withWalletAddressClaim("wallet.address"));
            Map<String, Object> c = TestIssuer.claims(ISS, "api", NOW);
            c.put("wallet", Map.of("address", EIP55.toLowerCase(Locale.ROOT), "chain", "ethereum"));
            String token = key.sign(c);

            assertThat(v.verify(token, WalletProof.none()).wallet()).isEqualTo(new Wallet("ethereum", null, null,
                    EIP55));
            assertThat(v.verify(token, WalletProof.address(EIP55)).wallet().address()).isEqualTo(EIP55);
            assertRejected(() -> v.verify(token, WalletProof.address("0x0000000000000000000000000000000000000001")),
                    ErrorCode.WALLET_MISMATCH, "the client's wallet is not the token's wallet.address");

            c.put("wallet", Map.of("address", "not-an-address"));
            assertRejected(() -> v.verify(key.sign(c), WalletProof.none()), ErrorCode.CLAIM_INVALID,
                    "claim 'wallet.address' is not an Ethereum address");
            c.remove("wallet");
            assertRejected(() -> v.verify(key.sign(c), WalletProof.none()), ErrorCode.CLAIM_MISSING,
                    "claim 'wallet.address' is missing");
        }

        @Test
        void require_wallet_proof_rejects_a_token_without_one_with_wallet_proof_invalid() {
            TestIssuer key = TestIssuer.create("ES256", "k-1");
            WalletVerifier v = verifier(profile(key, "ES256").withWalletAddressClaim("wallet_address")
                    .requireWalletProof(true));
            Map<String, Object> c = TestIssuer.claims(ISS, "api", NOW);
            c.put("wallet_address", EIP55);
            String token = key.sign(c);
            assertRejected(() -> v.verify(token, WalletProof.none()), ErrorCode.WALLET_PROOF_INVALID,
                    "issuer 'oidc' requires a wallet public key or address");
            assertThat(v.verify(token, WalletProof.address(EIP55)).wallet().address()).isEqualTo(EIP55);
        }

        @Test
        void require_wallet_proof_also_applies_to_web3auth() {
            byte[] app = TestWallets.secp256k1(true);
            WalletVerifier v = verifier(IssuerProfiles.web3auth(CLIENT_ID).withJwks(WEB3AUTH_KEY.jwks())
                    .requireWalletProof(true));
            Map<String, Object> c = base("https://api-auth.web3auth.io", CLIENT_ID);
            c.put("userId", "alice@example.com");
            c.put("wallets", List.of(keyWallet("web3auth_app_key", "secp256k1", TestWallets.hex(app))));
            assertRejected(() -> v.verify(WEB3AUTH_KEY.sign(c), WalletProof.none()), ErrorCode.WALLET_PROOF_INVALID,
                    "issuer 'web3auth' requires a wallet public key or address");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class Routing {
        private final TestIssuer corpKey = TestIssuer.create("ES256", "corp-1");
        private final TestIssuer partnerKey = TestIssuer.create("ES256", "partner-1");
        private final WalletVerifier verifier = verifier(
                IssuerProfiles.web3auth(CLIENT_ID).withJwks(WEB3AUTH_KEY.jwks()),
                IssuerProfiles.sequenceOms(SequenceOms.ISS, SequenceOms.PROJECT).withJwks(OMS_KEY.jwks()),
                IssuerProfiles.nopwd(NoPwd.DOMAIN).withJwks(TestIssuer.jwks(NOPWD_SEPTEMBER, NOPWD_OCTOBER)),
                IssuerProfiles.oidc("https://login.corp.example").withName("corp").withAudience("api")
                        .withAlgorithms("ES256").withJwks(corpKey.jwks()),
                IssuerProfiles.oidc("https://login.partner.example").withName("partner").withAudience("api")
                        .withAlgorithms("ES256").withJwks(partnerKey.jwks()));

        @Test
        void routes_each_token_to_its_own_issuer() {
            Map<String, Object> w3a = base("https://api-auth.web3auth.io", CLIENT_ID);
            w3a.put("userId", "alice@example.com");
            Map<String, Object> oms = base(SequenceOms.ISS, SequenceOms.PROJECT);
            oms.put("sub", "wlt_1");
            oms.put("wallet_type", "ethereum");
            oms.put("wallet_address", EIP55);
            Map<String, Object> nopwd = base(NoPwd.ISS, NoPwd.DOMAIN);
            nopwd.put("sub", "dave@example.com");

            assertThat(verifier.verify(WEB3AUTH_KEY.sign(w3a), WalletProof.none()).issuerName()).isEqualTo("web3auth");
            assertThat(verifier.verify(OMS_KEY.sign(oms), WalletProof.none()).issuerName())
                    .isEqualTo("sequence-oms");
            assertThat(verifier.verify(NOPWD_SEPTEMBER.sign(nopwd), WalletProof.none()).issuerName())
                    .isEqualTo("nopwd");
            VerifiedIdentity corp = verifier.verify(
                    corpKey.sign(TestIssuer.claims("https://login.corp.example", "api", NOW)), WalletProof.none());
            assertThat(corp.issuerName()).isEqualTo("corp");
            assertThat(corp.profile()).isEqualTo("oidc");
            assertThat(verifier.verify(partnerKey.sign(TestIssuer.claims("https://login.partner.example", "api",
                    NOW)), WalletProof.none()).issuerName()).isEqualTo("partner");
            assertThat(TestIssuer.issuerAccepting(verifier, "https://login.partner.example")).isEqualTo("partner");
            assertThat(TestIssuer.issuerAccepting(verifier, "https://login.other.example")).isNull();
        }

        @Test
        void rejects_an_unconfigured_iss_with_issuer_unknown() {
            String token = corpKey.sign(TestIssuer.claims("https://login.other.example", "api", NOW));
            assertRejected(() -> verifier.verify(token, WalletProof.none()), ErrorCode.ISSUER_UNKNOWN,
                    "issuer 'https://login.other.example' is not configured");
        }

        @Test
        void verifies_each_issuers_tokens_with_its_own_keys_only() {
            Map<String, Object> claims = TestIssuer.claims("https://login.corp.example", "api", NOW);
            assertRejected(() -> verifier.verify(partnerKey.sign(claims), WalletProof.none()),
                    ErrorCode.KEY_NOT_FOUND, "no key with id 'partner-1'");
            assertRejected(() -> verifier.verify(partnerKey.sign(claims, h -> h.keyID("corp-1")),
                    WalletProof.none()), ErrorCode.SIGNATURE_INVALID, "signature does not verify with key 'corp-1'");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class Configuration {
        static final String ISS = "https://login.example.com";

        private final String jwks = TestIssuer.create("ES256", "k-1").jwks();

        @Test
        void oidc_without_audience_fails_at_build_naming_issuer_and_field() {
            assertConfigRejected(() -> verifier(IssuerProfiles.oidc(ISS).withName("corp").withAlgorithms("ES256")
                    .withJwks(jwks)), "issuer 'corp' (oidc)", "audience is required");
        }

        @Test
        void oidc_without_algorithms_fails_at_build_naming_issuer_and_field() {
            assertConfigRejected(() -> verifier(IssuerProfiles.oidc(ISS).withName("corp").withAudience("api")
                    .withJwks(jwks)), "issuer 'corp' (oidc)", "algorithms are required");
        }

        @Test
        void oidc_without_key_source_is_discovered_so_a_non_https_issuer_fails_at_build() {
            // docs/architecture.md §3: keys from jwks_uri, or discovered from {iss}/.well-known/openid-configuration.
            IssuerProfile undiscoverable = IssuerProfiles.oidc("http://login.example.com").withName("corp")
                    .withAudience("api").withAlgorithms("ES256");
            assertThat(undiscoverable.jwksUri()).isNull();
            assertThat(undiscoverable.keySource()).isNull();
            assertConfigRejected(() -> verifier(undiscoverable), "issuer", "http://login.example.com", "https");
        }

        @Test
        void the_same_iss_in_two_issuers_fails_at_build_naming_both() {
            assertConfigRejected(() -> verifier(
                    IssuerProfiles.oidc(ISS).withName("a").withAudience("api").withAlgorithms("ES256").withJwks(jwks),
                    IssuerProfiles.oidc(ISS).withName("b").withAudience("web").withAlgorithms("ES256")
                            .withJwks(jwks)), "issuers 'a' and 'b' both accept iss 'https://login.example.com'");
        }

        @Test
        void a_web3auth_iss_claimed_by_an_oidc_issuer_fails_at_build() {
            assertConfigRejected(() -> verifier(IssuerProfiles.web3auth(CLIENT_ID).withJwks(jwks),
                    IssuerProfiles.oidc("https://api-auth.web3auth.io").withName("sneaky").withAudience("api")
                            .withAlgorithms("ES256").withJwks(jwks)),
                    "issuers 'web3auth' and 'sneaky' both accept iss 'https://api-auth.web3auth.io'");
        }

        @Test
        void two_issuers_with_the_same_name_fail_at_build() {
            assertConfigRejected(() -> verifier(
                    IssuerProfiles.oidc(ISS).withAudience("api").withAlgorithms("ES256").withJwks(jwks),
                    IssuerProfiles.oidc("https://other.example.com").withAudience("api").withAlgorithms("ES256")
                            .withJwks(jwks)), "two issuers are named 'oidc'", "withName");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"HS256", "HS384", "HS512"})
        void hmac_in_with_algorithms_fails_at_once_naming_issuer_field_and_value(String alg) {
            assertConfigRejected(() -> IssuerProfiles.oidc(ISS).withName("corp").withAlgorithms("ES256", alg),
                    "issuer 'corp' (oidc)", "algorithm", alg, "HMAC is never accepted");
            assertConfigRejected(() -> IssuerProfiles.web3auth(CLIENT_ID).withAlgorithms(alg),
                    "issuer 'web3auth' (web3auth)", alg);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"none", "RS512", "es256"})
        void unknown_algorithms_in_with_algorithms_fail_at_once(String alg) {
            assertConfigRejected(() -> IssuerProfiles.oidc(ISS).withName("corp").withAlgorithms(alg),
                    "issuer 'corp' (oidc)", "algorithm must be one of ES256, ES384, RS256, PS256, EdDSA: " + alg);
        }

        @Test
        void a_verifier_without_issuers_fails_at_build() {
            assertConfigRejected(() -> WalletVerifier.builder().build(), "at least one issuer is required");
        }

        @Test
        void a_plain_http_jwks_url_off_loopback_fails_at_once() {
            assertConfigRejected(() -> IssuerProfiles.oidc(ISS).withJwksUri(URI.create("http://keys.example.com/jwks")),
                    "jwksUri must use https", "http://keys.example.com/jwks");
        }

        @Test
        void an_empty_web3auth_client_id_fails_at_once() {
            assertConfigRejected(() -> IssuerProfiles.web3auth(""), "audience (the Web3Auth client ID)");
        }

        @Test
        void profile_values_are_immutable_copies() {
            IssuerProfile base = IssuerProfiles.oidc(ISS);
            IssuerProfile configured = base.withAudience("api").withAlgorithms("ES256").withJwks(jwks);
            assertThat(base.audiences()).isEmpty();
            assertThat(base.algorithms()).isEmpty();
            assertThat(base.keySource()).isNull();
            assertThat(configured.audiences()).containsExactly("api");
            assertThat(configured.algorithms()).containsExactly("ES256");
            assertThat(configured.keySource()).isNotNull();
        }
    }
}
