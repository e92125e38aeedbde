package io.walletgate.internal.keys;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.keys.JwkSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Fetches one JWKS URL with the JDK HTTP client, within limits: HTTPS only (plain HTTP for loopback hosts), connect
 * and whole-response timeouts, at most {@link JwkSet#MAX_BYTES} read, a 200 status and a JSON content type.
 * Never follows redirects: keys come only from the configured URL.
 */
public final class JwksFetcher {
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time allowed for the whole response. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final HttpClient client;
    private final Duration readTimeout;

    /**
     * A fetcher of {@code uri}.
     *
     * @throws IllegalArgumentException if the URI is not HTTPS, or HTTP on a loopback host
     */
    public JwksFetcher(URI uri, Duration connectTimeout, Duration readTimeout) {
        this.uri = checkUri(uri);
        this.readTimeout = positive(readTimeout, "readTimeout");
        this.client = HttpClient.newBuilder()
                .connectTimeout(positive(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
     * Fetches and parses the key set, asynchronously.
     *
     * @return a future that fails with {@code jwks_unavailable} saying what went wrong
     */
    public CompletableFuture<JwkSet> fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(this::read)
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof WalletVerificationException) {
                        throw (WalletVerificationException) cause;
                    }
                    throw unavailable(cause instanceof java.net.http.HttpTimeoutException
                            ? "timed out" : "could not be reached (" + cause.getClass().getSimpleName() + ")", cause);
                });
    }

    private JwkSet read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw unavailable("answered HTTP " + response.statusCode(), null);
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.isEmpty() && !type.toLowerCase(Locale.ROOT).contains("json")) {
                throw unavailable("answered with content type '" + type + "', not JSON", null);
            }
            byte[] body = in.readNBytes(JwkSet.MAX_BYTES + 1);
            if (body.length > JwkSet.MAX_BYTES) {
                throw unavailable("answered more than " + JwkSet.MAX_BYTES + " bytes", null);
            }
            try {
                return JwkSet.parse(body, uri.toString());
            } catch (IllegalArgumentException e) {
                throw unavailable("answered something that is not a usable key set: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw unavailable("failed while reading (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private WalletVerificationException unavailable(String what, Throwable cause) {
        String message = "key set " + uri + " " + what;
        return cause == null ? new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE, message)
                : new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE, message, cause);
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
