package io.walletgate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Test-only issuer whose tokens are signed by Nimbus JOSE+JWT, an implementation independent of ours: one signing
 * key per algorithm, claims and header members set freely.
 */
public final class TestIssuer {
    private final JWK key;
    private final JWSAlgorithm alg;

    private TestIssuer(JWK key, JWSAlgorithm alg) {
        this.key = key;
        this.alg = alg;
    }

    /** An issuer signing with a fresh key for {@code alg} (ES256, ES384, RS256, PS256, EdDSA), with this kid. */
    public static TestIssuer create(String alg, String kid) {
        try {
            switch (alg) {
                case "ES256":
                    return new TestIssuer(new ECKeyGenerator(Curve.P_256).keyID(kid).generate(), JWSAlgorithm.ES256);
                case "ES384":
                    return new TestIssuer(new ECKeyGenerator(Curve.P_384).keyID(kid).generate(), JWSAlgorithm.ES384);
                case "RS256":
                    return new TestIssuer(new RSAKeyGenerator(2048).keyID(kid).generate(), JWSAlgorithm.RS256);
                case "PS256":
                    return new TestIssuer(new RSAKeyGenerator(2048).keyID(kid).generate(), JWSAlgorithm.PS256);
                case "EdDSA":
                    return new TestIssuer(new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).generate(),
                            JWSAlgorithm.EdDSA);
                default:
                    throw new IllegalArgumentException(alg);
            }
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWKS document of this issuer's key. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** The public JWKS document of several issuers' keys (a rotation in progress). */
    public static String jwks(TestIssuer... issuers) {
        java.util.List<JWK> keys = new java.util.ArrayList<>();
        for (TestIssuer i : issuers) {
            keys.add(i.key.toPublicJWK());
        }
        return new JWKSet(keys).toString();
    }

    /** The public JWK of this issuer. */
    public JWK publicJwk() {
        return key.toPublicJWK();
    }

    /** The key id. */
    public String kid() {
        return key.getKeyID();
    }

    /** Signs {@code claims} with the default header ({@code alg}, {@code typ: JWT}, {@code kid}). */
    public String sign(Map<String, Object> claims) {
        return sign(claims, h -> { });
    }

    /** Signs {@code claims} with a header changed by {@code header}. */
    public String sign(Map<String, Object> claims, Consumer<JWSHeader.Builder> header) {
        try {
            JWSHeader.Builder h = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID());
            header.accept(h);
            SignedJWT jwt = new SignedJWT(h.build(), JWTClaimsSet.parse(claims));
            jwt.sign(signer());
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs arbitrary header and payload JSON exactly as given (for malformed-structure tests). */
    public String signRaw(String headerJson, String payloadJson) {
        try {
            Base64URL h = Base64URL.encode(headerJson);
            Base64URL p = Base64URL.encode(payloadJson);
            JWSHeader parsed = new JWSHeader.Builder(alg).build();
            byte[] input = (h + "." + p).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Base64URL sig = signer().sign(parsed, input);
            return h + "." + p + "." + sig;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs the signing input {@code headerB64 + "." + payloadB64} exactly as given, even when the parts are not
     * canonical base64url (padding, '+', '/', spaces, non-zero trailing bits), and appends the signature: a token
     * whose signature is valid over whatever bytes it carries.
     */
    public String signEncoded(String headerB64, String payloadB64) {
        try {
            byte[] input = (headerB64 + "." + payloadB64).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            return headerB64 + "." + payloadB64 + "." + signer().sign(new JWSHeader.Builder(alg).build(), input);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs {@code claims} serialized verbatim by Jackson, without Nimbus's typing of registered claims (so that
     * {@code exp} may be a string, a fraction, null or a huge integer), under the default header ({@code alg},
     * {@code typ: JWT}, {@code kid}).
     */
    public String signJson(Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg.getName());
        header.put("typ", "JWT");
        header.put("kid", key.getKeyID());
        return signJson(header, claims);
    }

    /** Signs {@code claims} under {@code header}, both serialized verbatim by Jackson. */
    public String signJson(Map<String, Object> header, Map<String, Object> claims) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            return signRaw(json.writeValueAsString(header), json.writeValueAsString(claims));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWS algorithm name. */
    public String alg() {
        return alg.getName();
    }

    /** The full JWK of this issuer, private members included (for tests that a JWKS must not carry them). */
    public JWK privateJwk() {
        return key;
    }

    private JWSSigner signer() throws JOSEException {
        if (key instanceof ECKey) {
            return new ECDSASigner((ECKey) key);
        }
        if (key instanceof RSAKey) {
            return new RSASSASigner((RSAKey) key);
        }
        return new Ed25519Signer((OctetKeyPair) key);
    }

    /** Standard claims: iss, aud, sub, iat = now - 60 s, exp = now + 1 h. */
    public static Map<String, Object> claims(String iss, Object aud, Instant now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", iss);
        c.put("aud", aud);
        c.put("sub", "user-1");
        c.put("iat", now.getEpochSecond() - 60);
        c.put("exp", now.getEpochSecond() + 3600);
        return c;
    }

    /** The name of the issuer of {@code verifier} that accepts {@code iss}, or null: what routing would pick. */
    public static String issuerAccepting(WalletVerifier verifier, String iss) {
        return verifier.issuers().stream().filter(p -> p.acceptedIssuers().contains(iss)).map(IssuerProfile::name)
                .findFirst().orElse(null);
    }
}
