package io.walletgate.internal.keys;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET of a JSON document with limits: a response timeout, a 200 status, a JSON content type (or none), and at
 * most {@code maxBytes} read, and the whole response within the read timeout. No redirects are followed: a key URL means exactly that URL. Every failure is a
 * {@code jwks_unavailable} rejection naming the URL and what went wrong.
 */
final class BoundedHttpGet {
    private final HttpClient client;
    private final Duration readTimeout;

    BoundedHttpGet(Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    /** The body and the {@code Cache-Control} header of a successful response. */
    record Response(byte[] body, String cacheControl) {
    }

    CompletableFuture<Response> get(URI uri, int maxBytes, String accept, String what) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", accept)
                .GET()
                .build();
        // The request timeout covers only the wait for headers; orTimeout bounds the whole response, so a server
        // that trickles its body cannot hold a fetch open.
        return client.sendAsync(request, info -> info.statusCode() == 200
                        ? new LimitedBodySubscriber(maxBytes) : HttpResponse.BodySubscribers.replacing(new byte[0]))
                .orTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(r -> check(r, uri, what))
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof WalletVerificationException) {
                        throw (WalletVerificationException) cause;
                    }
                    if (cause instanceof LimitedBodySubscriber.TooLargeException) {
                        throw unavailable(what, uri, "answered more than " + maxBytes + " bytes", null);
                    }
                    boolean timeout = cause instanceof HttpTimeoutException || cause instanceof TimeoutException;
                    throw unavailable(what, uri, timeout ? "timed out after " + readTimeout.toMillis() + " ms"
                            : "could not be reached (" + cause.getClass().getSimpleName() + ")", cause);
                });
    }

    private static Response check(HttpResponse<byte[]> response, URI uri, String what) {
        if (response.statusCode() != 200) {
            throw unavailable(what, uri, "answered HTTP " + response.statusCode(), null);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.isEmpty() && !type.toLowerCase(Locale.ROOT).contains("json")) {
            throw unavailable(what, uri, "answered with content type '" + type + "', not JSON", null);
        }
        return new Response(response.body(), response.headers().firstValue("Cache-Control").orElse(null));
    }

    static WalletVerificationException unavailable(String what, URI uri, String problem, Throwable cause) {
        String message = what + " " + uri + " " + problem;
        return cause == null ? new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE, message)
                : new WalletVerificationException(ErrorCode.JWKS_UNAVAILABLE, message, cause);
    }
}
