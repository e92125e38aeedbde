package io.walletgate;

import io.walletgate.internal.claims.CheckedClaims;
import io.walletgate.internal.claims.ClaimsCheck;
import io.walletgate.internal.crypto.SignatureCheck;
import io.walletgate.internal.crypto.SignatureVerifier;
import io.walletgate.internal.keys.KeySelector;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.keys.Jwk;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A compact JWS ID token through the stages, one way: parse ({@link CompactJws}) → route by {@code iss}
 * ({@link IssuerRouter}) → keys ({@link KeySelector}, after the issuer's {@code alg} check) → signature
 * ({@link SignatureCheck}) → claims ({@link ClaimsCheck}) → the token's wallets ({@link TokenWallets}) →
 * {@link VerifiedToken}. Each stage takes the previous one's value; none calls back. A rejection leaves with the stage
 * that threw it and, once routed, the issuer ({@link WalletVerificationException#at}).
 */
final class JwsVerification implements TokenVerification {
    private final IssuerRouter router;
    private final ClaimsCheck claimsCheck;

    JwsVerification(IssuerRouter router, ClaimsCheck claimsCheck) {
        this.router = router;
        this.claimsCheck = claimsCheck;
    }

    /** The parse stage's value: a compact JWS and its claims, both decoded strictly. */
    record Parsed(CompactJws jws, Map<String, Object> claims) {
        /**
         * Parses a token.
         *
         * @throws WalletVerificationException at {@link VerificationStage#PARSE}: {@code token_missing},
         *     {@code token_too_large}, {@code token_malformed} or {@code header_invalid}
         */
        static Parsed of(String token) {
            try {
                CompactJws jws = CompactJws.parse(token);
                return new Parsed(jws, jws.claims());
            } catch (WalletVerificationException e) {
                throw e.at(VerificationStage.PARSE, null, List.of());
            }
        }
    }

    /** A token parsed and routed, with the verifier of its algorithm. */
    private record Routed(CompactJws jws, Map<String, Object> claims, ConfiguredIssuer issuer,
                          SignatureVerifier verifier) {
    }

    @Override
    public VerifiedToken verify(String token) {
        Routed r = route(token);
        KeySelector.Selection keys;
        try {
            keys = KeySelector.select(r.issuer.keySource(), r.jws.kid(), r.verifier.algorithm());
        } catch (WalletVerificationException e) {
            throw e.at(VerificationStage.KEYS, r.issuer.name(), List.of());
        }
        return verified(r, keys);
    }

    @Override
    public CompletableFuture<VerifiedToken> verifyAsync(String token) {
        Routed r = route(token);
        return KeySelector.selectAsync(r.issuer.keySource(), r.jws.kid(), r.verifier.algorithm())
                .handle((keys, error) -> {
                    if (error == null) {
                        return verified(r, keys);
                    }
                    Throwable t = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (t instanceof WalletVerificationException) {
                        throw ((WalletVerificationException) t).at(VerificationStage.KEYS, r.issuer.name(),
                                List.of());
                    }
                    // not a rejection: a failure of the verifier itself, passed on as it is
                    throw error instanceof CompletionException ? (CompletionException) error
                            : new CompletionException(t);
                });
    }

    // Parse, then route by the unverified iss (only to choose the configured issuer), then check the algorithm.
    private Routed route(String token) {
        Parsed parsed = Parsed.of(token);
        ConfiguredIssuer issuer = null;
        try {
            issuer = router.route(parsed.claims);
            if (issuer.requireTypJwt()) {
                checkTypJwt(parsed.jws);
            }
            return new Routed(parsed.jws, parsed.claims, issuer, issuer.algorithms().verifierFor(parsed.jws.alg(),
                    issuer.name()));
        } catch (WalletVerificationException e) {
            throw e.at(VerificationStage.ISSUER, issuer == null ? null : issuer.name(), List.of());
        }
    }

    private VerifiedToken verified(Routed r, KeySelector.Selection keys) {
        ConfiguredIssuer issuer = r.issuer;
        Jwk used;
        try {
            used = SignatureCheck.verify(r.jws, r.verifier, keys);
        } catch (WalletVerificationException e) {
            throw e.at(VerificationStage.SIGNATURE, issuer.name(), List.of());
        }
        try {
            CheckedClaims checked = claimsCheck.check(r.claims, issuer.claimRules());
            TokenWallets wallets = TokenWallets.read(issuer.walletRule(), r.claims, issuer.walletAddressClaim());
            Object iss = r.claims.get("iss"); // none in a Para token
            return new VerifiedToken(issuer.perUse(), iss == null ? "" : (String) iss, used.kid(), r.claims, checked,
                    wallets);
        } catch (WalletVerificationException e) {
            throw e.at(VerificationStage.CLAIMS, issuer.name(), List.of());
        }
    }

    // Privy's SDK (jose's typ option) requires typ JWT, compared as jose does: any case, "application/" optional.
    private static void checkTypJwt(CompactJws jws) {
        Object typ = jws.header().get("typ");
        String t = typ instanceof String ? ((String) typ).toLowerCase(Locale.ROOT) : null;
        if (t == null || !(t.equals("jwt") || t.equals("application/jwt"))) {
            throw new WalletVerificationException(ErrorCode.HEADER_INVALID, "header 'typ' must be JWT for this"
                    + " issuer, not " + (t == null ? "absent" : "'" + CompactJws.printable((String) typ) + "'"));
        }
    }
}
