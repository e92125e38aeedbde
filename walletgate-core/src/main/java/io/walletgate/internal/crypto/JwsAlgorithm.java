package io.walletgate.internal.crypto;

import java.util.Locale;

/** The JWS algorithms WalletGate verifies (RFC 7518 §3, RFC 8037). HMAC and {@code none} are absent on purpose. */
public enum JwsAlgorithm {
    ES256("ES256", "EC", "P-256", 32),
    ES384("ES384", "EC", "P-384", 48),
    RS256("RS256", "RSA", null, 0),
    PS256("PS256", "RSA", null, 0),
    EDDSA("EdDSA", "OKP", "Ed25519", 0);

    private final String joseName;
    private final String keyType;
    private final String curve;
    private final int coordinateLength;

    JwsAlgorithm(String joseName, String keyType, String curve, int coordinateLength) {
        this.joseName = joseName;
        this.keyType = keyType;
        this.curve = curve;
        this.coordinateLength = coordinateLength;
    }

    /** The JOSE {@code alg} name. */
    public String joseName() {
        return joseName;
    }

    /** The JWK {@code kty} a key for this algorithm has. */
    public String keyType() {
        return keyType;
    }

    /** The JWK {@code crv} a key for this algorithm has, or null for RSA. */
    public String curve() {
        return curve;
    }

    /** For ECDSA, the byte length of r and of s in a JOSE signature; 0 otherwise. */
    public int coordinateLength() {
        return coordinateLength;
    }

    /** The algorithm of a JOSE {@code alg} name (exact, case-sensitive), or null if it is not one we verify. */
    public static JwsAlgorithm fromJoseName(String name) {
        for (JwsAlgorithm a : values()) {
            if (a.joseName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    /**
     * The algorithm of a configured name.
     *
     * @throws IllegalArgumentException naming the value when it is not ES256, ES384, RS256, PS256 or EdDSA
     */
    public static JwsAlgorithm parseConfigured(String name) {
        JwsAlgorithm a = fromJoseName(name);
        if (a == null) {
            String hint = name != null && name.toUpperCase(Locale.ROOT).startsWith("HS")
                    ? " (HMAC is never accepted: all parties would share the secret)" : "";
            throw new IllegalArgumentException("algorithm must be one of ES256, ES384, RS256, PS256, EdDSA: "
                    + name + hint);
        }
        return a;
    }
}
