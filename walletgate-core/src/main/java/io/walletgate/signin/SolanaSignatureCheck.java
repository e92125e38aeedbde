package io.walletgate.signin;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.crypto.CryptoProviders;
import io.walletgate.internal.crypto.JwsAlgorithm;
import io.walletgate.internal.crypto.SignatureVerifier;
import io.walletgate.internal.keys.KeyImport;
import io.walletgate.internal.wallet.Base58;
import io.walletgate.internal.wallet.WalletKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The signature stage of a SIWS sign-in: an Ed25519 signature of the message's UTF-8 bytes by the key the base58
 * address encodes, verified through the JCA provider chosen for EdDSA ({@link CryptoProviders}: the native provider
 * when it loads, else BouncyCastle; never a globally installed one).
 */
final class SolanaSignatureCheck {
    private final SignatureVerifier ed25519 = new SignatureVerifier(JwsAlgorithm.EDDSA,
            CryptoProviders.forAlgorithm(JwsAlgorithm.EDDSA));

    /**
     * Decodes a 64-byte signature written in base58 (as Solana writes signatures) or base64.
     *
     * @throws WalletVerificationException {@code signature_invalid} when it is neither, or not 64 bytes
     */
    static byte[] parse(String signature) {
        if (signature == null || signature.isBlank()) {
            throw invalid("no signature was given");
        }
        String s = signature.strip();
        if (s.length() > 200) {
            throw invalid("the signature is longer than a 64-byte signature in base58 or base64");
        }
        byte[] raw = Base58.decode(s);
        if (raw == null || raw.length != 64) {
            try {
                raw = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                raw = null;
            }
        }
        if (raw == null || raw.length != 64) {
            throw invalid("the signature must be 64 bytes in base58 or base64");
        }
        return raw;
    }

    /** Verifies that the address's key signed the message. */
    void check(String address, String message, byte[] signature) {
        byte[] key = WalletKeys.parseSolanaAddress(address);
        if (!ed25519.verify(KeyImport.okp("Ed25519", key), message.getBytes(StandardCharsets.UTF_8), signature)) {
            throw invalid("the Ed25519 signature is not by " + address);
        }
    }

    private static WalletVerificationException invalid(String message) {
        return new WalletVerificationException(ErrorCode.SIGNATURE_INVALID, message);
    }
}
