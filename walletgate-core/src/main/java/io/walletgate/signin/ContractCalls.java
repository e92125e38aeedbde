package io.walletgate.signin;

import io.walletgate.internal.wallet.WalletKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The call data of the two contract checks, ABI-encoded by hand (a few static words and byte strings): EIP-1271
 * {@code isValidSignature(bytes32, bytes)} for a deployed wallet, and the deployless {@code Erc6492Validator}
 * (its creation code, {@code src/main/solidity/Erc6492Validator.sol} compiled by the pinned solc, plus constructor
 * arguments) for a signature in the EIP-6492 wrapper, which is decoded here, strictly, before any call.
 */
final class ContractCalls {
    /** {@code bytes4(keccak256("isValidSignature(bytes32,bytes)"))}, also the value a valid check returns. */
    static final byte[] ERC1271_MAGIC = {0x16, 0x26, (byte) 0xba, 0x7e};
    /** EIP-6492: a wrapped signature ends with 32 bytes of {@code 0x6492} repeated. */
    private static final byte[] ERC6492_SUFFIX = suffix();
    private static final byte[] VALIDATOR = readValidator();

    private ContractCalls() {
    }

    /** An EIP-6492 wrapper's parts: {@code abi.encode(address factory, bytes factoryCalldata, bytes signature)}. */
    record Wrapped(byte[] factory, byte[] factoryCalldata, byte[] signature) {
    }

    /** Whether a signature ends with the EIP-6492 suffix. */
    static boolean isErc6492(byte[] signature) {
        int n = signature.length;
        return n >= 32 && Arrays.equals(signature, n - 32, n, ERC6492_SUFFIX, 0, 32);
    }

    /**
     * Decodes a wrapped signature; every offset and length must lie inside the data.
     *
     * @throws IllegalArgumentException when it is not {@code abi.encode(address, bytes, bytes)} before the suffix
     */
    static Wrapped unwrap(byte[] signature) {
        byte[] body = Arrays.copyOf(signature, signature.length - 32);
        if (body.length < 96) {
            throw new IllegalArgumentException("shorter than its three head words");
        }
        for (int i = 0; i < 12; i++) {
            if (body[i] != 0) {
                throw new IllegalArgumentException("its first word is not an address");
            }
        }
        return new Wrapped(Arrays.copyOfRange(body, 12, 32), bytesAt(body, word(body, 32)),
                bytesAt(body, word(body, 64)));
    }

    private static byte[] bytesAt(byte[] body, long offset) {
        if (offset % 32 != 0 || offset < 96 || offset + 32 > body.length) {
            throw new IllegalArgumentException("a byte-string offset points outside the data");
        }
        long length = word(body, (int) offset);
        if (length > body.length - offset - 32) {
            throw new IllegalArgumentException("a byte string runs past the end of the data");
        }
        int start = (int) offset + 32;
        return Arrays.copyOfRange(body, start, start + (int) length);
    }

    // a 32-byte big-endian word that must fit in 31 bits (offsets and lengths); Long.MAX_VALUE otherwise
    private static long word(byte[] data, int at) {
        for (int i = at; i < at + 28; i++) {
            if (data[i] != 0) {
                return Long.MAX_VALUE;
            }
        }
        long v = 0;
        for (int i = at + 28; i < at + 32; i++) {
            v = (v << 8) | (data[i] & 0xFF);
        }
        return v > Integer.MAX_VALUE ? Long.MAX_VALUE : v;
    }

    /** {@code isValidSignature(hash, signature)}: selector, the hash, the offset 0x40, the signature. */
    static byte[] isValidSignature(byte[] hash, byte[] signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ERC1271_MAGIC);
        out.writeBytes(hash);
        out.writeBytes(uint(64));
        writeBytes(out, signature);
        return out.toByteArray();
    }

    /**
     * The deployless validator's creation code with {@code (signer, hash, factory, factoryCalldata, signature)}.
     */
    static byte[] validatorCall(byte[] signer, byte[] hash, Wrapped wrapped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(VALIDATOR);
        out.writeBytes(address(signer));
        out.writeBytes(hash);
        out.writeBytes(address(wrapped.factory()));
        int calldataWords = 1 + (wrapped.factoryCalldata().length + 31) / 32;
        out.writeBytes(uint(160));                        // 5 head words
        out.writeBytes(uint(160 + 32 * calldataWords));
        writeBytes(out, wrapped.factoryCalldata());
        writeBytes(out, wrapped.signature());
        return out.toByteArray();
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] data) {
        out.writeBytes(uint(data.length));
        out.writeBytes(data);
        out.writeBytes(new byte[(32 - data.length % 32) % 32]);
    }

    private static byte[] address(byte[] twenty) {
        byte[] word = new byte[32];
        System.arraycopy(twenty, 0, word, 12, 20);
        return word;
    }

    private static byte[] uint(long value) {
        byte[] word = new byte[32];
        for (int i = 0; i < 8; i++) {
            word[31 - i] = (byte) (value >>> (8 * i));
        }
        return word;
    }

    private static byte[] suffix() {
        byte[] s = new byte[32];
        for (int i = 0; i < 32; i += 2) {
            s[i] = 0x64;
            s[i + 1] = (byte) 0x92;
        }
        return s;
    }

    private static byte[] readValidator() {
        try (InputStream in = ContractCalls.class.getResourceAsStream("Erc6492Validator.hex")) {
            if (in == null) {
                throw new IllegalStateException("Erc6492Validator.hex is missing from the walletgate-core jar");
            }
            byte[] code = WalletKeys.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
            if (code == null) {
                throw new IllegalStateException("Erc6492Validator.hex is not hex");
            }
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
