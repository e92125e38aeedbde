package io.walletgate.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The contract calls' ABI encodings against viem's ({@code encodeFunctionData}, {@code serializeErc6492Signature},
 * {@code encodeAbiParameters}, in {@code src/test/signin-node/generate.mjs}), and the strict decoding of EIP-6492
 * wrappers: every offset and length inside the data.
 */
class ContractCallsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.substring(2));
    }

    private static String hex(byte[] b) {
        return "0x" + HEX.formatHex(b);
    }

    @Test
    void encodes_is_valid_signature_as_viem_does() {
        for (SignInFixtures.Abi v : SignInFixtures.abi()) {
            assertThat(hex(ContractCalls.isValidSignature(hex(v.hash()), hex(v.signature()))))
                    .isEqualTo(v.isValidSignature());
        }
    }

    @Test
    void unwraps_what_viem_wraps_and_encodes_the_validators_arguments_as_viem_does() {
        for (SignInFixtures.Abi v : SignInFixtures.abi()) {
            byte[] wrapped = hex(v.erc6492());
            assertThat(ContractCalls.isErc6492(wrapped)).isTrue();
            ContractCalls.Wrapped w = ContractCalls.unwrap(wrapped);
            assertThat(hex(w.factory())).isEqualToIgnoringCase(v.factory());
            assertThat(hex(w.factoryCalldata())).isEqualTo(v.factoryCalldata());
            assertThat(hex(w.signature())).isEqualTo(v.signature());
            String call = hex(ContractCalls.validatorCall(hex(v.signer()), hex(v.hash()), w));
            assertThat(call).endsWith(v.validatorArguments().substring(2));
            assertThat(call.length()).isGreaterThan(v.validatorArguments().length() + 1000);
            assertThat(ContractCalls.isErc6492(hex(v.signature()))).isFalse();
        }
    }

    @Test
    void rejects_wrappers_whose_offsets_or_lengths_leave_the_data() {
        byte[] good = hex(SignInFixtures.abi().get(0).erc6492());
        rejects(mutate(good, 0, 1), "its first word is not an address");
        rejects(word(good, 32, 0x20), "a byte-string offset points outside the data");     // into the head
        rejects(word(good, 32, 0x61), "a byte-string offset points outside the data");     // not word-aligned
        rejects(word(good, 64, good.length), "a byte-string offset points outside the data");
        rejects(word(good, 64, 0x7fffffff), "a byte-string offset points outside the data");
        byte[] huge = good.clone();
        huge[32 + 3] = 1;                                                                   // offset ≥ 2^224
        rejects(huge, "a byte-string offset points outside the data");
        int secondOffset = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(good, 64, 96)).intValue();
        rejects(word(good, secondOffset, 1 << 20), "a byte string runs past the end of the data");
    }

    private static void rejects(byte[] wrapped, String message) {
        assertThatThrownBy(() -> ContractCalls.unwrap(wrapped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static byte[] mutate(byte[] data, int at, int value) {
        byte[] copy = data.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] word(byte[] data, int at, long value) {
        byte[] copy = data.clone();
        for (int i = 0; i < 32; i++) {
            copy[at + 31 - i] = i < 8 ? (byte) (value >>> (8 * i)) : 0;
        }
        return copy;
    }
}
