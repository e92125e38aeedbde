package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.internal.wallet.TestPersonalSigner;
import io.walletgate.internal.wallet.WalletKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The profiles of docs/architecture.md §12 (Privy, Dynamic, Para, Magic) through the library, with tokens signed by
 * Nimbus (and Magic's DID tokens by an independent personal_sign): each valid shape verifies, and each kind of bad
 * token is rejected with its exact code and message. {@code docs/providers-sources.md} says where each rule comes from.
 */
class ProviderProfilesTest {
    private static final String APP = "cm4privyapp1";
    private static final String ENV = "2762a57b-faa4-41ce-9f16-abff9300e2c9";
    private static final String ORIGIN = "https://app.example";
    private static final TestIssuer PRIVY = TestIssuer.create("ES256", "privy-1");
    private static final TestIssuer DYNAMIC = TestIssuer.create("RS256", "dynamic-1");
    private static final TestIssuer PARA_EC = TestIssuer.create("ES256", "para-ec");
    private static final TestIssuer PARA_RSA = TestIssuer.create("RS256", "para-rsa");
    private static final TestIssuer OTHER_EC = TestIssuer.create("ES256", "privy-1");

    private final byte[] ethKey = TestWallets.secp256k1(false);
    private final String eth = WalletKeys.eip55(WalletKeys.ethereumAddressOfUncompressed(ethKey));
    private final String sol = WalletKeys.solanaAddress(TestWallets.ed25519());
    private final String otherEth = WalletKeys.eip55(WalletKeys.ethereumAddressOfUncompressed(
            TestWallets.secp256k1(false)));

    private final WalletVerifier verifier = WalletVerifier.builder()
            .issuer(IssuerProfiles.privy(APP).withJwks(PRIVY.jwks()))
            .issuer(IssuerProfiles.dynamic(ENV, ORIGIN).withJwks(DYNAMIC.jwks()))
            .issuer(IssuerProfiles.para("para-key-id").withJwks(TestIssuer.jwks(PARA_EC, PARA_RSA)))
            .issuer(IssuerProfiles.magic("magic-client"))
            .build();

    // ---- Privy ----

    private Map<String, Object> privyIdentity(Object linkedAccounts) {
        return claims("iss", "privy.io", "aud", APP, "sub", "did:privy:cm4user", "linked_accounts", linkedAccounts,
                "custom_metadata", "{\"plan\":\"pro\"}", "cr", "1700000000");
    }

    private List<Object> privyAccounts() {
        return List.of(
                Map.of("type", "email", "address", "alice@example.com", "lv", 1),
                Map.of("type", "wallet", "address", otherEth, "chain_type", "ethereum", "wallet_client_type", "metamask"),
                Map.of("type", "smart_wallet", "address", eth.toLowerCase(), "smart_wallet_type", "kernel"),
                Map.of("type", "wallet", "address", sol, "chain_type", "solana", "wallet_client_type", "privy"),
                Map.of("type", "google_oauth", "subject", "1234", "email", "bob@example.com"));
    }

    @Test
    void privy_identity_token_proves_a_wallet_of_its_stringified_linked_accounts() {
        String token = PRIVY.sign(privyIdentity(json(privyAccounts())));

        VerifiedIdentity id = verifier.verify(token, WalletProof.address(eth));

        assertThat(id.profile()).isEqualTo("privy");
        assertThat(id.subject()).isEqualTo("did:privy:cm4user");
        assertThat(id.email()).isEqualTo("alice@example.com");
        assertThat(id.wallet().address()).isEqualTo(eth);
        assertThat(id.wallets()).extracting(Wallet::address).containsExactly(otherEth, eth, sol);
        assertThat(verifier.verify(token, WalletProof.address(sol)).wallet().type()).isEqualTo("solana");
        assertThat(id.sessionId()).isNull();
    }

    @Test
    void privy_linked_accounts_as_a_real_array_is_read_the_same_way() {
        String token = PRIVY.sign(privyIdentity(privyAccounts()));

        assertThat(verifier.verify(token, WalletProof.address(otherEth)).wallet().address()).isEqualTo(otherEth);
    }

    @Test
    void privy_access_token_names_its_session_and_has_no_wallets_to_prove() {
        String token = PRIVY.sign(claims("iss", "privy.io", "aud", APP, "sub", "did:privy:cm4user", "sid", "cm4sess"));

        VerifiedIdentity id = verifier.verify(token, WalletProof.none());
        assertThat(id.sessionId()).isEqualTo("cm4sess");
        assertThat(id.wallet()).isNull();
        expect(token, WalletProof.address(eth), ErrorCode.CLAIM_MISSING, "claim 'linked_accounts' is missing");
    }

    @Test
    void privy_rejects_each_kind_of_bad_token_with_its_code() {
        Map<String, Object> good = privyIdentity(json(privyAccounts()));
        expect(PRIVY.sign(good, h -> h.type(null)), WalletProof.none(), ErrorCode.HEADER_INVALID,
                "header 'typ' must be JWT for this issuer, not absent");
        expect(PRIVY.sign(good, h -> h.type(new com.nimbusds.jose.JOSEObjectType("at+jwt"))), WalletProof.none(),
                ErrorCode.HEADER_INVALID, "not 'at+jwt'");
        assertThat(verifier.verify(PRIVY.sign(good, h -> h.type(new com.nimbusds.jose.JOSEObjectType(
                "application/jwt"))), WalletProof.none()).subject()).isEqualTo("did:privy:cm4user");
        expect(PRIVY.sign(with(good, "iss", "https://auth.privy.io")), WalletProof.none(), ErrorCode.ISSUER_UNKNOWN,
                "issuer 'https://auth.privy.io' is not configured");
        expect(PRIVY.sign(with(good, "aud", "another-app")), WalletProof.none(), ErrorCode.AUDIENCE_MISMATCH, "aud");
        expect(OTHER_EC.sign(good), WalletProof.none(), ErrorCode.SIGNATURE_INVALID, "");
        expect(TestIssuer.create("RS256", "privy-1").sign(good), WalletProof.none(), ErrorCode.ALG_NOT_ALLOWED,
                "algorithm 'RS256' is not allowed for issuer 'privy'");
        expect(PRIVY.sign(with(good, "exp", Instant.now().getEpochSecond() - 120)), WalletProof.none(),
                ErrorCode.TOKEN_EXPIRED, "token expired");
        expect(PRIVY.sign(good), WalletProof.address(WalletKeys.eip55(new byte[20])), ErrorCode.WALLET_MISMATCH,
                "the client's address is none of the token's wallets");
        expect(PRIVY.sign(good), WalletProof.address("0x" + eth.substring(2, 41) + "Z"),
                ErrorCode.WALLET_PROOF_INVALID, "address is not an Ethereum address");
    }

    @Test
    void privy_linked_accounts_tricks_are_claim_invalid_or_missing() {
        String wallet = "{\"type\":\"wallet\",\"address\":\"" + eth + "\",\"chain_type\":\"ethereum\"}";
        linked("{\"type\":\"wallet\"}", ErrorCode.CLAIM_INVALID, "claim 'linked_accounts' is not a JSON array");
        linked("not json", ErrorCode.CLAIM_INVALID, "claim 'linked_accounts' is not a JSON array: invalid JSON");
        linked("[" + wallet + "] []", ErrorCode.CLAIM_INVALID, "trailing data");
        linked("[{\"type\":\"wallet\",\"address\":\"" + otherEth + "\",\"address\":\"" + eth
                + "\",\"chain_type\":\"ethereum\"}]", ErrorCode.CLAIM_INVALID, "duplicate member name");
        linked("[" + "[".repeat(20) + "]".repeat(20) + "]", ErrorCode.CLAIM_INVALID, "is not a JSON array");
        linked("[" + "{},".repeat(600) + "{}]", ErrorCode.CLAIM_INVALID, "is not a JSON array");
        linked("[{\"type\":\"wallet\",\"chain_type\":\"ethereum\"}]", ErrorCode.CLAIM_MISSING,
                "claim 'linked_accounts[0].address' is missing");
        linked("[{\"type\":\"wallet\",\"address\":\"0x1234\",\"chain_type\":\"ethereum\"}]", ErrorCode.CLAIM_INVALID,
                "claim 'linked_accounts[0].address' is not an Ethereum address");
        linked("[{\"type\":\"wallet\",\"address\":7,\"chain_type\":\"ethereum\"}]", ErrorCode.CLAIM_INVALID,
                "claim 'linked_accounts[0].address' is not a string");
        linked("[\"" + eth + "\"]", ErrorCode.CLAIM_INVALID, "claim 'linked_accounts[0]' is not an object");
        expect(PRIVY.sign(privyIdentity(42)), WalletProof.none(), ErrorCode.CLAIM_INVALID,
                "claim 'linked_accounts' is neither a JSON string nor an array");
        // a wallet hidden in a nested string or another account type is no wallet of the token
        String nested = "[{\"type\":\"email\",\"address\":\"a@example.com\",\"note\":\"[" + wallet.replace("\"", "\\\"")
                + "]\"},{\"type\":\"cross_app\",\"embedded_wallets\":[{\"address\":\"" + eth + "\"}]}]";
        expect(PRIVY.sign(privyIdentity(nested)), WalletProof.address(eth), ErrorCode.WALLET_MISMATCH, "none of");
        // a huge string makes the token too large before any of it is parsed
        expect(PRIVY.sign(privyIdentity("[" + " ".repeat(70_000) + "]")), WalletProof.none(),
                ErrorCode.TOKEN_TOO_LARGE, "");
    }

    private void linked(String value, ErrorCode code, String message) {
        expect(PRIVY.sign(privyIdentity(value)), WalletProof.none(), code, message);
    }

    // ---- Dynamic ----

    private Map<String, Object> dynamicId(String iss, Object scope) {
        List<Object> credentials = List.of(
                Map.of("format", "email", "email", "alice@example.com", "id", "c1"),
                Map.of("format", "blockchain", "chain", "bip122", "address", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"),
                Map.of("format", "blockchain", "chain", "eip155", "address", eth, "wallet_name", "dynamicwaas"),
                Map.of("format", "blockchain", "chain", "solana", "address", sol, "wallet_name", "phantom"));
        return claims("iss", iss, "aud", ORIGIN, "sub", "8e3f7c2a", "sid", "s-1", "environment_id", ENV,
                "verified_credentials", credentials, "email", "alice@example.com", "scope", scope);
    }

    @Test
    void dynamic_id_token_verifies_under_both_issuer_spellings() {
        for (String host : List.of("app.dynamicauth.com/", "app.dynamic.xyz/")) {
            VerifiedIdentity id = verifier.verify(DYNAMIC.sign(dynamicId(host + ENV, "user:basic")),
                    WalletProof.address(eth));
            assertThat(id.profile()).isEqualTo("dynamic");
            assertThat(id.issuer()).isEqualTo(host + ENV);
            assertThat(id.subject()).isEqualTo("8e3f7c2a");
            assertThat(id.email()).isEqualTo("alice@example.com");
            assertThat(id.sessionId()).isEqualTo("s-1");
            assertThat(id.wallet().address()).isEqualTo(eth);
        }
        VerifiedIdentity sol = verifier.verify(DYNAMIC.sign(dynamicId("app.dynamicauth.com/" + ENV,
                "user:basic wallet:read")), WalletProof.address(this.sol));
        assertThat(sol.wallet().type()).isEqualTo("solana");
    }

    @Test
    void dynamic_rejects_wrong_spellings_mfa_pending_and_incomplete_sign_ins() {
        String iss = "app.dynamicauth.com/" + ENV;
        for (String wrong : List.of("https://app.dynamicauth.com/" + ENV, "app.dynamicauth.com/" + ENV + "/",
                "app.dynamicauth.com/00000000-0000-0000-0000-000000000000", "APP.DYNAMICAUTH.COM/" + ENV,
                "app.dynamic.com/" + ENV)) {
            expect(DYNAMIC.sign(dynamicId(wrong, "user:basic")), WalletProof.none(), ErrorCode.ISSUER_UNKNOWN,
                    "is not configured");
        }
        expect(DYNAMIC.sign(dynamicId(iss, "requiresAdditionalAuth")), WalletProof.address(eth),
                ErrorCode.CLAIM_INVALID, "claim 'scope' holds 'requiresAdditionalAuth': the sign-in still requires"
                        + " additional authentication");
        expect(DYNAMIC.sign(dynamicId(iss, "user:basic requiresAdditionalAuth")), WalletProof.none(),
                ErrorCode.CLAIM_INVALID, "requiresAdditionalAuth");
        expect(DYNAMIC.sign(with(dynamicId(iss, "user:basic"), "scopes", List.of("requiresAdditionalAuth"))),
                WalletProof.none(), ErrorCode.CLAIM_INVALID, "requiresAdditionalAuth");
        expect(DYNAMIC.sign(dynamicId(iss, "")), WalletProof.none(), ErrorCode.CLAIM_INVALID,
                "claim 'scope' lacks 'user:basic': the sign-in is not complete");
        expect(DYNAMIC.sign(dynamicId(iss, "user:basicx")), WalletProof.none(), ErrorCode.CLAIM_INVALID,
                "lacks 'user:basic'");
        expect(DYNAMIC.sign(with(dynamicId(iss, "user:basic"), "scope", null)), WalletProof.none(),
                ErrorCode.CLAIM_MISSING, "claim 'scope' is missing");
        expect(DYNAMIC.sign(dynamicId(iss, List.of("user:basic"))), WalletProof.none(), ErrorCode.CLAIM_INVALID,
                "claim 'scope' is not a string");
        assertThat(verifier.verify(DYNAMIC.sign(with(dynamicId(iss, null), "scopes", List.of("user:basic"))),
                WalletProof.none()).subject()).isEqualTo("8e3f7c2a");
        expect(TestIssuer.create("ES256", "dynamic-1").sign(dynamicId(iss, "user:basic")), WalletProof.none(),
                ErrorCode.ALG_NOT_ALLOWED, "algorithm 'ES256' is not allowed for issuer 'dynamic'");
        expect(DYNAMIC.sign(with(dynamicId(iss, "user:basic"), "aud", "https://evil.example")), WalletProof.none(),
                ErrorCode.AUDIENCE_MISMATCH, "aud");
        expect(DYNAMIC.sign(dynamicId(iss, "user:basic")), WalletProof.address(otherEth), ErrorCode.WALLET_MISMATCH,
                "none of the token's wallets");
        expect(DYNAMIC.sign(with(dynamicId(iss, "user:basic"), "verified_credentials", "[]")), WalletProof.none(),
                ErrorCode.CLAIM_INVALID, "claim 'verified_credentials' is not an array");
    }

    @Test
    void dynamic_access_token_verifies_its_identity_but_proves_no_wallet() {
        String token = DYNAMIC.sign(claims("iss", "app.dynamicauth.com/" + ENV, "aud", ORIGIN, "sub", "8e3f7c2a",
                "sid", "s-2", "environment_id", ENV, "scope", "user:basic", "verifiedCredentialsHashes",
                Map.of("blockchain", "ab")));

        assertThat(verifier.verify(token, WalletProof.none()).sessionId()).isEqualTo("s-2");
        expect(token, WalletProof.address(eth), ErrorCode.CLAIM_MISSING, "claim 'verified_credentials' is missing");
    }

    // ---- Para ----

    private Map<String, Object> para(Object wallets) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", "u-1");
        data.put("wallets", wallets);
        data.put("email", "alice@example.com");
        data.put("authType", "email");
        Map<String, Object> c = claims("aud", "para-key-id", "sub", "u-1", "data", data);
        c.remove("iss");
        return c;
    }

    private List<Object> paraWallets() {
        return List.of(
                Map.of("id", "w1", "type", "SOLANA", "address", sol, "publicKey", ""),
                Map.of("id", "w2", "type", "EVM", "address", eth.toLowerCase(), "publicKey", "0x"
                        + WalletKeys.hex(ethKey)));
    }

    @Test
    void para_token_without_iss_is_routed_to_the_para_issuer_and_proves_its_wallets() {
        for (TestIssuer signer : List.of(PARA_EC, PARA_RSA)) {
            VerifiedIdentity id = verifier.verify(signer.sign(para(paraWallets())), WalletProof.address(eth));
            assertThat(id.profile()).isEqualTo("para");
            assertThat(id.issuer()).isEmpty();
            assertThat(id.subject()).isEqualTo("u-1");
            assertThat(id.email()).isEqualTo("alice@example.com");
            assertThat(id.wallet().address()).isEqualTo(eth);
        }
        Map<String, Object> connected = para(paraWallets());
        ((Map<String, Object>) connected.get("data")).put("connectedWallets", List.of(Map.of("id", "w3", "type",
                "EVM", "address", otherEth, "publicKey", "")));
        assertThat(verifier.verify(PARA_EC.sign(connected), WalletProof.address(otherEth)).wallet().address())
                .isEqualTo(otherEth);
        assertThat(verifier.verify(PARA_EC.sign(para(paraWallets())), WalletProof.address(sol)).wallet().type())
                .isEqualTo("solana");
    }

    @Test
    void para_rejects_each_kind_of_bad_token_with_its_code() {
        List<Object> lying = List.of(Map.of("id", "w", "type", "EVM", "address", otherEth, "publicKey", "0x"
                + WalletKeys.hex(ethKey)));
        expect(PARA_EC.sign(para(lying)), WalletProof.none(), ErrorCode.CLAIM_INVALID,
                "claim 'data.wallets[0].publicKey' is not the key of the wallet's address");
        expect(PARA_EC.sign(para(List.of(Map.of("type", "EVM", "address", eth, "publicKey", "0x04abcd")))),
                WalletProof.none(), ErrorCode.CLAIM_INVALID, "claim 'data.wallets[0].publicKey' is not a secp256k1");
        expect(PARA_EC.sign(para("[]")), WalletProof.none(), ErrorCode.CLAIM_INVALID,
                "claim 'data.wallets' is not an array");
        expect(PARA_EC.sign(para(paraWallets())), WalletProof.address(otherEth), ErrorCode.WALLET_MISMATCH,
                "none of the token's wallets");
        expect(PARA_EC.sign(with(para(paraWallets()), "aud", "other-key")), WalletProof.none(),
                ErrorCode.AUDIENCE_MISMATCH, "aud");
        expect(PARA_EC.sign(with(para(paraWallets()), "iss", "https://api.getpara.com")), WalletProof.none(),
                ErrorCode.ISSUER_UNKNOWN, "is not configured");
        expect(TestIssuer.create("ES256", "para-ec").sign(para(paraWallets())), WalletProof.none(),
                ErrorCode.SIGNATURE_INVALID, "");
        expect(TestIssuer.create("EdDSA", "para-ec").sign(para(paraWallets())), WalletProof.none(),
                ErrorCode.ALG_NOT_ALLOWED, "EdDSA");
        // an RS256 header over the EC key's kid: each algorithm only with a key of its type
        expect(TestIssuer.create("RS256", "para-ec").sign(para(paraWallets())), WalletProof.none(),
                ErrorCode.KEY_NOT_FOUND, "");
        Map<String, Object> nullIss = para(paraWallets());
        nullIss.put("iss", null);
        expect(PARA_EC.signJson(nullIss), WalletProof.none(), ErrorCode.CLAIM_MISSING, "claim 'iss' is missing");
    }

    @Test
    void a_token_without_iss_is_claim_missing_when_no_para_issuer_is_configured_and_one_para_issuer_at_most() {
        try (WalletVerifier privyOnly = WalletVerifier.builder().issuer(IssuerProfiles.privy(APP)
                .withJwks(PRIVY.jwks())).build()) {
            assertThatThrownBy(() -> privyOnly.verify(PRIVY.sign(para(paraWallets())), WalletProof.none()))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CLAIM_MISSING))
                    .hasMessage("claim 'iss' is missing");
        }
        assertThatThrownBy(() -> WalletVerifier.builder().issuer(IssuerProfiles.para("a").withJwks(PARA_EC.jwks()))
                .issuer(IssuerProfiles.para("b").withName("para-2").withJwks(PARA_EC.jwks())).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("issuers 'para' and 'para-2' both accept tokens without iss: only one may (give the other"
                        + " audiences to one)");
        assertThatThrownBy(() -> IssuerProfiles.para("a", "staging")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment must be one of production, beta, sandbox: staging");
    }

    // ---- Magic ----

    private static String didToken(TestPersonalSigner signer, String claim) {
        String proof = "0x" + WalletKeys.hex(signer.signText(claim));
        return didToken(proof, claim);
    }

    private static String didToken(String proof, String claim) {
        String array = "[\"" + proof + "\",\"" + claim.replace("\"", "\\\"") + "\"]";
        return Base64.getEncoder().encodeToString(array.getBytes(StandardCharsets.UTF_8));
    }

    private static String magicClaim(TestPersonalSigner wallet, long iat, long ext, long nbf, String aud) {
        return "{\"iat\":" + iat + ",\"ext\":" + ext + ",\"iss\":\"did:ethr:" + WalletKeys.eip55(wallet.address())
                + "\",\"sub\":\"8ZMBg9sp0X0CAMjxsqQZ8dsE2p5YYZoebDOycOPSMl0=\",\"aud\":\"" + aud + "\",\"nbf\":" + nbf
                + ",\"tid\":\"c3e9edbc-8056-474b-8ad3-a8b633758e94\"}";
    }

    private static String magicClaim(TestPersonalSigner wallet) {
        long now = Instant.now().getEpochSecond();
        return magicClaim(wallet, now, now + 900, now, "magic-client");
    }

    @Test
    void magic_did_token_is_routed_by_its_shape_and_its_signer_is_the_proven_wallet() {
        TestPersonalSigner wallet = TestPersonalSigner.generate();
        String token = didToken(wallet, magicClaim(wallet));
        String address = WalletKeys.eip55(wallet.address());

        VerifiedIdentity id = verifier.verify(token, WalletProof.none());
        assertThat(id.profile()).isEqualTo("magic");
        assertThat(id.issuer()).isEqualTo("did:ethr:" + address);
        assertThat(id.subject()).isEqualTo("8ZMBg9sp0X0CAMjxsqQZ8dsE2p5YYZoebDOycOPSMl0=");
        assertThat(id.wallet().address()).isEqualTo(address);
        assertThat(id.keyId()).isNull();
        assertThat(verifier.verify(token, WalletProof.address(address.toLowerCase())).wallet().address())
                .isEqualTo(address);
        assertThat(verifier.verifyAsync(token, WalletProof.none()).join().subject()).isEqualTo(id.subject());
        expect(token, WalletProof.address(eth), ErrorCode.WALLET_MISMATCH, "the client's wallet is not the token's iss");
    }

    @Test
    void magic_forged_proofs_fail_with_signature_invalid() {
        TestPersonalSigner wallet = TestPersonalSigner.generate();
        TestPersonalSigner forger = TestPersonalSigner.generate();
        String claim = magicClaim(wallet);
        byte[] proof = wallet.signText(claim);

        expect(didToken(forger, claim), WalletProof.none(), ErrorCode.SIGNATURE_INVALID,
                "DID token proof was not signed by the address in iss");
        for (int v : new int[] {0, 1, 29, 35}) {
            byte[] bad = proof.clone();
            bad[64] = (byte) v;
            expect(didToken("0x" + WalletKeys.hex(bad), claim), WalletProof.none(), ErrorCode.SIGNATURE_INVALID,
                    "recovery byte v = " + v + ", not 27 or 28");
        }
        byte[] flipped = proof.clone();
        flipped[64] = (byte) (proof[64] == 27 ? 28 : 27); // the other recovery id: another key
        expect(didToken("0x" + WalletKeys.hex(flipped), claim), WalletProof.none(), ErrorCode.SIGNATURE_INVALID,
                "not signed by the address in iss");
        // the high-s twin of the same signature recovers the same signer, as in Magic's SDKs: same claim, same wallet
        assertThat(verifier.verify(didToken("0x" + WalletKeys.hex(TestPersonalSigner.otherS(proof)), claim),
                WalletProof.none()).wallet().address()).isEqualTo(WalletKeys.eip55(wallet.address()));
        // a claim changed after signing
        expect(didToken("0x" + WalletKeys.hex(proof), claim.replace("magic-client", "magic-clienT")),
                WalletProof.none(), ErrorCode.SIGNATURE_INVALID, "");
    }

    @Test
    void magic_times_and_audience_are_checked_with_magics_grace_on_nbf() {
        TestPersonalSigner w = TestPersonalSigner.generate();
        long now = Instant.now().getEpochSecond();
        expect(didToken(w, magicClaim(w, now - 1000, now - 120, now - 1000, "magic-client")), WalletProof.none(),
                ErrorCode.TOKEN_EXPIRED, "token expired");
        expect(didToken(w, magicClaim(w, now, now + 900, now + 600, "magic-client")), WalletProof.none(),
                ErrorCode.TOKEN_NOT_YET_VALID, "");
        assertThat(verifier.verify(didToken(w, magicClaim(w, now, now + 900, now + 280, "magic-client")),
                WalletProof.none()).subject()).isNotEmpty();
        expect(didToken(w, magicClaim(w, now, now + 900, now, "other-client")), WalletProof.none(),
                ErrorCode.AUDIENCE_MISMATCH, "aud");
        expect(didToken(w, magicClaim(w).replace("\"tid\"", "\"xid\"")), WalletProof.none(), ErrorCode.CLAIM_MISSING,
                "claim 'tid' is missing");
        expect("W10=", WalletProof.none(), ErrorCode.TOKEN_MALFORMED, "two strings");
    }

    @Test
    void did_tokens_are_not_read_without_a_magic_issuer_and_one_magic_issuer_at_most() {
        TestPersonalSigner w = TestPersonalSigner.generate();
        String token = didToken(w, magicClaim(w));
        try (WalletVerifier privyOnly = WalletVerifier.builder().issuer(IssuerProfiles.privy(APP)
                .withJwks(PRIVY.jwks())).build()) {
            assertThatThrownBy(() -> privyOnly.verify(token, WalletProof.none()))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_MALFORMED));
        }
        try (WalletVerifier magicOnly = WalletVerifier.builder().issuer(IssuerProfiles.magic("magic-client"))
                .build()) {
            assertThatThrownBy(() -> magicOnly.verify(PRIVY.sign(privyIdentity("[]")), WalletProof.none()))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ISSUER_UNKNOWN));
        }
        assertThatThrownBy(() -> WalletVerifier.builder().issuer(IssuerProfiles.magic("a"))
                .issuer(IssuerProfiles.magic("b").withName("magic-2")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both take Magic DID tokens: only one may");
        assertThatThrownBy(() -> IssuerProfiles.magic("a").withJwksUri(java.net.URI.create("https://k.example/jwks")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jwksUri does not apply to the magic profile");
    }

    // ---- helpers ----

    private void expect(String token, WalletProof proof, ErrorCode code, String message) {
        assertThatThrownBy(() -> verifier.verify(token, proof))
                .isInstanceOfSatisfying(WalletVerificationException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    private static Map<String, Object> claims(Object... pairs) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iat", now - 10);
        m.put("exp", now + 3600);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(claims);
        if (value == null) {
            m.remove(name);
        } else {
            m.put(name, value);
        }
        return m;
    }

    private static String json(List<Object> accounts) {
        List<String> parts = new ArrayList<>();
        for (Object a : accounts) {
            parts.add(com.nimbusds.jose.util.JSONObjectUtils.toJSONString((Map<String, ?>) a));
        }
        return "[" + String.join(",", parts) + "]";
    }
}
