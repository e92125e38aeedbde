package io.walletgate.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.ErrorCode;
import io.walletgate.MutableClock;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chain's side of a SIWE sign-in, against a real JSON-RPC endpoint on loopback ({@link JsonRpcServer}): a
 * signature that is not the address's own goes to EIP-1271 {@code isValidSignature} (an EIP-6492 wrapper to the
 * deployless validator), whose answers decide valid or {@code signature_invalid}; an endpoint that errors, answers
 * garbage or too much, stalls or is down is {@code chain_unavailable}, never a pass and never
 * {@code signature_invalid}; messages never carry the endpoint's path (API keys live there).
 */
class SiweChainTest {
    private static final String MAGIC = "0x1626ba7e" + "00".repeat(28);
    private final JsonRpcServer rpc = startServer();
    private final NonceStore nonces = NonceStore.inMemory();
    private final MutableClock clock = new MutableClock(SignInFixtures.NOW);
    // a message of one wallet with the signature of another: what a smart-contract wallet's owner key produces
    private final SignInFixtures.Siwe wallet = SignInFixtures.siwe("viem-statement");
    private final String ownerSignature = SignInFixtures.siwe("siwe-statement").signature();

    private static JsonRpcServer startServer() {
        try {
            return JsonRpcServer.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        rpc.close();
    }

    private SignInVerifier verifier(URI endpoint) {
        return SignInVerifier.builder().domains("app.example.com").uris("https://app.example.com")
                .chain(1, endpoint).nonceStore(nonces).clock(clock)
                .rpcTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)).rpcResponseLimit(4096).build();
    }

    private VerifiedIdentity signIn(String signature) {
        nonces.put(wallet.nonce(), clock.instant().plusSeconds(600));
        return verifier(rpc.uri()).verifySiwe(wallet.message(), signature);
    }

    private static WalletVerificationException rejection(Runnable r, ErrorCode code, String fragment) {
        WalletVerificationException e = catchThrowableOfType(r::run, WalletVerificationException.class);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(fragment).doesNotContain("SECRET-API-KEY");
        return e;
    }

    @Test
    void an_eoa_signature_never_asks_the_chain() {
        assertThat(signIn(wallet.signature()).claims()).containsEntry("signatureType", "eoa");
        assertThat(rpc.requests()).isEmpty();
    }

    @Test
    void another_signer_is_asked_of_the_wallet_contract_with_isValidSignature() {
        rpc.answer(JsonRpcServer.result(MAGIC));
        VerifiedIdentity id = signIn(ownerSignature);
        assertThat(id.claims()).containsEntry("signatureType", "erc1271");
        assertThat(id.wallet().address()).isEqualTo(wallet.address());
        assertThat(id.wallet().publicKey()).isNull();
        assertThat(rpc.requests()).hasSize(1);
        JsonNode call = rpc.requests().get(0);
        assertThat(call.path("method").asText()).isEqualTo("eth_call");
        assertThat(call.path("params").get(1).asText()).isEqualTo("latest");
        JsonNode tx = call.path("params").get(0);
        assertThat(tx.path("to").asText()).isEqualTo(wallet.address().toLowerCase(Locale.ROOT));
        // isValidSignature(hash, signature): viem's hashMessage of the message, then the owner's 65 bytes
        assertThat(tx.path("data").asText()).isEqualTo("0x1626ba7e" + wallet.hash().substring(2)
                + "0000000000000000000000000000000000000000000000000000000000000040"
                + "0000000000000000000000000000000000000000000000000000000000000041"
                + ownerSignature.substring(2) + "00".repeat(31));
    }

    @Test
    void the_wallets_answer_decides_when_it_is_not_the_magic_value() {
        rpc.answer(JsonRpcServer.result("0xffffffff" + "00".repeat(28)));
        rejection(() -> signIn(ownerSignature), ErrorCode.SIGNATURE_INVALID,
                "did not answer isValidSignature with the ERC-1271 magic value");
        rpc.answer(JsonRpcServer.result("0x1626ba7e" + "00".repeat(27) + "01"));
        rejection(() -> signIn(ownerSignature), ErrorCode.SIGNATURE_INVALID, "magic value");
        rpc.answer(JsonRpcServer.result("0x1626ba7e"));
        rejection(() -> signIn(ownerSignature), ErrorCode.SIGNATURE_INVALID, "magic value");
        rpc.answer(JsonRpcServer.result("0x"));
        rejection(() -> signIn(ownerSignature), ErrorCode.SIGNATURE_INVALID,
                wallet.address() + " is no contract on chain 1");
        rpc.answer(JsonRpcServer.error(3, "execution reverted: GS026"));
        rejection(() -> signIn(ownerSignature), ErrorCode.SIGNATURE_INVALID, "reverted isValidSignature");
        rpc.answer(JsonRpcServer.error(-32000, "execution reverted"));
        rejection(() -> signIn(ownerSignature), ErrorCode.SIGNATURE_INVALID, "reverted isValidSignature");
        rejection(() -> signIn("0x" + "ab".repeat(300)), ErrorCode.SIGNATURE_INVALID, "reverted");
    }

    @Test
    void an_endpoint_that_fails_is_chain_unavailable_never_a_verdict() {
        String[][] failures = {
            {"error -32005", "answered JSON-RPC error -32005"},
            {"error -32000", "answered JSON-RPC error -32000"},
            {"http 500", "answered HTTP 500"},
            {"http 429", "answered HTTP 429"},
            {"not json", "answered something that is not a JSON-RPC response"},
            {"not json-rpc", "answered a JSON object that is not the JSON-RPC 2.0 response to this call"},
            {"wrong id", "answered a JSON object that is not the JSON-RPC 2.0 response to this call"},
            {"array", "answered something that is not a JSON-RPC response"},
            {"result not hex", "answered a result that is not 0x-prefixed hex"},
            {"result number", "answered a result that is not 0x-prefixed hex"},
            {"too large", "answered more than 4096 bytes"},
        };
        for (String[] f : failures) {
            rpc.answer(answer(f[0]));
            rejection(() -> signIn(ownerSignature), ErrorCode.CHAIN_UNAVAILABLE,
                    "chain 1: the JSON-RPC endpoint at 127.0.0.1 " + f[1]);
        }
    }

    private static JsonRpcServer.Answer answer(String kind) {
        switch (kind) {
            case "error -32005":
                return JsonRpcServer.error(-32005, "rate limited");
            case "error -32000":
                return JsonRpcServer.error(-32000, "header not found");
            case "http 500":
                return JsonRpcServer.json(500, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + MAGIC + "\"}");
            case "http 429":
                return JsonRpcServer.json(429, "slow down");
            case "not json":
                return JsonRpcServer.json(200, "<html>bad gateway</html>");
            case "not json-rpc":
                return JsonRpcServer.json(200, "{\"result\":\"" + MAGIC + "\"}");
            case "wrong id":
                return JsonRpcServer.json(200, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"" + MAGIC + "\"}");
            case "array":
                return JsonRpcServer.json(200, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + MAGIC + "\"}]");
            case "result not hex":
                return JsonRpcServer.result("1626ba7e");
            case "result number":
                return JsonRpcServer.json(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}");
            case "too large":
                return JsonRpcServer.oversized(1 << 20);
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @Test
    void an_endpoint_that_stalls_is_chain_unavailable_after_the_read_timeout() {
        rpc.answer(rpc.stalls());
        rejection(() -> signIn(ownerSignature), ErrorCode.CHAIN_UNAVAILABLE,
                "chain 1: the JSON-RPC endpoint at 127.0.0.1 did not answer within 500 ms");
    }

    @Test
    void beyond_the_calls_in_flight_a_sign_in_is_chain_unavailable_at_once() throws Exception {
        rpc.answer(rpc.stalls());
        NonceStore anyNonce = new NonceStore() {
            @Override
            public void put(String nonce, java.time.Instant expiresAt) {
            }

            @Override
            public boolean consume(String nonce, java.time.Instant now) {
                return true;
            }
        };
        SignInVerifier v = SignInVerifier.builder().domains("app.example.com").uris("https://app.example.com")
                .chain(1, rpc.uri()).nonceStore(anyNonce).clock(clock).rpcMaxInFlight(1)
                .rpcTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30)).build();
        java.util.concurrent.CompletableFuture<Throwable> first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> catchThrowableOfType(() -> v.verifySiwe(wallet.message(), ownerSignature),
                        WalletVerificationException.class));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rpc.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the first call waits at the endpoint
        }
        assertThat(rpc.requests()).hasSize(1);
        rejection(() -> v.verifySiwe(wallet.message(), ownerSignature), ErrorCode.CHAIN_UNAVAILABLE,
                "chain 1: the JSON-RPC endpoint at 127.0.0.1 was not asked: 1 calls are already waiting");
        assertThat(rpc.requests()).as("the second call never reached the endpoint").hasSize(1);
        rpc.close(); // the first call ends, and its place is free again
        assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(
                WalletVerificationException.class);
        assertThatThrownBy(() -> SignInVerifier.builder().rpcMaxInFlight(0))
                .hasMessage("rpcMaxInFlight must be between 1 and 10000: 0");
    }

    @Test
    void an_endpoint_that_is_down_is_chain_unavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        nonces.put(wallet.nonce(), clock.instant().plusSeconds(600));
        SignInVerifier v = verifier(URI.create("http://127.0.0.1:" + port + "/v2/SECRET-API-KEY"));
        rejection(() -> v.verifySiwe(wallet.message(), ownerSignature), ErrorCode.CHAIN_UNAVAILABLE,
                "chain 1: the JSON-RPC endpoint at 127.0.0.1 could not be reached (ConnectException)");
    }

    @Test
    void an_erc6492_wrapper_goes_to_the_deployless_validator() {
        SignInFixtures.Abi vector = SignInFixtures.abi().get(0); // a viem-serialized wrapper
        String wrapped = vector.erc6492();
        rpc.answer(JsonRpcServer.result("0x01"));
        assertThat(signIn(wrapped).claims()).containsEntry("signatureType", "erc6492");
        JsonNode tx = rpc.requests().get(0).path("params").get(0);
        assertThat(tx.has("to")).isFalse();
        assertThat(tx.path("data").asText()).startsWith("0x608060405234801561001057600080fd5b50");
        String[][] verdicts = {
            {"0x00", "did not answer isValidSignature with the ERC-1271 magic value (EIP-6492)"},
            {"0x02", "reverted isValidSignature (EIP-6492)"},
            {"0x03", "the EIP-6492 factory call failed, so " + wallet.address() + " could not be deployed on chain 1"},
            {"0x04", "the EIP-6492 factory call did not deploy " + wallet.address()},
        };
        for (String[] v : verdicts) {
            rpc.answer(JsonRpcServer.result(v[0]));
            rejection(() -> signIn(wrapped), ErrorCode.SIGNATURE_INVALID, v[1]);
        }
        String[][] broken = {
            {"0x05", "answered the deployless EIP-6492 validator with a value it never returns"},
            {"0x0101", "answered the deployless EIP-6492 validator with 2 bytes, not 1"},
            {"0x", "with 0 bytes, not 1"},
        };
        for (String[] b : broken) {
            rpc.answer(JsonRpcServer.result(b[0]));
            rejection(() -> signIn(wrapped), ErrorCode.CHAIN_UNAVAILABLE, b[1]);
        }
        rpc.answer(JsonRpcServer.error(3, "execution reverted"));
        rejection(() -> signIn(wrapped), ErrorCode.CHAIN_UNAVAILABLE, "reverted the deployless EIP-6492 validator");
    }

    @Test
    void a_malformed_erc6492_wrapper_is_signature_invalid_without_a_call() {
        String suffix = "6492".repeat(16);
        rejection(() -> signIn("0x" + "00".repeat(40) + suffix), ErrorCode.SIGNATURE_INVALID,
                "the EIP-6492 wrapper is not abi.encode(address, bytes, bytes): shorter than its three head words");
        rejection(() -> signIn("0x" + suffix), ErrorCode.SIGNATURE_INVALID, "shorter than its three head words");
        assertThat(rpc.requests()).isEmpty();
    }
}
