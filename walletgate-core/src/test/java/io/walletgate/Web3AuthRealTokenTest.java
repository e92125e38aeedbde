package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real Web3Auth social-login ID token (2023, legacy claim names, one secp256k1 {@code web3auth_app_key}) against
 * Web3Auth's published key set, both vendored in {@code fixtures/web3auth}. The token is expired, so every check
 * runs at a fixed clock between its {@code iat} and {@code exp}.
 */
class Web3AuthRealTokenTest {
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Map<String, Object> SAMPLE = Fixtures.fixtureJson("web3auth/social-2023.json");
    private static final String TOKEN = Fixtures.member(SAMPLE, "token", String.class);
    private static final String APP_PUB_KEY = Fixtures.member(SAMPLE, "appPubKey", String.class);
    private static final String CLIENT_ID = Fixtures.member(SAMPLE, "clientId", String.class);
    private static final Instant IAT = Instant.ofEpochSecond(Fixtures.member(SAMPLE, "iat", Number.class).longValue());
    private static final Instant EXP = Instant.ofEpochSecond(Fixtures.member(SAMPLE, "exp", Number.class).longValue());
    private static final Instant DURING = IAT.plus(Duration.ofHours(1));
    private static final String KID = "TYOgg_-5EOEblaY-VVRYqVaDAgptnfKV4535MZPC0w0";
    /** Keccak-256 of the app key's X||Y, last 20 bytes, EIP-55; derived independently with BouncyCastle. */
    private static final String ADDRESS = "0x39d41dEdAa17A4b20f512E04A4E4584fB4FD0CD6";

    private static WalletVerifier verifier(IssuerProfile profile, Instant at) {
        return WalletVerifier.builder().issuer(profile).clock(Clock.fixed(at, ZoneOffset.UTC)).clockSkew(SKEW)
                .build();
    }

    private static IssuerProfile web3auth(String clientId) {
        return IssuerProfiles.web3auth(clientId).withJwksFile(Fixtures.fixture("web3auth/jwks.json"));
    }

    private static VerifiedIdentity verify(WalletProof proof) {
        return verifier(web3auth(CLIENT_ID), DURING).verify(TOKEN, proof);
    }

    private static void assertRejected(WalletVerifier verifier, WalletProof proof, ErrorCode code, String fragment) {
        assertThatThrownBy(() -> verifier.verify(TOKEN, proof))
                .isInstanceOfSatisfying(WalletVerificationException.class, e -> {
                    assertThat(e.code()).as("code (%s)", e.getMessage()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(fragment);
                });
    }

    private static String uncompressed() {
        byte[] other = TestWallets.secp256k1Other(HexFormat.of().parseHex(APP_PUB_KEY));
        assertThat(other).hasSize(65).startsWith((byte) 4);
        return TestWallets.hex(other);
    }

    @Test
    void fixture_is_what_its_readme_says() {
        assertThat(Fixtures.member(SAMPLE, "issuer", String.class)).isEqualTo("https://api-auth.web3auth.io");
        assertThat(APP_PUB_KEY).matches("0[23][0-9a-f]{64}");
        assertThat(DURING).isAfter(IAT).isBefore(EXP);
        // derived independently of WalletGate (BouncyCastle here, the testkit's own code in its WalletKeyPairsTest)
        assertThat(ADDRESS).isEqualTo(TestWallets.ethereumAddressIndependently(HexFormat.of().parseHex(APP_PUB_KEY)));
    }

    @Test
    void verifies_with_the_compressed_app_key_and_reads_every_identity_field() {
        VerifiedIdentity id = verify(WalletProof.appPublicKey(APP_PUB_KEY));

        assertThat(id.issuerName()).isEqualTo("web3auth");
        assertThat(id.profile()).isEqualTo("web3auth");
        assertThat(id.issuer()).isEqualTo("https://api-auth.web3auth.io");
        assertThat(id.audience()).containsExactly(CLIENT_ID);
        assertThat(id.expiresAt()).isEqualTo(EXP);
        assertThat(id.issuedAt()).isEqualTo(IAT);
        assertThat(id.keyId()).isEqualTo(KID);
        // Legacy claim names: verifierId, verifier, aggregateVerifier (no userId, no sub).
        assertThat(id.subject()).isEqualTo("alex-30@yopmail.com");
        assertThat(id.connection()).isEqualTo("torus");
        assertThat(id.group()).isEqualTo("tkey-auth0-email-passwordless-lrc");
        assertThat(id.email()).isEqualTo("alex-30@yopmail.com");
        assertThat(id.name()).isEqualTo("alex-30@yopmail.com");
        Wallet app = new Wallet("web3auth_app_key", "secp256k1", APP_PUB_KEY, ADDRESS);
        assertThat(id.wallet()).isEqualTo(app);
        assertThat(id.wallets()).containsExactly(app);
        assertThat(id.claims()).containsEntry("verifierId", "alex-30@yopmail.com").containsKey("nonce");
    }

    @Test
    void verifies_with_the_uncompressed_app_key() {
        assertThat(verify(WalletProof.appPublicKey(uncompressed())).wallet().address()).isEqualTo(ADDRESS);
    }

    @Test
    void verifies_with_the_app_key_prefixed_with_0x() {
        assertThat(verify(WalletProof.appPublicKey("0x" + APP_PUB_KEY)).wallet().publicKey()).isEqualTo(APP_PUB_KEY);
        assertThat(verify(WalletProof.appPublicKey("0x" + uncompressed())).wallet().address()).isEqualTo(ADDRESS);
    }

    @Test
    void verifies_with_the_app_key_in_upper_case() {
        assertThat(verify(WalletProof.appPublicKey(APP_PUB_KEY.toUpperCase(Locale.ROOT))).wallet().publicKey())
                .isEqualTo(APP_PUB_KEY);
        assertThat(verify(WalletProof.appPublicKey("0X" + uncompressed().toUpperCase(Locale.ROOT))).wallet()
                .address()).isEqualTo(ADDRESS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "0x39d41dEdAa17A4b20f512E04A4E4584fB4FD0CD6", // EIP-55
        "0x39d41dedaa17a4b20f512e04a4e4584fb4fd0cd6", // all lower case
        "0x39D41DEDAA17A4B20F512E04A4E4584FB4FD0CD6", // upper-case hex body
    })
    void verifies_with_the_ethereum_address_derived_from_the_app_key(String address) {
        VerifiedIdentity id = verify(WalletProof.address(address));
        assertThat(id.wallet().address()).isEqualTo(ADDRESS);
        assertThat(id.wallet().publicKey()).isEqualTo(APP_PUB_KEY);
    }

    @Test
    void verifies_with_the_dashboard_verification_key_as_spki_pem() throws Exception {
        VerifiedIdentity id = verifier(IssuerProfiles.web3auth(CLIENT_ID).withPublicKeyPem(pemOfPublishedKey()),
                DURING).verify(TOKEN, WalletProof.appPublicKey(APP_PUB_KEY));
        assertThat(id.subject()).isEqualTo("alex-30@yopmail.com");
        assertThat(id.wallet().address()).isEqualTo(ADDRESS);
        assertThat(id.keyId()).as("a PEM key has no kid").isNull();
    }

    @Test
    void rejects_another_valid_app_key_with_wallet_mismatch() {
        String other = TestWallets.hex(TestWallets.secp256k1(true));
        assertRejected(verifier(web3auth(CLIENT_ID), DURING), WalletProof.appPublicKey(other),
                ErrorCode.WALLET_MISMATCH, "the client's wallet is none of the token's app keys");
    }

    @Test
    void rejects_a_key_with_the_same_x_but_the_other_parity_with_wallet_mismatch() {
        // The official sample compares only X (or the hex string): the point (X, p - Y) is another key.
        String flipped = (APP_PUB_KEY.startsWith("02") ? "03" : "02") + APP_PUB_KEY.substring(2);
        assertThat(WalletProof.appPublicKey(flipped).isValid()).as("the flipped key is a curve point").isTrue();
        assertRejected(verifier(web3auth(CLIENT_ID), DURING), WalletProof.appPublicKey(flipped),
                ErrorCode.WALLET_MISMATCH, "none of the token's app keys");
    }

    @Test
    void rejects_another_client_id_with_audience_mismatch() {
        assertRejected(verifier(web3auth("BOtherProjectClientId"), DURING), WalletProof.appPublicKey(APP_PUB_KEY),
                ErrorCode.AUDIENCE_MISMATCH, "does not include the configured audience");
    }

    @Test
    void rejects_the_token_one_second_after_exp_plus_skew_with_token_expired() {
        assertRejected(verifier(web3auth(CLIENT_ID), EXP.plus(SKEW).plusSeconds(1)),
                WalletProof.appPublicKey(APP_PUB_KEY), ErrorCode.TOKEN_EXPIRED,
                "token expired at " + EXP + " (clock skew 60s)");
    }

    @Test
    void accepts_the_token_one_second_before_exp_plus_skew() {
        VerifiedIdentity id = verifier(web3auth(CLIENT_ID), EXP.plus(SKEW).minusSeconds(1))
                .verify(TOKEN, WalletProof.appPublicKey(APP_PUB_KEY));
        assertThat(id.expiresAt()).isEqualTo(EXP);
    }

    @Test
    void rejects_a_mixed_case_address_with_a_broken_eip55_checksum_as_wallet_proof_invalid() {
        // One letter's case flipped: still mixed case, so the checksum applies, and it is wrong.
        String broken = ADDRESS.replaceFirst("dEd", "ded");
        assertThat(broken).isNotEqualTo(ADDRESS).isNotEqualTo(ADDRESS.toLowerCase(Locale.ROOT));
        assertRejected(verifier(web3auth(CLIENT_ID), DURING), WalletProof.address(broken),
                ErrorCode.WALLET_PROOF_INVALID, "valid EIP-55 checksum when mixed-case");
    }

    @Test
    void the_token_names_only_the_one_app_key_wallet_without_a_proof() {
        VerifiedIdentity id = verify(WalletProof.none());
        assertThat(id.wallet()).isNull();
        assertThat(id.wallets()).extracting(Wallet::type, Wallet::curve, Wallet::address)
                .containsExactly(tuple("web3auth_app_key", "secp256k1", ADDRESS));
    }

    /** Web3Auth's published JWK as the SPKI PEM its dashboard shows as the "verification key". */
    private static String pemOfPublishedKey() throws ParseException, JOSEException {
        Map<String, Object> jwks = Fixtures.fixtureJson("web3auth/jwks.json");
        List<Map<String, Object>> keys = Fixtures.objects(jwks, "keys");
        assertThat(keys).hasSize(1);
        byte[] spki = ECKey.parse(keys.get(0)).toECPublicKey().getEncoded();
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki);
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
