package io.walletgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A development chain (anvil, Hardhat) reached over JSON-RPC, where the testkit deploys smart-contract wallets for
 * Sign-In with Ethereum tests: transactions are sent from the node's first unlocked account and mined at once.
 * FOR TESTS ONLY.
 *
 * <pre>{@code
 * TestChain chain = TestChain.connect(anvil.rpcUri());
 * EthereumTestWallet owner = EthereumTestWallet.random();
 * String wallet = chain.deployWallet(owner.address());              // an ERC-1271 wallet owned by owner
 * TestWalletFactory factory = chain.deployWalletFactory();
 * String later = factory.walletAddress(owner.address(), salt);      // counterfactual: not deployed yet
 * String signature = factory.erc6492Signature(owner.address(), salt, owner.signMessage(message));
 * }</pre>
 */
public final class TestChain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final URI rpc;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong ids = new AtomicLong();

    private TestChain(URI rpc) {
        this.rpc = rpc;
    }

    /**
     * A chain at this JSON-RPC URL.
     *
     * @param rpc the JSON-RPC URL
     * @return the chain
     */
    public static TestChain connect(URI rpc) {
        return new TestChain(rpc);
    }

    /** {@return the JSON-RPC URL} */
    public URI rpcUri() {
        return rpc;
    }

    /**
     * {@code eth_chainId}.
     *
     * @return the chain id
     */
    public long chainId() {
        return Long.decode(call("eth_chainId").asText());
    }

    /**
     * The deployed code at an address ({@code 0x} when there is none).
     *
     * @param address the address
     * @return the code, {@code 0x}-hex
     */
    public String code(String address) {
        return call("eth_getCode", address, "latest").asText();
    }

    /**
     * Deploys a {@code TestSmartWallet} owned by {@code owner}; returns its EIP-55 address.
     *
     * @param owner the owner's address
     * @return the wallet's address
     */
    public String deployWallet(String owner) {
        return deploy(TestWalletFactory.walletInitCode(owner));
    }

    /**
     * Deploys a {@code TestSmartWalletFactory}, which deploys wallets at CREATE2 addresses.
     *
     * @return the deployed factory
     */
    public TestWalletFactory deployWalletFactory() {
        return new TestWalletFactory(this, deploy(TestWalletFactory.factoryCode()));
    }

    /** Deploys creation code; returns the new contract's EIP-55 address. */
    String deploy(byte[] creationCode) {
        JsonNode receipt = transact(null, creationCode);
        return WalletKeyPairs.eip55(HEX.parseHex(receipt.path("contractAddress").asText().substring(2)));
    }

    /** Sends a transaction from the first unlocked account and waits for its receipt; fails if it reverted. */
    JsonNode transact(String to, byte[] data) {
        String from = call("eth_accounts").get(0).asText();
        ObjectNode tx = JSON.createObjectNode().put("from", from).put("data", "0x" + HEX.formatHex(data))
                .put("gas", "0x" + Long.toHexString(5_000_000));
        if (to != null) {
            tx.put("to", to);
        }
        String hash = call("eth_sendTransaction", tx).asText();
        for (int attempt = 0; attempt < 100; attempt++) {
            JsonNode receipt = call("eth_getTransactionReceipt", hash);
            if (!receipt.isNull()) {
                if (!"0x1".equals(receipt.path("status").asText())) {
                    throw new IllegalStateException("transaction " + hash + " reverted");
                }
                return receipt;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("transaction " + hash + " was not mined: is the node mining on demand?");
    }

    /** One JSON-RPC call; its {@code result}. */
    JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", method);
        ArrayNode p = request.putArray("params");
        for (Object param : params) {
            p.add(param instanceof JsonNode ? (JsonNode) param : JSON.getNodeFactory().textNode(param.toString()));
        }
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(rpc).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            JsonNode body;
            try (InputStream in = r.body()) {
                body = JSON.readTree(in);
            }
            if (body.has("error")) {
                throw new IllegalStateException(method + " failed: " + body.get("error"));
            }
            return body.path("result");
        } catch (IOException e) {
            throw new UncheckedIOException(method + " to " + rpc + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = TestChain.class.getResourceAsStream("signin/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the testkit jar");
            }
            return HEX.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip().substring(2)
                    .toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
