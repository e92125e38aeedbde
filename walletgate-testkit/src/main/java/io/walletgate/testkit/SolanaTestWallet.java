package io.walletgate.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A Solana account with its Ed25519 key, that signs sign-in messages as a wallet's {@code solana:signIn} does: the
 * Ed25519 signature of the message's UTF-8 bytes. FOR TESTS ONLY: the key is in memory, in the clear.
 */
public final class SolanaTestWallet {
    private final Ed25519PrivateKeyParameters key;
    private final String address;

    private SolanaTestWallet(Ed25519PrivateKeyParameters key) {
        this.key = key;
        this.address = Base58.encode(key.generatePublicKey().getEncoded());
    }

    /** {@return a wallet with a fresh random key} */
    public static SolanaTestWallet random() {
        return new SolanaTestWallet(new Ed25519PrivateKeyParameters(new java.security.SecureRandom()));
    }

    /** {@return the base58 address (the public key)} */
    public String address() {
        return address;
    }

    /**
     * The 64-byte signature of {@code message}, in base58 (as Solana writes signatures).
     *
     * @param message the message, UTF-8
     * @return the signature
     */
    public String signMessage(String message) {
        return Base58.encode(sign(message));
    }

    /**
     * The 64-byte signature of {@code message}, in base64.
     *
     * @param message the message, UTF-8
     * @return the signature
     */
    public String signMessageBase64(String message) {
        return Base64.getEncoder().encodeToString(sign(message));
    }

    private byte[] sign(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(bytes, 0, bytes.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "SolanaTestWallet[" + address + "]";
    }
}
