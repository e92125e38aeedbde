package io.walletgate.internal.keys;

import io.walletgate.internal.token.BoundedJson;
import io.walletgate.keys.RemoteKeyOptions;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * OpenID Connect discovery (OIDC Discovery 1.0 §4): reads {@code {issuer}/.well-known/openid-configuration}, checks
 * that its {@code issuer} is exactly the configured one (§4.3), and fetches keys from its {@code jwks_uri}, which
 * must be HTTPS on the issuer's own host or on a host configured for it ({@link #checkDiscovered}). The discovered
 * URL is kept once found.
 */
final class DiscoveryFetcher implements KeyFetcher {
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private final String issuer;
    private final Set<String> jwksHosts;
    private final URI configurationUri;
    private final RemoteKeyOptions options;
    private final Clock clock;
    private final BoundedHttpGet http;
    private volatile JwksFetcher jwks;

    /**
     * Discovery for {@code issuer}, whose discovered {@code jwks_uri} may also be on one of {@code jwksHosts}.
     *
     * @throws IllegalArgumentException if the issuer is not an HTTPS URL (HTTP only on loopback)
     */
    DiscoveryFetcher(String issuer, Set<String> jwksHosts, RemoteKeyOptions options, Clock clock) {
        this.issuer = issuer;
        this.jwksHosts = jwksHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
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
            return checkDiscovered(configurationUri, URI.create((String) jwksUri), jwksHosts);
        } catch (IllegalArgumentException e) {
            throw invalid("has an unacceptable jwks_uri (" + e.getMessage() + ")");
        }
    }

    /**
     * The rule for a discovered key URL: a discovery document is only as trustworthy as the host that served it, and
     * one that names keys elsewhere hands the choice of keys to whoever controls that document (a compromised page, a
     * misrouted path, a shared host). So the {@code jwks_uri} must be HTTPS on the issuer's own host, or on a host the
     * configuration names for this issuer; a loopback key URL (plain HTTP allowed) only for a loopback issuer.
     *
     * @param issuerUri any URL on the issuer's host (its discovery document's)
     * @param hosts further hosts configured for this issuer, lower case
     * @throws IllegalArgumentException saying which part is not acceptable
     */
    static URI checkDiscovered(URI issuerUri, URI jwksUri, Set<String> hosts) {
        URI uri = JwksFetcher.checkUri(jwksUri);
        if (uri.getRawUserInfo() != null) { // "https://issuer.example@evil.example/": reads as the issuer, is not
            throw new IllegalArgumentException("a key URL must not carry user information: " + uri.getHost());
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopbackIssuer = JwksFetcher.isLoopback(issuerUri.getHost());
        if (JwksFetcher.isLoopback(host)) {
            if (!loopbackIssuer) {
                throw new IllegalArgumentException("a loopback key URL is allowed for a loopback issuer only: " + uri);
            }
            return uri;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("jwksUri must use https: " + uri);
        }
        if (!host.equals(issuerUri.getHost().toLowerCase(Locale.ROOT)) && !hosts.contains(host)) {
            throw new IllegalArgumentException("host '" + host + "' is neither the issuer's ('" + issuerUri.getHost()
                    + "') nor one configured for it (jwksHosts): " + uri);
        }
        return uri;
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
