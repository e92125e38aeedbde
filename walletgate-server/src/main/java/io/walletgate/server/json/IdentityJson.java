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
    /** The shared mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private IdentityJson() {
    }

    /**
     * {@code {"valid":true,"profile","issuer","subject","audience","expiresAt","wallet":{…},"wallets":[…],"email"}}.
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
}
