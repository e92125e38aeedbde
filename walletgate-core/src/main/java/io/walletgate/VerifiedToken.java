package io.walletgate;

import io.walletgate.internal.claims.ClaimsValidator;
import io.walletgate.internal.wallet.WalletMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A token whose signature, audience and static claims have been verified: what the verified-token cache keeps.
 * Only the time claims and the client's wallet proof are checked again on each use.
 */
record VerifiedToken(ConfiguredIssuer issuer, String iss, String kid, Map<String, Object> claims,
                     List<String> audience, ClaimsValidator.NumericTimes times, Instant expiresAt, Instant issuedAt,
                     WalletMatcher.Parsed wallets, String subject, String email, String name, String connection,
                     String group) {
    /** An estimate of the memory this entry holds, in bytes, for the cache's weight bound. */
    static int weigh(String token) {
        // The token string (2 bytes a char), the decoded claims and the identity strings: about three times the
        // token length, plus fixed overhead.
        return 256 + token.length() * 6;
    }
}
