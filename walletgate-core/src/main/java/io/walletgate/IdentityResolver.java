package io.walletgate;

import io.walletgate.internal.claims.CheckedClaims;
import io.walletgate.internal.claims.Claims;
import java.util.List;

/**
 * The identity stage: turns a verified token and the wallet its proof proved (or null) into the
 * {@link VerifiedIdentity}, with every wallet the token names.
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
    static VerifiedIdentity identify(VerifiedToken t, Wallet proven) {
        CheckedClaims c = t.checked();
        PerUseRules rules = t.rules();
        List<Wallet> wallets = t.wallets().wallets();
        String subject = c.subject() != null ? c.subject() : walletSubject(t, proven, wallets);
        return new VerifiedIdentity(rules.issuerName(), rules.profile(), t.iss(), subject, c.audience(),
                c.expiresAt(), c.issuedAt(), t.kid(), proven, wallets,
                c.email() != null ? c.email() : t.wallets().email, c.name(), c.connection(),
                c.group(), t.claims());
    }

    private static String walletSubject(VerifiedToken t, Wallet proven, List<Wallet> wallets) {
        if (proven != null && proven.address() != null) {
            return proven.address();
        }
        if (wallets.size() == 1 && wallets.get(0).address() != null) {
            return wallets.get(0).address();
        }
        throw Claims.noSubject(t.claims(), t.rules().subjectClaims());
    }
}
