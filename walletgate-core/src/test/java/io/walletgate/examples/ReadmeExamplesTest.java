package io.walletgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfiles;
import io.walletgate.TestIssuer;
import io.walletgate.TestWallets;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.internal.wallet.WalletKeys;
import io.walletgate.signin.Nonce;
import io.walletgate.signin.NonceStore;
import io.walletgate.signin.SignInVerifier;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the library examples of the README and of {@code docs/}. Each block marked {@code <!-- example: NAME -->} must
 * equal the region {@code tag::NAME} of this file, so the documentation shows only code that ran here, against
 * tokens signed by Nimbus and keys served by a real loopback HTTP server.
 */
class ReadmeExamplesTest {
    private final LoopbackDocuments keys = new LoopbackDocuments();
    private final String base = keys.base();
    private final List<WalletVerifier> verifiers = new ArrayList<>(); // closed after each test

    @AfterEach
    void stop_jwks_server() {
        verifiers.forEach(WalletVerifier::close);
        keys.close();
    }

    @Test
    void web3auth_quickstart_runs() {
        TestIssuer web3auth = TestIssuer.create("ES256", "w3a-1");
        keys.put("/jwks", web3auth.jwks());
        URI jwksUri = URI.create(base + "/jwks");
        String clientId = "BFL8Z_Awr3p_example";
        String appPubKey = TestWallets.hex(TestWallets.secp256k1(true));
        Map<String, Object> claims = TestIssuer.claims("https://api-auth.web3auth.io", clientId, Instant.now());
        claims.remove("sub");
        claims.put("userId", "alice@example.com");
        claims.put("wallets", List.of(Map.of("public_key", appPubKey, "type", "web3auth_app_key",
                "curve", "secp256k1")));
        String idToken = web3auth.sign(claims);
        String wallet = null;
        String user = null;
        ErrorCode failure = null;

        // tag::web3auth[]
        WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.web3auth(clientId)      // your project's client ID: the token's aud
                        .withJwksUri(jwksUri))                  // omit in production: https://api-auth.web3auth.io/jwks
                .build();                                       // immutable, thread-safe: one per application

        try {
            VerifiedIdentity id = verifier.verify(idToken, WalletProof.appPublicKey(appPubKey));
            wallet = id.wallet().address();                     // EIP-55 address of the proven app key
            user = id.subject();                                // userId (verifierId on older tokens)
        } catch (WalletVerificationException e) {
            failure = e.code();                                 // an ErrorCode: TOKEN_EXPIRED, WALLET_MISMATCH, …
        }
        // end::web3auth[]
        verifiers.add(verifier);

        assertThat(failure).isNull();
        assertThat(user).isEqualTo("alice@example.com");
        assertThat(wallet).isEqualTo(TestWallets.ethereumAddressIndependently(WalletKeys.parseHex(appPubKey)));

        String otherKey = TestWallets.hex(TestWallets.secp256k1(true));
        assertThat(verifyCode(verifier, idToken, WalletProof.appPublicKey(otherKey))).isEqualTo(ErrorCode.WALLET_MISMATCH);
    }

    @Test
    void web3auth_external_wallet_example_runs() {
        TestIssuer authjs = TestIssuer.create("ES256", "ext-1");
        keys.put("/external/jwks", authjs.jwks());
        URI jwksUri = URI.create(base + "/external/jwks");
        String address = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        Map<String, Object> claims = TestIssuer.claims("metamask", "example.com", Instant.now());
        claims.remove("sub");
        claims.put("wallets", List.of(Map.of("address", address.toLowerCase(), "type", "ethereum")));
        String idToken = authjs.sign(claims);

        // tag::web3auth-external[]
        WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.web3authExternal("example.com")   // client ID or site hostname, as in aud
                        .withConnectors("metamask", "phantom")            // connector names also used as iss
                        .withJwksUri(jwksUri))                            // omit: https://authjs.web3auth.io/jwks
                .build();
        VerifiedIdentity id = verifier.verify(idToken, WalletProof.address(address));
        // end::web3auth-external[]
        verifiers.add(verifier);

        assertThat(id.wallet().address()).isEqualTo(address);
        assertThat(id.subject()).isEqualTo(address);
    }

    @Test
    void sequence_oms_example_runs() {
        TestIssuer oms = TestIssuer.create("ES256", "oms-1");
        keys.put("/oms/v1/.well-known/jwks.json", oms.jwks());
        String omsTokenIssuer = base + "/oms/v1";
        String omsProjectId = "proj_123";
        Map<String, Object> claims = TestIssuer.claims(omsTokenIssuer, omsProjectId, Instant.now());
        claims.put("sub", "wlt_01HXYZ");
        claims.put("wallet_address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        claims.put("wallet_type", "ethereum");
        claims.put("exp", Instant.now().getEpochSecond() + 300);
        String idToken = oms.sign(claims);

        // tag::sequence-oms[]
        WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.sequenceOms(omsTokenIssuer, omsProjectId)) // keys: {issuer}/.well-known/jwks.json
                .build();
        VerifiedIdentity id = verifier.verify(idToken, WalletProof.none());
        String walletAddress = id.wallet().address();   // wallet_address, bound by the token
        String walletId = id.subject();                 // sub: the wallet id, not the address
        // end::sequence-oms[]
        verifiers.add(verifier);

        assertThat(walletAddress).isEqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        assertThat(walletId).isEqualTo("wlt_01HXYZ");
    }

    @Test
    void nopwd_example_runs() {
        TestIssuer nopwd = TestIssuer.create("ES256", "np-1");
        keys.put("/v0/jwks", nopwd.jwks().replace("\"alg\":\"ES256\",", "").replace("\"use\":\"sig\",", ""));
        URI jwksUri = URI.create(base + "/v0/jwks");
        Map<String, Object> claims = TestIssuer.claims("nopwd.io", "mywebsite.com", Instant.now());
        claims.put("sub", "dave@example.com");
        claims.put("jti", "0b4d6c1e-2f0a-4c1e-9a37-2d1f5b7e8c90");
        claims.put("amr", List.of("email"));
        String accessToken = nopwd.sign(claims);

        // tag::nopwd[]
        WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.nopwd("mywebsite.com")    // your site's bare domain: the token's aud
                        .withJwksUri(jwksUri))                   // omit: https://api.nopwd.io/v0/jwks
                .build();
        String email = verifier.verify(accessToken, WalletProof.none()).subject();
        // end::nopwd[]
        verifiers.add(verifier);

        assertThat(email).isEqualTo("dave@example.com");
    }

    @Test
    void sequence_waas_and_oidc_examples_run() throws Exception {
        TestIssuer waas = TestIssuer.create("RS256", "waas-1");
        TestIssuer login = TestIssuer.create("EdDSA", "ed-1");
        keys.put("/waas/jwks.json", waas.jwks());
        keys.put("/login/jwks", login.jwks());
        URI waasJwks = URI.create(base + "/waas/jwks.json");
        URI loginJwks = URI.create(base + "/login/jwks");
        Map<String, Object> w = TestIssuer.claims("https://waas.sequence.app", "https://sequence.build/project/42",
                Instant.now());
        w.put("sub", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        Map<String, Object> o = TestIssuer.claims("https://login.example.com", "api", Instant.now());
        o.put("ext", Map.of("wallet", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"));
        String waasToken = waas.sign(w);
        String loginToken = login.sign(o);

        // tag::multi[]
        WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.sequenceWaas("https://sequence.build/project/42")
                        .withAudience("https://sequence.build/project/42", "https://api.sequence.build/project/42")
                        .withJwksUri(waasJwks))                   // omit: https://waas.sequence.app/.well-known/jwks.json
                .issuer(IssuerProfiles.oidc("https://login.example.com")
                        .withAudience("api")
                        .withAlgorithms("EdDSA")
                        .withJwksUri(loginJwks)
                        .withWalletAddressClaim("ext.wallet"))   // a nested claim holding the user's address
                .clockSkew(Duration.ofSeconds(30))
                .maxTokenAge(Duration.ofHours(1))
                .build();

        // Each token goes to the issuer its iss names; an unknown iss fails with issuer_unknown, no network call.
        VerifiedIdentity waasUser = verifier.verify(waasToken, WalletProof.none());
        CompletableFuture<VerifiedIdentity> loginUser = verifier.verifyAsync(loginToken, WalletProof.none());
        // end::multi[]
        verifiers.add(verifier);

        assertThat(waasUser.wallet().address()).isEqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        assertThat(loginUser.get().wallet().address()).isEqualTo("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
    }

    @Test
    void sign_in_example_runs() throws IOException {
        // a message made and signed by viem (src/test/signin-node/generate.mjs)
        JsonNode c = null;
        try (var in = ReadmeExamplesTest.class.getResourceAsStream("/signin/fixtures.json")) {
            for (JsonNode n : new ObjectMapper().readTree(in).path("siwe")) {
                c = "viem-statement".equals(n.path("name").asText()) ? n : c;
            }
        }
        String message = c.path("message").asText();
        String signature = c.path("signature").asText();
        NonceStore nonces = NonceStore.inMemory();
        nonces.put(c.path("nonce").asText(), Instant.now().plusSeconds(600)); // as issueNonce() would have
        URI rpcUrl = URI.create("https://rpc.example/eth"); // an EOA's signature asks no chain
        String user = null;
        String wallet = null;
        ErrorCode failure = null;
        // tag::siwe[]
        SignInVerifier signIn = SignInVerifier.builder()
                .domains("app.example.com")                     // the message's domain must be one of these
                .uris("https://app.example.com")                // allowed origins of its uri
                .chain(1, rpcUrl)                               // chain ID → JSON-RPC URL, for smart-contract wallets
                .eoaOnlyChain(8453)                             // a chain accepted for EOAs only
                .nonceStore(nonces)                             // NonceStore.inMemory(), or one your nodes share
                .build();                                       // immutable, thread-safe: one per application

        Nonce nonce = signIn.issueNonce();                      // send nonce.value() to the frontend

        try {
            VerifiedIdentity id = signIn.verifySiwe(message, signature);
            user = id.subject();                                // did:pkh:eip155:1:0xAbC… (EIP-55)
            wallet = id.wallet().address();
        } catch (WalletVerificationException e) {
            failure = e.code();                                 // message_invalid, nonce_invalid, chain_unavailable, …
        }
        // end::siwe[]
        assertThat(failure).isNull();
        assertThat(user).isEqualTo("did:pkh:eip155:1:" + c.path("address").asText());
        assertThat(wallet).isEqualTo(c.path("address").asText());
        assertThat(nonce.value()).hasSize(22);
        assertThatNonceIsSpent(signIn, message, signature);
    }

    private static void assertThatNonceIsSpent(SignInVerifier signIn, String message, String signature) {
        try {
            signIn.verifySiwe(message, signature);
            throw new AssertionError("a nonce signed in twice");
        } catch (WalletVerificationException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.NONCE_INVALID);
        }
    }

    @Test
    void readme_blocks_equal_the_examples_that_ran() throws IOException {
        Path root = projectRoot();
        String source = Files.readString(root.resolve(
                "walletgate-core/src/test/java/io/walletgate/examples/ReadmeExamplesTest.java"))
                + Files.readString(root.resolve(
                        "walletgate-core/src/test/java/io/walletgate/examples/ProviderExamplesTest.java"));
        List<String> seen = new ArrayList<>();
        for (Path document : Documentation.pages(root)) {
            Matcher m = Pattern.compile("<!-- example: ([a-z0-9-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                    .matcher(Files.readString(document));
            while (m.find()) {
                String name = m.group(1);
                seen.add(name);
                if (!name.equals("testing")) { // walletgate-testkit's ReadmeTestingExampleTest checks and runs that one
                    assertThat(m.group(2).strip()).as("example '%s' of %s", name, root.relativize(document))
                            .isEqualTo(region(source, name));
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("web3auth", "web3auth-external", "sequence-oms", "nopwd",
                "multi", "testing", "siwe", "privy", "dynamic", "magic", "para");
    }

    private static String region(String source, String name) {
        int start = source.indexOf("// tag::" + name + "[]");
        int end = source.indexOf("// end::" + name + "[]");
        assertThat(start).as("region %s", name).isPositive();
        String body = source.substring(source.indexOf('\n', start) + 1, end);
        List<String> lines = new ArrayList<>(body.lines().toList());
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString().strip();
    }

    static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("project root (with mvnw) not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private static ErrorCode verifyCode(WalletVerifier verifier, String token, WalletProof proof) {
        try {
            verifier.verify(token, proof);
            return null;
        } catch (WalletVerificationException e) {
            return e.code();
        }
    }
}
