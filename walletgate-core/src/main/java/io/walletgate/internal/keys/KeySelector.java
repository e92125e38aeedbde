package io.walletgate.internal.keys;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.crypto.JwsAlgorithm;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.JwkSet;
import io.walletgate.keys.KeySource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The key stage: picks the keys that may verify a token from its issuer's {@link KeySource}: by {@code kid} first,
 * then by {@code kty}/{@code crv} matching the algorithm; a JWK's optional {@code alg} must agree with the token's.
 * JWKs without {@code alg}/{@code use} are valid (NoPwd, the legacy Web3Auth endpoint). Keys without a {@code kid}
 * (an SPKI PEM, a kid-less JWKS) stand in for any {@code kid} when no key has the token's one. A {@code kid} the set
 * does not hold asks the source once more ({@link KeySource#keysForUnknownKid}, which decides whether to refetch).
 */
public final class KeySelector {
    /** With no {@code kid} in the token, at most this many compatible keys are tried, to bound the work. */
    public static final int MAX_CANDIDATES_WITHOUT_KID = 4;
    private static final int MAX_KIDS_IN_MESSAGE = 5;

    private KeySelector() {
    }

    /**
     * The outcome: the keys to try, or that the {@code kid} is unknown to this set (worth one refetch).
     *
     * @param set the set selected from (its source and kids name the keys in messages)
     * @param candidates the keys to try, in set order; empty when the kid is unknown
     * @param unknownKid whether no key of the set fits the token's kid
     */
    public record Selection(JwkSet set, List<Jwk> candidates, boolean unknownKid) {
    }

    /**
     * Selects the keys that may verify a token, waiting for the source when it holds none yet (its first fetch).
     *
     * @throws WalletVerificationException {@code jwks_unavailable} when the source has no keys; {@code key_not_found}
     *     when no key fits, even after the source had its chance to refetch for an unknown kid
     */
    public static Selection select(KeySource source, String kid, JwsAlgorithm alg) {
        Selection s = select(await(source.keys()), kid, alg);
        if (s.unknownKid()) {
            s = select(await(source.keysForUnknownKid(kid)), kid, alg);
        }
        return found(s, kid, alg);
    }

    /**
     * {@link #select(KeySource, String, JwsAlgorithm)} without blocking: complete at once when the source holds its
     * keys (the steady state), else when they arrive. Fails with the same rejections.
     */
    public static CompletableFuture<Selection> selectAsync(KeySource source, String kid, JwsAlgorithm alg) {
        return sourced(source.keys()).thenCompose(keys -> {
            Selection s = select(keys, kid, alg);
            if (!s.unknownKid()) {
                return CompletableFuture.completedFuture(s);
            }
            return sourced(source.keysForUnknownKid(kid)).thenApply(fresh -> found(select(fresh, kid, alg), kid,
                    alg));
        });
    }

    // A key source's failure is the keys' trouble (jwks_unavailable unless it says otherwise); what fails after the
    // source answered is not, and stays what it is.
    private static CompletableFuture<JwkSet> sourced(CompletableFuture<JwkSet> keys) {
        return keys.isDone() && !keys.isCompletedExceptionally() ? keys : keys.handle((set, error) -> {
            if (error != null) {
                throw rejection(error);
            }
            return set;
        });
    }

    private static Selection found(Selection s, String kid, JwsAlgorithm alg) {
        if (s.unknownKid()) {
            throw unknownKid(s.set(), kid, alg);
        }
        return s;
    }

    private static JwkSet await(CompletableFuture<JwkSet> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE, "interrupted while fetching keys", e);
        } catch (ExecutionException e) {
            throw rejection(e);
        }
    }

    /**
     * What a failed key lookup is to a caller: the {@link WalletVerificationException} inside the completion wrappers,
     * or {@code jwks_unavailable} naming what else went wrong.
     */
    public static WalletVerificationException rejection(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof WalletVerificationException) {
            return (WalletVerificationException) t;
        }
        return new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE,
                "keys could not be obtained (" + t.getClass().getSimpleName() + ")", t);
    }

    /**
     * Selects the candidate keys.
     *
     * @throws WalletVerificationException {@code key_not_found} when the kid is known but its key cannot verify
     *     this algorithm, is ambiguous, or no key fits at all
     */
    public static Selection select(JwkSet set, String kid, JwsAlgorithm alg) {
        if (kid != null) {
            List<Jwk> byKid = new ArrayList<>(1);
            for (Jwk k : set.keys()) {
                if (kid.equals(k.kid())) {
                    byKid.add(k);
                }
            }
            if (!byKid.isEmpty()) {
                List<Jwk> fit = compatible(byKid, alg);
                if (fit.isEmpty()) {
                    throw notFound("key '" + CompactJws.printable(kid) + "' at " + set.source() + " cannot verify "
                            + alg.joseName() + " (it is " + describe(byKid.get(0)) + ")");
                }
                if (fit.size() > 1) {
                    throw notFound("key id '" + CompactJws.printable(kid) + "' is ambiguous at " + set.source()
                            + " (" + fit.size() + " keys share it)");
                }
                return new Selection(set, fit, false);
            }
        }
        List<Jwk> pool = new ArrayList<>();
        for (Jwk k : set.keys()) {
            if (kid == null || k.kid() == null) {
                pool.add(k);
            }
        }
        List<Jwk> fit = compatible(pool, alg);
        if (fit.isEmpty()) {
            return new Selection(set, List.of(), true);
        }
        if (fit.size() > MAX_CANDIDATES_WITHOUT_KID) {
            throw notFound("token has no key id and " + fit.size() + " keys at " + set.source() + " could fit");
        }
        return new Selection(set, fit, false);
    }

    /** The message for a kid that is still unknown after the source had its chance to refetch. */
    public static WalletVerificationException unknownKid(JwkSet set, String kid, JwsAlgorithm alg) {
        if (kid != null && set.retiredKids().contains(kid)) {
            return notFound("key '" + CompactJws.printable(kid) + "' was retired: " + set.source()
                    + " no longer serves it (it holds "
                    + (set.keys().isEmpty() ? "no keys" : kidList(set)) + ")");
        }
        String what = kid == null ? "no " + alg.joseName() + " key"
                : "no key with id '" + CompactJws.printable(kid) + "'";
        return notFound(what + " at " + set.source() + " (it holds " + (set.keys().isEmpty() ? "no keys"
                : kidList(set)) + ")");
    }

    private static List<Jwk> compatible(List<Jwk> keys, JwsAlgorithm alg) {
        List<Jwk> out = new ArrayList<>(keys.size());
        for (Jwk k : keys) {
            if (alg.keyType().equals(k.kty())
                    && (alg.curve() == null || alg.curve().equals(k.crv()))
                    && (k.alg() == null || k.alg().equals(alg.joseName()))) {
                out.add(k);
            }
        }
        return out;
    }

    private static String describe(Jwk k) {
        return k.kty() + (k.crv() != null ? " " + k.crv() : "") + (k.alg() != null ? " for "
                + CompactJws.printable(k.alg()) : "");
    }

    // The key set comes from the issuer's endpoint (or whoever answers for it): messages name a few of its kids only.
    private static String kidList(JwkSet set) {
        List<String> kids = set.kids();
        return kids.size() <= MAX_KIDS_IN_MESSAGE ? String.join(", ", kids)
                : String.join(", ", kids.subList(0, MAX_KIDS_IN_MESSAGE)) + " and " + (kids.size()
                        - MAX_KIDS_IN_MESSAGE) + " more";
    }

    private static WalletVerificationException notFound(String message) {
        return new WalletVerificationException(ErrorCode.KEY_NOT_FOUND, message);
    }
}
