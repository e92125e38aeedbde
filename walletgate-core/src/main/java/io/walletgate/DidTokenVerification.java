package io.walletgate;

import io.walletgate.internal.claims.CheckedClaims;
import io.walletgate.internal.claims.ClaimsCheck;
import io.walletgate.internal.magic.DidToken;
import io.walletgate.internal.magic.DidTokenParser;
import io.walletgate.internal.magic.DidTokenSignature;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Magic DID token through the stages (docs/architecture.md §12): parse ({@link DidTokenParser}: base64 of
 * {@code [proof, claim]}, the claim bounded JSON) → the one configured {@code magic} issuer (a DID token is routed by
 * its shape, since its {@code iss} is the user's own wallet) → signature ({@link DidTokenSignature}: the EIP-191 signer
 * recovered from the proof must be the address in {@code iss}; no keys are fetched) → claims ({@link ClaimsCheck},
 * with {@code ext} as the expiry and Magic's grace on {@code nbf}) → the signer as the token's wallet. Every rejection
 * names the magic issuer.
 */
final class DidTokenVerification implements TokenVerification {
    private final ConfiguredIssuer issuer;
    private final ClaimsCheck claimsCheck;

    DidTokenVerification(ConfiguredIssuer issuer, ClaimsCheck claimsCheck) {
        this.issuer = issuer;
        this.claimsCheck = claimsCheck;
    }

    /** Whether {@code token} has a DID token's shape: base64 has no '.', which every compact JWS has. */
    static boolean looksLikeDidToken(String token) {
        return token != null && !token.isEmpty() && token.indexOf('.') < 0;
    }

    @Override
    public VerifiedToken verify(String token) {
        DidToken did;
        try {
            did = DidTokenParser.parse(token);
        } catch (WalletVerificationException e) {
            throw e.at(VerificationStage.PARSE, issuer.name(), List.of());
        }
        byte[] signer;
        try {
            signer = DidTokenSignature.verify(did);
        } catch (WalletVerificationException e) {
            throw e.at(VerificationStage.SIGNATURE, issuer.name(), List.of());
        }
        try {
            CheckedClaims checked = claimsCheck.check(did.claims(), did.times(), issuer.claimRules());
            return new VerifiedToken(issuer.perUse(), (String) did.claims().get("iss"), null, did.claims(), checked,
                    TokenWallets.signer(signer));
        } catch (WalletVerificationException e) {
            throw e.at(VerificationStage.CLAIMS, issuer.name(), List.of());
        }
    }

    /** No keys to wait for: done at once. */
    @Override
    public CompletableFuture<VerifiedToken> verifyAsync(String token) {
        try {
            return CompletableFuture.completedFuture(verify(token));
        } catch (WalletVerificationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
