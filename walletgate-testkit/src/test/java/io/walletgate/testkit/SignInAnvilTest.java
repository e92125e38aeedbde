package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import io.walletgate.signin.NonceStore;
import io.walletgate.signin.SignInVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-In with Ethereum against a real local node: anvil (npm {@code @foundry-rs/anvil-linux-amd64}) on a free
 * loopback port, with the testkit's ERC-1271 wallet and its CREATE2 factory compiled by solc (npm) in this test
 * (the bytes must equal the ones the testkit ships) and deployed here. An EOA, a deployed smart wallet and a
 * counterfactual one (EIP-6492, deployed by the factory only after its signature was checked: the same signature
 * verifies before and after) sign in through {@link SignInVerifier}; wrong signers, a reverting wallet and a failing
 * factory are {@code signature_invalid}; the node stopped is {@code chain_unavailable}.
 */
class SignInAnvilTest {
    private static Anvil anvil;
    private static TestChain chain;
    private static long chainId;

    private final NonceStore nonces = NonceStore.inMemory();

    @BeforeAll
    static void start_anvil_and_check_the_contracts(@TempDir Path tmp) throws Exception {
        Path testkit = ReadmeTestingExampleTest.projectRoot().resolve("walletgate-testkit/src/main");
        JsonNode compiled = SignInNode.runCompile(testkit.resolve("solidity/TestSmartWallet.sol"), tmp);
        Path resources = testkit.resolve("resources/io/walletgate/testkit/signin");
        assertThat(compiled.path("TestSmartWallet.sol:TestSmartWallet").asText())
                .isEqualTo(Files.readString(resources.resolve("TestSmartWallet.hex")).strip());
        assertThat(compiled.path("TestSmartWallet.sol:TestSmartWalletFactory").asText())
                .isEqualTo(Files.readString(resources.resolve("TestSmartWalletFactory.hex")).strip());
        anvil = Anvil.start(SignInNode.anvil());
        chain = TestChain.connect(anvil.rpcUri());
        chainId = chain.chainId();
    }

    @AfterAll
    static void stop_anvil() {
        if (anvil != null) {
            anvil.close();
        }
    }

    private SignInVerifier verifier() {
        return SignInVerifier.builder().domains("localhost").uris("http://localhost")
                .chain(chainId, anvil.rpcUri()).nonceStore(nonces).build();
    }

    private String message(String address) {
        SiweMessageBuilder b = SiweMessageBuilder.of(address).withChainId(chainId).withStatement("Sign in to the test");
        nonces.put(b.nonce(), b.issuedAt().plusSeconds(600));
        return b.text();
    }

    private static WalletVerificationException rejection(Runnable r) {
        WalletVerificationException e = catchThrowableOfType(r::run, WalletVerificationException.class);
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void an_eoa_signs_in() {
        EthereumTestWallet eoa = EthereumTestWallet.random();
        String message = message(eoa.address());
        VerifiedIdentity id = verifier().verifySiwe(message, eoa.signMessage(message));
        assertThat(id.subject()).isEqualTo("did:pkh:eip155:" + chainId + ":" + eoa.address());
        assertThat(id.claims()).containsEntry("signatureType", "eoa");
    }

    @Test
    void a_deployed_erc1271_wallet_signs_in_with_its_owners_signature() {
        EthereumTestWallet owner = EthereumTestWallet.random();
        String wallet = chain.deployWallet(owner.address());
        assertThat(chain.code(wallet)).isNotEqualTo("0x");
        String message = message(wallet);
        VerifiedIdentity id = verifier().verifySiwe(message, owner.signMessage(message));
        assertThat(id.subject()).isEqualTo("did:pkh:eip155:" + chainId + ":" + wallet);
        assertThat(id.wallet().address()).isEqualTo(wallet);
        assertThat(id.claims()).containsEntry("signatureType", "erc1271");

        String again = message(wallet);
        WalletVerificationException stranger = rejection(() -> verifier().verifySiwe(again,
                EthereumTestWallet.random().signMessage(again)));
        assertThat(stranger.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        assertThat(stranger.getMessage()).isEqualTo("the wallet contract " + wallet + " on chain " + chainId
                + " did not answer isValidSignature with the ERC-1271 magic value");
        String third = message(wallet);
        WalletVerificationException reverted = rejection(() -> verifier().verifySiwe(third,
                "0x" + "ab".repeat(70)));
        assertThat(reverted.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        assertThat(reverted.getMessage()).isEqualTo("the wallet contract " + wallet + " on chain " + chainId
                + " reverted isValidSignature");
    }

    @Test
    void a_counterfactual_wallet_signs_in_before_and_after_its_factory_deploys_it() {
        EthereumTestWallet owner = EthereumTestWallet.random();
        TestWalletFactory factory = chain.deployWalletFactory();
        String wallet = factory.walletAddress(owner.address(), 7);
        assertThat(chain.code(wallet)).isEqualTo("0x");
        String message = message(wallet);
        String signature = factory.erc6492Signature(owner.address(), 7, owner.signMessage(message));

        VerifiedIdentity before = verifier().verifySiwe(message, signature);
        assertThat(before.claims()).containsEntry("signatureType", "erc6492");
        assertThat(before.wallet().address()).isEqualTo(wallet);
        assertThat(chain.code(wallet)).as("the check deploys nothing for real").isEqualTo("0x");

        assertThat(factory.deploy(owner.address(), 7)).isEqualTo(wallet);
        assertThat(chain.code(wallet)).isNotEqualTo("0x");
        nonces.put(nonceOf(message), java.time.Instant.now().plusSeconds(600)); // the same message, a second time
        assertThat(verifier().verifySiwe(message, signature).claims()).containsEntry("signatureType", "erc6492");
        String plain = message(wallet);
        assertThat(verifier().verifySiwe(plain, owner.signMessage(plain)).claims())
                .containsEntry("signatureType", "erc1271");
    }

    @Test
    void a_counterfactual_wallet_with_a_stranger_or_a_broken_factory_call_is_signature_invalid() {
        EthereumTestWallet owner = EthereumTestWallet.random();
        TestWalletFactory factory = chain.deployWalletFactory();
        String wallet = factory.walletAddress(owner.address(), 1);
        String message = message(wallet);
        String stranger = factory.erc6492Signature(owner.address(), 1,
                EthereumTestWallet.random().signMessage(message));
        WalletVerificationException e = rejection(() -> verifier().verifySiwe(message, stranger));
        assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).isEqualTo("the wallet " + wallet + " on chain " + chainId
                + " did not answer isValidSignature with the ERC-1271 magic value (EIP-6492)");

        // the wrapper names the wallet of another owner: the factory deploys that one, not the message's address
        String other = message(wallet);
        String wrongWallet = factory.erc6492Signature(EthereumTestWallet.random().address(), 1,
                owner.signMessage(other));
        WalletVerificationException notDeployed = rejection(() -> verifier().verifySiwe(other, wrongWallet));
        assertThat(notDeployed.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        assertThat(notDeployed.getMessage()).isEqualTo("the EIP-6492 factory call did not deploy " + wallet
                + " on chain " + chainId);

        // a factory address with no code is no factory: its call "succeeds" and deploys nothing; an EOA's call too
        String third = message(wallet);
        String eoaFactory = new TestWalletFactory(null, EthereumTestWallet.random().address())
                .erc6492Signature(owner.address(), 1, owner.signMessage(third));
        assertThat(rejection(() -> verifier().verifySiwe(third, eoaFactory)).getMessage())
                .isEqualTo("the EIP-6492 factory call did not deploy " + wallet + " on chain " + chainId);
        // a factory whose call reverts
        String fourth = message(wallet);
        String revertingFactory = new TestWalletFactory(null, chain.deployWallet(owner.address()))
                .erc6492Signature(owner.address(), 1, owner.signMessage(fourth));
        assertThat(rejection(() -> verifier().verifySiwe(fourth, revertingFactory)).getMessage())
                .isEqualTo("the EIP-6492 factory call failed, so " + wallet + " could not be deployed on chain "
                        + chainId);
    }

    @Test
    void an_eoa_signature_by_someone_else_is_signature_invalid_after_asking_the_chain() {
        EthereumTestWallet eoa = EthereumTestWallet.random();
        String message = message(eoa.address());
        WalletVerificationException e = rejection(() -> verifier().verifySiwe(message,
                EthereumTestWallet.random().signMessage(message)));
        assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        assertThat(e.getMessage()).endsWith(eoa.address() + ", and " + eoa.address() + " is no contract on chain "
                + chainId);
    }

    @Test
    void a_chain_that_is_down_is_chain_unavailable() throws Exception {
        EthereumTestWallet owner = EthereumTestWallet.random();
        try (Anvil other = Anvil.start(SignInNode.anvil())) {
            TestChain second = TestChain.connect(other.rpcUri());
            String wallet = second.deployWallet(owner.address());
            SignInVerifier v = SignInVerifier.builder().domains("localhost").uris("http://localhost")
                    .chain(chainId, other.rpcUri()).nonceStore(nonces).build();
            String message = message(wallet);
            assertThat(v.verifySiwe(message, owner.signMessage(message)).claims())
                    .containsEntry("signatureType", "erc1271");
            other.close();
            String again = message(wallet);
            WalletVerificationException e = rejection(() -> v.verifySiwe(again, owner.signMessage(again)));
            assertThat(e.code()).isEqualTo(ErrorCode.CHAIN_UNAVAILABLE);
            assertThat(e.getMessage()).startsWith("chain " + chainId + ": the JSON-RPC endpoint at 127.0.0.1 could"
                    + " not be reached");
        }
    }

    private static String nonceOf(String message) {
        return message.lines().filter(l -> l.startsWith("Nonce: ")).findFirst().orElseThrow().substring(7);
    }
}
