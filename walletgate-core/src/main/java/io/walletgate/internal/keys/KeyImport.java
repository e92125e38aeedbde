package io.walletgate.internal.keys;

import io.walletgate.internal.crypto.CryptoProviders;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Imports public keys from their JWK members, refusing keys that are unsafe to verify with: EC points that are
 * not on the named curve (invalid-curve attacks), RSA moduli below 2048 bits or with the ROCA fingerprint,
 * exponents of 1 or even, and Ed25519 encodings that are not a curve point.
 */
public final class KeyImport {
    /** Smallest RSA modulus accepted (NIST SP 800-131A). */
    public static final int MIN_RSA_BITS = 2048;
    /** Largest RSA modulus accepted: bigger ones only make verification slow for an attacker's benefit. */
    public static final int MAX_RSA_BITS = 8192;

    // X.509 SubjectPublicKeyInfo prefix for an Ed25519 key (RFC 8410 §4): SEQUENCE { SEQUENCE { OID 1.3.101.112 },
    // BIT STRING (32 bytes) }.
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private KeyImport() {
    }

    /** An EC public key on P-256 or P-384 from its affine coordinates (each exactly the field length). */
    public static PublicKey ec(String crv, byte[] x, byte[] y) {
        String stdName;
        int len;
        switch (crv) {
            case "P-256":
                stdName = "secp256r1";
                len = 32;
                break;
            case "P-384":
                stdName = "secp384r1";
                len = 48;
                break;
            default:
                throw new IllegalArgumentException("curve '" + crv + "' is not supported");
        }
        // RFC 7518 §6.2.1.2: x and y are the full field length.
        if (x.length != len || y.length != len) {
            throw new IllegalArgumentException("coordinates of a " + crv + " key must be " + len + " bytes");
        }
        BigInteger bx = new BigInteger(1, x);
        BigInteger by = new BigInteger(1, y);
        X9ECParameters curve = ECNamedCurveTable.getByName(stdName);
        try {
            curve.getCurve().validatePoint(bx, by);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("point is not on curve " + crv);
        }
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(stdName));
            ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
            return keyFactory("EC").generatePublic(new ECPublicKeySpec(new ECPoint(bx, by), spec));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("EC key could not be imported: " + e.getMessage());
        }
    }

    /** An RSA public key, checked for size, exponent and the ROCA weakness. */
    public static PublicKey rsa(BigInteger n, BigInteger e) {
        int bits = n.bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException("RSA modulus has " + bits + " bits, fewer than " + MIN_RSA_BITS);
        }
        if (bits > MAX_RSA_BITS) {
            throw new IllegalArgumentException("RSA modulus has " + bits + " bits, more than " + MAX_RSA_BITS);
        }
        if (!n.testBit(0)) {
            throw new IllegalArgumentException("RSA modulus is even");
        }
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.compareTo(n) >= 0) {
            throw new IllegalArgumentException("RSA public exponent must be odd, at least 3 and below the modulus");
        }
        if (RocaFingerprint.matches(n)) {
            throw new IllegalArgumentException("RSA modulus has the ROCA fingerprint (CVE-2017-15361)");
        }
        try {
            return keyFactory("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("RSA key could not be imported: " + ex.getMessage());
        }
    }

    /** An Ed25519 public key from its 32-byte encoding. */
    public static PublicKey okp(String crv, byte[] x) {
        if (!"Ed25519".equals(crv)) {
            throw new IllegalArgumentException("curve '" + crv + "' is not supported");
        }
        if (x.length != 32 || !Ed25519.validatePublicKeyPartial(x, 0)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return spki(spki, "Ed25519");
    }

    /** A public key from an X.509 SubjectPublicKeyInfo, in the key factory of {@code algorithm}. */
    public static PublicKey spki(byte[] der, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid " + algorithm + " public key");
        }
    }

    // The native provider verifies fastest with keys of its own classes; the JDK's factory otherwise.
    private static KeyFactory keyFactory(String algorithm) throws GeneralSecurityException {
        Provider accp = CryptoProviders.accp();
        if (accp != null) {
            try {
                return KeyFactory.getInstance(algorithm, accp);
            } catch (GeneralSecurityException e) {
                // fall through to the JDK
            }
        }
        return KeyFactory.getInstance(algorithm);
    }
}
