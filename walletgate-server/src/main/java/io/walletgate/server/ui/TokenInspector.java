package io.walletgate.server.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.IssuerProfile;
import io.walletgate.UnverifiedToken;
import io.walletgate.VerifiedIdentity;
import io.walletgate.VerificationStage;
import io.walletgate.Wallet;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySourceStatus;
import io.walletgate.server.json.IdentityJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The token inspector's report: the token decoded (UNVERIFIED), then verified once over the service's key sources,
 * with what a person needs to see why, as the rejection itself says it: the stage that failed, the error code and its
 * meaning, the issuer it was routed to and the key that was used or tried, each wallet with its derived address and
 * which one the proof matched, and the time window against the server's clock and skew. The token is never logged,
 * kept or put in the report beyond its decoding.
 */
final class TokenInspector {
    /** The verification pipeline of docs/architecture.md §1, as the page lists it. */
    static final List<String> STAGES = Arrays.stream(VerificationStage.values()).map(TokenInspector::stageName)
            .toList();

    private final WalletVerifier verifier;
    private final Clock clock;
    private final Duration skew;
    private final Duration maxTokenAge;

    TokenInspector(WalletVerifier verifier, Clock clock, Duration skew, Duration maxTokenAge) {
        this.verifier = verifier;
        this.clock = clock;
        this.skew = skew;
        this.maxTokenAge = maxTokenAge;
    }

    /**
     * Inspects {@code token} with the wallet proof the client would send.
     *
     * @param proof the app public key or address, or {@link WalletProof#none()}
     * @param proofKind {@code appPublicKey}, {@code address} or {@code none}, echoed for the page
     */
    ObjectNode inspect(String token, WalletProof proof, String proofKind) {
        ObjectNode out = IdentityJson.MAPPER.createObjectNode();
        Instant now = clock.instant();
        out.put("now", now.toString());
        UnverifiedToken decoded;
        try {
            decoded = UnverifiedToken.decode(token);
        } catch (WalletVerificationException e) {
            out.putNull("decoded");
            out.set("result", failure(e));
            out.set("stages", stages(e));
            return out;
        }
        out.set("decoded", decoded(decoded));
        VerifiedIdentity identity = null;
        WalletVerificationException error = null;
        try {
            identity = verifier.verify(token, proof);
            out.set("result", IdentityJson.MAPPER.createObjectNode().put("valid", true).set("identity",
                    identity(identity)));
        } catch (WalletVerificationException e) {
            error = e;
            out.set("result", failure(e));
        }
        IssuerProfile profile = configured(identity != null ? identity.issuerName() : error.issuerName());
        out.set("stages", stages(error));
        out.set("issuer", issuer(decoded.issuer(), profile));
        out.set("key", key(decoded, profile, identity));
        out.set("proof", IdentityJson.MAPPER.createObjectNode().put("kind", proofKind)
                .put("matched", identity != null && identity.wallet() != null && !"none".equals(proofKind)));
        out.set("wallets", wallets(decoded, identity, error));
        out.set("time", time(decoded, now, profile));
        return out;
    }

    // The issuer the pipeline routed the token to, as the exception or the identity names it (null: none).
    private IssuerProfile configured(String issuerName) {
        return verifier.issuers().stream().filter(p -> p.name().equals(issuerName)).findFirst().orElse(null);
    }

    private static ObjectNode decoded(UnverifiedToken t) {
        ObjectNode d = IdentityJson.MAPPER.createObjectNode();
        d.set("header", IdentityJson.MAPPER.valueToTree(t.header()));
        d.set("claims", IdentityJson.MAPPER.valueToTree(t.claims()));
        d.put("signatureLength", t.signatureLength());
        d.put("derLikeSignature", t.derLikeSignature());
        return d;
    }

    private static ObjectNode failure(WalletVerificationException e) {
        ObjectNode error = IdentityJson.error(e.code().code(), e.getMessage());
        error.put("meaning", e.code().meaning());
        ObjectNode r = IdentityJson.MAPPER.createObjectNode();
        r.put("valid", false);
        r.set("error", error);
        return r;
    }

    private static ObjectNode identity(VerifiedIdentity id) {
        ObjectNode o = IdentityJson.valid(id);
        o.remove("valid");
        o.put("issuerName", id.issuerName());
        o.put("issuedAt", id.issuedAt() == null ? null : id.issuedAt().toString());
        o.put("keyId", id.keyId());
        o.put("name", id.name());
        o.put("connection", id.connection());
        o.put("group", id.group());
        return o;
    }

    // The page's name of a pipeline stage; a rejection from outside the pipeline counts as decoding.
    static String stageName(VerificationStage stage) {
        return stage == null || stage == VerificationStage.PARSE ? "decode" : stage.name().toLowerCase(Locale.ROOT);
    }

    // passed up to the stage that failed, then not reached; all passed when nothing failed.
    private static ArrayNode stages(WalletVerificationException error) {
        String failed = error == null ? null : stageName(error.stage());
        ArrayNode a = IdentityJson.MAPPER.createArrayNode();
        boolean reached = true;
        for (String s : STAGES) {
            ObjectNode o = a.addObject().put("name", s);
            if (s.equals(failed)) {
                o.put("state", "failed").put("code", error.code().code());
                reached = false;
            } else {
                o.put("state", reached ? "passed" : "not reached");
            }
        }
        return a;
    }

    private ObjectNode issuer(String iss, IssuerProfile p) {
        ObjectNode o = IdentityJson.MAPPER.createObjectNode();
        o.put("iss", iss);
        o.put("configured", p != null);
        if (p != null) {
            o.put("name", p.name());
            o.put("profile", p.profileName());
            p.algorithms().forEach(o.putArray("algorithms")::add);
            p.audiences().forEach(o.putArray("audiences")::add);
            KeySource source = verifier.keySources().get(p.name());
            o.put("keySource", source == null ? null : source.description());
        }
        return o;
    }

    // The key named or used, looked up after verification so that a refetch for an unknown kid shows.
    private ObjectNode key(UnverifiedToken t, IssuerProfile p, VerifiedIdentity id) {
        ObjectNode o = IdentityJson.MAPPER.createObjectNode();
        String kid = id != null && id.keyId() != null ? id.keyId() : t.kid();
        o.put("kid", kid);
        o.put("alg", t.header().get("alg") instanceof String ? t.alg() : null);
        o.put("used", id != null);
        KeySource source = p == null ? null : verifier.keySources().get(p.name());
        if (source == null) {
            return o;
        }
        o.put("source", source.description());
        KeySourceStatus status = source.status();
        List<Jwk> held = status.keys();
        ArrayNode kids = o.putArray("heldKids");
        held.forEach(k -> kids.add(k.kid()));
        Jwk match = held.stream().filter(k -> kid != null && kid.equals(k.kid())).findFirst().orElse(null);
        o.put("held", match != null);
        o.put("thumbprint", match == null ? null : match.thumbprint());
        o.put("retired", kid != null && status.retiredKids().contains(kid));
        return o;
    }

    // The token's wallets derived by the pipeline when it got that far (verified, or the proof failed: the exception
    // carries them); else the token's wallets as written.
    private static ObjectNode wallets(UnverifiedToken t, VerifiedIdentity id, WalletVerificationException e) {
        ObjectNode o = IdentityJson.MAPPER.createObjectNode();
        ArrayNode entries = o.putArray("entries");
        boolean derived = id != null || e.stage() == VerificationStage.WALLET;
        o.put("derived", derived);
        if (derived) {
            for (Wallet w : id != null ? id.wallets() : e.wallets()) {
                entries.add(IdentityJson.wallet(w).put("proven", id != null && w.equals(id.wallet())));
            }
            return o;
        }
        Object raw = t.claims().get("wallets");
        if (raw instanceof List<?>) {
            for (Object entry : (List<?>) raw) {
                ObjectNode w = entries.addObject();
                if (entry instanceof Map<?, ?>) {
                    Map<?, ?> m = (Map<?, ?>) entry;
                    w.put("type", text(m.get("type"))).put("curve", text(m.get("curve")))
                            .put("publicKey", text(m.get("public_key"))).put("address", text(m.get("address")));
                }
                w.put("proven", false);
            }
        } else if (t.claims().get("wallet_address") instanceof String) {
            entries.addObject().put("type", text(t.claims().get("wallet_type"))).putNull("curve").putNull("publicKey")
                    .put("address", (String) t.claims().get("wallet_address")).put("proven", false);
        }
        return o;
    }

    private static String text(Object v) {
        return v instanceof String ? (String) v : null;
    }

    private ObjectNode time(UnverifiedToken t, Instant now, IssuerProfile p) {
        ObjectNode o = IdentityJson.MAPPER.createObjectNode();
        o.put("now", now.getEpochSecond());
        o.put("skewSeconds", skew.toSeconds());
        Duration maxAge = p != null && p.maxTokenAge() != null ? p.maxTokenAge() : maxTokenAge;
        if (maxAge == null) {
            o.putNull("maxTokenAgeSeconds");
        } else {
            o.put("maxTokenAgeSeconds", maxAge.toSeconds());
        }
        for (String claim : List.of("iat", "nbf", "exp")) {
            // a Magic DID token names its expiry ext
            Object v = t.claims().get(claim.equals("exp") && !t.claims().containsKey("exp") ? "ext" : claim);
            if (v instanceof Number) {
                o.put(claim, ((Number) v).longValue());
            } else {
                o.putNull(claim);
            }
        }
        return o;
    }
}
