package io.walletgate.internal.keys;

import io.walletgate.keys.JwkSet;
import io.walletgate.keys.RemoteKeyOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches one JWKS URL with the JDK HTTP client, within limits: HTTPS only (plain HTTP for loopback hosts), connect
 * and whole-response timeouts, at most {@link JwkSet#MAX_BYTES} read, a 200 status and a JSON content type
 * ({@link BoundedHttpGet}). Never follows redirects: keys come only from the configured URL. Each set is stamped
 * with its freshness: the response's {@code Cache-Control: max-age}, clamped as the options say.
 */
public final class JwksFetcher implements KeyFetcher {
    private final URI uri;
    private final BoundedHttpGet http;
    private final RemoteKeyOptions options;
    private final Clock clock;

    /**
     * A fetcher of {@code uri} with the timeouts and freshness bounds of {@code options}, stamping time from
     * {@code clock}.
     *
     * @throws IllegalArgumentException if the URI is not HTTPS, or HTTP on a loopback host
     */
    public JwksFetcher(URI uri, RemoteKeyOptions options, Clock clock) {
        this.uri = checkUri(uri);
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new BoundedHttpGet(options.connectTimeout(), options.readTimeout());
    }

    /**
     * Checks that a key URL is HTTPS, or plain HTTP on a loopback host.
     *
     * @throws IllegalArgumentException naming the URL otherwise
     */
    public static URI checkUri(URI uri) {
        Objects.requireNonNull(uri, "jwksUri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("jwksUri must be an absolute https URL: " + uri);
        }
        if ("https".equals(scheme)) {
            return uri;
        }
        if ("http".equals(scheme) && isLoopback(uri.getHost())) {
            return uri;
        }
        throw new IllegalArgumentException("jwksUri must use https (plain http only on a loopback host): " + uri);
    }

    /**
     * The URL {@code suffix} below an issuer URL, keeping the issuer's path (a trailing slash is dropped first):
     * {@code https://oms.example/t/1} and {@code /.well-known/jwks.json} give
     * {@code https://oms.example/t/1/.well-known/jwks.json}.
     *
     * @throws IllegalArgumentException if the result is not HTTPS (or HTTP on a loopback host)
     */
    public static URI below(String issuer, String suffix) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        try {
            return checkUri(URI.create(base + suffix));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an https URL (http only on loopback): " + issuer, e);
        }
    }

    /** Whether a host name or literal is loopback (127.0.0.0/8, ::1, localhost), without a DNS lookup. */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(h)) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a DNS name: never trusted as loopback
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The URL fetched. */
    public URI uri() {
        return uri;
    }

    /**
     * Fetches and parses the key set, asynchronously, with what a cache needs: the raw body (to persist) and when it
     * was fetched and stops being fresh.
     *
     * @return a future that fails with {@code jwks_unavailable} saying what went wrong
     */
    @Override
    public CompletableFuture<FetchedKeys> fetch() {
        return http.get(uri, JwkSet.MAX_BYTES, "application/jwk-set+json, application/json", "key set")
                .thenApply(r -> {
                    JwkSet set;
                    try {
                        set = JwkSet.parse(r.body(), uri.toString());
                    } catch (IllegalArgumentException e) {
                        throw BoundedHttpGet.unavailable("key set", uri,
                                "answered something that is not a usable key set: " + e.getMessage(), e);
                    }
                    Instant now = clock.instant();
                    return new FetchedKeys(set, r.body(), now, now.plus(CacheControl.freshness(r.cacheControl(),
                            options)), List.of());
                });
    }

    @Override
    public String description() {
        return uri.toString();
    }
}
