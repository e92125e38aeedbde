package io.walletgate;

/**
 * The stage of verification that rejected a token ({@link WalletVerificationException#stage()}), in pipeline order.
 */
public enum VerificationStage {
    /** The token is not a well-formed signed JWT, or its header is not acceptable. */
    PARSE,
    /** Routing by {@code iss}: missing, not a string, not configured; or an {@code alg} the issuer does not allow. */
    ISSUER,
    /** The issuer's keys could not be had, or none fits the token. */
    KEYS,
    /** The signature does not verify. */
    SIGNATURE,
    /** A time claim, the audience, a required claim, the subject or the token's wallet claims. */
    CLAIMS,
    /** The client's wallet proof: malformed, missing where required, or not the token's wallet. */
    WALLET
}
