package io.walletgate.internal.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.TestWallets;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Wallet encodings against published vectors: EIP-55 (the spec's test addresses), secp256k1 key to Ethereum address
 * (private keys 1, 2, 3), base58 (Bitcoin Core's base58 vectors and well-known Solana program addresses), and the
 * point checks that make secp256k1 keys compare as points.
 */
class WalletKeysTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final X9ECParameters SECP256K1 = ECNamedCurveTable.getByName("secp256k1");

    // EIP-55, "Test Cases": all caps, all lower, and the four normal (mixed-case) addresses.
    private static final List<String> EIP55 = List.of(
            "0x52908400098527886E0F7030069857D2E4169EE7",
            "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
            "0xde709f2102306220921060314715629080e2fb77",
            "0x27b1fdb04752bbc536007a920d24acb045561c26",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb");

    // ---------------------------------------------------------------- EIP-55

    @Test
    void eip55_encodes_the_spec_vectors() {
        for (String address : EIP55) {
            byte[] bytes = HEX.parseHex(address.substring(2).toLowerCase(Locale.ROOT));
            assertThat(WalletKeys.eip55(bytes)).isEqualTo(address);
        }
    }

    @Test
    void parses_checksummed_all_lower_and_all_upper_addresses_to_the_same_bytes() {
        for (String address : EIP55) {
            byte[] expected = HEX.parseHex(address.substring(2).toLowerCase(Locale.ROOT));
            assertThat(WalletKeys.parseEthereumAddress(address)).isEqualTo(expected);
            assertThat(WalletKeys.parseEthereumAddress(address.toLowerCase(Locale.ROOT))).isEqualTo(expected);
            assertThat(WalletKeys.parseEthereumAddress("0x" + address.substring(2).toUpperCase(Locale.ROOT)))
                    .isEqualTo(expected);
            assertThat(WalletKeys.parseEthereumAddress("0X" + address.substring(2))).isEqualTo(expected);
        }
    }

    @Test
    void refuses_mixed_case_address_with_a_wrong_checksum() {
        for (String address : EIP55.subList(4, 8)) {
            for (int i = 2; i < address.length(); i++) {
                char c = address.charAt(i);
                if (Character.isLetter(c)) {
                    String flipped = address.substring(0, i)
                            + (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
                            + address.substring(i + 1);
                    assertThat(WalletKeys.parseEthereumAddress(flipped)).as(flipped).isNull();
                }
            }
        }
    }

    @Test
    void refuses_malformed_ethereum_addresses() {
        String good = EIP55.get(4);
        for (String bad : Arrays.asList(null, "", "0x", good.substring(2), good + "0", good.substring(0, 41),
                "0x" + "g".repeat(40), "1x" + good.substring(2), " " + good.substring(1), "0x" + "0".repeat(39) + " ",
                "0x+" + good.substring(3))) {
            assertThat(WalletKeys.parseEthereumAddress(bad)).as(String.valueOf(bad)).isNull();
        }
    }

    // ---------------------------------------------------------------- secp256k1 key to address

    @Test
    void private_key_one_is_the_generator_and_its_address_is_the_known_one() {
        byte[] g = HEX.parseHex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        assertThat(SECP256K1.getG().getEncoded(true)).isEqualTo(g);
        assertThat(WalletKeys.eip55(WalletKeys.ethereumAddress(g)))
                .isEqualTo("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    }

    @Test
    void private_keys_two_and_three_give_their_known_addresses() {
        assertThat(addressOfPrivateKey(2)).isEqualTo("0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF");
        assertThat(addressOfPrivateKey(3)).isEqualTo("0x6813Eb9362372EEF6200f3b1dbC3f819671cBA69");
    }

    // ---------------------------------------------------------------- secp256k1 points

    @Test
    void compressed_and_uncompressed_forms_of_a_point_normalize_equal() {
        for (int i = 1; i <= 20; i++) {
            byte[] uncompressed = point(BigInteger.valueOf(i * 7919L)).getEncoded(false);
            byte[] compressed = point(BigInteger.valueOf(i * 7919L)).getEncoded(true);
            assertThat(TestWallets.compressed(uncompressed)).isEqualTo(compressed);
            assertThat(TestWallets.compressed(compressed)).isEqualTo(compressed);
            assertThat(WalletKeys.ethereumAddress(TestWallets.compressed(uncompressed)))
                    .isEqualTo(WalletKeys.ethereumAddress(compressed));
        }
    }

    @Test
    void points_with_the_same_x_and_the_other_y_are_different_keys() {
        byte[] p = point(BigInteger.valueOf(12345)).getEncoded(true);
        byte[] negated = p.clone();
        negated[0] = (byte) (p[0] == 2 ? 3 : 2);
        byte[] q = TestWallets.compressed(negated);
        assertThat(q).isNotNull().isNotEqualTo(p);
        assertThat(WalletKeys.ethereumAddress(q)).isNotEqualTo(WalletKeys.ethereumAddress(p));
    }

    @Test
    void refuses_points_off_the_curve() {
        byte[] good = point(BigInteger.valueOf(99)).getEncoded(false);
        byte[] yPlusOne = good.clone();
        yPlusOne[64]++;
        assertThat(TestWallets.compressed(yPlusOne)).isNull();
        byte[] zeros = new byte[65];
        zeros[0] = 4;
        assertThat(TestWallets.compressed(zeros)).isNull();
        // An x for which x^3 + 7 has no square root mod p: no point at all.
        byte[] noY = compressedWithoutPoint();
        assertThat(TestWallets.compressed(noY)).isNull();
        // x = p and x = 2^256 - 1: beyond the field.
        BigInteger p = SECP256K1.getCurve().getField().getCharacteristic();
        assertThat(TestWallets.compressed(concat(new byte[] {2}, fixed(p)))).isNull();
        assertThat(TestWallets.compressed(concat(new byte[] {3},
                fixed(BigInteger.TWO.pow(256).subtract(BigInteger.ONE))))).isNull();
        // A point with a small x, written with x + p: the same point in a second, non-canonical encoding.
        org.bouncycastle.math.ec.ECPoint small = pointWithSmallX();
        BigInteger x = small.getAffineXCoord().toBigInteger();
        byte[] canonical = small.getEncoded(false);
        assertThat(TestWallets.compressed(canonical)).isNotNull();
        byte[] nonCanonical = concat(concat(new byte[] {4}, fixed(x.add(p))), Arrays.copyOfRange(canonical, 33, 65));
        assertThat(TestWallets.compressed(nonCanonical)).isNull();
    }

    @Test
    void refuses_wrong_prefixes_and_lengths() {
        byte[] compressed = point(BigInteger.valueOf(5)).getEncoded(true);
        byte[] uncompressed = point(BigInteger.valueOf(5)).getEncoded(false);
        for (byte prefix : new byte[] {0, 1, 4, 5, 6, 7, (byte) 0xff}) {
            byte[] c = compressed.clone();
            c[0] = prefix;
            assertThat(TestWallets.compressed(c)).as("33 bytes, prefix %s", prefix).isNull();
        }
        for (byte prefix : new byte[] {0, 2, 3, 6, 7}) { // 6 and 7: SEC1 "hybrid" form, refused
            byte[] u = uncompressed.clone();
            u[0] = prefix;
            assertThat(TestWallets.compressed(u)).as("65 bytes, prefix %s", prefix).isNull();
        }
        assertThat(TestWallets.compressed(new byte[] {0})).isNull(); // the point at infinity
        assertThat(TestWallets.compressed(Arrays.copyOfRange(uncompressed, 1, 65))).isNull(); // bare X||Y
        assertThat(TestWallets.compressed(Arrays.copyOf(compressed, 32))).isNull();
        assertThat(TestWallets.compressed(Arrays.copyOf(uncompressed, 66))).isNull();
        assertThat(TestWallets.compressed(new byte[0])).isNull();
    }

    // ---------------------------------------------------------------- ed25519

    @Test
    void recognizes_ed25519_points_and_refuses_other_byte_strings() {
        byte[] key = new Ed25519PrivateKeyParameters(new byte[32], 0).generatePublicKey().getEncoded();
        assertThat(WalletKeys.isEd25519Key(key)).isTrue();
        assertThat(WalletKeys.isEd25519Key(Arrays.copyOf(key, 31))).isFalse();
        assertThat(WalletKeys.isEd25519Key(Arrays.copyOf(key, 33))).isFalse();
        assertThat(WalletKeys.isEd25519Key(ed25519NonPoint())).isFalse();
    }

    // ---------------------------------------------------------------- base58

    @Test
    void base58_matches_bitcoin_core_vectors_both_ways() {
        String[][] vectors = {
            {"61", "2g"}, {"626262", "a3gV"}, {"636363", "aPEr"},
            {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
            {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
            {"516b6fcd0f", "ABnLTmg"}, {"bf4f89001e670274dd", "3SEo3LWLoPntC"}, {"572e4794", "3EFU7m"},
            {"ecac89cad93923c02321", "EJDM8drfXA6uyA"}, {"10c8511e", "Rt5zm"},
            {"00000000000000000000", "1111111111"},
        };
        for (String[] v : vectors) {
            assertThat(Base58.encode(HEX.parseHex(v[0]))).isEqualTo(v[1]);
            assertThat(Base58.decode(v[1])).isEqualTo(HEX.parseHex(v[0]));
        }
    }

    @Test
    void base58_round_trips_leading_zero_bytes() {
        for (int zeros = 0; zeros <= 32; zeros++) {
            byte[] bytes = new byte[32];
            for (int i = zeros; i < 32; i++) {
                bytes[i] = (byte) (i * 37 + 1);
            }
            String encoded = Base58.encode(bytes);
            assertThat(encoded).startsWith("1".repeat(zeros));
            assertThat(Base58.decode(encoded)).isEqualTo(bytes);
        }
        assertThat(Base58.encode(new byte[] {0})).isEqualTo("1");
        assertThat(Base58.decode("1")).isEqualTo(new byte[] {0});
        assertThat(Base58.decode("z")).isEqualTo(new byte[] {57});
        assertThat(Base58.encode(new byte[0])).isEmpty();
    }

    @Test
    void known_solana_addresses_decode_to_their_32_bytes() {
        assertThat(WalletKeys.parseSolanaAddress("11111111111111111111111111111111")).isEqualTo(new byte[32]);
        assertThat(WalletKeys.hex(WalletKeys.parseSolanaAddress("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")))
                .isEqualTo("06ddf6e1d765a193d9cbe146ceeb79ac1cb485ed5f5b37913a8cf5857eff00a9");
        assertThat(WalletKeys.hex(WalletKeys.parseSolanaAddress("So11111111111111111111111111111111111111112")))
                .isEqualTo("069b8857feab8184fb687f634618c035dac439dc1aeb3b5598a0f00000000001");
        byte[] token = HEX.parseHex("06ddf6e1d765a193d9cbe146ceeb79ac1cb485ed5f5b37913a8cf5857eff00a9");
        assertThat(WalletKeys.solanaAddress(token)).isEqualTo("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
    }

    @Test
    void base58_refuses_empty_overlong_and_foreign_characters() {
        assertThat(Base58.decode("")).isNull();
        assertThat(Base58.decode(null)).isNull();
        assertThat(Base58.decode("1".repeat(129))).isNull();
        for (String bad : List.of("0", "O", "I", "l", "+", "/", " ", "2g ", "2g=", "\u00e9", "\uff12g")) {
            assertThat(Base58.decode(bad)).as(bad).isNull();
        }
        // Base58 of 31 or 33 bytes is not a Solana address.
        assertThat(WalletKeys.parseSolanaAddress(Base58.encode(new byte[31]))).isNull();
        assertThat(WalletKeys.parseSolanaAddress(Base58.encode(filled(33)))).isNull();
        assertThat(WalletKeys.parseSolanaAddress(Base58.encode(filled(32)))).isEqualTo(filled(32));
    }

    // ---------------------------------------------------------------- hex

    @Test
    void parses_hex_with_optional_0x_in_any_case() {
        assertThat(WalletKeys.parseHex("0xABcd")).isEqualTo(new byte[] {(byte) 0xab, (byte) 0xcd});
        assertThat(WalletKeys.parseHex("0XabCD")).isEqualTo(new byte[] {(byte) 0xab, (byte) 0xcd});
        assertThat(WalletKeys.parseHex("abcd")).isEqualTo(new byte[] {(byte) 0xab, (byte) 0xcd});
        for (String bad : Arrays.asList(null, "", "0x", "abc", "0xabc", "zz", "ab cd", "+abc", "-abc", "0x0x00",
                "\u0660\u0660")) {
            assertThat(WalletKeys.parseHex(bad)).as(String.valueOf(bad)).isNull();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String addressOfPrivateKey(long d) {
        return WalletKeys.eip55(WalletKeys.ethereumAddress(point(BigInteger.valueOf(d)).getEncoded(true)));
    }

    private static org.bouncycastle.math.ec.ECPoint point(BigInteger d) {
        return SECP256K1.getG().multiply(d).normalize();
    }

    private static byte[] compressedWithoutPoint() {
        for (int x = 1; x < 1000; x++) {
            byte[] c = concat(new byte[] {2}, fixed(BigInteger.valueOf(x)));
            try {
                SECP256K1.getCurve().decodePoint(c);
            } catch (IllegalArgumentException e) {
                return c;
            }
        }
        throw new AssertionError("every small x is on the curve?");
    }

    private static org.bouncycastle.math.ec.ECPoint pointWithSmallX() {
        for (int x = 1; x < 1000; x++) {
            try {
                return SECP256K1.getCurve().decodePoint(concat(new byte[] {2}, fixed(BigInteger.valueOf(x))));
            } catch (IllegalArgumentException e) {
                // no point with this x
            }
        }
        throw new AssertionError("no small x on the curve?");
    }

    private static byte[] ed25519NonPoint() {
        for (int y = 2; y < 1000; y++) {
            byte[] b = new byte[32];
            b[0] = (byte) y;
            b[1] = (byte) (y >> 8);
            if (!org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartial(b, 0)) {
                return b;
            }
        }
        throw new AssertionError("every small y decodes?");
    }

    private static byte[] filled(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 0x5a);
        return b;
    }

    private static byte[] fixed(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
