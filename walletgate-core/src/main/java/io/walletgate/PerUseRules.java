package io.walletgate;

import java.time.Duration;
import java.util.List;

/**
 * What every use of a verified token applies again, from its issuer's configuration: the time limit, whether a wallet
 * proof is required, and who the user is. Plain values, shared by the issuer and the tokens it verified (a cached
 * token holds these, never the issuer).
 *
 * @param issuerName the configured issuer's name
 * @param profile the issuer's profile
 * @param maxTokenAge the largest allowed token age, or null for none
 * @param requireWalletProof whether every verification needs a wallet proof
 * @param subjectClaims where the subject is read (named when a token has none and no wallet stands in)
 */
record PerUseRules(String issuerName, String profile, Duration maxTokenAge, boolean requireWalletProof,
                   List<String> subjectClaims) {
}
