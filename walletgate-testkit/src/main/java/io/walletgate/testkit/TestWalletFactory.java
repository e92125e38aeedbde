package io.walletgate.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A deployed {@code TestSmartWalletFactory} ({@code src/main/solidity/TestSmartWallet.sol}): it deploys
 * {@code TestSmartWallet}s at CREATE2 addresses known in advance, the counterfactual wallets of EIP-6492. The
 * address and the EIP-6492 signature are computed here, without the chain. FOR TESTS ONLY.
 */
public final class TestWalletFactory {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] WALLET_CODE = TestChain.resource("TestSmartWallet.hex");
    private static final byte[] FACTORY_CODE = TestChain.resource("TestSmartWalletFactory.hex");
    private static final byte[] DEPLOY = Arrays.copyOf(WalletKeyPairs.keccak256(
            "deploy(address,bytes32)".getBytes(StandardCharsets.US_ASCII)), 4);

    private final TestChain chain;
    private final String address;

    TestWalletFactory(TestChain chain, String address) {
        this.chain = chain;
        this.address = address;
    }

    /** {@return the factory's EIP-55 address} */
    public String address() {
        return address;
    }

    /**
     * The CREATE2 address of the wallet of (owner, salt), deployed or not: EIP-1014's formula, in Java.
     *
     * @param owner the owner's address
     * @param salt the CREATE2 salt
     * @return the address, EIP-55
     */
    public String walletAddress(String owner, long salt) {
        byte[] preimage = new byte[1 + 20 + 32 + 32];
        preimage[0] = (byte) 0xff;
        System.arraycopy(address20(address), 0, preimage, 1, 20);
        System.arraycopy(word(salt), 0, preimage, 21, 32);
        System.arraycopy(WalletKeyPairs.keccak256(walletInitCode(owner)), 0, preimage, 53, 32);
        return WalletKeyPairs.eip55(Arrays.copyOfRange(WalletKeyPairs.keccak256(preimage), 12, 32));
    }

    /**
     * The call data of {@code deploy(owner, salt)}: what the factory runs to deploy the wallet.
     *
     * @param owner the owner's address
     * @param salt the CREATE2 salt
     * @return the call data
     */
    public byte[] deployCalldata(String owner, long salt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DEPLOY);
        out.writeBytes(addressWord(owner));
        out.writeBytes(word(salt));
        return out.toByteArray();
    }

    /**
     * Deploys the wallet of (owner, salt) now; returns its address.
     *
     * @param owner the owner's address
     * @param salt the CREATE2 salt
     * @return the address, EIP-55
     */
    public String deploy(String owner, long salt) {
        chain.transact(address, deployCalldata(owner, salt));
        return walletAddress(owner, salt);
    }

    /**
     * The EIP-6492 signature of a wallet not deployed yet: {@code abi.encode(factory, deployCalldata, signature)}
     * followed by the 32-byte magic suffix. Valid before and after the wallet is deployed.
     *
     * @param owner the owner's address
     * @param salt the CREATE2 salt
     * @param signature the signature the wallet itself would check (for a TestSmartWallet, the owner's
     *     {@code personal_sign}), as {@code 0x}-hex
     * @return the wrapped signature, {@code 0x}-hex
     */
    public String erc6492Signature(String owner, long salt, String signature) {
        byte[] inner = HEX.parseHex(signature.substring(2).toLowerCase(Locale.ROOT));
        byte[] calldata = deployCalldata(owner, salt);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(addressWord(address));
        out.writeBytes(word(96));
        out.writeBytes(word(96 + 32 + padded(calldata.length)));
        dynamic(out, calldata);
        dynamic(out, inner);
        for (int i = 0; i < 16; i++) {
            out.write(0x64);
            out.write(0x92);
        }
        return "0x" + HEX.formatHex(out.toByteArray());
    }

    static byte[] walletInitCode(String owner) {
        byte[] code = Arrays.copyOf(WALLET_CODE, WALLET_CODE.length + 32);
        System.arraycopy(addressWord(owner), 0, code, WALLET_CODE.length, 32);
        return code;
    }

    static byte[] factoryCode() {
        return FACTORY_CODE.clone();
    }

    private static void dynamic(ByteArrayOutputStream out, byte[] data) {
        out.writeBytes(word(data.length));
        out.writeBytes(Arrays.copyOf(data, padded(data.length)));
    }

    private static int padded(int length) {
        return (length + 31) / 32 * 32;
    }

    private static byte[] address20(String address) {
        return HEX.parseHex(address.substring(2).toLowerCase(Locale.ROOT));
    }

    private static byte[] addressWord(String address) {
        byte[] w = new byte[32];
        System.arraycopy(address20(address), 0, w, 12, 20);
        return w;
    }

    private static byte[] word(long value) {
        byte[] w = new byte[32];
        for (int i = 0; i < 8; i++) {
            w[31 - i] = (byte) (value >>> (8 * i));
        }
        return w;
    }
}
