package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.walletgate.ErrorCode;
import io.walletgate.TestWallets;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.wallet.Base58;
import io.walletgate.internal.wallet.WalletKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The wallet-proof decoders on any string: {@link WalletProof#appPublicKey}, {@link WalletProof#address},
 * {@link WalletKeys#parseEthereumAddress} and {@link Base58}. Invariants: construction never throws; {@code kind()}
 * returns or throws {@code wallet_proof_invalid} without echoing the input; a key proof is the same proof as its
 * own normalized (compressed) form, so keys compare as curve points; an Ethereum address is 20 bytes whose EIP-55
 * form matches the input ignoring case; base58 round-trips exactly.
 */
class WalletProofFuzzTest {
    static {
        Bounded.warmUp(() -> {
            WalletProof.appPublicKey("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798").kind();
            WalletProof.appPublicKey("3yZe7d").isValid();
            WalletProof.address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").kind();
        });
    }

    @FuzzTest(maxDuration = "5m")
    void app_public_key(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        Bounded.run("WalletProof.appPublicKey", () -> {
            WalletProof p = WalletProof.appPublicKey(s);
            WalletProof.Kind kind = kindOrNull(p, s);
            if (kind == WalletProof.Kind.SECP256K1_KEY) {
                byte[] compressed = TestWallets.compressed(WalletKeys.parseHex(s.strip()));
                assertThat(compressed).isNotNull().hasSize(33);
                assertThat(WalletProof.appPublicKey(WalletKeys.hex(compressed))).isEqualTo(p);
                assertThat(WalletKeys.ethereumAddress(compressed)).hasSize(20);
            } else if (kind == WalletProof.Kind.ED25519_KEY) {
                assertThat(p.toString()).startsWith("WalletProof[ED25519_KEY ");
            } else {
                assertThat(kind).isNull();
            }
        });
    }

    @FuzzTest(maxDuration = "5m")
    void address(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        Bounded.run("WalletProof.address", () -> {
            WalletProof p = WalletProof.address(s);
            WalletProof.Kind kind = kindOrNull(p, s);
            byte[] eth = WalletKeys.parseEthereumAddress(s);
            if (eth != null) {
                assertThat(eth).hasSize(20);
                String checksummed = WalletKeys.eip55(eth);
                assertThat(checksummed).isEqualToIgnoringCase(s);
                assertThat(WalletKeys.parseEthereumAddress(checksummed)).isEqualTo(eth);
                assertThat(kind).isEqualTo(WalletProof.Kind.ETHEREUM_ADDRESS);
                assertThat(WalletProof.address(checksummed)).isEqualTo(p);
            }
            if (kind == WalletProof.Kind.SOLANA_ADDRESS) {
                assertThat(WalletKeys.parseSolanaAddress(s.strip())).hasSize(32);
            }
        });
    }

    @FuzzTest(maxDuration = "5m")
    void base58(byte[] data) {
        Bounded.run("Base58", () -> {
            String s = new String(data, StandardCharsets.ISO_8859_1);
            byte[] decoded = Base58.decode(s);
            if (decoded != null) {
                assertThat(Base58.encode(decoded)).as("base58 is canonical").isEqualTo(s);
            }
            if (data.length > 0 && data.length <= 40) {
                String encoded = Base58.encode(data);
                assertThat(Arrays.equals(Base58.decode(encoded), data)).as("base58 round trip").isTrue();
            }
        });
    }

    private static WalletProof.Kind kindOrNull(WalletProof p, String input) {
        assertThat(p).isNotNull();
        try {
            WalletProof.Kind kind = p.kind();
            assertThat(p.isValid()).isTrue();
            assertThat(kind).isNotEqualTo(WalletProof.Kind.NONE);
            return kind;
        } catch (WalletVerificationException e) {
            assertThat(p.isValid()).isFalse();
            Bounded.rejected(e, Set.of(ErrorCode.WALLET_PROOF_INVALID), input.strip());
            return null;
        }
    }
}
