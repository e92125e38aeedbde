package io.walletgate.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * A local issuer for one {@link Scenario}: a fresh signing key, its JWKS, and tokens of the scenario's shape, each
 * distinct ({@code userId}/{@code sub}, {@code nonce}) but all of the same length, so every token costs the same to
 * hash and parse. Tokens are signed here with plain JCA (ACCP when it loads, else BouncyCastle, for speed: the cold
 * benchmarks mint thousands); every verifier in the suite must accept them, which checks the minting.
 */
final class BenchIssuer {
    static final String WEB3AUTH_ISS = "https://api-auth.web3auth.io";
    /** A client ID of the length Web3Auth issues (88 characters). */
    static final String WEB3AUTH_CLIENT_ID =
            "BPi5PB_UiIZ-cPz1GtV5i1I2iOSOHuimiXBI0e-Oe_u6X3oVAbCiAZOTEBtTXw4tsluTITPqA8zMsfxIKMjiqNQ";
    static final String OIDC_ISS = "https://login.example.com";
    static final String OIDC_AUD = "api";
    /**
     * Distinct wallets (app key pairs) of the web3auth tokens: as many as the largest JMH pool, so no two tokens of a
     * pool share a client's key (a cache of decoded keys must not flatter the cold rows); a longer pool (the load
     * test's) cycles through them.
     */
    static final int WALLETS = 16_384;

    private static final HexFormat HEX = HexFormat.of();
    private static final ECNamedCurveParameterSpec SECP256K1 = ECNamedCurveTable.getParameterSpec("secp256k1");

    private final Scenario scenario;
    private final PublicKey publicKey;
    private final PrivateKey signingKey;
    private final Provider signingProvider;
    private final String kid;
    private final String jwks;
    private final long iat;
    private final String[] secp256k1AppKeys;
    private final String[] ed25519AppKeys;
    private final List<String> minted;
    private final SplittableRandom random = new SplittableRandom(42);

    private BenchIssuer(Scenario scenario) throws GeneralSecurityException, JOSEException {
        this.scenario = scenario;
        KeyPair keys = BenchKeys.generate(scenario);
        this.publicKey = keys.getPublic();
        this.signingProvider = BenchKeys.signingProvider(scenario);
        this.signingKey = KeyFactory.getInstance(BenchKeys.keyType(scenario), signingProvider)
                .generatePrivate(new PKCS8EncodedKeySpec(keys.getPrivate().getEncoded()));
        JWK unnamed = BenchKeys.jwk(scenario, publicKey, null);
        this.kid = unnamed.computeThumbprint().toString();
        this.jwks = new JWKSet(BenchKeys.jwk(scenario, publicKey, kid)).toString(true);
        this.iat = Instant.now().getEpochSecond();
        this.secp256k1AppKeys = new String[WALLETS];
        this.ed25519AppKeys = new String[WALLETS];
        this.minted = List.of();
    }

    /** Makes wallet {@code i}'s two app keys when first needed: derived from {@code i}, the same in every run. */
    private void wallet(int i) {
        if (secp256k1AppKeys[i] != null) {
            return;
        }
        java.util.Random seeded = new java.util.Random(i + 1);
        BigInteger d = new BigInteger(256, seeded).mod(SECP256K1.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
        secp256k1AppKeys[i] = HEX.formatHex(SECP256K1.getG().multiply(d).normalize().getEncoded(true));
        byte[] edSeed = new byte[32];
        seeded.nextBytes(edSeed);
        ed25519AppKeys[i] = HEX.formatHex(new Ed25519PrivateKeyParameters(edSeed).generatePublicKey().getEncoded());
    }

    // An issuer read back from a fixture file: it holds the tokens minted then, and mints no more.
    private BenchIssuer(Scenario scenario, PublicKey publicKey, String kid, String jwks, String[] secp256k1AppKeys,
                        List<String> minted) {
        this.scenario = scenario;
        this.publicKey = publicKey;
        this.signingKey = null;
        this.signingProvider = null;
        this.kid = kid;
        this.jwks = jwks;
        this.iat = 0;
        this.secp256k1AppKeys = secp256k1AppKeys;
        this.ed25519AppKeys = null;
        this.minted = List.copyOf(minted);
    }

    /**
     * The issuer of {@code scenario}: the one {@link Fixtures} wrote when the system property
     * {@value Fixtures#PROPERTY} names its directory (bench/run sets it, so every fork on both JDKs verifies the same
     * tokens), otherwise a new one with a fresh key.
     */
    static BenchIssuer create(Scenario scenario) {
        return create(scenario, 1);
    }

    /** As {@link #create(Scenario)}, holding (or able to mint) at least {@code tokens} distinct tokens. */
    static BenchIssuer create(Scenario scenario, int tokens) {
        BenchIssuer stored = Fixtures.load(scenario, tokens);
        return stored != null ? stored : fresh(scenario);
    }

    /** A new issuer with a fresh key. */
    static BenchIssuer fresh(Scenario scenario) {
        try {
            return new BenchIssuer(scenario);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot set up the " + scenario.param() + " issuer", e);
        }
    }

    /** An issuer read back from its fixture: key, JWKS, app keys and the tokens minted then. */
    static BenchIssuer stored(Scenario scenario, byte[] spki, String kid, String jwks, String[] secp256k1AppKeys,
                              List<String> tokens) {
        try {
            PublicKey key = KeyFactory.getInstance(BenchKeys.keyType(scenario))
                    .generatePublic(new X509EncodedKeySpec(spki));
            return new BenchIssuer(scenario, key, kid, jwks, secp256k1AppKeys, tokens);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bad stored key for " + scenario.param(), e);
        }
    }

    /** The first {@code count} distinct tokens: stored ones when this issuer was read back, else minted now. */
    String[] tokens(int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = mint(i);
        }
        return out;
    }

    /** The app keys (compressed secp256k1 hex) of the tokens, one per wallet; empty for OIDC. */
    String[] secp256k1AppKeys() {
        if (!scenario.web3auth()) {
            return new String[0];
        }
        if (signingKey != null) {
            for (int i = 0; i < WALLETS; i++) {
                wallet(i);
            }
        }
        return secp256k1AppKeys.clone();
    }

    Scenario scenario() {
        return scenario;
    }

    /** The token's {@code iss}. */
    String issuer() {
        return scenario.web3auth() ? WEB3AUTH_ISS : OIDC_ISS;
    }

    /** The token's {@code aud}. */
    String audience() {
        return scenario.web3auth() ? WEB3AUTH_CLIENT_ID : OIDC_AUD;
    }

    /** The public JWKS (one key, with {@code kid}, {@code alg}, {@code use}). */
    String jwks() {
        return jwks;
    }

    String kid() {
        return kid;
    }

    /** The verification key as the JDK's default key factory imports it (what most applications hold). */
    PublicKey publicKey() {
        return publicKey;
    }

    /** The verification key imported by {@code provider}'s own key factory (the JDK's when it has none). */
    PublicKey publicKey(Provider provider) {
        try {
            return KeyFactory.getInstance(BenchKeys.keyType(scenario), provider)
                    .generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            return publicKey;
        }
    }

    /** WalletGate's profile for this issuer, with the JWKS inline (no network). */
    IssuerProfile profile() {
        if (scenario.web3auth()) {
            return IssuerProfiles.web3auth(WEB3AUTH_CLIENT_ID).withJwks(jwks);
        }
        return IssuerProfiles.oidc(OIDC_ISS).withAudience(OIDC_AUD).withAlgorithms(scenario.alg()).withJwks(jwks);
    }

    /** The app public key (compressed secp256k1 hex) the client of token {@code n} sends; null for OIDC. */
    String appPublicKey(int n) {
        if (!scenario.web3auth()) {
            return null;
        }
        int i = n % secp256k1AppKeys.length;
        if (signingKey != null) {
            wallet(i);
        }
        return secp256k1AppKeys[i];
    }

    /** Token number {@code n}: distinct from every other number, of the same length. */
    String mint(int n) {
        if (signingKey == null) {
            if (n >= minted.size()) {
                throw new IllegalStateException("the " + scenario.param() + " fixture holds " + minted.size()
                        + " tokens, not " + (n + 1));
            }
            return minted.get(n);
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", scenario.alg());
        header.put("typ", "JWT");
        header.put("kid", kid);
        String user = String.format("user%06d@example.com", n % 1_000_000);
        Map<String, Object> claims = new LinkedHashMap<>();
        if (scenario.web3auth()) {
            // The shape of a current Web3Auth social-login token (walletgate-testkit's web3auth(), wallets(2)):
            // the secp256k1 app key is not wallets[0].
            claims.put("iat", iat);
            claims.put("aud", WEB3AUTH_CLIENT_ID);
            claims.put("nonce", nonce());
            claims.put("iss", WEB3AUTH_ISS);
            int w = n % WALLETS;
            wallet(w);
            claims.put("wallets", List.of(
                    wallet(ed25519AppKeys[w], "ed25519"),
                    wallet(secp256k1AppKeys[w], "secp256k1")));
            claims.put("email", user);
            claims.put("name", "Alice Example");
            claims.put("profileImage", "https://example.com/alice.png");
            claims.put("authConnection", "google");
            claims.put("authConnectionId", "w3a-google");
            claims.put("userId", user);
            claims.put("groupedAuthConnectionId", "w3a-google-sapphire-devnet");
            claims.put("exp", iat + 86_400);
        } else {
            claims.put("iss", OIDC_ISS);
            claims.put("sub", String.format("user%06d", n % 1_000_000));
            claims.put("aud", OIDC_AUD);
            claims.put("iat", iat);
            claims.put("exp", iat + 86_400);
            claims.put("email", user);
            claims.put("email_verified", true);
            claims.put("name", "Alice Example");
        }
        String input = b64(JSONObjectUtils.toJSONString(header)) + "." + b64(JSONObjectUtils.toJSONString(claims));
        return input + "." + Base64URL.encode(sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The bytes a token's signature covers. */
    static byte[] signingInput(String token) {
        return token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }

    /** A token's signature as the token holds it (R||S for ECDSA). */
    static byte[] joseSignature(String token) {
        return new Base64URL(token.substring(token.lastIndexOf('.') + 1)).decode();
    }

    /** A token's signature in the form JCA verifies: DER for ECDSA, as is otherwise. */
    byte[] jcaSignature(String token) {
        byte[] jose = joseSignature(token);
        if (!"ES256".equals(scenario.alg())) {
            return jose;
        }
        try {
            return ECDSA.transcodeSignatureToDER(jose);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sign(byte[] input) {
        try {
            Signature s = Signature.getInstance(scenario.jcaName(), signingProvider);
            s.initSign(signingKey);
            s.update(input);
            byte[] sig = s.sign();
            return "ES256".equals(scenario.alg()) ? ECDSA.transcodeSignatureToConcat(sig, 64) : sig;
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot sign a " + scenario.param() + " token", e);
        }
    }

    private String nonce() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return HEX.formatHex(bytes);
    }

    private static Map<String, Object> wallet(String publicKey, String curve) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("public_key", publicKey);
        m.put("type", "web3auth_app_key");
        m.put("curve", curve);
        return m;
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
