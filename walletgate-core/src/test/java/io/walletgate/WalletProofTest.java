package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.junit.jupiter.api.Test;

/**
 * The client's wallet proof: every accepted spelling of a key or address normalizes to one value, every malformed
 * one is {@code wallet_proof_invalid} with a message that does not echo it, and a proof matches a token's wallet
 * by value (secp256k1 as a curve point, never by X alone; ed25519 as bytes; addresses as bytes).
 */
class WalletProofTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CLIENT_ID = "BFL8Z_client";
    private static final X9ECParameters SECP256K1 = ECNamedCurveTable.getByName("secp256k1");
    private static final TestIssuer ES256 = TestIssuer.create("ES256", "w3a-1");
    private static final String G_COMPRESSED = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    private static final String G_ADDRESS = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";

    // ---------------------------------------------------------------- parsing: secp256k1

    @Test
    void secp256k1_key_in_every_accepted_spelling_is_the_same_proof() {
        byte[] compressed = TestWallets.secp256k1(true);
        byte[] uncompressed = TestWallets.secp256k1Other(compressed);
        String c = TestWallets.hex(compressed);
        String u = TestWallets.hex(uncompressed);
        WalletProof expected = WalletProof.appPublicKey(c);
        assertThat(expected.kind()).isEqualTo(WalletProof.Kind.SECP256K1_KEY);
        for (String spelling : List.of(u, "0x" + c, "0x" + u, "0X" + c, c.toUpperCase(Locale.ROOT),
                "0x" + u.toUpperCase(Locale.ROOT), mixedCase(c), " " + c + "\n")) {
            WalletProof p = WalletProof.appPublicKey(spelling);
            assertThat(p).as(spelling).isEqualTo(expected);
            assertThat(p.hashCode()).isEqualTo(expected.hashCode());
            assertThat(p.isValid()).isTrue();
        }
        assertThat(expected).hasToString("WalletProof[SECP256K1_KEY " + c + "]");
    }

    @Test
    void secp256k1_keys_off_the_curve_or_with_wrong_prefixes_are_wallet_proof_invalid() {
        byte[] compressed = TestWallets.secp256k1(true);
        byte[] uncompressed = TestWallets.secp256k1Other(compressed);
        byte[] offCurve = uncompressed.clone();
        offCurve[64] ^= 1;
        byte[] hybrid = uncompressed.clone();
        hybrid[0] = 6;
        byte[] badPrefix = compressed.clone();
        badPrefix[0] = 4;
        BigInteger p = SECP256K1.getCurve().getField().getCharacteristic();
        String xIsP = "02" + String.format("%064x", p);
        for (String key : List.of(TestWallets.hex(offCurve), TestWallets.hex(hybrid), TestWallets.hex(badPrefix),
                xIsP, "04" + "00".repeat(64), "02" + "00".repeat(32))) {
            invalid(WalletProof.appPublicKey(key), "app public key is not a point on secp256k1", key);
        }
    }

    // ---------------------------------------------------------------- parsing: ed25519

    @Test
    void ed25519_key_as_hex_or_base58_is_the_same_proof() {
        byte[] key = TestWallets.ed25519();
        String hex = TestWallets.hex(key);
        String base58 = io.walletgate.internal.wallet.Base58.encode(key);
        WalletProof expected = WalletProof.appPublicKey(hex);
        assertThat(expected.kind()).isEqualTo(WalletProof.Kind.ED25519_KEY);
        for (String spelling : List.of(base58, "0x" + hex, hex.toUpperCase(Locale.ROOT), "0X" + mixedCase(hex))) {
            assertThat(WalletProof.appPublicKey(spelling)).as(spelling).isEqualTo(expected);
        }
    }

    @Test
    void thirty_two_bytes_that_are_no_ed25519_point_are_wallet_proof_invalid() {
        String nonPoint = TestWallets.hex(ed25519NonPoint());
        invalid(WalletProof.appPublicKey(nonPoint), "app public key is not an ed25519 key", nonPoint);
    }

    // ---------------------------------------------------------------- parsing: addresses

    @Test
    void ethereum_address_in_checksummed_lower_or_upper_case_is_the_same_proof() {
        for (String address : List.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")) {
            WalletProof expected = WalletProof.address(address);
            assertThat(expected.kind()).isEqualTo(WalletProof.Kind.ETHEREUM_ADDRESS);
            String lower = address.toLowerCase(Locale.ROOT);
            for (String spelling : List.of(lower, "0x" + address.substring(2).toUpperCase(Locale.ROOT),
                    "0X" + address.substring(2), " " + address + " ")) {
                assertThat(WalletProof.address(spelling)).as(spelling).isEqualTo(expected);
            }
            assertThat(expected).hasToString("WalletProof[ETHEREUM_ADDRESS " + lower.substring(2) + "]");
        }
    }

    @Test
    void mixed_case_ethereum_address_with_a_bad_checksum_is_wallet_proof_invalid() {
        String good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        String bad = "0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed"; // one letter's case flipped
        invalid(WalletProof.address(bad), "address is not an Ethereum address (0x and 40 hex digits, valid EIP-55"
                + " checksum when mixed-case)", bad);
        assertThat(WalletProof.address(good).isValid()).isTrue();
    }

    @Test
    void malformed_addresses_are_wallet_proof_invalid() {
        for (String bad : List.of("0x1234", "0x" + "g".repeat(40), "0x" + "a".repeat(41))) {
            invalid(WalletProof.address(bad), "address is not an Ethereum address", bad);
        }
        for (String bad : List.of("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "not an address", "0OIl",
                io.walletgate.internal.wallet.Base58.encode(new byte[31]))) {
            invalid(WalletProof.address(bad), "address is neither an Ethereum nor a Solana address", bad);
        }
    }

    @Test
    void solana_address_is_a_32_byte_proof() {
        byte[] key = TestWallets.ed25519();
        String address = io.walletgate.internal.wallet.Base58.encode(key);
        WalletProof proof = WalletProof.address(address);
        assertThat(proof.kind()).isEqualTo(WalletProof.Kind.SOLANA_ADDRESS);
        assertThat(WalletProof.address("So11111111111111111111111111111111111111112").kind())
                .isEqualTo(WalletProof.Kind.SOLANA_ADDRESS);
    }

    @Test
    void empty_blank_or_null_values_are_wallet_proof_invalid() {
        for (String blank : Arrays.asList(null, "", " ", "\t\n")) {
            invalid(WalletProof.appPublicKey(blank), "app public key is empty", null);
            invalid(WalletProof.address(blank), "address is empty", null);
        }
        invalid(WalletProof.appPublicKey("0x"), "app public key must be a secp256k1 key (66 or 130 hex digits) or an"
                + " ed25519 key (64 hex digits or base58)", null);
    }

    @Test
    void none_is_a_valid_empty_proof() {
        assertThat(WalletProof.none().kind()).isEqualTo(WalletProof.Kind.NONE);
        assertThat(WalletProof.none().isValid()).isTrue();
        assertThat(WalletProof.none()).hasToString("WalletProof[none]").isEqualTo(WalletProof.none());
    }

    // ---------------------------------------------------------------- matching a token's wallets (Web3Auth)

    @Test
    void app_key_matches_in_compressed_uncompressed_prefixed_and_upper_case_form() {
        byte[] compressed = TestWallets.secp256k1(true);
        String token = web3authToken(appKey(TestWallets.hex(compressed)));
        WalletVerifier v = web3auth();
        String c = TestWallets.hex(compressed);
        String u = TestWallets.hex(TestWallets.secp256k1Other(compressed));
        for (String spelling : List.of(c, u, "0x" + c.toUpperCase(Locale.ROOT), "0x" + u)) {
            VerifiedIdentity id = v.verify(token, WalletProof.appPublicKey(spelling));
            assertThat(id.wallet().type()).isEqualTo("web3auth_app_key");
            assertThat(id.wallet().publicKey()).isEqualTo(c);
            assertThat(id.wallet().curve()).isEqualTo("secp256k1");
        }
    }

    @Test
    void token_with_an_uncompressed_app_key_matches_a_compressed_proof() {
        byte[] compressed = TestWallets.secp256k1(true);
        String token = web3authToken(appKey("0x" + TestWallets.hex(TestWallets.secp256k1Other(compressed))));
        assertThat(web3auth().verify(token, WalletProof.appPublicKey(TestWallets.hex(compressed))).wallet()
                .publicKey()).isEqualTo(TestWallets.hex(compressed));
    }

    @Test
    void key_with_the_same_x_but_the_other_y_is_a_mismatch() {
        // The providers' sample code compares only X: the negated point would pass there, and must not here.
        byte[] compressed = TestWallets.secp256k1(true);
        byte[] negated = compressed.clone();
        negated[0] = (byte) (compressed[0] == 2 ? 3 : 2);
        String token = web3authToken(appKey(TestWallets.hex(compressed)));
        SecurityRulesTest.assertMessageIsSafe(rejection(web3auth(), token,
                WalletProof.appPublicKey(TestWallets.hex(negated)), ErrorCode.WALLET_MISMATCH,
                "the client's wallet is none of the token's app keys").getMessage(), token);
    }

    @Test
    void app_key_is_found_whatever_its_position_and_other_entries_are_ignored() {
        byte[] mine = TestWallets.secp256k1(true);
        List<Map<String, Object>> wallets = new ArrayList<>();
        wallets.add(entry("web3auth_threshold_key", TestWallets.hex(TestWallets.secp256k1(true)), "secp256k1"));
        wallets.add(entry("web3auth_app_key", "", "secp256k1"));
        wallets.add(entry("web3auth_threshold_key", TestWallets.hex(mine), "secp256k1")); // right key, wrong type
        wallets.add(entry("web3auth_app_key", TestWallets.hex(mine), "secp256k1"));
        String token = web3authToken(wallets);
        VerifiedIdentity id = web3auth().verify(token, WalletProof.appPublicKey(TestWallets.hex(mine)));
        assertThat(id.wallets()).hasSize(4);
        assertThat(id.wallet()).isSameAs(id.wallets().get(3));
        // Only app-key entries prove a wallet: the threshold key alone does not.
        String thresholdOnly = web3authToken(List.of(entry("web3auth_threshold_key", TestWallets.hex(mine),
                "secp256k1")));
        rejection(web3auth(), thresholdOnly, WalletProof.appPublicKey(TestWallets.hex(mine)), ErrorCode.WALLET_MISMATCH,
                "none of the token's app keys");
    }

    @Test
    void address_derived_from_the_app_key_proves_the_wallet() {
        String token = web3authToken(appKey(G_COMPRESSED));
        WalletVerifier v = web3auth();
        for (String address : List.of(G_ADDRESS, G_ADDRESS.toLowerCase(Locale.ROOT))) {
            VerifiedIdentity id = v.verify(token, WalletProof.address(address));
            assertThat(id.wallet().address()).isEqualTo(G_ADDRESS);
        }
        rejection(v, token, WalletProof.address("0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF"),
                ErrorCode.WALLET_MISMATCH, "none of the token's app keys");
    }

    @Test
    void ed25519_app_key_matches_its_hex_or_solana_address_form() {
        byte[] key = TestWallets.ed25519();
        String hex = TestWallets.hex(key);
        String solana = io.walletgate.internal.wallet.Base58.encode(key);
        String token = web3authToken(List.of(entry("web3auth_app_key", hex, "ed25519")));
        WalletVerifier v = web3auth();
        for (WalletProof proof : List.of(WalletProof.appPublicKey(hex), WalletProof.appPublicKey(solana),
                WalletProof.address(solana))) {
            VerifiedIdentity id = v.verify(token, proof);
            assertThat(id.wallet().curve()).isEqualTo("ed25519");
            assertThat(id.wallet().address()).isEqualTo(solana);
        }
        // The same 32 bytes read as a secp256k1 proof cannot exist, and another ed25519 key is a mismatch.
        rejection(v, token, WalletProof.appPublicKey(TestWallets.hex(TestWallets.ed25519())),
                ErrorCode.WALLET_MISMATCH, "none of the token's app keys");
    }

    @Test
    void malformed_proof_fails_verification_with_wallet_proof_invalid() {
        String token = web3authToken(appKey(G_COMPRESSED));
        String badChecksum = "0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf";
        rejection(web3auth(), token, WalletProof.address(badChecksum), ErrorCode.WALLET_PROOF_INVALID,
                "valid EIP-55 checksum when mixed-case");
        rejection(web3auth(), token, WalletProof.appPublicKey(" "), ErrorCode.WALLET_PROOF_INVALID,
                "app public key is empty");
    }

    // ---------------------------------------------------------------- matching (external wallets, Sequence OMS)

    @Test
    void external_wallet_address_matches_case_insensitively_and_solana_exactly() {
        byte[] sol = TestWallets.ed25519();
        String solana = io.walletgate.internal.wallet.Base58.encode(sol);
        Map<String, Object> c = TestIssuer.claims("https://authjs.web3auth.io", CLIENT_ID, NOW);
        c.put("wallets", List.of(address("ethereum", G_ADDRESS.toLowerCase(Locale.ROOT)), address("solana", solana)));
        String token = ES256.signJson(c);
        WalletVerifier v = WalletVerifier.builder()
                .issuer(IssuerProfiles.web3authExternal(CLIENT_ID).withJwks(ES256.jwks())).clock(CLOCK).build();
        assertThat(v.verify(token, WalletProof.address(G_ADDRESS)).wallet().address()).isEqualTo(G_ADDRESS);
        assertThat(v.verify(token, WalletProof.appPublicKey(G_COMPRESSED)).wallet().address()).isEqualTo(G_ADDRESS);
        assertThat(v.verify(token, WalletProof.address(solana)).wallet().address()).isEqualTo(solana);
        rejection(v, token, WalletProof.address("0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF"),
                ErrorCode.WALLET_MISMATCH, "the client's address is none of the token's wallets");
    }

    @Test
    void sequence_oms_wallet_address_binds_the_token_and_a_proof_must_match_it() {
        String oms = "https://oms.example.com";
        Map<String, Object> c = TestIssuer.claims(oms, "project-1", NOW);
        c.put("sub", "wallet-id-1");
        c.put("wallet_type", "ethereum");
        c.put("wallet_address", G_ADDRESS.toLowerCase(Locale.ROOT));
        String token = ES256.signJson(c);
        WalletVerifier v = WalletVerifier.builder()
                .issuer(IssuerProfiles.sequenceOms(oms, "project-1").withJwks(ES256.jwks())).clock(CLOCK).build();
        assertThat(v.verify(token, WalletProof.none()).wallet().address()).isEqualTo(G_ADDRESS);
        assertThat(v.verify(token, WalletProof.address(G_ADDRESS)).subject()).isEqualTo("wallet-id-1");
        assertThat(v.verify(token, WalletProof.appPublicKey(G_COMPRESSED)).wallet().address()).isEqualTo(G_ADDRESS);
        rejection(v, token, WalletProof.address("0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF"),
                ErrorCode.WALLET_MISMATCH, "the client's wallet is not the token's wallet_address");
    }

    // ---------------------------------------------------------------- helpers

    private static void invalid(WalletProof proof, String fragment, String input) {
        assertThat(proof.isValid()).isFalse();
        assertThat(proof).hasToString("WalletProof[invalid]");
        assertThatThrownBy(proof::kind)
                .isInstanceOfSatisfying(WalletVerificationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.WALLET_PROOF_INVALID);
                    assertThat(e.getMessage()).contains(fragment);
                    if (input != null && input.strip().length() >= 8) {
                        assertThat(e.getMessage()).doesNotContain(input.strip());
                    }
                });
    }

    private static WalletVerificationException rejection(WalletVerifier v, String token, WalletProof proof,
                                                         ErrorCode code, String fragment) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> v.verify(token, proof));
        assertThat(t).isInstanceOf(WalletVerificationException.class);
        WalletVerificationException e = (WalletVerificationException) t;
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(fragment);
        SecurityRulesTest.assertMessageIsSafe(e.getMessage(), token);
        return e;
    }

    private static WalletVerifier web3auth() {
        return WalletVerifier.builder().issuer(IssuerProfiles.web3auth(CLIENT_ID).withJwks(ES256.jwks()))
                .clock(CLOCK).build();
    }

    private static String web3authToken(List<Map<String, Object>> wallets) {
        Map<String, Object> c = TestIssuer.claims("https://api-auth.web3auth.io", CLIENT_ID, NOW);
        c.remove("sub");
        c.put("userId", "user@example.com");
        c.put("authConnection", "google");
        c.put("wallets", wallets);
        return ES256.signJson(c);
    }

    private static List<Map<String, Object>> appKey(String publicKey) {
        return List.of(entry("web3auth_app_key", publicKey, "secp256k1"));
    }

    private static Map<String, Object> entry(String type, String publicKey, String curve) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("public_key", publicKey);
        m.put("type", type);
        m.put("curve", curve);
        return m;
    }

    private static Map<String, Object> address(String type, String address) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", address);
        m.put("type", type);
        return m;
    }

    private static String mixedCase(String hex) {
        StringBuilder sb = new StringBuilder(hex);
        for (int i = 0; i < sb.length(); i += 2) {
            sb.setCharAt(i, Character.toUpperCase(sb.charAt(i)));
        }
        return sb.toString();
    }

    private static byte[] ed25519NonPoint() {
        for (int y = 2; y < 1000; y++) {
            byte[] b = new byte[32];
            b[0] = (byte) y;
            b[1] = (byte) (y >> 8);
            if (!org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartial(b, 0)) {
                return b;
            }
        }
        throw new AssertionError();
    }
}
