package io.walletgate.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.internal.wallet.EthereumSignatures.RecoveryException;
import io.walletgate.internal.wallet.EthereumSignatures.SRange;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.junit.jupiter.api.Test;

/**
 * EIP-191 hashing and secp256k1 public-key recovery against signatures made by two independent libraries (ethers'
 * {@code Wallet.signMessage} and viem's {@code account.signMessage}, in {@code src/test/signin-node/generate.mjs}),
 * and every malformed signature: length, {@code v}, {@code r} and {@code s} ranges, an {@code r} that is no x
 * coordinate, and the high-s twin of a valid signature under both {@link SRange} rules.
 */
class EthereumSignaturesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger N = ECNamedCurveTable.getByName("secp256k1").getN();

    record Vector(String library, String address, String message, byte[] hash, byte[] signature) {
    }

    static List<Vector> vectors() throws IOException {
        try (InputStream in = EthereumSignaturesTest.class.getResourceAsStream("/signin/fixtures.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Vector> list = new ArrayList<>();
            for (JsonNode c : root.path("eip191")) {
                list.add(new Vector(c.path("library").asText(), c.path("address").asText(), c.path("message").asText(),
                        hex(c.path("hash").asText()), hex(c.path("signature").asText())));
            }
            return list;
        }
    }

    private static byte[] hex(String s) {
        return HEX.parseHex(s.substring(2));
    }

    private static String address(byte[] twenty) {
        return WalletKeys.eip55(twenty);
    }

    @Test
    void personal_message_hash_equals_viems_hash_message() throws IOException {
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(10);
        for (Vector v : vectors) {
            assertThat(EthereumSignatures.personalMessageHash(v.message().getBytes(StandardCharsets.UTF_8)))
                    .as("%s %s", v.library(), v.message()).isEqualTo(v.hash());
        }
    }

    @Test
    void recovers_the_signer_of_ethers_and_viem_signatures() throws Exception {
        for (Vector v : vectors()) {
            byte[] recovered = EthereumSignatures.recoverAddress(v.hash(), v.signature(), SRange.LOW_ONLY);
            assertThat(address(recovered)).as(v.library()).isEqualTo(v.address());
        }
        assertThat(vectors()).extracting(Vector::library).contains("ethers", "viem");
    }

    @Test
    void v_may_be_written_as_0_or_1() throws Exception {
        for (Vector v : vectors()) {
            byte[] sig = v.signature().clone();
            sig[64] = (byte) (sig[64] - 27);
            assertThat(address(EthereumSignatures.recoverAddress(v.hash(), sig, SRange.LOW_ONLY)))
                    .isEqualTo(v.address());
        }
    }

    @Test
    void the_high_s_twin_recovers_the_same_signer_only_under_the_full_range() throws Exception {
        for (Vector v : vectors()) {
            byte[] twin = highSTwin(v.signature());
            assertThat(address(EthereumSignatures.recoverAddress(v.hash(), twin, SRange.FULL))).isEqualTo(v.address());
            assertThatThrownBy(() -> EthereumSignatures.recover(v.hash(), twin, SRange.LOW_ONLY))
                    .isInstanceOf(RecoveryException.class)
                    .hasMessage("signature s is greater than n/2 (EIP-2)");
        }
    }

    @Test
    void a_changed_message_recovers_another_address() throws Exception {
        Vector v = vectors().get(2);
        byte[] other = EthereumSignatures.personalMessageHash("hellO".getBytes(StandardCharsets.UTF_8));
        assertThat(address(EthereumSignatures.recoverAddress(other, v.signature(), SRange.FULL)))
                .isNotEqualTo(v.address());
    }

    @Test
    void rejects_signatures_that_are_not_65_bytes() throws Exception {
        Vector v = vectors().get(0);
        for (int length : new int[] {0, 64, 66, 130}) {
            byte[] sig = Arrays.copyOf(v.signature(), length);
            assertThatThrownBy(() -> EthereumSignatures.recover(v.hash(), sig, SRange.FULL))
                    .isInstanceOf(RecoveryException.class)
                    .hasMessage("signature is " + length + " bytes, not 65 (r, s, v)");
        }
    }

    @Test
    void rejects_v_other_than_27_28_0_1() throws Exception {
        Vector v = vectors().get(0);
        for (int bad : new int[] {2, 26, 29, 30, 31, 35, 37, 255}) {
            byte[] sig = v.signature().clone();
            sig[64] = (byte) bad;
            assertThatThrownBy(() -> EthereumSignatures.recover(v.hash(), sig, SRange.FULL))
                    .isInstanceOf(RecoveryException.class)
                    .hasMessage("signature v is " + bad + ", not 27, 28, 0 or 1");
        }
    }

    @Test
    void rejects_r_and_s_outside_1_to_n_minus_1() throws Exception {
        Vector v = vectors().get(0);
        for (BigInteger bad : List.of(BigInteger.ZERO, N, N.add(BigInteger.ONE), BigInteger.TWO.pow(256).subtract(
                BigInteger.ONE))) {
            byte[] r = v.signature().clone();
            System.arraycopy(fixed(bad), 0, r, 0, 32);
            assertThatThrownBy(() -> EthereumSignatures.recover(v.hash(), r, SRange.FULL))
                    .isInstanceOf(RecoveryException.class).hasMessage("signature r is not in [1, n-1]");
            byte[] s = v.signature().clone();
            System.arraycopy(fixed(bad), 0, s, 32, 32);
            assertThatThrownBy(() -> EthereumSignatures.recover(v.hash(), s, SRange.FULL))
                    .isInstanceOf(RecoveryException.class).hasMessage("signature s is not in [1, n-1]");
        }
    }

    @Test
    void rejects_an_r_that_is_not_the_x_of_a_curve_point() throws Exception {
        Vector v = vectors().get(0);
        BigInteger x = BigInteger.ONE;
        while (isX(x)) {
            x = x.add(BigInteger.ONE);
        }
        byte[] sig = v.signature().clone();
        System.arraycopy(fixed(x), 0, sig, 0, 32);
        assertThatThrownBy(() -> EthereumSignatures.recover(v.hash(), sig, SRange.FULL))
                .isInstanceOf(RecoveryException.class).hasMessage("signature r is not the x of a curve point");
    }

    @Test
    void the_recovered_key_is_the_signers_point_in_both_encodings() throws Exception {
        Vector v = vectors().get(0);
        WalletKeys.Secp256k1Key key = EthereumSignatures.recover(v.hash(), v.signature(), SRange.FULL);
        assertThat(key.compressed()).hasSize(33);
        assertThat(key.uncompressed()).hasSize(65);
        assertThat(WalletKeys.secp256k1Key(key.compressed()).uncompressed()).isEqualTo(key.uncompressed());
        assertThat(address(WalletKeys.ethereumAddress(key.compressed()))).isEqualTo(v.address());
    }

    private static boolean isX(BigInteger x) {
        byte[] enc = new byte[33];
        enc[0] = 2;
        System.arraycopy(fixed(x), 0, enc, 1, 32);
        try {
            ECNamedCurveTable.getByName("secp256k1").getCurve().decodePoint(enc);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // (r, n - s, v flipped): the other valid form of the same signature
    private static byte[] highSTwin(byte[] sig) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] twin = sig.clone();
        System.arraycopy(fixed(N.subtract(s)), 0, twin, 32, 32);
        twin[64] = (byte) (sig[64] == 27 ? 28 : 27);
        return twin;
    }

    private static byte[] fixed(BigInteger value) {
        byte[] b = value.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }
}
