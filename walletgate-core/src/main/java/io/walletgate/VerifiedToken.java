package io.walletgate;

import io.walletgate.internal.claims.CheckedClaims;
import java.util.Map;

/**
 * A token whose signature, audience and static claims have been verified: the values the stages produced, and what
 * the verified-token cache keeps. It holds no reference to the issuer or any stage: only the time claims and the
 * client's wallet proof are checked again on each use, with {@link PerUseRules}.
 *
 * @param rules what each use applies again
 * @param iss the token's {@code iss}
 * @param kid the {@code kid} of the key that verified the signature, or null
 * @param claims all claims, immutable
 * @param checked what the claims stage accepted and read
 * @param wallets the wallets the token names
 */
record VerifiedToken(PerUseRules rules, String iss, String kid, Map<String, Object> claims, CheckedClaims checked,
                     TokenWallets wallets) {
    /** An estimate of the memory this entry holds, in bytes, for the cache's weight bound. */
    static int weigh(String token) {
        // The token string (2 bytes a char), the decoded claims and the identity strings: about three times the
        // token length, plus fixed overhead.
        return 256 + token.length() * 6;
    }
}
