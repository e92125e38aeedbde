package io.walletgate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of {@code POST /token}: every member optional, unknown members refused (a typo should not pass silently).
 *
 * <pre>{@code
 * {"profile": "web3auth", "audience": "client-id", "subject": "bob@example.com", "wallets": 2,
 *  "curve": "ed25519", "claimNames": "legacy", "chain": "solana", "appPublicKey": "02…", "address": "0x…",
 *  "lifetimeSeconds": 300, "claims": {"email": "b@c.d"}, "removeClaims": ["nonce"], "header": {"typ": "at+jwt"},
 *  "removeHeader": ["typ"], "defects": ["expired", "wrongAudience", "tamperedSignature", "algNone",
 *  "derSignature", "unknownKid", "signedByOtherKey"],
 *  "tokenType": "access", "linkedAccounts": "array", "requiresAdditionalAuth": true,
 *  "issuerSpelling": "app.dynamic.xyz", "attachment": "none"}
 * }</pre>
 *
 * {@code tokenType} (Privy, Dynamic: {@code access} or {@code identity}, the default), {@code linkedAccounts}
 * (Privy: {@code string}, the default, or {@code array}), {@code requiresAdditionalAuth} and {@code issuerSpelling}
 * (Dynamic), {@code attachment} (Magic) apply to those providers only: a non-default value elsewhere is refused.
 *
 * The answer: {@code token}, {@code profile}, {@code issuer}, {@code audience}, {@code kid}, {@code alg},
 * {@code issuedAt}, {@code expiresAt} (epoch seconds), {@code appPublicKey}, {@code address} and {@code wallets}
 * (type, curve, publicKey, address; never a private key).
 */
final class TokenRequest {
    private static final Set<String> MEMBERS = Set.of("profile", "audience", "subject", "wallets", "curve",
            "claimNames", "chain", "appPublicKey", "address", "lifetimeSeconds", "claims", "removeClaims", "header",
            "removeHeader", "defects", "tokenType", "linkedAccounts", "requiresAdditionalAuth", "issuerSpelling",
            "attachment");

    private TokenRequest() {
    }

    /**
     * The token a request describes.
     *
     * @throws IllegalArgumentException naming the member that is wrong
     */
    static TokenBuilder parse(DevIssuer issuer, Map<String, Object> json) {
        for (String name : json.keySet()) {
            if (!MEMBERS.contains(name)) {
                throw new IllegalArgumentException("unknown member '" + name + "'; known: " + MEMBERS);
            }
        }
        Object profile = json.getOrDefault("profile", issuer.defaultProfile());
        TokenBuilder b = issuer.token(string(profile, "profile"));
        if (json.containsKey("audience")) {
            Object aud = json.get("audience");
            b = b.audience(aud instanceof List<?> ? strings(aud, "audience").toArray(String[]::new)
                    : new String[] {string(aud, "audience")});
        }
        if (json.containsKey("subject")) {
            b = b.subject(string(json.get("subject"), "subject"));
        }
        if (json.containsKey("wallets")) {
            long count = number(json.get("wallets"), "wallets");
            b = b.wallets(count == (int) count ? (int) count : -1);
        }
        if (json.containsKey("curve")) {
            b = b.curve(string(json.get("curve"), "curve"));
        }
        if (json.containsKey("claimNames")) {
            String names = string(json.get("claimNames"), "claimNames");
            if (!names.equals("legacy") && !names.equals("current")) {
                throw new IllegalArgumentException("claimNames must be 'current' or 'legacy': " + names);
            }
            b = names.equals("legacy") ? b.legacyClaimNames() : b.currentClaimNames();
        }
        if (json.containsKey("chain")) {
            String chain = string(json.get("chain"), "chain");
            if (!chain.equals("ethereum") && !chain.equals("solana")) {
                throw new IllegalArgumentException("chain must be 'ethereum' or 'solana': " + chain);
            }
            b = chain.equals("solana") ? b.solana() : b.ethereum();
        }
        b = providerOptions(b, json);
        if (json.containsKey("appPublicKey")) {
            b = b.appPublicKey(string(json.get("appPublicKey"), "appPublicKey"));
        }
        if (json.containsKey("address")) {
            b = b.address(string(json.get("address"), "address"));
        }
        if (json.containsKey("lifetimeSeconds")) {
            b = b.lifetime(Duration.ofSeconds(number(json.get("lifetimeSeconds"), "lifetimeSeconds")));
        }
        for (Map.Entry<String, Object> e : object(json.get("claims"), "claims").entrySet()) {
            b = b.claim(e.getKey(), e.getValue());
        }
        for (String name : strings(json.get("removeClaims"), "removeClaims")) {
            b = b.withoutClaim(name);
        }
        for (Map.Entry<String, Object> e : object(json.get("header"), "header").entrySet()) {
            b = b.header(e.getKey(), e.getValue());
        }
        for (String name : strings(json.get("removeHeader"), "removeHeader")) {
            b = b.withoutHeader(name);
        }
        for (String defect : strings(json.get("defects"), "defects")) {
            b = defect(b, defect);
        }
        return b;
    }

    // The options of docs/architecture.md §12's providers: Privy's and Dynamic's access tokens, Privy's linked_accounts
    // as an array, Dynamic's MFA scope and documented iss spelling, Magic's attachment.
    private static TokenBuilder providerOptions(TokenBuilder b, Map<String, Object> json) {
        if (json.containsKey("tokenType")) {
            String type = string(json.get("tokenType"), "tokenType");
            if (!type.equals("access") && !type.equals("identity")) {
                throw new IllegalArgumentException("tokenType must be 'access' or 'identity': " + type);
            }
            b = type.equals("access") ? b.accessToken() : b;
        }
        if (json.containsKey("linkedAccounts")) {
            String form = string(json.get("linkedAccounts"), "linkedAccounts");
            if (!form.equals("string") && !form.equals("array")) {
                throw new IllegalArgumentException("linkedAccounts must be 'string' or 'array': " + form);
            }
            b = form.equals("array") ? b.linkedAccountsAsArray() : b;
        }
        if (json.containsKey("requiresAdditionalAuth")) {
            b = bool(json.get("requiresAdditionalAuth"), "requiresAdditionalAuth") ? b.requiresAdditionalAuth() : b;
        }
        if (json.containsKey("issuerSpelling")) {
            String spelling = string(json.get("issuerSpelling"), "issuerSpelling");
            if (!spelling.equals("app.dynamicauth.com") && !spelling.equals("app.dynamic.xyz")) {
                throw new IllegalArgumentException("issuerSpelling must be 'app.dynamicauth.com' or 'app.dynamic.xyz': "
                        + spelling);
            }
            b = spelling.equals("app.dynamic.xyz") ? b.documentedIssuer() : b;
        }
        if (json.containsKey("attachment")) {
            b = b.attachment(string(json.get("attachment"), "attachment"));
        }
        return b;
    }

    private static boolean bool(Object value, String member) {
        if (!(value instanceof Boolean)) {
            throw new IllegalArgumentException("'" + member + "' must be true or false");
        }
        return (Boolean) value;
    }

    private static TokenBuilder defect(TokenBuilder b, String defect) {
        switch (defect) {
            case "expired":
                return b.expired();
            case "wrongAudience":
                return b.wrongAudience();
            case "tamperedSignature":
                return b.tamperedSignature();
            case "algNone":
                return b.algNone();
            case "derSignature":
                return b.derSignature();
            case "unknownKid":
                return b.unknownKid();
            case "signedByOtherKey":
                return b.signedByOtherKey();
            default:
                throw new IllegalArgumentException("unknown defect '" + defect + "'; the defects are: "
                        + DevIssuer.DEFECTS);
        }
    }

    /** The answer to a request: the token and what a frontend would send beside it. */
    static Map<String, Object> response(MintedToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", t.token());
        m.put("profile", t.profile());
        m.put("issuer", t.issuer());
        m.put("audience", t.audience());
        m.put("kid", t.keyId());
        m.put("alg", t.algorithm());
        m.put("issuedAt", t.issuedAt() == null ? null : t.issuedAt().getEpochSecond());
        m.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().getEpochSecond());
        m.put("appPublicKey", t.appPublicKey());
        m.put("address", t.address());
        List<Object> wallets = new ArrayList<>();
        for (DevWallet w : t.wallets()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", w.type());
            entry.put("curve", w.curve());
            entry.put("publicKey", w.publicKey());
            entry.put("address", w.address());
            wallets.add(entry);
        }
        m.put("wallets", wallets);
        return m;
    }

    private static String string(Object value, String member) {
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("'" + member + "' must be a string");
        }
        return (String) value;
    }

    private static long number(Object value, String member) {
        if (!(value instanceof Integer) && !(value instanceof Long)) {
            throw new IllegalArgumentException("'" + member + "' must be an integer");
        }
        return ((Number) value).longValue();
    }

    private static List<String> strings(Object value, String member) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException("'" + member + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            out.add(string(o, member + "[]"));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String member) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'" + member + "' must be an object");
        }
        return (Map<String, Object>) value;
    }
}
