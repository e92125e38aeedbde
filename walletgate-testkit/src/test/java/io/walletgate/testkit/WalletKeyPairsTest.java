package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The testkit's own address derivation, against published vectors (EIP-55, base58, well-known keys). */
class WalletKeyPairsTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void eip55_checksums_match_the_eips_vectors(String address) {
        assertThat(WalletKeyPairs.eip55(HEX.parseHex(address.substring(2).toLowerCase()))).isEqualTo(address);
    }

    @Test
    void the_real_web3auth_fixtures_app_key_has_the_address_the_core_tests_expect() throws Exception {
        // fixtures/web3auth/social-2023.json (vendored at the repository root): the core's Web3AuthRealTokenTest
        // expects WalletGate to derive exactly this address from the token's app key; here the testkit's own code does.
        String fixture = java.nio.file.Files.readString(java.nio.file.Path.of("..", "fixtures", "web3auth",
                "social-2023.json"));
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("\"appPubKey\"\\s*:\\s*\"(0[23][0-9a-f]{64})\"")
                .matcher(fixture);
        assertThat(key.find()).isTrue();
        assertThat(WalletKeyPairs.ethereumAddress(HEX.parseHex(key.group(1))))
                .isEqualTo("0x39d41dEdAa17A4b20f512E04A4E4584fB4FD0CD6");
    }

    @Test
    void private_key_one_has_its_well_known_ethereum_address() {
        DevWallet w = WalletKeyPairs.secp256k1(BigInteger.ONE, "ethereum");

        assertThat(w.publicKey()).isEqualTo("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        assertThat(w.address()).isEqualTo("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
        assertThat(w.privateKey()).isEqualTo("00".repeat(31) + "01");
    }

    @Test
    void base58_matches_known_vectors_and_round_trips() {
        assertThat(Base58.encode("Hello World!".getBytes(StandardCharsets.US_ASCII))).isEqualTo("2NEpo7TZRRrLZSi2U");
        assertThat(Base58.encode(new byte[] {0, 0, 0x28, 0x7f, (byte) 0xb4, (byte) 0xcd})).isEqualTo("11233QC4");
        assertThat(Base58.encode(new byte[32])).isEqualTo("11111111111111111111111111111111");
        assertThat(Base58.decode("11233QC4")).containsExactly(0, 0, 0x28, 0x7f, 0xb4, 0xcd);
        assertThat(Base58.decode("0OIl")).isNull();
        byte[] key = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(Base58.decode(Base58.encode(key))).isEqualTo(key);
    }

    @Test
    void generated_wallets_are_real_keys_with_derived_addresses() {
        DevWallet k1 = WalletKeyPairs.generate("secp256k1", "web3auth_app_key");
        DevWallet ed = WalletKeyPairs.generate("ed25519", "web3auth_app_key");

        assertThat(WalletKeyPairs.secp256k1(new BigInteger(k1.privateKey(), 16), "x").publicKey())
                .isEqualTo(k1.publicKey());
        assertThat(k1.address()).isEqualTo(WalletKeyPairs.ethereumAddress(HEX.parseHex(k1.publicKey())));
        assertThat(ed.publicKey()).hasSize(64);
        assertThat(Base58.decode(ed.address())).isEqualTo(HEX.parseHex(ed.publicKey()));
        assertThat(k1.toString()).doesNotContain(k1.privateKey());
    }

    @Test
    void embedded_keys_and_addresses_are_checked() {
        String uncompressed = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";

        assertThat(WalletKeyPairs.fromPublicKey(uncompressed, "t").publicKey())
                .isEqualTo("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        assertThat(WalletKeyPairs.fromAddress("11111111111111111111111111111111").type()).isEqualTo("solana");
        assertThatThrownBy(() -> WalletKeyPairs.fromPublicKey("02" + "00".repeat(32), "t"))
                .hasMessage("appPublicKey is not a point on secp256k1");
        assertThatThrownBy(() -> WalletKeyPairs.fromAddress("0x1234"))
                .hasMessage("address is not an Ethereum address (0x and 40 hex digits)");
    }
}
