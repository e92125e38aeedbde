package io.walletgate.internal.crypto;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.token.CompactJws;
import java.security.Provider;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The algorithms one issuer allows, each with the {@link SignatureVerifier} of its provider: configuration of the key
 * and signature stages, built once per issuer. Immutable and thread-safe.
 */
public final class AllowedAlgorithms {
    private final Map<JwsAlgorithm, SignatureVerifier> verifiers;
    private final List<String> names;

    private AllowedAlgorithms(Map<JwsAlgorithm, SignatureVerifier> verifiers, List<String> names) {
        this.verifiers = verifiers;
        this.names = names;
    }

    /**
     * The verifiers of {@code names} with {@code provider}, or with each algorithm's preferred provider when it is
     * null ({@link CryptoProviders#forAlgorithm}).
     *
     * @throws IllegalArgumentException for a name that is not one we verify, or a provider that lacks one
     */
    public static AllowedAlgorithms of(List<String> names, Provider provider) {
        Map<JwsAlgorithm, SignatureVerifier> map = new EnumMap<>(JwsAlgorithm.class);
        for (String name : names) {
            JwsAlgorithm alg = JwsAlgorithm.parseConfigured(name);
            map.put(alg, new SignatureVerifier(alg, provider != null ? provider : CryptoProviders.forAlgorithm(alg)));
        }
        return new AllowedAlgorithms(map, List.copyOf(names));
    }

    /**
     * The verifier of a token's {@code alg}.
     *
     * @param issuerName the issuer's name, for the message
     * @throws WalletVerificationException {@code alg_not_allowed} when this issuer does not allow it
     */
    public SignatureVerifier verifierFor(String alg, String issuerName) {
        JwsAlgorithm a = JwsAlgorithm.fromJoseName(alg);
        SignatureVerifier v = a == null ? null : verifiers.get(a);
        if (v == null) {
            throw new WalletVerificationException(ErrorCode.ALG_NOT_ALLOWED, "algorithm '" + CompactJws.printable(alg)
                    + "' is not allowed for issuer '" + issuerName + "' (allowed: " + String.join(", ", names) + ")");
        }
        return v;
    }
}
