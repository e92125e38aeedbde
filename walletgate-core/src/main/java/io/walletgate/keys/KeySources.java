package io.walletgate.keys;

import io.walletgate.internal.keys.CachingKeySource;
import io.walletgate.internal.keys.JwkParser;
import io.walletgate.internal.keys.KeyImport;
import io.walletgate.internal.keys.StaticKeySource;
import io.walletgate.internal.token.Base64Url;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ready-made {@link KeySource}s: a JWKS given inline or in a file, an SPKI PEM public key (Web3Auth's dashboard
 * "verification key"), or an HTTPS JWKS URL.
 *
 * <pre>{@code
 * RemoteKeySource web3auth = KeySources.jwksUri(URI.create("https://api-auth.web3auth.io/jwks"));
 * KeySource airGapped = KeySources.jwksFile(Path.of("/etc/walletgate/web3auth-jwks.json"));
 * }</pre>
 */
public final class KeySources {
    private KeySources() {
    }

    /**
     * Keys from a JWKS document given as a string.
     *
     * @param json the JWKS document
     * @return the key source
     * @throws IllegalArgumentException if it is not a JWKS within the limits
     */
    public static KeySource jwks(String json) {
        Objects.requireNonNull(json, "json");
        return new StaticKeySource(JwkSet.parse(json, "static JWKS"));
    }

    /**
     * Keys from a JWKS file, read once now.
     *
     * @param file the JWKS file
     * @return the key source
     * @throws IllegalArgumentException if the file cannot be read or is not a JWKS within the limits
     */
    public static KeySource jwksFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            if (Files.size(file) > JwkSet.MAX_BYTES) {
                throw new IllegalArgumentException("jwksFile " + file + " is larger than " + JwkSet.MAX_BYTES
                        + " bytes");
            }
            return new StaticKeySource(JwkSet.parse(Files.readAllBytes(file), "file " + file));
        } catch (IOException e) {
            throw new IllegalArgumentException("jwksFile " + file + " cannot be read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("jwksFile " + file + " cannot be read", e);
        }
    }

    /**
     * One key from an SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}): EC P-256/P-384, RSA or Ed25519. It has no
     * {@code kid}, so it verifies tokens whatever {@code kid} they name.
     *
     * @param pem the PEM block
     * @return the key source
     * @throws IllegalArgumentException if it is not such a key
     */
    public static KeySource publicKeyPem(String pem) {
        Objects.requireNonNull(pem, "pem");
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        if (!pem.contains("-----BEGIN PUBLIC KEY-----") || body.isEmpty()) {
            throw new IllegalArgumentException("publicKey must be a PEM block '-----BEGIN PUBLIC KEY-----'");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("publicKey PEM body is not base64");
        }
        Jwk jwk = JwkParser.parseKey(toJwkMembers(decodeAny(der)));
        return new StaticKeySource(new JwkSet(List.of(jwk), List.of(), "PEM public key " + jwk.thumbprint()));
    }

    /**
     * Keys from an HTTPS JWKS URL (plain HTTP only for a loopback host) with the default {@link RemoteKeyOptions} and
     * the system clock: fetched now (a failure is not fatal), refreshed in the background ahead of expiry, refetched
     * once per 30 s at most when a token names an unknown {@code kid}, and kept through outages for 24 h past their
     * expiry. Close it to stop its background refresh.
     *
     * @param uri the JWKS URL
     * @return the key source; close it when done
     * @throws IllegalArgumentException if the URL is not acceptable
     */
    public static RemoteKeySource jwksUri(URI uri) {
        return remote(uri, RemoteKeyOptions.defaults(), Clock.systemUTC());
    }

    /**
     * Keys from an HTTPS JWKS URL, cached and refreshed as {@code options} say, with time from {@code clock}. Close the
     * returned source to stop its background refresh. (A verifier makes these itself for its profiles' URLs, with its
     * own clock.)
     *
     * @param uri the JWKS URL
     * @param options how the keys are fetched, cached and kept
     * @param clock the time source
     * @return the key source; close it when done
     * @throws IllegalArgumentException if the URL is not acceptable
     */
    public static RemoteKeySource remote(URI uri, RemoteKeyOptions options, Clock clock) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        return CachingKeySource.create(uri.toString(), uri, null, options, clock);
    }

    /**
     * Keys found by OpenID Connect discovery: {@code {issuer}/.well-known/openid-configuration}, whose
     * {@code issuer} must equal {@code issuer} exactly, names the {@code jwks_uri}; then as {@link #remote}.
     *
     * @param issuer the issuer, exactly as its tokens' {@code iss}
     * @param options how the keys are fetched, cached and kept
     * @param clock the time source
     * @return the key source; close it when done
     * @throws IllegalArgumentException if the issuer is not an HTTPS URL (HTTP only on loopback)
     */
    public static RemoteKeySource oidcDiscovery(String issuer, RemoteKeyOptions options, Clock clock) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        return CachingKeySource.create(issuer, null, issuer, options, clock);
    }

    private static PublicKey decodeAny(byte[] der) {
        for (String alg : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyImport.spki(der, alg);
            } catch (IllegalArgumentException e) {
                // try the next type
            }
        }
        throw new IllegalArgumentException("publicKey is not an EC, RSA or Ed25519 public key");
    }

    // Re-expressed as JWK members so that a PEM key passes exactly the same checks as a JWKS key.
    private static Map<String, Object> toJwkMembers(PublicKey key) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (key instanceof ECPublicKey) {
            ECPublicKey ec = (ECPublicKey) key;
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            int len = (bits + 7) / 8;
            m.put("kty", "EC");
            m.put("crv", bits == 256 ? "P-256" : bits == 384 ? "P-384" : "P-" + bits);
            m.put("x", Base64Url.encode(fixed(ec.getW().getAffineX().toByteArray(), len)));
            m.put("y", Base64Url.encode(fixed(ec.getW().getAffineY().toByteArray(), len)));
        } else if (key instanceof RSAPublicKey) {
            RSAPublicKey rsa = (RSAPublicKey) key;
            m.put("kty", "RSA");
            m.put("n", Base64Url.encode(unsigned(rsa.getModulus().toByteArray())));
            m.put("e", Base64Url.encode(unsigned(rsa.getPublicExponent().toByteArray())));
        } else {
            byte[] enc = key.getEncoded();
            m.put("kty", "OKP");
            m.put("crv", "Ed25519");
            m.put("x", Base64Url.encode(java.util.Arrays.copyOfRange(enc, enc.length - 32, enc.length)));
        }
        return m;
    }

    private static byte[] unsigned(byte[] twosComplement) {
        int start = 0;
        while (start < twosComplement.length - 1 && twosComplement[start] == 0) {
            start++;
        }
        return java.util.Arrays.copyOfRange(twosComplement, start, twosComplement.length);
    }

    private static byte[] fixed(byte[] twosComplement, int len) {
        byte[] u = unsigned(twosComplement);
        if (u.length > len) {
            throw new IllegalArgumentException("EC coordinate longer than the field");
        }
        byte[] out = new byte[len];
        System.arraycopy(u, 0, out, len - u.length, u.length);
        return out;
    }
}
