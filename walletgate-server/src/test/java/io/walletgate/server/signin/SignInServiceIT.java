package io.walletgate.server.signin;

import static io.walletgate.server.signin.SignInService.code;
import static io.walletgate.server.signin.SignInService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.testkit.Anvil;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.EthereumTestWallet;
import io.walletgate.testkit.SiweMessageBuilder;
import io.walletgate.testkit.SiwsMessageBuilder;
import io.walletgate.testkit.SolanaTestWallet;
import io.walletgate.testkit.TestChain;
import io.walletgate.testkit.TestClock;
import io.walletgate.testkit.TestWalletFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in with a wallet signature through the service (docs/sign-in.md), against a real anvil: an EOA, a deployed
 * ERC-1271 smart wallet and a counterfactual EIP-6492 one each get a session, with the cookie, the forward-auth
 * headers and revocation an ID-token session has; the wallet contract is asked once per sign-in and never by
 * {@code /v1/auth} (counted at the JSON-RPC endpoint); a chain that is down, stalls or answers garbage is 503
 * {@code chain_unavailable} and never a session; every malformed field and every refusal has its exact code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInServiceIT {
    private static final String ADMIN = "sign-in-test-admin-token-0123456789";
    private static final BigInteger N = new BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private Anvil anvil;
    private TestChain chain;
    private long chainId;
    private RpcProxy rpc;
    private RpcProxy hostile;
    private DevIssuer issuer;
    private SignInService service;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        anvil = Anvil.start(SignInService.anvil());
        chain = TestChain.connect(anvil.rpcUri());
        chainId = chain.chainId();
        rpc = RpcProxy.start(anvil.rpcUri());
        hostile = RpcProxy.start(anvil.rpcUri());
        issuer = DevIssuer.start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        service = SignInService.start(dir, String.join("\n",
                "issuers:",
                "  - profile: web3auth",
                "    audience: " + issuer.audience(),
                "    jwksUri: " + issuer.jwksUri("web3auth"),
                "sessions: {cookieSecure: false}",
                "server: {adminToken: " + ADMIN + "}",
                "signIn:",
                "  ethereum:",
                "    domains: [localhost]",
                "    uris: [http://localhost]",
                "    chains:",
                "      " + chainId + ": " + rpc.uri(),
                "      5: http://127.0.0.1:" + closedPort + "/down",
                "      7: " + hostile.uri(),
                "      10: ~",
                "    rpcTimeout: 1s",
                "    rpcResponseLimit: 4KiB",
                "  solana:",
                "    domains: [localhost]",
                "    uris: [http://localhost]",
                ""), clock);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {service, issuer, hostile, rpc, anvil}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private SiweMessageBuilder siwe(String address) {
        return SiweMessageBuilder.of(address).withChainId(chainId).withNonce(service.nonce("siwe"))
                .withIssuedAt(clock.instant()).withStatement("Sign in to the test");
    }

    private static void refused(HttpResponse<String> r, int status, String code, String fragment) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(code(r)).as(r.body()).isEqualTo(code);
        assertThat(json(r).at("/error/message").asText()).contains(fragment).doesNotContain("SECRET-API-KEY");
        assertThat(r.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
    }

    private JsonNode signedIn(HttpResponse<String> r, String address, String signatureType) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode identity = json(r).path("identity");
        assertThat(identity.path("subject").asText()).isEqualTo("did:pkh:eip155:" + chainId + ":" + address);
        assertThat(identity.path("wallet").path("address").asText()).isEqualTo(address);
        assertThat(identity.path("chainId").asLong()).isEqualTo(chainId);
        assertThat(identity.path("signatureType").asText()).isEqualTo(signatureType);
        assertThat(identity.path("profile").asText()).isEqualTo("siwe");
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Lax");
        HttpResponse<String> auth = service.forwardAuth(r);
        assertThat(auth.statusCode()).isEqualTo(200);
        assertThat(auth.headers().firstValue("X-WalletGate-Subject")).hasValue(identity.path("subject").asText());
        assertThat(auth.headers().firstValue("X-WalletGate-Wallet")).hasValue(address);
        assertThat(auth.headers().firstValue("X-WalletGate-Issuer")).hasValue(identity.path("subject").asText());
        return identity;
    }

    @Test
    void an_eoa_a_deployed_smart_wallet_and_a_counterfactual_one_each_get_a_session() {
        EthereumTestWallet eoa = EthereumTestWallet.random();
        String m1 = siwe(eoa.address()).text();
        int calls = rpc.ethCalls();
        signedIn(service.signIn("siwe", m1, eoa.signMessage(m1)), eoa.address(), "eoa");
        assertThat(rpc.ethCalls()).as("an EOA never asks the chain").isEqualTo(calls);

        EthereumTestWallet owner = EthereumTestWallet.random();
        String wallet = chain.deployWallet(owner.address());
        String m2 = siwe(wallet).text();
        HttpResponse<String> deployed = service.signIn("siwe", m2, owner.signMessage(m2));
        signedIn(deployed, wallet, "erc1271");
        assertThat(rpc.ethCalls()).as("one isValidSignature per sign-in").isEqualTo(calls + 1);
        for (int i = 0; i < 5; i++) {
            assertThat(service.forwardAuth(deployed).statusCode()).isEqualTo(200);
        }
        assertThat(rpc.ethCalls()).as("never per /v1/auth request").isEqualTo(calls + 1);

        TestWalletFactory factory = chain.deployWalletFactory();
        String later = factory.walletAddress(owner.address(), 11);
        String m3 = siwe(later).text();
        signedIn(service.signIn("siwe", m3, factory.erc6492Signature(owner.address(), 11, owner.signMessage(m3))),
                later, "erc6492");
        assertThat(rpc.ethCalls()).isEqualTo(calls + 2);
        assertThat(chain.code(later)).as("the check deployed nothing").isEqualTo("0x");
        factory.deploy(owner.address(), 11);
        String m4 = siwe(later).text();
        signedIn(service.signIn("siwe", m4, factory.erc6492Signature(owner.address(), 11, owner.signMessage(m4))),
                later, "erc6492");
    }

    @Test
    void revoking_the_wallet_or_logging_out_ends_a_sign_in_session() {
        EthereumTestWallet eoa = EthereumTestWallet.random();
        String m = siwe(eoa.address()).text();
        HttpResponse<String> first = service.signIn("siwe", m, eoa.signMessage(m));
        String m2 = siwe(eoa.address()).text();
        HttpResponse<String> second = service.signIn("siwe", m2, eoa.signMessage(m2));
        assertThat(service.forwardAuth(first).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = service.send("POST", "/v1/admin/sessions/revoke",
                "{\"wallet\":\"" + eoa.address().toLowerCase(java.util.Locale.ROOT) + "\"}", "Authorization",
                "Bearer " + ADMIN);
        assertThat(json(revoked).path("revoked").asInt()).as(revoked.body()).isEqualTo(2);
        assertThat(service.forwardAuth(first).statusCode()).isEqualTo(401);
        assertThat(service.forwardAuth(second).statusCode()).isEqualTo(401);

        SolanaTestWallet sol = SolanaTestWallet.random();
        String sm = SiwsMessageBuilder.of(sol.address()).withNonce(service.nonce("siws"))
                .withIssuedAt(clock.instant()).text();
        HttpResponse<String> solana = service.signIn("siws", sm, sol.signMessage(sm));
        assertThat(solana.statusCode()).as(solana.body()).isEqualTo(201);
        assertThat(json(solana).at("/identity/subject").asText())
                .isEqualTo("did:pkh:solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp:" + sol.address());
        assertThat(json(solana).at("/identity/chainId").asText()).isEqualTo("mainnet");
        assertThat(service.forwardAuth(solana).headers().firstValue("X-WalletGate-Wallet")).hasValue(sol.address());
        assertThat(service.send("DELETE", "/v1/sessions/current", null, "Cookie", SignInService.cookie(solana))
                .statusCode()).isEqualTo(204);
        assertThat(service.forwardAuth(solana).statusCode()).isEqualTo(401);
    }

    @Test
    void a_chain_that_is_down_slow_huge_or_garbled_is_chain_unavailable_and_never_a_session() {
        EthereumTestWallet owner = EthereumTestWallet.random();
        String wallet = chain.deployWallet(owner.address());
        Map<Long, String> chains = new LinkedHashMap<>();
        chains.put(5L, "chain 5");
        chains.put(10L, "chain 10");
        for (Map.Entry<Long, String> c : chains.entrySet()) {
            String m = siwe(wallet).withChainId(c.getKey()).text();
            refused(service.signIn("siwe", m, owner.signMessage(m)), 503, "chain_unavailable", c.getValue());
        }
        for (RpcProxy.Mode mode : new RpcProxy.Mode[] {RpcProxy.Mode.STALL, RpcProxy.Mode.HUGE,
            RpcProxy.Mode.GARBAGE}) {
            hostile.mode(mode);
            String m = siwe(wallet).withChainId(7).text();
            refused(service.signIn("siwe", m, owner.signMessage(m)), 503, "chain_unavailable", "chain 7");
        }
        hostile.mode(RpcProxy.Mode.FORWARD);
        String m = siwe(wallet).withChainId(7).text(); // anvil behind it is chain 31337, but answers the same
        assertThat(service.signIn("siwe", m, owner.signMessage(m)).statusCode()).isEqualTo(201);
    }

    @Test
    void every_refusal_through_http_has_its_code() {
        EthereumTestWallet eoa = EthereumTestWallet.random();
        // fields the grammar refuses: message_invalid, naming the field
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("address", eoa.address().toLowerCase(java.util.Locale.ROOT));
        malformed.put("Version", "Version: 2");
        malformed.put("Chain ID", "Chain ID: x1");
        malformed.put("URI", "URI: not a uri");
        malformed.put("Issued At", "Issued At: yesterday");
        for (Map.Entry<String, String> e : malformed.entrySet()) {
            SiweMessageBuilder b = siwe(eoa.address());
            String m = mutate(b.text(), e.getKey(), e.getValue(), eoa.address());
            refused(service.signIn("siwe", m, eoa.signMessage(m)), 401, "message_invalid", e.getKey());
        }
        String crlf = siwe(eoa.address()).text().replace("\n", "\r\n");
        refused(service.signIn("siwe", crlf, eoa.signMessage(crlf)), 401, "message_invalid", "SIWE message");
        String trailing = siwe(eoa.address()).text() + "\n";
        refused(service.signIn("siwe", trailing, eoa.signMessage(trailing)), 401, "message_invalid", "SIWE message");
        String bidi = siwe(eoa.address()).withStatement("Sign in \u202Eevil").text();
        refused(service.signIn("siwe", bidi, eoa.signMessage(bidi)), 401, "message_invalid", "statement");
        String fullwidth = siwe(eoa.address()).withDomain("ｌocalhost").text();
        refused(service.signIn("siwe", fullwidth, eoa.signMessage(fullwidth)), 401, "message_invalid", "domain");

        // the site, the chain, the times: audience_mismatch, token_expired, token_not_yet_valid
        String domain = siwe(eoa.address()).withDomain("evil.example").text();
        refused(service.signIn("siwe", domain, eoa.signMessage(domain)), 401, "audience_mismatch", "evil.example");
        String uri = siwe(eoa.address()).withUri("https://evil.example/login").text();
        refused(service.signIn("siwe", uri, eoa.signMessage(uri)), 401, "audience_mismatch", "evil.example");
        String scheme = siwe(eoa.address()).withScheme("https").text();
        refused(service.signIn("siwe", scheme, eoa.signMessage(scheme)), 401, "audience_mismatch", "https://localhost");
        String chainOff = siwe(eoa.address()).withChainId(999).text();
        refused(service.signIn("siwe", chainOff, eoa.signMessage(chainOff)), 401, "audience_mismatch", "chain 999");
        String expired = siwe(eoa.address()).withExpirationTime(clock.instant().minusSeconds(120)).text();
        refused(service.signIn("siwe", expired, eoa.signMessage(expired)), 401, "token_expired", "expired");
        String notYet = siwe(eoa.address()).withNotBefore(clock.instant().plusSeconds(600)).text();
        refused(service.signIn("siwe", notYet, eoa.signMessage(notYet)), 401, "token_not_yet_valid", "not valid");
        String future = siwe(eoa.address()).withIssuedAt(clock.instant().plusSeconds(600)).text();
        refused(service.signIn("siwe", future, eoa.signMessage(future)), 401, "token_not_yet_valid", "future");

        // nonces: never issued, issued for SIWS, used, expired
        String unknown = SiweMessageBuilder.of(eoa.address()).withChainId(chainId).withIssuedAt(clock.instant())
                .withNonce("neverIssued12345").text();
        refused(service.signIn("siwe", unknown, eoa.signMessage(unknown)), 401, "nonce_invalid", "not issued here");
        String solanaNonce = SiweMessageBuilder.of(eoa.address()).withChainId(chainId).withIssuedAt(clock.instant())
                .withNonce(service.nonce("siws")).text();
        refused(service.signIn("siwe", solanaNonce, eoa.signMessage(solanaNonce)), 401, "nonce_invalid", "issued");
        String used = siwe(eoa.address()).text();
        assertThat(service.signIn("siwe", used, eoa.signMessage(used)).statusCode()).isEqualTo(201);
        refused(service.signIn("siwe", used, eoa.signMessage(used)), 401, "nonce_invalid", "already used");
        String stale = siwe(eoa.address()).text();
        clock.advance(Duration.ofMinutes(10));
        refused(service.signIn("siwe", stale, eoa.signMessage(stale)), 401, "nonce_invalid", "expired");
        String refusedFirst = siwe(eoa.address()).withDomain("evil.example").text();
        refused(service.signIn("siwe", refusedFirst, eoa.signMessage(refusedFirst)), 401, "audience_mismatch", "evil");
        String retried = refusedFirst.replace("evil.example", "localhost");
        refused(service.signIn("siwe", retried, eoa.signMessage(retried)), 401, "nonce_invalid",
                "already used"); // a refused attempt used its nonce up too

        // signatures: another signer, not hex, the twin (r, n - s) of one already used
        String stranger = siwe(eoa.address()).text();
        refused(service.signIn("siwe", stranger, EthereumTestWallet.random().signMessage(stranger)), 401,
                "signature_invalid", "no contract"); // not the address's own: the chain says it has no code
        String hex = siwe(eoa.address()).text();
        refused(service.signIn("siwe", hex, "0xzz"), 401, "signature_invalid", "signature");
        String twin = siwe(eoa.address()).text();
        String original = eoa.signMessage(twin);
        assertThat(service.signIn("siwe", twin, original).statusCode()).isEqualTo(201);
        refused(service.signIn("siwe", twin, highS(original)), 401, "nonce_invalid", "already used");
        String twinFirst = siwe(eoa.address()).text(); // the twin is as good as the original, once: EIP-191, not EIP-2
        String theOriginal = eoa.signMessage(twinFirst);
        assertThat(service.signIn("siwe", twinFirst, highS(theOriginal)).statusCode()).isEqualTo(201);
        refused(service.signIn("siwe", twinFirst, theOriginal), 401, "nonce_invalid", "already used");

        // the body: not the expected JSON is 400; an oversized message is the message's fault
        assertThat(code(service.send("POST", "/v1/siwe/sessions", "{\"message\":\"x\"}"))).isEqualTo(
                "request_invalid");
        assertThat(service.send("POST", "/v1/siwe/sessions", "{\"message\":1,\"signature\":\"0x\"}").statusCode())
                .isEqualTo(400);
        assertThat(service.send("POST", "/v1/siwe/sessions", "[]").statusCode()).isEqualTo(400);
        assertThat(service.send("POST", "/v1/siwe/nonce", "{\"a\":").statusCode()).isEqualTo(400);
        refused(service.signIn("siwe", "x".repeat(20_000), "0x00"), 401, "message_invalid", "longer than");
        assertThat(service.send("POST", "/v1/siwe/sessions", "{\"message\":\"" + "x".repeat(70_000) + "\"}")
                .statusCode()).isEqualTo(413);

        String metrics = service.send("GET", "/metrics", null).body();
        for (String outcome : List.of("valid", "message_invalid", "nonce_invalid", "audience_mismatch",
                "token_expired", "token_not_yet_valid", "signature_invalid")) {
            assertThat(metrics).contains("walletgate_signins_total{kind=\"siwe\",outcome=\"" + outcome + "\"}");
        }
        assertThat(metrics).contains("walletgate_signin_nonces_total{kind=\"siwe\"}")
                .contains("walletgate_sessions_opened_total{issuer=\"siwe\"}");
    }

    // Replaces the line of a field (or the address line) with a broken one.
    private static String mutate(String message, String field, String replacement, String address) {
        if (field.equals("address")) {
            return message.replace(address, replacement);
        }
        return message.replaceAll("(?m)^" + java.util.regex.Pattern.quote(field) + ": .*$",
                java.util.regex.Matcher.quoteReplacement(replacement));
    }

    // The other valid ECDSA signature of the same message: (r, n - s) with the other recovery id.
    private static String highS(String signature) {
        byte[] sig = HexFormat.of().parseHex(signature.substring(2));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        byte[] twin = N.subtract(s).toByteArray();
        byte[] padded = new byte[32];
        System.arraycopy(twin, Math.max(0, twin.length - 32), padded, 32 - Math.min(32, twin.length),
                Math.min(32, twin.length));
        System.arraycopy(padded, 0, sig, 32, 32);
        sig[64] = (byte) (sig[64] == 27 ? 28 : sig[64] == 28 ? 27 : sig[64] ^ 1);
        return "0x" + HexFormat.of().formatHex(sig);
    }
}
