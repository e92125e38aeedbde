package io.walletgate.internal.crypto;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.keys.KeySelector;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.keys.Jwk;
import java.util.List;

/** The signature stage of a JWS: tries the selected keys in order and names the one that verifies. */
public final class SignatureCheck {
    private SignatureCheck() {
    }

    /**
     * The key that verifies the token's signature.
     *
     * @throws WalletVerificationException {@code signature_invalid} naming the key tried (or the token's kid) and the
     *     key source, when none does
     */
    public static Jwk verify(CompactJws jws, SignatureVerifier verifier, KeySelector.Selection keys) {
        byte[] input = jws.signingInput();
        byte[] signature = jws.signature();
        List<Jwk> candidates = keys.candidates();
        for (Jwk k : candidates) {
            if (verifier.verify(k.publicKey(), input, signature)) {
                return k;
            }
        }
        String kid = candidates.size() == 1 ? candidates.get(0).kid() : jws.kid();
        throw new WalletVerificationException(ErrorCode.SIGNATURE_INVALID, "signature does not verify with key '"
                + CompactJws.printable(kid) + "' of " + keys.set().source());
    }
}
