package io.walletgate.keys;

import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * One public verification key from an issuer's key set, validated at import (point on curve, RSA size and
 * exponent) and ready to verify with.
 *
 * @param kid the key id, or null when the JWK has none
 * @param kty the key type: {@code EC}, {@code RSA} or {@code OKP}
 * @param crv the curve ({@code P-256}, {@code P-384}, {@code Ed25519}), or null for RSA
 * @param alg the JWK's declared algorithm, or null (optional, RFC 7517 §4.4)
 * @param use the JWK's declared use, or null
 * @param keyOps the JWK's declared operations, or null
 * @param publicKey the imported key
 * @param thumbprint the RFC 7638 SHA-256 thumbprint, base64url
 */
public record Jwk(String kid, String kty, String crv, String alg, String use, List<String> keyOps,
                  PublicKey publicKey, String thumbprint) {
    /**
     * Validates and copies.
     *
     * @param kid the key id, or null when the JWK has none
     * @param kty the key type: {@code EC}, {@code RSA} or {@code OKP}
     * @param crv the curve ({@code P-256}, {@code P-384}, {@code Ed25519}), or null for RSA
     * @param alg the JWK's declared algorithm, or null (optional, RFC 7517 §4.4)
     * @param use the JWK's declared use, or null
     * @param keyOps the JWK's declared operations, or null
     * @param publicKey the imported key
     * @param thumbprint the RFC 7638 SHA-256 thumbprint, base64url
     */
    public Jwk {
        Objects.requireNonNull(kty, "kty");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(thumbprint, "thumbprint");
        keyOps = keyOps == null ? null : List.copyOf(keyOps);
    }

    @Override
    public String toString() {
        return "Jwk[kid=" + kid + ", kty=" + kty + (crv == null ? "" : ", crv=" + crv)
                + (alg == null ? "" : ", alg=" + alg) + ", thumbprint=" + thumbprint + "]";
    }
}
