package io.walletgate.server.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.Wallet;
import io.walletgate.WalletVerificationException;

/**
 * The JSON shapes of docs/architecture.md §9 ({@code walletgate verify --json}) and §7 (the HTTP API), in one place.
 */
public final class IdentityJson {
    // The profiles of sign-ins with a wallet signature (io.walletgate.signin), whose identity names its chain.
    private static final java.util.Set<String> SIGN_IN_PROFILES = java.util.Set.of("siwe", "siws");

    /** The shared mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private IdentityJson() {
    }

    /**
     * {@code {"valid":true,"profile","issuer","subject","audience","expiresAt","wallet":{…},"wallets":[…],
     * "email"}}, and for a sign-in with a wallet signature (profile {@code siwe} or {@code siws}) {@code "chainId"} (a number, or
     * the Solana cluster) and {@code "signatureType"} ({@code eoa}, {@code erc1271}, {@code erc6492},
     * {@code ed25519}).
     */
    public static ObjectNode valid(VerifiedIdentity id) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("valid", true);
        o.put("profile", id.profile());
        o.put("issuer", id.issuer());
        o.put("subject", id.subject());
        ArrayNode aud = o.putArray("audience");
        id.audience().forEach(aud::add);
        o.put("expiresAt", id.expiresAt().toString());
        if (id.wallet() == null) {
            o.putNull("wallet");
        } else {
            o.set("wallet", wallet(id.wallet()));
        }
        ArrayNode wallets = o.putArray("wallets");
        id.wallets().forEach(w -> wallets.add(wallet(w)));
        if (id.email() == null) {
            o.putNull("email");
        } else {
            o.put("email", id.email());
        }
        if (SIGN_IN_PROFILES.contains(id.profile())) { // the chain is not in the subject alone
            o.set("chainId", MAPPER.valueToTree(id.claims().get("chainId")));
            o.put("signatureType", (String) id.claims().get("signatureType"));
        }
        return o;
    }

    /** {@code {"type","curve","publicKey","address"}}. */
    public static ObjectNode wallet(Wallet w) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", w.type());
        o.put("curve", w.curve());
        o.put("publicKey", w.publicKey());
        o.put("address", w.address());
        return o;
    }

    /** {@code {"code","message"}}. */
    public static ObjectNode error(String code, String message) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("code", code);
        o.put("message", message);
        return o;
    }

    /** {@code {"valid":false,"error":{"code","message"}}}. */
    public static ObjectNode invalid(WalletVerificationException e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("valid", false);
        o.set("error", error(e.code().code(), e.getMessage()));
        return o;
    }

    /**
     * A value someone else chose (a request's field, an issuer's key id) as it may appear in an answer or a log:
     * printable ASCII (anything else becomes '?'), at most 80 characters.
     */
    public static String printable(String untrusted) {
        String clean = untrusted.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "…";
    }
}
