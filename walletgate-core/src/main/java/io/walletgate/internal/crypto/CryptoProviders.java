package io.walletgate.internal.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Chooses the JCA provider that verifies signatures, on purpose and per algorithm: Amazon Corretto Crypto Provider
 * (native, ~50 us per ES256 verify on this class of machine) when it loads on the platform and reports itself
 * healthy, otherwise BouncyCastle (pure Java, ~80 us), never the JDK default by accident (SunEC costs ~1 ms on
 * JDK 17). Providers are used through {@code Signature.getInstance(alg, provider)}; nothing is installed globally.
 */
public final class CryptoProviders {
    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private static volatile Provider bouncyCastle;
    private static volatile Provider accp;
    private static volatile boolean accpProbed;

    private CryptoProviders() {
    }

    /** The providers to prefer, best first: ACCP when healthy, then BouncyCastle. */
    public static List<Provider> preferred() {
        List<Provider> list = new ArrayList<>(2);
        Provider native1 = accp();
        if (native1 != null) {
            list.add(native1);
        }
        list.add(bouncyCastle());
        return list;
    }

    /** The provider used for {@code alg} when none is configured: the first preferred one that implements it. */
    public static Provider forAlgorithm(JwsAlgorithm alg) {
        for (Provider p : preferred()) {
            if (supports(p, alg)) {
                return p;
            }
        }
        throw new IllegalStateException("no provider implements " + alg.joseName());
    }

    /** Whether {@code provider} implements the signature algorithm {@code alg}. */
    public static boolean supports(Provider provider, JwsAlgorithm alg) {
        return supports(provider, SignatureVerifier.jcaName(alg));
    }

    /** Whether {@code provider} implements the JCA signature {@code jcaName}. */
    static boolean supports(Provider provider, String jcaName) {
        try {
            Signature.getInstance(jcaName, provider);
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    /** A private BouncyCastle instance (never added to {@code java.security.Security}). */
    public static Provider bouncyCastle() {
        Provider p = bouncyCastle;
        if (p == null) {
            synchronized (CryptoProviders.class) {
                p = bouncyCastle;
                if (p == null) {
                    p = new BouncyCastleProvider();
                    bouncyCastle = p;
                }
            }
        }
        return p;
    }

    /** Amazon Corretto Crypto Provider when it is on the class path, its native library loaded and healthy. */
    public static Provider accp() {
        if (!accpProbed) {
            synchronized (CryptoProviders.class) {
                if (!accpProbed) {
                    accp = loadAccp();
                    accpProbed = true;
                }
            }
        }
        return accp;
    }

    private static Provider loadAccp() {
        if (Boolean.getBoolean("walletgate.crypto.disableNative")) {
            return null;
        }
        try {
            Class<?> c = Class.forName(ACCP_CLASS);
            Provider p = (Provider) c.getField("INSTANCE").get(null);
            Object loadingError = c.getMethod("getLoadingError").invoke(p);
            return loadingError == null ? p : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // not on the class path, or no native library for this platform: BouncyCastle instead
        }
    }
}
