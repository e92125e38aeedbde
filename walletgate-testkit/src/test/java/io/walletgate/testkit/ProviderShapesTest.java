package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfiles;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.internal.claims.ClaimsCheck;
import io.walletgate.internal.magic.DidToken;
import io.walletgate.internal.magic.DidTokenParser;
import io.walletgate.internal.magic.DidTokenSignature;
import io.walletgate.internal.wallet.WalletKeys;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shapes of docs/architecture.md §12's providers as the dev issuer mints them ({@code docs/providers-sources.md}):
 * Privy and Dynamic tokens verify with WalletVerifier's generic OIDC profile pointed at the dev issuer's JWKS, Para's
 * with the JDK and the served PEM, Magic's DID token with the core's DID token parser and signer recovery. Their own
 * SDKs check them too: {@code ProviderSdkInteropTest}.
 */
class ProviderShapesTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final VerifiersToClose verifiers = new VerifiersToClose();

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final DevIssuerExtension EXTENSION = new DevIssuerExtension(b -> b.clock(CLOCK).audience("app-id"));

    private final DevIssuer issuer;

    ProviderShapesTest(DevIssuer issuer) {
        this.issuer = issuer;
    }

    private VerifiedIdentity verifyAsOidc(MintedToken t, String alg) {
        return verifiers.add(WalletVerifier.builder()
                .clock(CLOCK).issuer(IssuerProfiles.oidc(t.issuer()).withAudience("app-id")
                .withAlgorithms(alg).withJwksUri(issuer.jwksUri(t.profile()))).build())
                .verify(t.token(), WalletProof.none());
    }

    @Test
    void privy_identity_token_carries_linked_accounts_and_custom_metadata_as_json_strings() throws Exception {
        MintedToken t = issuer.privy().mint();

        VerifiedIdentity id = verifyAsOidc(t, "ES256");
        assertThat(id.issuer()).isEqualTo("privy.io");
        assertThat(t.header()).containsEntry("typ", "JWT").containsEntry("alg", "ES256");
        assertThat(t.claims().get("sub").toString()).startsWith("did:privy:c").hasSize(35);
        assertThat(t.claims()).doesNotContainKey("sid").containsKeys("cr", "iat", "exp");
        List<?> accounts = JSON.readValue((String) t.claims().get("linked_accounts"), List.class);
        assertThat(accounts).hasSize(2);
        assertThat(map(accounts.get(0))).containsEntry("type", "email");
        assertThat(map(accounts.get(1))).containsEntry("type", "wallet").containsEntry("address", t.address())
                .containsEntry("chain_type", "ethereum").containsEntry("wallet_client_type", "privy");
        assertThat(JSON.readValue((String) t.claims().get("custom_metadata"), Map.class)).containsEntry("plan", "dev");
        assertThat(t.proof()).isEqualTo(WalletProof.address(t.address()));
    }

    @Test
    void privy_access_token_has_a_session_and_no_accounts_and_linked_accounts_may_be_an_array() {
        MintedToken access = issuer.privy().accessToken().mint();
        assertThat(access.claims()).containsKeys("sid", "sub", "iss", "aud", "iat", "exp")
                .doesNotContainKeys("linked_accounts", "custom_metadata");
        assertThat(access.wallets()).isEmpty();
        verifyAsOidc(access, "ES256");

        MintedToken array = issuer.privy().linkedAccountsAsArray().solana().mint();
        assertThat(array.claims().get("linked_accounts")).isInstanceOf(List.class);
        assertThat(array.wallets()).singleElement().satisfies(w -> assertThat(w.type()).isEqualTo("solana"));
    }

    @Test
    void privy_token_verifies_against_the_served_verification_key() throws Exception {
        MintedToken t = issuer.privy().mint();
        assertThat(verifiesWithPem(t.token(), issuer.verificationKey("privy"), "SHA256withECDSAinP1363Format", "EC"))
                .isTrue();
        assertThat(verifiesWithPem(issuer.privy().tamperedSignature().mint().token(), issuer.verificationKey("privy"),
                "SHA256withECDSAinP1363Format", "EC")).isFalse();
    }

    @Test
    void dynamic_id_token_is_rs256_from_its_environment_with_user_basic_and_verified_credentials() {
        MintedToken t = issuer.dynamic().mint();

        VerifiedIdentity id = verifyAsOidc(t, "RS256");
        assertThat(id.issuer()).isEqualTo("app.dynamicauth.com/" + DevIssuer.DYNAMIC_ENVIRONMENT_ID);
        assertThat(t.claims()).containsEntry("scope", "user:basic")
                .containsEntry("environment_id", DevIssuer.DYNAMIC_ENVIRONMENT_ID)
                .containsEntry("kid", t.keyId());
        List<?> credentials = (List<?>) t.claims().get("verified_credentials");
        assertThat(map(credentials.get(0))).containsEntry("format", "email");
        assertThat(map(credentials.get(1))).containsEntry("format", "blockchain").containsEntry("chain", "eip155")
                .containsEntry("address", t.address())
                .containsEntry("id", t.claims().get("last_verified_credential_id"));
    }

    @Test
    void dynamic_options_give_the_documented_issuer_the_mfa_scope_solana_and_the_minified_access_token() {
        assertThat(issuer.dynamic().documentedIssuer().mint().issuer())
                .isEqualTo("app.dynamic.xyz/" + DevIssuer.DYNAMIC_ENVIRONMENT_ID);
        assertThat(issuer.dynamic().requiresAdditionalAuth().mint().claims())
                .containsEntry("scope", "requiresAdditionalAuth");
        MintedToken solana = issuer.dynamic().solana().mint();
        assertThat((map(((List<?>) solana.claims().get("verified_credentials")).get(1))))
                .containsEntry("chain", "solana").containsEntry("address", solana.address());
        MintedToken access = issuer.dynamic().accessToken().mint();
        assertThat(access.claims()).containsKeys("verifiedCredentialsHashes", "last_verified_credential_id", "sid")
                .doesNotContainKey("verified_credentials");
        verifyAsOidc(access, "RS256");
        assertThat(verifiesWithPem(access.token(), issuer.verificationKey("dynamic"), "SHA256withRSA", "RSA"))
                .isTrue();
    }

    @Test
    void para_token_has_no_iss_and_lists_its_wallets_under_data() {
        MintedToken t = issuer.para().mint();

        assertThat(t.issuer()).isNull();
        assertThat(t.claims()).doesNotContainKey("iss").containsKeys("aud", "iat", "exp", "sub");
        assertThat(t.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        Map<?, ?> data = map(t.claims().get("data"));
        assertThat(data.get("userId")).isEqualTo(t.claims().get("sub"));
        List<?> wallets = (List<?>) data.get("wallets");
        assertThat(map(wallets.get(0))).containsEntry("type", "SOLANA").containsEntry("publicKey", "");
        Map<String, Object> evm = map(wallets.get(1));
        assertThat(evm).containsEntry("type", "EVM").containsEntry("address", t.address().toLowerCase(Locale.ROOT));
        String publicKey = (String) evm.get("publicKey");
        assertThat(publicKey).startsWith("0x04").hasSize(132);
        byte[] address = WalletKeys.secp256k1Key(WalletKeys.parseHex(publicKey)).address();
        assertThat(WalletKeys.eip55(address)).isEqualTo(t.address());
        assertThat(verifiesWithPem(t.token(), issuer.verificationKey("para"), "SHA256withECDSAinP1363Format", "EC"))
                .isTrue();
        MintedToken solana = issuer.para().solana().mint();
        assertThat((map(((List<?>) ((Map<?, ?>) solana.claims().get("data")).get("wallets")).get(1))))
                .containsEntry("type", "SOLANA").containsEntry("address", solana.address());
    }

    @Test
    void magic_did_token_is_signed_by_its_wallet_with_add_over_none() {
        MintedToken t = issuer.magic().mint();

        DidToken did = DidTokenParser.parse(t.token());
        assertThat(WalletKeys.eip55(DidTokenSignature.verify(did))).isEqualTo(t.address());
        DidTokenSignature.verifyAttachment(did, "none");
        assertThat(t.issuer()).isEqualTo("did:ethr:" + t.address());
        assertThat(did.audience()).isEqualTo("app-id");
        assertThat(did.expiresAtMillis()).isEqualTo(NOW.plus(Duration.ofMinutes(15)).toEpochMilli());
        assertThat(new String(Base64.getDecoder().decode(t.token()), StandardCharsets.UTF_8)).startsWith("[\"0x");
        assertThat(t.keyId()).isNull();
        assertThat(t.header()).isEmpty();
        DidTokenSignature.verifyAttachment(DidTokenParser.parse(issuer.magic().attachment("a@b.c").mint().token()),
                "a@b.c");
    }

    @Test
    void magic_defects_fail_the_signature_the_time_and_the_audience() {
        expect(() -> DidTokenSignature.verify(DidTokenParser.parse(issuer.magic().tamperedSignature().mint().token())),
                ErrorCode.SIGNATURE_INVALID);
        expect(() -> DidTokenSignature.verify(DidTokenParser.parse(issuer.magic().signedByOtherKey().mint().token())),
                ErrorCode.SIGNATURE_INVALID);
        DidToken expired = DidTokenParser.parse(issuer.magic().expired().mint().token());
        expect(() -> new ClaimsCheck(CLOCK, Duration.ofSeconds(60)).checkTimes(expired.times(), null),
                ErrorCode.TOKEN_EXPIRED);
        assertThat(DidTokenParser.parse(issuer.magic().wrongAudience().mint().token()).audience())
                .isEqualTo("wrong-app-id");
        DidToken floatExt = DidTokenParser.parse(issuer.magic().claim("ext", 1.0000000000016881e21).mint().token());
        assertThat(DidTokenSignature.verify(floatExt)).hasSize(20);
    }

    @Test
    void options_that_do_not_fit_a_provider_are_refused() {
        assertThatThrownBy(() -> issuer.magic().algNone()).isInstanceOf(IllegalStateException.class)
                .hasMessage("alg_none applies to JWTs, not to magic's DID token");
        assertThatThrownBy(() -> issuer.magic().address("0x" + "ab".repeat(20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.web3auth().accessToken()).isInstanceOf(IllegalStateException.class)
                .hasMessage("accessToken() does not apply to web3auth tokens");
        assertThatThrownBy(() -> issuer.privy().requiresAdditionalAuth()).isInstanceOf(IllegalStateException.class)
                .hasMessage("requiresAdditionalAuth() does not apply to privy tokens");
        assertThatThrownBy(() -> issuer.jwksUri("magic")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("magic tokens are signed by their wallets: no issuer key");
        assertThatThrownBy(() -> issuer.token("auth0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile must be one of " + DevIssuer.PROFILES + ": auth0");
        assertThat(DevIssuer.PROFILES).endsWith("privy", "dynamic", "para", "magic");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static void expect(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WalletVerificationException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    // The JWS signature checked with the JDK's own provider and the PEM the dashboard would show.
    private static boolean verifiesWithPem(String jwt, String pem, String algorithm, String keyType) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance(keyType).generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(jwt.substring(0, jwt.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
            return s.verify(Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1)));
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
