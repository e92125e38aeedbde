package io.walletgate.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.TokenBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP/1.1 client over loopback (no proxy, no cookie jar: tests send cookies themselves). */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String COOKIE = "walletgate_session";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15));
    }

    /** Sends; an I/O failure is thrown as is (some tests expect them). */
    static HttpResponse<String> sendOrThrow(HttpRequest request) throws IOException {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return sendOrThrow(request);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    static HttpResponse<String> get(URI uri, String... headers) {
        HttpRequest.Builder b = request(uri).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** {@code POST /v1/sessions} with the token and its app public key (or none) in a JSON body. */
    static HttpRequest createSession(URI base, String token, String appPubKey) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("token", token);
        if (appPubKey != null) {
            body.put("appPubKey", appPubKey);
        }
        try {
            return request(base.resolve("/v1/sessions")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid token padded (an extra claim) to within a few characters of the 16 KiB limit of the token's size (a
     * Bearer header of more than 16 KiB with its name).
     */
    static MintedToken atTokenLimit(TokenBuilder builder) {
        int limit = 16 * 1024; // the largest token verified, in characters (docs/architecture.md §4)
        int base = builder.claim("padding", "").mint().token().length();
        int padding = (limit - base - 4) * 3 / 4;
        MintedToken t = builder.claim("padding", "p".repeat(padding)).mint();
        if (t.token().length() > limit || t.token().length() < limit - 8) {
            throw new AssertionError("padded token of " + t.token().length() + " characters");
        }
        return t;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** The session cookie's {@code name=value} from a {@code Set-Cookie}, ready for a {@code Cookie} header. */
    static String sessionCookie(HttpResponse<String> response) {
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(COOKIE + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + COOKIE + " cookie in " + response.headers().map()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static String describe(HttpResponse<String> response) {
        return response.request().method() + " " + response.request().uri() + " -> " + response.statusCode() + " "
                + response.headers().map() + " " + response.body();
    }
}
