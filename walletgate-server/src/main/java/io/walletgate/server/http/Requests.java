package io.walletgate.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.walletgate.ErrorCode;
import io.walletgate.WalletProof;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Reading what a request presents, for every route (the API's and the web page's): its JSON body (bounded, strict),
 * its token, its wallet proof, its session, its bearer credential.
 */
public final class Requests {
    /** Largest request body accepted (docs/architecture.md §7). */
    static final int MAX_BODY = 64 * 1024;
    /** Header carrying an app public key on forward-auth and verify requests. */
    static final String APP_KEY_HEADER = "X-WalletGate-App-Pub-Key";
    /** Header carrying a wallet address on forward-auth and verify requests. */
    static final String ADDRESS_HEADER = "X-WalletGate-Address";

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final JsonNode EMPTY = STRICT.createObjectNode();

    private Requests() {
    }

    // Reads and drops a refused body of at most 1 MiB before the 413 is sent: Jetty 12 closes a connection that still
    // holds unread request bytes, the kernel then resets it, and a client still sending often loses the answer (seen in
    // OpenApiContractIT and SignInServiceIT). A larger body is not read (its sender may see the reset). The slow-request
    // reaper bounds how long this can take.
    private static void discard(Context ctx, long length) {
        if (length > 1 << 20) {
            return;
        }
        try {
            ctx.req().getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    /** The JSON object body, or an empty object when there is none. Refuses other types, sizes and duplicates. */
    public static JsonNode body(Context ctx) {
        long length = ctx.contentLength();
        if (length > MAX_BODY) {
            discard(ctx, length);
            throw new ApiException(413, ErrorCode.REQUEST_INVALID, "request body is larger than 64 KiB");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY) {
            throw new ApiException(413, ErrorCode.REQUEST_INVALID, "request body is larger than 64 KiB");
        }
        if (bytes.length == 0) {
            return EMPTY;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new ApiException(415, ErrorCode.REQUEST_INVALID,
                    "request body must be application/json");
        }
        try (JsonParser p = STRICT.createParser(bytes)) {
            JsonNode node = STRICT.readTree(p);
            if (node == null || !node.isObject() || p.nextToken() != null) {
                throw ApiException.badRequest("request body must be one JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest(e.getMessage() != null && e.getMessage().contains("Duplicate field")
                    ? "request body has a duplicate member" : "request body is not valid JSON");
        }
    }

    /** A string member, or null; refuses other types. */
    public static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("'" + name + "' must be a string");
        }
        return v.asText();
    }

    /** The bearer token of {@code Authorization}, or null when that header does not carry one. */
    public static String bearer(Context ctx) {
        return credential(ctx, "bearer ");
    }

    /** The session id of {@code Authorization: Session …}, or of the cookie, or null. */
    static String sessionId(Context ctx, String cookieName) {
        String fromHeader = credential(ctx, "session ");
        return fromHeader != null ? fromHeader : ctx.cookie(cookieName);
    }

    private static String credential(Context ctx, String scheme) {
        return credential(ctx.header("Authorization"), scheme);
    }

    /** The credential of an {@code Authorization} header value with {@code scheme} (lower case, then a space), or null. */
    static String credential(String h, String scheme) {
        return hasCredential(h, scheme) ? h.substring(scheme.length()).strip() : null;
    }

    /** Whether {@link #credential(String, String)} gives a credential (perhaps blank), without copying it. */
    static boolean hasCredential(String h, String scheme) {
        return h != null && h.length() > scheme.length() && h.regionMatches(true, 0, scheme, 0, scheme.length());
    }

    /** The token: the bearer header, else the body's {@code token}. */
    static String token(Context ctx, JsonNode body) {
        String bearer = bearer(ctx);
        String inBody = text(body, "token");
        if (bearer != null && inBody != null) {
            throw ApiException.badRequest("give the token either as a Bearer header or as 'token', not both");
        }
        return bearer != null ? bearer : inBody;
    }

    /**
     * The wallet proof from the body ({@code appPubKey}, or {@code address} / {@code public_address} as in the
     * providers' guides) or, when the body has none, from the {@code X-WalletGate-*} headers.
     */
    static WalletProof proof(Context ctx, JsonNode body) {
        String key = text(body, "appPubKey");
        String address = text(body, "address");
        String publicAddress = text(body, "public_address");
        if (address != null && publicAddress != null) {
            throw ApiException.badRequest("give 'address' or 'public_address', not both");
        }
        address = address != null ? address : publicAddress;
        if (key == null && address == null) {
            key = ctx.header(APP_KEY_HEADER);
            address = ctx.header(ADDRESS_HEADER);
        }
        return proof(key, address);
    }

    /**
     * The wallet proof of an app public key or an address (null for absent), refusing both at once.
     *
     * @throws ApiException 400 {@code request_invalid} when both are given
     */
    public static WalletProof proof(String appPublicKey, String address) {
        if (appPublicKey != null && address != null) {
            throw ApiException.badRequest("give an app public key or an address, not both");
        }
        return appPublicKey != null ? WalletProof.appPublicKey(appPublicKey)
                : address != null ? WalletProof.address(address) : WalletProof.none();
    }
}
