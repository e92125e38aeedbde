package io.walletgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.testkit.Anvil;
import io.walletgate.testkit.EthereumTestWallet;
import io.walletgate.testkit.SiweMessageBuilder;
import io.walletgate.testkit.SiwsMessageBuilder;
import io.walletgate.testkit.SolanaTestWallet;
import io.walletgate.testkit.TestChain;
import io.walletgate.testkit.TestWalletFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code walletgate siwe verify}, the packaged jar run as a process: an EOA, a deployed ERC-1271 wallet and a
 * counterfactual EIP-6492 one on a real anvil, and a Solana wallet, sign in (exit 0, text and {@code --json}); each
 * rejection exits 1 with its code; usage and configuration mistakes exit 2.
 */
class SiweCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Anvil anvil;
    private static TestChain chain;
    private static long chainId;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start_anvil() throws Exception {
        anvil = Anvil.start(Cli.projectRoot().resolve(
                "walletgate-core/src/test/signin-node/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"));
        chain = TestChain.connect(anvil.rpcUri());
        chainId = chain.chainId();
    }

    @AfterAll
    static void stop_anvil() {
        if (anvil != null) {
            anvil.close();
        }
    }

    private Cli.Result verify(String message, String signature, String... options) throws Exception {
        Path file = Files.createTempFile(tmp, "message", ".txt");
        Files.writeString(file, message + "\n"); // as an editor saves it
        List<String> args = new ArrayList<>(List.of("siwe", "verify", "--domain", "localhost", "--uri",
                "http://localhost", "--chain", chainId + "=" + anvil.rpcUri()));
        args.addAll(List.of(options));
        args.add(file.toString());
        args.add(signature);
        return Cli.run(null, Map.of(), args.toArray(String[]::new));
    }

    private static SiweMessageBuilder message(String address) {
        return SiweMessageBuilder.of(address).withChainId(chainId).withStatement("Sign in");
    }

    @Test
    void an_eoa_a_deployed_wallet_and_a_counterfactual_wallet_sign_in() throws Exception {
        EthereumTestWallet eoa = EthereumTestWallet.random();
        String m1 = message(eoa.address()).text();
        Cli.Result r = verify(m1, eoa.signMessage(m1));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("valid: SIWE sign-in by " + eoa.address() + " (eoa)\n")
                .contains("  subject    did:pkh:eip155:" + chainId + ":" + eoa.address());

        EthereumTestWallet owner = EthereumTestWallet.random();
        String wallet = chain.deployWallet(owner.address());
        String m2 = message(wallet).text();
        JsonNode deployed = JSON.readTree(verify(m2, owner.signMessage(m2), "--json").out());
        assertThat(deployed.path("valid").asBoolean()).as(deployed.toString()).isTrue();
        assertThat(deployed.path("subject").asText()).isEqualTo("did:pkh:eip155:" + chainId + ":" + wallet);
        assertThat(deployed.path("signatureType").asText()).isEqualTo("erc1271");
        assertThat(deployed.path("chainId").asLong()).isEqualTo(chainId);

        TestWalletFactory factory = chain.deployWalletFactory();
        String later = factory.walletAddress(owner.address(), 3);
        String m3 = message(later).text();
        JsonNode counterfactual = JSON.readTree(verify(m3, factory.erc6492Signature(owner.address(), 3,
                owner.signMessage(m3)), "--json").out());
        assertThat(counterfactual.path("signatureType").asText()).as(counterfactual.toString()).isEqualTo("erc6492");
        assertThat(chain.code(later)).isEqualTo("0x");
    }

    @Test
    void a_solana_wallet_signs_in_with_a_base58_or_base64_signature() throws Exception {
        SolanaTestWallet wallet = SolanaTestWallet.random();
        String message = SiwsMessageBuilder.of(wallet.address()).withStatement("Sign in").text();
        for (String signature : List.of(wallet.signMessage(message), wallet.signMessageBase64(message))) {
            Cli.Result r = verify(message, signature);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("valid: SIWS sign-in by " + wallet.address() + " (ed25519)\n")
                    .contains("did:pkh:solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp:" + wallet.address());
        }
    }

    @Test
    void each_rejection_exits_1_with_its_code() throws Exception {
        EthereumTestWallet eoa = EthereumTestWallet.random();
        SiweMessageBuilder b = message(eoa.address());
        String m = b.text();
        Cli.Result stranger = verify(m, EthereumTestWallet.random().signMessage(m));
        assertThat(stranger.exit()).isEqualTo(1);
        assertThat(stranger.err()).startsWith("rejected: signature_invalid (the signature is not valid)\n");
        Cli.Result otherNonce = verify(m, eoa.signMessage(m), "--nonce", "someOtherNonce1");
        assertThat(otherNonce.exit()).isEqualTo(1);
        assertThat(otherNonce.err()).startsWith("rejected: nonce_invalid");
        assertThat(verify(m, eoa.signMessage(m), "--nonce", b.nonce()).exit()).isZero();
        String bad = m.replace("Version: 1", "Version: 2");
        JsonNode json = JSON.readTree(verify(bad, eoa.signMessage(bad), "--json").out());
        assertThat(json.path("error").path("code").asText()).isEqualTo("message_invalid");
        assertThat(json.path("error").path("message").asText()).isEqualTo("SIWE message field 'Version': must be 1");
        String elsewhere = message(eoa.address()).withDomain("evil.example.com").text();
        assertThat(verify(elsewhere, eoa.signMessage(elsewhere)).err()).startsWith("rejected: audience_mismatch");

        String down = message(eoa.address()).text();
        Path file = Files.writeString(tmp.resolve("down.txt"), down);
        Cli.Result unavailable = Cli.run(null, Map.of(), "siwe", "verify", "--domain", "localhost", "--uri",
                "http://localhost", "--chain", chainId + "=http://127.0.0.1:9/", file.toString(),
                EthereumTestWallet.random().signMessage(down));
        assertThat(unavailable.exit()).isEqualTo(1);
        assertThat(unavailable.err()).startsWith("rejected: chain_unavailable");
    }

    @Test
    void usage_and_configuration_mistakes_exit_2() throws Exception {
        Path file = Files.writeString(tmp.resolve("m.txt"), "x");
        assertThat(Cli.run(null, Map.of(), "siwe", "verify", "--uri", "http://localhost", file.toString(), "0x")
                .err()).contains("Missing required option: '--domain=D'");
        for (String[] args : new String[][] {
            {"--domain", "localhost", "--uri", "http://localhost/path", file.toString(), "0x"},
            {"--domain", "localhost", "--uri", "http://localhost", "--chain", "one", file.toString(), "0x"},
            {"--domain", "localhost", "--uri", "http://localhost", "--chain", "1=http://rpc.example/", file.toString(),
                "0x"},
            {"--domain", "localhost", "--uri", "http://localhost", tmp.resolve("missing.txt").toString(), "0x"},
        }) {
            List<String> all = new ArrayList<>(List.of("siwe", "verify"));
            all.addAll(List.of(args));
            Cli.Result r = Cli.run(null, Map.of(), all.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
        }
    }
}
