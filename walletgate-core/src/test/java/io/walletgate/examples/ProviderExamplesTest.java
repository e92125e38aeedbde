package io.walletgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfiles;
import io.walletgate.TestIssuer;
import io.walletgate.TestWallets;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.internal.wallet.TestPersonalSigner;
import io.walletgate.internal.wallet.WalletKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the examples of docs/providers.md for Privy, Dynamic, Magic and Para: each block marked
 * {@code <!-- example: NAME -->} there equals the region {@code tag::NAME} here ({@link ReadmeExamplesTest} compares
 * them), against tokens signed by Nimbus (Magic's by an independent personal_sign) and keys served over loopback HTTP.
 */
class ProviderExamplesTest {
    private final LoopbackDocuments keys = new LoopbackDocuments();

    @AfterEach
    void stop_jwks_server() {
        keys.close();
    }

    private static String address() {
        return WalletKeys.eip55(WalletKeys.ethereumAddressOfUncompressed(TestWallets.secp256k1(false)));
    }

    @Test
    void privy_example_runs() {
        TestIssuer privy = TestIssuer.create("ES256", "privy-1");
        URI jwksUri = keys.put("/privy/jwks.json", privy.jwks());
        String appId = "cm4privyapp1";
        String address = address();
        Map<String, Object> claims = TestIssuer.claims("privy.io", appId, Instant.now());
        claims.put("sub", "did:privy:cm4user");
        claims.put("linked_accounts", "[{\"type\":\"email\",\"address\":\"alice@example.com\"},{\"type\":\"wallet\","
                + "\"address\":\"" + address + "\",\"chain_type\":\"ethereum\",\"wallet_client_type\":\"privy\"}]");
        String identityToken = privy.sign(claims);
        String user;
        String email;

        // tag::privy[]
        try (WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.privy(appId)                 // your Privy app ID: the token's aud
                        .withJwksUri(jwksUri))                      // omit: auth.privy.io/api/v1/apps/{appId}/jwks.json
                .build()) {                                         // or .withPublicKeyPem(dashboardVerificationKey)
            VerifiedIdentity id = verifier.verify(identityToken, WalletProof.address(address));
            user = id.subject();                                    // did:privy:…
            email = id.email();                                     // the email account of linked_accounts
        }
        // end::privy[]
        assertThat(user).isEqualTo("did:privy:cm4user");
        assertThat(email).isEqualTo("alice@example.com");
    }

    @Test
    void dynamic_example_runs() {
        TestIssuer dynamic = TestIssuer.create("RS256", "dyn-1");
        String environmentId = "2762a57b-faa4-41ce-9f16-abff9300e2c9";
        URI jwksUri = keys.put("/dynamic/jwks", dynamic.jwks());
        String address = address();
        Map<String, Object> claims = TestIssuer.claims("app.dynamicauth.com/" + environmentId, "https://app.example",
                Instant.now());
        claims.put("scope", "user:basic");
        claims.put("verified_credentials", List.of(Map.of("format", "blockchain", "chain", "eip155", "address",
                address)));
        String jwt = dynamic.sign(claims);
        claims.put("scope", "requiresAdditionalAuth");
        String mfaPending = dynamic.sign(claims);
        String wallet;
        ErrorCode refused = null;

        // tag::dynamic[]
        try (WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.dynamic(environmentId, "https://app.example") // environment ID, site origin
                        .withJwksUri(jwksUri))                      // omit: app.dynamicauth.com/api/v0/sdk/{id}/…
                .build()) {
            wallet = verifier.verify(jwt, WalletProof.address(address)).wallet().address(); // the ID token (jwt)
            try {
                verifier.verify(mfaPending, WalletProof.address(address));
            } catch (WalletVerificationException e) {
                refused = e.code();                                 // CLAIM_INVALID: scope requiresAdditionalAuth
            }
        }
        // end::dynamic[]
        assertThat(wallet).isEqualTo(address);
        assertThat(refused).isEqualTo(ErrorCode.CLAIM_INVALID);
    }

    @Test
    void magic_example_runs() {
        TestPersonalSigner wallet = TestPersonalSigner.generate();
        long now = Instant.now().getEpochSecond();
        String claim = "{\"iat\":" + now + ",\"ext\":" + (now + 900) + ",\"iss\":\"did:ethr:"
                + WalletKeys.eip55(wallet.address()) + "\",\"sub\":\"8ZMBg9sp0X0CAMjxsqQZ8dsE2p5YYZoebDOycOPSMl0=\","
                + "\"aud\":\"magic-client-id\",\"nbf\":" + now + ",\"tid\":\"c3e9edbc-8056-474b-8ad3-a8b633758e94\"}";
        String proof = "0x" + WalletKeys.hex(wallet.signText(claim));
        String didToken = Base64.getEncoder().encodeToString(("[\"" + proof + "\",\"" + claim.replace("\"", "\\\"")
                + "\"]").getBytes(StandardCharsets.UTF_8));
        String signer;
        String user;

        // tag::magic[]
        try (WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.magic("magic-client-id"))    // the token's aud; no keys: the signer is recovered
                .build()) {
            VerifiedIdentity id = verifier.verify(didToken, WalletProof.none());
            signer = id.wallet().address();                         // the signer, the address in iss (did:ethr:0x…)
            user = id.subject();                                    // Magic's user id (sub)
        }
        // end::magic[]
        assertThat(signer).isEqualTo(WalletKeys.eip55(wallet.address()));
        assertThat(user).isEqualTo("8ZMBg9sp0X0CAMjxsqQZ8dsE2p5YYZoebDOycOPSMl0=");
    }

    @Test
    void para_example_runs() {
        TestIssuer para = TestIssuer.create("ES256", "para-1");
        URI jwksUri = keys.put("/para/jwks.json", para.jwks());
        String address = address();
        Map<String, Object> claims = TestIssuer.claims(null, "para-api-key-id", Instant.now());
        claims.remove("iss");
        claims.put("sub", "5a1f3b7e");
        claims.put("data", Map.of("userId", "5a1f3b7e", "email", "alice@example.com", "wallets",
                List.of(Map.of("id", "w1", "type", "EVM", "address", address.toLowerCase(), "publicKey", ""))));
        String token = para.sign(claims);
        VerifiedIdentity id;

        // tag::para[]
        try (WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.para("para-api-key-id", "production") // API key ID; beta or sandbox also
                        .withJwksUri(jwksUri))                      // omit: api.getpara.com/.well-known/jwks.json
                .build()) {
            id = verifier.verify(token, WalletProof.address(address)); // no iss: the para issuer takes it
        }
        // end::para[]
        assertThat(id.email()).isEqualTo("alice@example.com");
        assertThat(id.wallet().address()).isEqualTo(address);
    }
}
