package io.walletgate.testkit;

import io.walletgate.testkit.TokenBuilder.Defect;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a {@link TokenBuilder} into a signed token: the provider's claims in the provider's order (docs/architecture.md
 * §3, the sample tokens in the providers' documents), fresh wallet keys, time claims by the issuer's clock, the
 * deliberate defects, then the caller's overrides, then the signature.
 */
final class TokenMinter {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();
    private static final String THRESHOLD = "web3auth_threshold_key";
    private static final String DEFAULT_USER = "alice@example.com";

    private TokenMinter() {
    }

    static MintedToken mint(TokenBuilder b) {
        if (!b.shape.jwt()) {
            return DidTokenMinter.mint(b);
        }
        Instant now = b.issuer.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        List<String> audiences = b.audiences != null ? b.audiences : List.of(b.issuer.audience());
        String iss = b.shape == ProviderShape.DYNAMIC && b.documentedIssuer
                ? "app.dynamic.xyz/" + DevIssuer.DYNAMIC_ENVIRONMENT_ID : b.shape.issuer(b.issuer.baseUri().toString());
        Contents c = contents(b, iss, audiences);
        setTimes(b, c.claims, now);
        if (b.defects.contains(Defect.WRONG_AUDIENCE)) {
            c.claims.put("aud", "wrong-" + audiences.get(0));
        }
        apply(c.claims, b.claims);

        KeyRing ring = b.issuer.keyRing(b.shape);
        SigningKey key = b.defects.contains(Defect.OTHER_KEY) ? SigningKey.generate(ring.algorithm()) : ring.current();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", b.defects.contains(Defect.ALG_NONE) ? "none" : ring.algorithm());
        header.put("typ", "JWT");
        header.put("kid", b.defects.contains(Defect.UNKNOWN_KID) ? "unknown-" + hex(8) : ring.current().kid());
        apply(header, b.headers);

        String input = B64U.encodeToString(Json.write(header)) + "." + B64U.encodeToString(Json.write(c.claims));
        byte[] signature = new byte[0];
        if (!b.defects.contains(Defect.ALG_NONE)) {
            signature = key.sign(input.getBytes(StandardCharsets.US_ASCII), b.defects.contains(Defect.DER_SIGNATURE));
            if (b.defects.contains(Defect.TAMPERED_SIGNATURE)) {
                signature[signature.length / 2 + 1] ^= 0x01; // the middle keeps ECDSA r and s, and EdDSA S, in range
            }
        }
        return result(b, input + "." + B64U.encodeToString(signature), header, c);
    }

    static final class Contents {
        final Map<String, Object> claims = new LinkedHashMap<>();
        final List<DevWallet> wallets = new ArrayList<>();
        DevWallet primary;
    }

    private static Contents contents(TokenBuilder b, String iss, List<String> audiences) {
        Contents c = new Contents();
        Map<String, Object> m = c.claims;
        Object aud = audiences.size() == 1 ? audiences.get(0) : audiences;
        switch (b.shape) {
            case WEB3AUTH:
            case WEB3AUTH_LEGACY:
                boolean legacy = b.legacyNames != null ? b.legacyNames : b.shape == ProviderShape.WEB3AUTH_LEGACY;
                socialWallets(b, c, legacy ? "web3auth_key" : "web3auth_app_key");
                web3authSocial(m, b, iss, aud, legacy, c.wallets);
                break;
            case WEB3AUTH_EXTERNAL:
                c.primary = b.embedded != null ? b.embedded
                        : WalletKeyPairs.generate("solana".equals(b.chain) ? WalletKeyPairs.ED25519
                        : WalletKeyPairs.SECP256K1, b.chain);
                c.wallets.add(c.primary);
                put(m, "iat", null, "aud", aud, "iss", iss);
                if (b.subject != null) {
                    m.put("userId", b.subject);
                }
                String address = "ethereum".equals(c.primary.type()) ? c.primary.address().toLowerCase(Locale.ROOT)
                        : c.primary.address();
                put(m, "wallets", List.of(entry("address", address, "type", c.primary.type())), "exp", null);
                break;
            case SEQUENCE_OMS:
                c.primary = b.embedded != null ? b.embedded : WalletKeyPairs.generate(WalletKeyPairs.SECP256K1,
                        "ethereum");
                c.wallets.add(c.primary);
                put(m, "iss", iss, "sub", b.subject != null ? b.subject : "wlt_" + hex(12), "aud", aud, "iat", null,
                        "exp", null, "wallet_address", c.primary.address(), "wallet_type", "ethereum",
                        "email", DEFAULT_USER);
                break;
            case SEQUENCE_WAAS:
                c.primary = b.embedded != null ? b.embedded : WalletKeyPairs.generate(WalletKeyPairs.SECP256K1,
                        "ethereum");
                c.wallets.add(c.primary);
                put(m, "iss", iss, "sub", b.subject != null ? b.subject : c.primary.address().toLowerCase(Locale.ROOT),
                        "aud", aud, "iat", null, "exp", null);
                break;
            case NOPWD:
                put(m, "iss", iss, "sub", b.subject != null ? b.subject : DEFAULT_USER, "aud", aud, "iat", null,
                        "exp", null, "jti", UUID.randomUUID().toString(), "amr", List.of("email"));
                break;
            case PRIVY:
                ProviderClaims.privy(b, c, iss, aud);
                break;
            case DYNAMIC:
                ProviderClaims.dynamic(b, c, iss, aud, ring(b).current().kid());
                break;
            case PARA:
                ProviderClaims.para(b, c, aud);
                break;
            case OIDC:
            default:
                put(m, "iss", iss, "sub", b.subject != null ? b.subject : "alice", "aud", aud, "iat", null,
                        "exp", null, "email", DEFAULT_USER, "email_verified", true);
        }
        return c;
    }

    // Entry orders follow the tokens in Web3Auth's documents: the secp256k1 app key is never wallets[0] when there
    // are several, so a verifier that assumes wallets[0] fails.
    private static void socialWallets(TokenBuilder b, Contents c, String appType) {
        DevWallet primary = b.embedded != null ? b.embedded.withType(appType)
                : WalletKeyPairs.generate(b.curve, appType);
        c.primary = primary;
        DevWallet ed = WalletKeyPairs.ED25519.equals(primary.curve()) ? primary
                : WalletKeyPairs.generate(WalletKeyPairs.ED25519, appType);
        DevWallet k1 = WalletKeyPairs.SECP256K1.equals(primary.curve()) ? primary
                : WalletKeyPairs.generate(WalletKeyPairs.SECP256K1, appType);
        if (b.walletCount == 1) {
            c.wallets.add(primary);
        } else if (b.walletCount == 2) {
            c.wallets.addAll(List.of(ed, k1));
        } else {
            c.wallets.addAll(List.of(WalletKeyPairs.generate(WalletKeyPairs.SECP256K1, THRESHOLD), ed,
                    WalletKeyPairs.generate(WalletKeyPairs.ED25519, THRESHOLD), k1));
        }
    }

    private static void web3authSocial(Map<String, Object> m, TokenBuilder b, String iss, Object aud, boolean legacy,
                                       List<DevWallet> wallets) {
        List<Object> entries = new ArrayList<>();
        wallets.forEach(w -> entries.add(entry("public_key", w.publicKey(), "type", w.type(), "curve", w.curve())));
        String user = b.subject != null ? b.subject : DEFAULT_USER;
        if (legacy) {
            put(m, "iat", null, "aud", aud, "iss", iss, "email", DEFAULT_USER, "name", "Alice Example",
                    "profileImage", "https://example.com/alice.png", "verifier", "torus", "verifierId", user,
                    "aggregateVerifier", "tkey-google-lrc", "exp", null, "wallets", entries);
        } else {
            put(m, "iat", null, "aud", aud, "nonce", hex(32), "iss", iss, "wallets", entries,
                    "email", DEFAULT_USER, "name", "Alice Example", "profileImage", "https://example.com/alice.png",
                    "authConnection", "google", "authConnectionId", "w3a-google", "userId", user,
                    "groupedAuthConnectionId", "w3a-google-sapphire-devnet", "exp", null);
        }
    }

    private static KeyRing ring(TokenBuilder b) {
        return b.issuer.keyRing(b.shape);
    }

    /** A token's issue and expiry times: the builder's, else now and now + the provider's lifetime. */
    record Times(Instant issuedAt, Instant expiresAt) {
    }

    /** The times of {@code b}'s token minted at {@code now}; an expired token ended an hour ago. */
    static Times times(TokenBuilder b, Instant now) {
        Duration lifetime = b.lifetime != null ? b.lifetime : b.shape.lifetime();
        Instant iat = b.issuedAt != null ? b.issuedAt : now;
        Instant exp = b.expiresAt != null ? b.expiresAt : iat.plus(lifetime);
        if (b.defects.contains(Defect.EXPIRED)) {
            exp = now.minus(Duration.ofHours(1));
            iat = exp.minus(lifetime);
        }
        return new Times(iat, exp);
    }

    private static void setTimes(TokenBuilder b, Map<String, Object> claims, Instant now) {
        Times t = times(b, now);
        claims.put("iat", t.issuedAt().getEpochSecond());
        claims.put("exp", t.expiresAt().getEpochSecond());
        if (b.notBefore != null) {
            claims.put("nbf", b.notBefore.getEpochSecond());
        }
    }

    static void apply(Map<String, Object> target, Map<String, Object> overrides) {
        overrides.forEach((name, value) -> {
            if (value == TokenBuilder.REMOVE) {
                target.remove(name);
            } else {
                target.put(name, value);
            }
        });
    }

    private static MintedToken result(TokenBuilder b, String token, Map<String, Object> header, Contents c) {
        String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
        Map<String, Object> claims = Json.frozen(Json.read(Base64.getUrlDecoder().decode(payload)));
        Object aud = claims.get("aud");
        List<String> audience = new ArrayList<>();
        if (aud instanceof String) {
            audience.add((String) aud);
        } else if (aud instanceof List<?>) {
            ((List<?>) aud).forEach(a -> audience.add(String.valueOf(a)));
        }
        Object kid = header.get("kid");
        Object alg = header.get("alg");
        String appPublicKey = b.shape.socialWallets() ? c.primary.publicKey() : null;
        String iss = claims.get("iss") instanceof String ? (String) claims.get("iss") : null;
        return new MintedToken(token, b.shape.profile(), iss, audience,
                kid instanceof String ? (String) kid : null, alg instanceof String ? (String) alg : null,
                instant(claims.get("iat")), instant(claims.get("exp")), appPublicKey,
                c.primary == null ? null : c.primary.address(), c.wallets, Json.frozen(header), claims);
    }

    // A number of seconds as an Instant, saturated at Instant.MAX/MIN (Magic's ext has been written as 1e21).
    static Instant instant(Object epochSeconds) {
        if (!(epochSeconds instanceof Number)) {
            return null;
        }
        double d = ((Number) epochSeconds).doubleValue();
        if (d >= Instant.MAX.getEpochSecond()) {
            return Instant.MAX;
        }
        if (d <= Instant.MIN.getEpochSecond()) {
            return Instant.MIN;
        }
        return Instant.ofEpochSecond(((Number) epochSeconds).longValue());
    }

    static Map<String, Object> entry(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, pairs);
        return m;
    }

    static void put(Map<String, Object> m, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
