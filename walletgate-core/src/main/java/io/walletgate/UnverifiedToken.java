package io.walletgate;

import io.walletgate.internal.magic.DidToken;
import io.walletgate.internal.magic.DidTokenParser;
import io.walletgate.internal.token.CompactJws;
import java.util.Map;

/**
 * A token decoded WITHOUT verification, for debugging and routing only (like jose's {@code decodeJwt}): nothing in
 * it can be trusted. Use {@link WalletVerifier#verify} to trust a token.
 *
 * @param header the protected header members
 * @param claims the payload claims
 * @param signatureLength the signature's length in bytes
 * @param derLikeSignature whether the signature looks DER-encoded ({@code 0x30} SEQUENCE of the wrong length for
 *     a JOSE ECDSA signature), a common cause of {@code signature_invalid}
 */
public record UnverifiedToken(Map<String, Object> header, Map<String, Object> claims, int signatureLength,
                              boolean derLikeSignature) {
    /** The header a Magic DID token is decoded with: it has none; its proof is an EIP-191 personal_sign. */
    public static final Map<String, Object> DID_TOKEN_HEADER = Map.of("typ", "DID");

    /**
     * Decodes a compact JWS with the same strict parsing as verification; or a Magic DID token (which has no header:
     * {@link #DID_TOKEN_HEADER}, its 65-byte proof as the signature, its claim as the claims).
     *
     * @param token the compact JWS, or a Magic DID token
     * @return the decoded, unverified token
     * @throws WalletVerificationException {@code token_missing}, {@code token_too_large}, {@code token_malformed}
     *     or {@code header_invalid}, at the {@link VerificationStage#PARSE} stage (a token that is neither a JWS nor
     *     a DID token fails as a JWS)
     */
    public static UnverifiedToken decode(String token) {
        JwsVerification.Parsed parsed;
        try {
            parsed = JwsVerification.Parsed.of(token);
        } catch (WalletVerificationException e) {
            if (DidTokenVerification.looksLikeDidToken(token) && e.code() == ErrorCode.TOKEN_MALFORMED) {
                try {
                    DidToken did = DidTokenParser.parse(token);
                    return new UnverifiedToken(DID_TOKEN_HEADER, did.claims(), did.proof().length, false);
                } catch (WalletVerificationException notDid) {
                    throw e;
                }
            }
            throw e;
        }
        CompactJws jws = parsed.jws();
        byte[] sig = jws.signature();
        boolean der = sig.length > 8 && sig[0] == 0x30 && (sig[1] & 0xff) == sig.length - 2
                && sig.length != 64 && sig.length != 96;
        return new UnverifiedToken(jws.header(), parsed.claims(), sig.length, der);
    }

    /** {@return the header {@code alg}} */
    public String alg() {
        return (String) header.get("alg");
    }

    /** {@return the header {@code kid}, or null} */
    public String kid() {
        Object kid = header.get("kid");
        return kid instanceof String ? (String) kid : null;
    }

    /** {@return the {@code iss} claim if it is a string, else null} */
    public String issuer() {
        Object iss = claims.get("iss");
        return iss instanceof String ? (String) iss : null;
    }
}
