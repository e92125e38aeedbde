package io.walletgate;

import java.util.concurrent.CompletableFuture;

/**
 * One token format's way from the token string to a {@link VerifiedToken}: its own parse and signature stages around
 * the shared routing ({@link IssuerRouter}) and claims stage, ending in values that the shared wallet-proof
 * ({@link WalletMatcher}) and identity ({@link IdentityResolver}) stages take. {@link JwsVerification} is the compact
 * JWS one; a token that is not a JWS (Magic's DID token: base64 of {@code [proof, claim]}, its signer recovered from
 * an EIP-191 signature) is another implementation, chosen by the token's shape in {@link WalletVerifier}.
 */
interface TokenVerification {
    /**
     * Verifies everything but the wallet proof, waiting for the issuer's keys when none are held yet.
     *
     * @throws WalletVerificationException for any failure, carrying the configured issuer once the token was routed
     */
    VerifiedToken verify(String token);

    /** {@link #verify} without ever blocking on a key fetch; fails with the same rejections. */
    CompletableFuture<VerifiedToken> verifyAsync(String token);
}
