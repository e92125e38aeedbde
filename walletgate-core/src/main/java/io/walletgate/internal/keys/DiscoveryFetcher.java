package io.walletgate.internal.keys;

import io.walletgate.internal.token.BoundedJson;
import io.walletgate.keys.RemoteKeyOptions;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OpenID Connect discovery (OIDC Discovery 1.0 §4): reads {@code {issuer}/.well-known/openid-configuration}, checks
 * that its {@code issuer} is exactly the configured one (§4.3), and fetches keys from its {@code jwks_uri}, which
 * must itself be HTTPS (or HTTP on loopback). The discovered URL is kept once found.
 */
final class DiscoveryFetcher implements KeyFetcher {
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private final String issuer;
    private final URI configurationUri;
    private final RemoteKeyOptions options;
    private final Clock clock;
    private final BoundedHttpGet http;
    private volatile JwksFetcher jwks;

    /**
     * Discovery for {@code issuer}.
     *
     * @throws IllegalArgumentException if the issuer is not an HTTPS URL (HTTP only on loopback)
     */
    DiscoveryFetcher(String issuer, RemoteKeyOptions options, Clock clock) {
        this.issuer = issuer;
        try {
            this.configurationUri = JwksFetcher.below(issuer, "/.well-known/openid-configuration");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("issuer must be an https URL (http only on loopback) to be"
                    + " discovered: " + issuer);
        }
        this.options = options;
        this.clock = clock;
        this.http = new BoundedHttpGet(options.connectTimeout(), options.readTimeout());
    }

    @Override
    public CompletableFuture<FetchedKeys> fetch() {
        JwksFetcher known = jwks;
        if (known != null) {
            return known.fetch();
        }
        return http.get(configurationUri, MAX_DOCUMENT_BYTES, "application/json", "discovery document")
                .thenCompose(r -> {
                    JwksFetcher found = new JwksFetcher(jwksUri(r.body()), options, clock);
                    jwks = found;
                    return found.fetch();
                });
    }

    private URI jwksUri(byte[] body) {
        Map<String, Object> doc;
        try {
            doc = BoundedJson.parseObject(body, 8, 4096);
        } catch (BoundedJson.JsonException e) {
            throw invalid("is not a JSON object (" + e.getMessage() + ")");
        }
        if (!issuer.equals(doc.get("issuer"))) {
            throw invalid("names issuer '" + doc.get("issuer") + "', not '" + issuer + "'");
        }
        Object jwksUri = doc.get("jwks_uri");
        if (!(jwksUri instanceof String)) {
            throw invalid("has no jwks_uri");
        }
        try {
            return JwksFetcher.checkUri(URI.create((String) jwksUri));
        } catch (IllegalArgumentException e) {
            throw invalid("has an unacceptable jwks_uri (" + e.getMessage() + ")");
        }
    }

    private RuntimeException invalid(String problem) {
        return BoundedHttpGet.unavailable("discovery document", configurationUri, problem, null);
    }

    @Override
    public String description() {
        JwksFetcher known = jwks;
        return known != null ? known.description() : configurationUri.toString();
    }
}
