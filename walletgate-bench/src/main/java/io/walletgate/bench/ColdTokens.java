package io.walletgate.bench;

import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerifier;
import java.util.function.Supplier;

/**
 * A pool of distinct tokens and a verifier that has seen none of them: every {@link #verify()} is a first
 * verification (a verified-token cache miss followed by an insert, with the cache full and evicting in steady state,
 * as on a server receiving new logins). When the pool is used up a new verifier takes over, so no token is ever
 * seen twice by one verifier; building it costs well under a millisecond once per pool (thousands of tokens), under
 * 0.01 % of an operation. The pool comes from {@link Fixtures} when bench/run made one, else it is minted in setup.
 * The client's wallet proof is parsed from its hex on every call, as a server does per request, and every token has
 * its own wallet (its own app key), as the tokens of distinct users do. Each call gets the pool's string itself, not a
 * copy: nothing on WalletGate's path reads a string's cached hash code (the verified-token cache hashes characters of
 * its own choosing, {@code VerifiedTokenCache.TokenKey}), so a kept string costs WalletGate what a server's new one
 * does, and the copy a server's HTTP parser makes is not WalletGate's work (it was 0.4 µs of the 3.7 µs measured
 * around an RS256 signature, against a floor that makes none: docs/performance.md, "Ratios measured in pairs").
 */
final class ColdTokens {
    private final BenchIssuer issuer;
    private final Supplier<WalletVerifier> verifiers;
    private final String[] tokens;
    private WalletVerifier verifier;
    private int next;

    ColdTokens(BenchIssuer issuer, Supplier<WalletVerifier> verifiers) {
        this.issuer = issuer;
        this.verifiers = verifiers;
        this.tokens = issuer.tokens(Fixtures.poolSize(issuer.scenario()));
        this.verifier = verifiers.get();
        // The pool's tokens must verify; a failure would otherwise be measured as a fast rejection.
        int last = tokens.length - 1;
        verifiers.get().verify(tokens[last], proof(last));
        // Every token of the pool has its own wallet: a cache of decoded client keys must not flatter the cold rows.
        if (issuer.scenario().web3auth()) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (int i = 0; i < tokens.length; i++) {
                keys.add(issuer.appPublicKey(i));
            }
            if (keys.size() != tokens.length) {
                throw new IllegalStateException("the " + issuer.scenario().param() + " pool has " + tokens.length
                        + " tokens but " + keys.size() + " distinct app keys (old fixtures? run Fixtures again)");
            }
        }
    }

    VerifiedIdentity verify() {
        int i = next;
        if (i == tokens.length) {
            verifier.close();
            verifier = verifiers.get();
            i = 0;
        }
        next = i + 1;
        return verifier.verify(tokens[i], proof(i));
    }

    private WalletProof proof(int i) {
        String appKey = issuer.appPublicKey(i);
        return appKey == null ? WalletProof.none() : WalletProof.appPublicKey(appKey);
    }
}
