package io.walletgate.internal.keys;

import io.walletgate.internal.token.Base64Url;
import io.walletgate.internal.token.BoundedJson;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.JwkSet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JWKS document into validated public keys. A key that cannot safely verify a JWS is skipped with a
 * reason rather than failing the set, as jose and Nimbus do; the set itself fails only when it is not a JWKS
 * within the limits of docs/architecture.md §4.
 */
public final class JwkParser {
    // RFC 7518 §6.2.2, §6.3.2, RFC 8037 §2: members that only private (or symmetric) keys have.
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private JwkParser() {
    }

    /** Parses a whole JWKS document; see {@link JwkSet#parse(byte[], String)}. */
    public static JwkSet parseSet(byte[] json, String source) {
        if (json.length > JwkSet.MAX_BYTES) {
            throw new IllegalArgumentException("key set from " + source + " is larger than "
                    + JwkSet.MAX_BYTES + " bytes");
        }
        Map<String, Object> doc;
        try {
            doc = BoundedJson.parseObject(json, 8, 20_000);
        } catch (BoundedJson.JsonException e) {
            throw new IllegalArgumentException("key set from " + source + " is not valid JSON: " + e.getMessage());
        }
        Object keys = doc.get("keys");
        if (!(keys instanceof List<?>)) {
            throw new IllegalArgumentException("key set from " + source + " has no \"keys\" array");
        }
        List<?> list = (List<?>) keys;
        if (list.size() > JwkSet.MAX_KEYS) {
            throw new IllegalArgumentException("key set from " + source + " has " + list.size()
                    + " keys, more than " + JwkSet.MAX_KEYS);
        }
        List<Jwk> parsed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object entry = list.get(i);
            if (!(entry instanceof Map<?, ?>)) {
                skipped.add("keys[" + i + "]: not a JSON object");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> member = (Map<String, Object>) entry;
            try {
                parsed.add(parseKey(member));
            } catch (IllegalArgumentException e) {
                skipped.add("keys[" + i + "]" + describe(member) + ": " + e.getMessage());
            }
        }
        return new JwkSet(parsed, skipped, source);
    }

    private static String describe(Map<String, Object> m) {
        Object kid = m.get("kid");
        return kid instanceof String ? " (kid " + CompactJws.printable((String) kid) + ")" : "";
    }

    /**
     * Imports one public JWK.
     *
     * @throws IllegalArgumentException saying why it cannot be used to verify
     */
    public static Jwk parseKey(Map<String, Object> m) {
        String kty = string(m, "kty", true);
        for (String name : PRIVATE_MEMBERS) {
            if (m.containsKey(name)) {
                throw new IllegalArgumentException("holds private or symmetric key material ('" + name + "')");
            }
        }
        String kid = string(m, "kid", false);
        String alg = string(m, "alg", false);
        String use = string(m, "use", false);
        List<String> keyOps = stringList(m, "key_ops");
        if (use != null && !"sig".equals(use)) {
            throw new IllegalArgumentException("use is '" + use + "', not 'sig'");
        }
        if (keyOps != null && !keyOps.contains("verify")) {
            throw new IllegalArgumentException("key_ops does not include 'verify'");
        }
        if (m.containsKey("x5c") || m.containsKey("x5u")) {
            // Certificates are not a trust source here; the key members alone are used (RFC 7517 §4.7 allows both).
            checkOnlyKeyMembers(kty);
        }
        switch (kty) {
            case "EC": {
                String crv = string(m, "crv", true);
                byte[] x = coordinate(m, "x");
                byte[] y = coordinate(m, "y");
                PublicKey key = KeyImport.ec(crv, x, y);
                String tp = thumbprint("{\"crv\":\"" + crv + "\",\"kty\":\"EC\",\"x\":\"" + m.get("x")
                        + "\",\"y\":\"" + m.get("y") + "\"}");
                return new Jwk(kid, kty, crv, alg, use, keyOps, key, tp);
            }
            case "RSA": {
                BigInteger n = new BigInteger(1, coordinate(m, "n"));
                BigInteger e = new BigInteger(1, coordinate(m, "e"));
                PublicKey key = KeyImport.rsa(n, e);
                String tp = thumbprint("{\"e\":\"" + m.get("e") + "\",\"kty\":\"RSA\",\"n\":\"" + m.get("n") + "\"}");
                return new Jwk(kid, kty, null, alg, use, keyOps, key, tp);
            }
            case "OKP": {
                String crv = string(m, "crv", true);
                byte[] x = coordinate(m, "x");
                PublicKey key = KeyImport.okp(crv, x);
                String tp = thumbprint("{\"crv\":\"" + crv + "\",\"kty\":\"OKP\",\"x\":\"" + m.get("x") + "\"}");
                return new Jwk(kid, kty, crv, alg, use, keyOps, key, tp);
            }
            default:
                throw new IllegalArgumentException("key type '" + kty + "' cannot verify a signature here");
        }
    }

    private static void checkOnlyKeyMembers(String kty) {
        if (!Set.of("EC", "RSA", "OKP").contains(kty)) {
            throw new IllegalArgumentException("key type '" + kty + "' cannot verify a signature here");
        }
    }

    private static String string(Map<String, Object> m, String name, boolean required) {
        Object v = m.get(name);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("no '" + name + "'");
            }
            return null;
        }
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("'" + name + "' is not a string");
        }
        return (String) v;
    }

    private static List<String> stringList(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?>)) {
            throw new IllegalArgumentException("'" + name + "' is not an array");
        }
        List<String> out = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof String) || !seen.add(o)) {
                throw new IllegalArgumentException("'" + name + "' must hold distinct strings");
            }
            out.add((String) o);
        }
        return out;
    }

    private static byte[] coordinate(Map<String, Object> m, String name) {
        String s = string(m, name, true);
        byte[] bytes = Base64Url.decode(s);
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("'" + name + "' is not base64url");
        }
        return bytes;
    }

    /** RFC 7638 §3: SHA-256 of the required members in lexicographic order, no white space. */
    private static String thumbprint(String canonicalJson) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return Base64Url.encode(sha.digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
