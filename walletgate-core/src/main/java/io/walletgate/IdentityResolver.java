package io.walletgate;

import io.walletgate.internal.claims.CheckedClaims;
import io.walletgate.internal.claims.Claims;

/**
 * The identity stage: turns a verified token and the outcome of its wallet proof into the {@link VerifiedIdentity}.
 * A token that names no subject (external-wallet tokens may carry no user id) has its wallet as the user.
 */
final class IdentityResolver {
    private IdentityResolver() {
    }

    /**
     * The identity.
     *
     * @throws WalletVerificationException {@code claim_missing} or {@code claim_invalid} when the token names no
     *     subject and no single wallet can stand for the user
     */
    static VerifiedIdentity identify(VerifiedToken t, WalletMatcher.Result wallets) {
        CheckedClaims c = t.checked();
        PerUseRules rules = t.rules();
        String subject = c.subject() != null ? c.subject() : walletSubject(t, wallets);
        return new VerifiedIdentity(rules.issuerName(), rules.profile(), t.iss(), subject, c.audience(),
                c.expiresAt(), c.issuedAt(), t.kid(), wallets.proven(), wallets.wallets(), c.email(), c.name(),
                c.connection(), c.group(), t.claims());
    }

    private static String walletSubject(VerifiedToken t, WalletMatcher.Result wallets) {
        if (wallets.proven() != null && wallets.proven().address() != null) {
            return wallets.proven().address();
        }
        if (wallets.wallets().size() == 1 && wallets.wallets().get(0).address() != null) {
            return wallets.wallets().get(0).address();
        }
        throw Claims.noSubject(t.claims(), t.rules().subjectClaims());
    }
}
