package io.walletgate.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One issuer signing key: ES256 (P-256, through a private BouncyCastle instance), RS256 (2048-bit, the JDK) or
 * EdDSA (Ed25519, the JDK). Its {@code kid} is its RFC 7638 thumbprint. No provider is ever installed globally.
 */
final class SigningKey {
    static final String ES256 = "ES256";
    static final String RS256 = "RS256";
    static final String EDDSA = "EdDSA";

    // Private instance, passed explicitly to getInstance: never Security.addProvider.
    private static final Provider BC = new BouncyCastleProvider();
    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();

    private final String algorithm;
    private final KeyPair pair;
    private final String kid;

    private SigningKey(String algorithm, KeyPair pair) {
        this.algorithm = algorithm;
        this.pair = pair;
        this.kid = thumbprint(publicMembers());
    }

    /** A fresh key for {@code algorithm}: {@code ES256}, {@code RS256} or {@code EdDSA}. */
    static SigningKey generate(String algorithm) {
        try {
            switch (algorithm) {
                case ES256: {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    return new SigningKey(algorithm, g.generateKeyPair());
                }
                case RS256: {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    return new SigningKey(algorithm, g.generateKeyPair());
                }
                case EDDSA:
                    return new SigningKey(algorithm, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
                default:
                    throw new IllegalArgumentException("signing algorithm must be ES256, RS256 or EdDSA: " + algorithm);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    String algorithm() {
        return algorithm;
    }

    String kid() {
        return kid;
    }

    /** Signs the JWS signing input: ECDSA as raw R||S (RFC 7518 §3.4), or as DER when {@code der} is set. */
    byte[] sign(byte[] input, boolean der) {
        if (der && !ES256.equals(algorithm)) {
            throw new IllegalStateException("a DER signature exists only for ECDSA, not " + algorithm);
        }
        try {
            Signature s;
            switch (algorithm) {
                case ES256:
                    s = Signature.getInstance(der ? "SHA256withECDSA" : "SHA256withPLAIN-ECDSA", BC);
                    break;
                case RS256:
                    s = Signature.getInstance("SHA256withRSA");
                    break;
                default:
                    s = Signature.getInstance("Ed25519");
            }
            s.initSign(pair.getPrivate());
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    /** The public key as an SPKI PEM (Privy's "verification key", Dynamic's dashboard public key). */
    String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * The public JWK.
     *
     * @param withAlgAndUse whether to add {@code alg} and {@code use} (NoPwd's keys carry neither)
     */
    Map<String, Object> jwk(boolean withAlgAndUse) {
        Map<String, Object> jwk = new LinkedHashMap<>(publicMembers());
        jwk.put("kid", kid);
        if (withAlgAndUse) {
            jwk.put("alg", algorithm);
            jwk.put("use", "sig");
        }
        return jwk;
    }

    // The required members in RFC 7638 order (lexicographic), which the thumbprint hashes.
    private Map<String, Object> publicMembers() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (pair.getPublic() instanceof ECPublicKey) {
            ECPublicKey ec = (ECPublicKey) pair.getPublic();
            m.put("crv", "P-256");
            m.put("kty", "EC");
            m.put("x", B64U.encodeToString(unsigned(ec.getW().getAffineX(), 32)));
            m.put("y", B64U.encodeToString(unsigned(ec.getW().getAffineY(), 32)));
        } else if (pair.getPublic() instanceof RSAPublicKey) {
            RSAPublicKey rsa = (RSAPublicKey) pair.getPublic();
            m.put("e", B64U.encodeToString(unsigned(rsa.getPublicExponent(), 0)));
            m.put("kty", "RSA");
            m.put("n", B64U.encodeToString(unsigned(rsa.getModulus(), 0)));
        } else {
            byte[] spki = pair.getPublic().getEncoded();
            m.put("crv", "Ed25519");
            m.put("kty", "OKP");
            m.put("x", B64U.encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
        }
        return m;
    }

    private static String thumbprint(Map<String, Object> members) {
        StringBuilder json = new StringBuilder("{");
        members.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v).append('"'));
        json.append('}');
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return B64U.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // Big-endian unsigned bytes; left-padded to {@code length} when it is positive.
    private static byte[] unsigned(BigInteger value, int length) {
        byte[] b = value.toByteArray();
        int start = b.length > 1 && b[0] == 0 ? 1 : 0;
        byte[] u = Arrays.copyOfRange(b, start, b.length);
        if (length <= u.length) {
            return u;
        }
        byte[] out = new byte[length];
        System.arraycopy(u, 0, out, length - u.length, u.length);
        return out;
    }
}
