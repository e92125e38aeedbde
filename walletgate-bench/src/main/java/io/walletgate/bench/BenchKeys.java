package io.walletgate.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

/** The signing keys of the bench issuers: generation, their JWKs, and the provider that signs fastest. */
final class BenchKeys {
    private BenchKeys() {
    }

    static KeyPair generate(Scenario s) throws GeneralSecurityException {
        switch (s.alg()) {
            case "ES256": {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            case "RS256": {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            }
            default:
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
    }

    static String keyType(Scenario s) {
        switch (s.alg()) {
            case "ES256":
                return "EC";
            case "RS256":
                return "RSA";
            default:
                return "Ed25519";
        }
    }

    // Minting speed only: the fastest provider that signs this algorithm and imports the key.
    static Provider signingProvider(Scenario s) {
        if (BenchProviders.accpLoads()) {
            Provider accp = BenchProviders.accp();
            try {
                Signature.getInstance(s.jcaName(), accp);
                KeyFactory.getInstance(keyType(s), accp);
                return accp;
            } catch (GeneralSecurityException e) {
                // not this algorithm: BouncyCastle
            }
        }
        return BenchProviders.forName(BenchProviders.BC, s.jcaName());
    }

    static JWK jwk(Scenario s, PublicKey pub, String kid) {
        switch (s.alg()) {
            case "ES256":
                return new ECKey.Builder(Curve.P_256, (ECPublicKey) pub).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).build();
            case "RS256":
                return new RSAKey.Builder((RSAPublicKey) pub).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).build();
            default:
                return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawEd25519(pub))).keyID(kid)
                        .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).build();
        }
    }

    // An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte prefix and the 32-byte key (RFC 8410 §4).
    static byte[] rawEd25519(PublicKey pub) {
        byte[] spki = pub.getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }
}
