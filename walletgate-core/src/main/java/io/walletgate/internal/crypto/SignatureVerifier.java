package io.walletgate.internal.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.PublicKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Objects;

/**
 * Verifies one JWS algorithm's signatures with one provider. Thread-safe: each thread keeps its own
 * {@link Signature}, since creating one costs more than a cached-key verify on a native provider.
 */
public final class SignatureVerifier {
    private static final PSSParameterSpec PS256_PARAMS =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    private final JwsAlgorithm alg;
    private final Provider provider;
    private final String jcaName;
    private final boolean p1363;        // ECDSA: the provider takes JOSE's R||S as is, no DER re-encoding
    private final byte[] ecOrder;       // ECDSA: the curve's order n, for the r, s range check
    private final ThreadLocal<Signature> signatures;

    /**
     * A verifier of {@code alg} signatures using {@code provider}.
     *
     * @throws IllegalArgumentException if the provider does not implement the algorithm
     */
    public SignatureVerifier(JwsAlgorithm alg, Provider provider) {
        this.alg = Objects.requireNonNull(alg, "alg");
        this.provider = Objects.requireNonNull(provider, "provider");
        if (!CryptoProviders.supports(provider, alg)) {
            throw new IllegalArgumentException("provider " + provider.getName() + " does not implement "
                    + alg.joseName());
        }
        String p1363Name = p1363Name(alg);
        this.p1363 = p1363Name != null && CryptoProviders.supports(provider, p1363Name);
        this.jcaName = p1363 ? p1363Name : jcaName(alg);
        this.ecOrder = alg.coordinateLength() > 0 ? EcdsaSignatures.orderBytes(curveOrder(alg), alg.coordinateLength())
                : null;
        this.signatures = ThreadLocal.withInitial(this::newSignature);
    }

    // The JCA name of ECDSA over P1363 (R||S) signatures, which ACCP and SunEC implement and BouncyCastle names
    // otherwise; null for other algorithms. Saves the DER re-encoding (about 1 us a verification, issue 9).
    private static String p1363Name(JwsAlgorithm alg) {
        switch (alg) {
            case ES256:
                return "SHA256withECDSAinP1363Format";
            case ES384:
                return "SHA384withECDSAinP1363Format";
            default:
                return null;
        }
    }

    private static BigInteger curveOrder(JwsAlgorithm alg) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("P-256".equals(alg.curve()) ? "secp256r1" : "secp384r1"));
            return params.getParameterSpec(ECParameterSpec.class).getOrder();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + alg.curve(), e);
        }
    }

    /** The JCA signature name for a JWS algorithm. */
    static String jcaName(JwsAlgorithm alg) {
        switch (alg) {
            case ES256:
                return "SHA256withECDSA";
            case ES384:
                return "SHA384withECDSA";
            case RS256:
                return "SHA256withRSA";
            case PS256:
                return "RSASSA-PSS";
            case EDDSA:
                return "Ed25519";
            default:
                throw new IllegalArgumentException(alg.name());
        }
    }

    /** The algorithm verified. */
    public JwsAlgorithm algorithm() {
        return alg;
    }

    /**
     * Whether {@code signature} is a valid JOSE-format signature of {@code input} under {@code key}. Returns false
     * (never throws) for any malformed signature: wrong length, ECDSA r or s outside [1, n-1], DER encoding.
     */
    public boolean verify(PublicKey key, byte[] input, byte[] signature) {
        byte[] jcaSignature = toJcaSignature(key, signature);
        if (jcaSignature == null) {
            return false;
        }
        Signature sig = signatures.get();
        try {
            sig.initVerify(key);
            sig.update(input);
            return sig.verify(jcaSignature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A provider may throw on a signature it cannot parse; for a verifier that is simply "invalid".
            signatures.remove();
            return false;
        }
    }

    private byte[] toJcaSignature(PublicKey key, byte[] signature) {
        switch (alg) {
            case ES256:
            case ES384:
                if (!(key instanceof ECPublicKey)
                        || !EcdsaSignatures.wellFormed(signature, alg.coordinateLength(), ecOrder)) {
                    return null;
                }
                return p1363 ? signature : EcdsaSignatures.toDer(signature, alg.coordinateLength());
            case RS256:
            case PS256:
                if (!(key instanceof RSAPublicKey)) {
                    return null;
                }
                // RFC 8017 §8.2.2 / §8.1.2: the signature is exactly as long as the modulus.
                int modulusBytes = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8;
                return signature.length == modulusBytes ? signature : null;
            case EDDSA:
                return signature.length == 64 && "EdDSA".equals(keyAlgorithm(key)) ? signature : null;
            default:
                return null;
        }
    }

    private static String keyAlgorithm(PublicKey key) {
        String a = key.getAlgorithm();
        return "Ed25519".equals(a) ? "EdDSA" : a;
    }

    private Signature newSignature() {
        try {
            Signature s = Signature.getInstance(jcaName, provider);
            if (alg == JwsAlgorithm.PS256) {
                s.setParameter(PS256_PARAMS);
            }
            return s;
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("provider " + provider.getName() + " rejects PS256 parameters", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("provider " + provider.getName() + " lost " + alg.joseName(), e);
        }
    }

}
