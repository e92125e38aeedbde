package io.walletgate;

import io.walletgate.internal.claims.Claims;
import io.walletgate.internal.token.CompactJws;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing stage: the unverified {@code iss} only picks the configured issuer whose keys and rules apply; an
 * {@code iss} no issuer accepts is rejected before any key is fetched. Each {@code iss} belongs to one issuer, each
 * name to one issuer. Immutable.
 */
final class IssuerRouter {
    private final List<ConfiguredIssuer> issuers;
    private final Map<String, ConfiguredIssuer> byIss;
    private final ConfiguredIssuer withoutIss;
    private final ConfiguredIssuer didIssuer;

    /**
     * A router over {@code issuers}, in the order given.
     *
     * @throws IllegalArgumentException when two issuers share a name or an accepted {@code iss}, or two accept
     *     tokens without {@code iss} (para), or two take DID tokens (magic)
     */
    IssuerRouter(List<ConfiguredIssuer> issuers) {
        Map<String, ConfiguredIssuer> routes = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        ConfiguredIssuer noIss = null;
        ConfiguredIssuer did = null;
        for (ConfiguredIssuer issuer : issuers) {
            if (names.put(issuer.name(), issuer.name()) != null) {
                throw new IllegalArgumentException("two issuers are named '" + issuer.name() + "': give one"
                        + " withName(…)");
            }
            if (issuer.profile().acceptsTokensWithoutIssuer()) {
                noIss = only(noIss, issuer, "accept tokens without iss: only one may (give the other audiences to"
                        + " one)");
            }
            if (issuer.profile().isDidToken()) {
                did = only(did, issuer, "take Magic DID tokens: only one may (give it every client ID as an"
                        + " audience)");
            }
            for (String iss : issuer.profile().acceptedIssuers()) {
                ConfiguredIssuer previous = routes.put(iss, issuer);
                if (previous != null) {
                    throw new IllegalArgumentException("issuers '" + previous.name() + "' and '" + issuer.name()
                            + "' both accept iss '" + iss + "'");
                }
            }
        }
        this.issuers = List.copyOf(issuers);
        this.byIss = Map.copyOf(routes);
        this.withoutIss = noIss;
        this.didIssuer = did;
    }

    private static ConfiguredIssuer only(ConfiguredIssuer previous, ConfiguredIssuer issuer, String what) {
        if (previous != null) {
            throw new IllegalArgumentException("issuers '" + previous.name() + "' and '" + issuer.name() + "' both "
                    + what);
        }
        return issuer;
    }

    /** The issuer Magic DID tokens go to, or null when none is configured (then none is parsed as one). */
    ConfiguredIssuer didIssuer() {
        return didIssuer;
    }

    /**
     * The issuer a token's claims name.
     *
     * @throws WalletVerificationException {@code claim_missing} for a missing {@code iss} (unless an issuer accepts
     *     tokens without one: Para), {@code claim_invalid} for a non-string one; {@code issuer_unknown} when no
     *     issuer accepts it (no network call is made)
     */
    ConfiguredIssuer route(Map<String, Object> claims) {
        Object iss = claims.get("iss");
        if (iss == null) {
            if (withoutIss != null && !claims.containsKey("iss")) {
                return withoutIss;
            }
            throw Claims.missing("iss");
        }
        if (!(iss instanceof String)) {
            throw Claims.invalid("iss", "is not a string");
        }
        ConfiguredIssuer issuer = byIss.get(iss);
        if (issuer == null) {
            throw new WalletVerificationException(ErrorCode.ISSUER_UNKNOWN,
                    "issuer '" + CompactJws.printable((String) iss) + "' is not configured");
        }
        return issuer;
    }

    /** Every issuer, in the order given. */
    List<ConfiguredIssuer> issuers() {
        return issuers;
    }
}
