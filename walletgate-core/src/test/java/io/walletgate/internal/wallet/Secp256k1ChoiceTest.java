package io.walletgate.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.ErrorCode;
import io.walletgate.TestWallets;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * What decodes the client's secp256k1 key, as docs/library.md documents it: libsecp256k1 when its JNI bindings are on
 * the class path and load, BouncyCastle otherwise. The bindings are an optional dependency of walletgate-core, so
 * walletgate-core's pom runs this class a second time without them (surefire execution
 * {@code without-native-secp256k1}, which sets {@code walletgate.test.classpath=without-native-secp256k1}). On either
 * path a bad key fails with the same code and message.
 */
class Secp256k1ChoiceTest {
    private static final String CLASSPATH = "walletgate.test.classpath";
    private static final String BINDINGS = "fr.acinq.secp256k1.Secp256k1";
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    @DisabledIfSystemProperty(named = CLASSPATH, matches = "without-native-secp256k1")
    void decodes_with_libsecp256k1_on_linux_when_its_bindings_are_on_the_class_path() throws ClassNotFoundException {
        assertThat(Class.forName(BINDINGS)).isNotNull();
        assertThat(Secp256k1Decoders.isNative()).isTrue();
        assertThat(Secp256k1Decoders.chosen()).isInstanceOf(NativeSecp256k1.class);
        assertThat(Secp256k1Decoders.description()).startsWith("libsecp256k1 (native");
        verifiesAndRefusesKeys();
    }

    @Test
    @EnabledIfSystemProperty(named = CLASSPATH, matches = "without-native-secp256k1")
    void decodes_with_bouncycastle_when_the_bindings_are_not_on_the_class_path() {
        assertThatThrownBy(() -> Class.forName(BINDINGS)).isInstanceOf(ClassNotFoundException.class);
        assertThat(Secp256k1Decoders.loadNative()).isNull();
        assertThat(Secp256k1Decoders.isNative()).isFalse();
        assertThat(Secp256k1Decoders.chosen()).isSameAs(BouncyCastleSecp256k1.INSTANCE);
        assertThat(Secp256k1Decoders.description()).isEqualTo("BouncyCastle (pure Java)");
        verifiesAndRefusesKeys();
    }

    @Test
    void the_native_path_is_skipped_when_native_code_is_disabled() {
        String before = System.getProperty("walletgate.crypto.disableNative");
        System.setProperty("walletgate.crypto.disableNative", "true");
        try {
            assertThat(Secp256k1Decoders.loadNative()).isNull();
        } finally {
            if (before == null) {
                System.clearProperty("walletgate.crypto.disableNative");
            } else {
                System.setProperty("walletgate.crypto.disableNative", before);
            }
        }
    }

    /** Through the public API, on the path this JVM chose: a good key is proven, every bad one refused alike. */
    private static void verifiesAndRefusesKeys() {
        for (int i = 0; i < 50; i++) {
            byte[] compressed = TestWallets.secp256k1(true);
            WalletProof proof = WalletProof.appPublicKey(HEX.formatHex(compressed));
            assertThat(proof.kind()).isEqualTo(WalletProof.Kind.SECP256K1_KEY);
            assertThat(WalletProof.appPublicKey("0x" + HEX.formatHex(TestWallets.secp256k1Other(compressed))))
                    .as("both encodings are the same proof").isEqualTo(proof);
        }
        for (byte[] bad : Secp256k1DecoderDifferentialTest.invalidEncodings()) {
            if (bad.length != 33 && bad.length != 65) {
                continue; // other lengths are not taken for a secp256k1 key at all (their message says what is)
            }
            WalletProof proof = WalletProof.appPublicKey(HEX.formatHex(bad));
            assertThat(proof.isValid()).as(HEX.formatHex(bad)).isFalse();
            assertThatThrownBy(proof::kind).as(HEX.formatHex(bad)).isInstanceOf(WalletVerificationException.class)
                    .satisfies(e -> assertThat(((WalletVerificationException) e).code())
                            .isEqualTo(ErrorCode.WALLET_PROOF_INVALID))
                    .hasMessageContaining("app public key is not a point on secp256k1");
        }
    }
}
