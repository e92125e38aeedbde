package io.walletgate.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA providers a benchmark row runs on, by the name used in the {@code provider} parameter: {@code jdk} (what
 * {@code Signature.getInstance(alg)} picks on this JDK: SunEC, SunRsaSign), {@code accp} (Amazon Corretto Crypto
 * Provider, what WalletGate uses when it loads), {@code bc} (BouncyCastle, WalletGate's portable fallback).
 */
final class BenchProviders {
    static final String JDK = "jdk";
    static final String ACCP = "accp";
    static final String BC = "bc";

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private BenchProviders() {
    }

    /** The provider named {@code name} for the JCA signature {@code jcaAlgorithm}. */
    static Provider forName(String name, String jcaAlgorithm) {
        switch (name) {
            case JDK:
                try {
                    return Signature.getInstance(jcaAlgorithm).getProvider();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("the JDK has no " + jcaAlgorithm, e);
                }
            case ACCP:
                return accp();
            case BC:
                return BOUNCY_CASTLE;
            default:
                throw new IllegalArgumentException("provider must be jdk, accp or bc: " + name);
        }
    }

    /**
     * Amazon Corretto Crypto Provider, failing the benchmark when its native library did not load (a row measured on
     * a silent fallback would be a lie).
     */
    static Provider accp() {
        Provider p = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable error = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        if (error != null) {
            throw new IllegalStateException("Amazon Corretto Crypto Provider did not load: " + error, error);
        }
        return p;
    }

    /** Whether ACCP loads here (for tools that mint tokens and may fall back). */
    static boolean accpLoads() {
        return AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null;
    }

    /**
     * Makes {@code p} reachable by name ({@code Signature.getInstance(alg, "name")}) without changing which provider
     * the JDK picks by default: it is appended at the lowest priority. Each JMH fork is its own JVM, so this never
     * leaks into a {@code jdk} row.
     */
    static void registerLast(Provider p) {
        if (Security.getProvider(p.getName()) == null) {
            Security.addProvider(p);
        }
    }

    /**
     * Installs {@code p} at the highest priority, for libraries with no per-call provider setting (auth0 java-jwt):
     * ACCP's own documented installation ({@code AmazonCorrettoCryptoProvider.install()}). Only in that row's fork.
     */
    static void installFirst(Provider p) {
        Security.removeProvider(p.getName());
        Security.insertProviderAt(p, 1);
    }

    /** The JCA signature name of a JWS algorithm. */
    static String jcaName(String jwsAlgorithm) {
        switch (jwsAlgorithm) {
            case "ES256":
                return "SHA256withECDSA";
            case "RS256":
                return "SHA256withRSA";
            case "EdDSA":
                return "Ed25519";
            default:
                throw new IllegalArgumentException(jwsAlgorithm);
        }
    }
}
