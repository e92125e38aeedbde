package io.walletgate.internal.magic;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.claims.Claims;
import io.walletgate.internal.wallet.EthereumSignatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Proves a DID token's signatures: the {@code proof} is the EIP-191 {@code personal_sign} of the claim text by the
 * address in {@code iss}, and, when the application passes the attachment its client signed, {@code add} is that
 * attachment's {@code personal_sign} by the same address (Magic's {@code token.validate(token, attachment)}).
 */
public final class DidTokenSignature {
    private DidTokenSignature() {
    }

    /**
     * Recovers the proof's signer and compares it with the issuer.
     *
     * @return the signer's 20-byte address (the token's wallet)
     * @throws WalletVerificationException {@code signature_invalid} when {@code v} is not 27 or 28 (Magic's SDKs
     *     take {@code v - 27} as the recovery id), the proof recovers no key, or another address signed
     */
    public static byte[] verify(DidToken token) {
        byte[] signer = recover(token.claimText(), token.proof(), "proof");
        if (!MessageDigest.isEqual(signer, token.issuerAddress())) {
            throw new WalletVerificationException(ErrorCode.SIGNATURE_INVALID,
                    "DID token proof was not signed by the address in iss");
        }
        return signer;
    }

    /**
     * Checks {@code add}: the attachment's {@code personal_sign} by the token's issuer.
     *
     * @param attachment the text the client signed (Magic's client signs {@code "none"} when given nothing)
     * @throws WalletVerificationException {@code claim_missing} without {@code add}; {@code signature_invalid} as
     *     for {@link #verify}
     */
    public static void verifyAttachment(DidToken token, String attachment) {
        byte[] add = token.attachmentSignature();
        if (add == null) {
            throw Claims.missing("add");
        }
        byte[] signer = recover(attachment, add, "attachment signature");
        if (!MessageDigest.isEqual(signer, token.issuerAddress())) {
            throw new WalletVerificationException(ErrorCode.SIGNATURE_INVALID,
                    "DID token attachment was not signed by the address in iss");
        }
    }

    private static byte[] recover(String message, byte[] signature, String what) {
        int v = signature[64] & 0xFF;
        if (v != 27 && v != 28) {
            throw new WalletVerificationException(ErrorCode.SIGNATURE_INVALID,
                    "DID token " + what + " has recovery byte v = " + v + ", not 27 or 28");
        }
        byte[] hash = EthereumSignatures.personalMessageHash(message.getBytes(StandardCharsets.UTF_8));
        try {
            // The full s range: Magic's SDKs recover high-s proofs (noble's and go-ethereum's recovery), and the token
            // is keyed by its tid and claim, not by its signature's bytes.
            return EthereumSignatures.recoverAddress(hash, signature, EthereumSignatures.SRange.FULL);
        } catch (EthereumSignatures.RecoveryException e) {
            throw new WalletVerificationException(ErrorCode.SIGNATURE_INVALID, "DID token " + what + ": "
                    + e.getMessage());
        }
    }
}
