package io.walletgate.server.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.IssuerProfile;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.Jwk;
import io.walletgate.keys.KeySource;
import io.walletgate.keys.KeySourceStatus;
import io.walletgate.server.json.IdentityJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The key-health report: for each configured issuer its key source, the keys it holds (kid, type, thumbprint, age),
 * the last fetch and its outcome, whether it serves stale keys, the retired kids, and the rotation audit (every key
 * added or removed, oldest first). Read from {@link KeySource#status()}; nothing here fetches.
 */
final class KeyHealth {
    private final WalletVerifier verifier;
    private final Clock clock;

    KeyHealth(WalletVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    ObjectNode report() {
        Instant now = clock.instant();
        ObjectNode out = IdentityJson.MAPPER.createObjectNode();
        out.put("now", now.toString());
        ArrayNode issuers = out.putArray("issuers");
        for (IssuerProfile p : verifier.issuers()) {
            issuers.add(issuer(p, verifier.keySources().get(p.name()), now));
        }
        return out;
    }

    private static ObjectNode issuer(IssuerProfile p, KeySource source, Instant now) {
        ObjectNode o = IdentityJson.MAPPER.createObjectNode();
        o.put("name", p.name());
        o.put("profile", p.profileName());
        p.acceptedIssuers().forEach(o.putArray("iss")::add);
        p.algorithms().forEach(o.putArray("algorithms")::add);
        o.put("source", source == null ? null : source.description());
        if (source == null) { // magic: its tokens carry their signer
            o.put("kind", "none");
            o.put("state", "none");
            o.putArray("keys");
            o.putArray("retiredKids");
            o.putArray("history");
            return o;
        }
        KeySourceStatus s = source.status();
        if (!s.remote()) {
            o.put("kind", "static");
            o.put("state", "static");
            keys(o.putArray("keys"), s.keys(), List.of(), null, now);
            o.putArray("retiredKids");
            o.putArray("history");
            return o;
        }
        o.put("kind", "remote");
        o.put("state", state(s, now));
        o.put("stale", s.stale());
        o.put("usable", s.usable(now));
        o.put("loadedFromDisk", s.loadedFromDisk());
        instant(o, "fetchedAt", s.fetchedAt());
        instant(o, "expiresAt", s.expiresAt());
        instant(o, "usableUntil", s.usableUntil());
        ObjectNode last = o.putObject("lastFetch");
        instant(last, "at", s.lastAttemptAt());
        last.put("outcome", s.lastAttemptAt() == null ? "none yet" : s.lastError() == null ? "ok" : "failed");
        last.put("error", s.lastError());
        o.put("fetches", s.fetches());
        o.put("failures", s.failures());
        o.put("consecutiveFailures", s.consecutiveFailures());
        keys(o.putArray("keys"), s.keys(), s.history(), s.fetchedAt(), now);
        s.retiredKids().forEach(o.putArray("retiredKids")::add);
        ArrayNode history = o.putArray("history");
        for (KeySourceStatus.KeyChange c : s.history()) {
            history.addObject().put("at", c.at().toString()).put("change", c.added() ? "added" : "removed")
                    .put("kid", c.kid()).put("thumbprint", c.thumbprint());
        }
        return o;
    }

    // fresh: within max-age; stale: past it, still verifying while refreshes fail; unavailable: nothing usable.
    static String state(KeySourceStatus s, Instant now) {
        if (!s.usable(now)) {
            return "unavailable";
        }
        return s.stale() ? "stale" : "fresh";
    }

    // A key's age runs from when it was last added (the rotation audit), else from when the held set was fetched.
    private static void keys(ArrayNode out, List<Jwk> keys, List<KeySourceStatus.KeyChange> history,
                             Instant fetchedAt, Instant now) {
        for (Jwk k : keys) {
            Instant since = fetchedAt;
            for (KeySourceStatus.KeyChange c : history) {
                if (c.added() && c.thumbprint().equals(k.thumbprint())) {
                    since = c.at();
                }
            }
            ObjectNode o = out.addObject().put("kid", k.kid()).put("kty", k.kty()).put("crv", k.crv())
                    .put("alg", k.alg()).put("thumbprint", k.thumbprint());
            instant(o, "since", since);
            if (since == null) {
                o.putNull("ageSeconds");
            } else {
                o.put("ageSeconds", Math.max(0, Duration.between(since, now).toSeconds()));
            }
        }
    }

    private static void instant(ObjectNode o, String name, Instant value) {
        o.put(name, value == null ? null : value.toString());
    }
}
