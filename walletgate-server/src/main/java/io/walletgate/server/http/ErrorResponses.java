package io.walletgate.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.server.json.IdentityJson;
import io.walletgate.server.session.StoreUnavailableException;

/**
 * The one place that turns a failure into a response: {@code {"error":{"code","message"}}} with the status of
 * docs/architecture.md §7, and on 401 an RFC 6750 {@code WWW-Authenticate} challenge. Handlers only throw.
 *
 * <p>Key-source details are for operators, not clients (issue 21, item 7): the library's messages for
 * {@code key_not_found}, {@code signature_invalid} and {@code jwks_unavailable} name the key URL and the kids it holds
 * (so that a developer reading an exception can tell which endpoint was asked); the library says what a client may
 * see ({@link WalletVerificationException#publicMessage}), and every answer here uses that. The full message goes to
 * the {@code io.walletgate.server.http} log at DEBUG, and {@code /readyz} lists each issuer's source and kids.
 */
final class ErrorResponses {
    private static final System.Logger LOG = System.getLogger("io.walletgate.server.http");

    /** Context attribute holding the error code, for the access log and metrics. */
    static final String CODE = "walletgate.code";

    /** What a 503 tells the client to wait before it tries again, in seconds. */
    static final String RETRY_AFTER = "5";

    private ErrorResponses() {
    }

    static void verification(WalletVerificationException e, Context ctx) {
        write(ctx, Refusal.of(e));
    }

    /** The message a client gets for a rejection: the library's public one; the full one is logged. */
    static String clientMessage(WalletVerificationException e) {
        String shown = e.publicMessage();
        if (!shown.equals(e.getMessage())) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", e.code().code(), e.getMessage());
        }
        return shown;
    }

    static void api(ApiException e, Context ctx) {
        write(ctx, e.status(), e.code(), e.getMessage());
    }

    static void store(StoreUnavailableException e, Context ctx) {
        write(ctx, Refusal.of(e));
    }

    static void javalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String message = status == 413 ? "request body is larger than 64 KiB"
                : status == 404 ? "no such endpoint" : status == 405 ? "method not allowed on this endpoint"
                : "the request is malformed";
        write(ctx, status, ErrorCode.REQUEST_INVALID, message);
    }

    static void write(Context ctx, int status, ErrorCode code, String message) {
        write(ctx, new Refusal(status, code, message));
    }

    static void write(Context ctx, Refusal r) {
        ctx.attribute(CODE, r.code().code());
        if (r.challenge() != null) {
            ctx.header("WWW-Authenticate", r.challenge());
        }
        if (r.status() == 503) {
            ctx.header("Retry-After", RETRY_AFTER);
        }
        ctx.status(r.status()).contentType("application/json").result(r.body());
    }

    /**
     * A refusal as answered: its status, its stable code and the message a client may see.
     *
     * @param status the HTTP status
     * @param code the error code
     * @param message the client-safe message
     */
    record Refusal(int status, ErrorCode code, String message) {
        /**
         * The refusal of a failure a handler threw, on any route: a refusal's own ({@link ApiException}), a
         * verification's, the session store's, or else the service's own failure (a bug: logged whole by the caller,
         * answered 503 in the error format, never a 500 or a stack trace).
         */
        static Refusal of(Throwable e) {
            if (e instanceof ApiException a) {
                return new Refusal(a.status(), a.code(), a.getMessage());
            }
            if (e instanceof WalletVerificationException v) {
                // The token may be fine when the issuer's keys cannot be had: that is the service's trouble, not the
                // client's. So are a chain that cannot judge a smart-contract wallet and a session store that holds
                // the nonces.
                int status = switch (v.code()) {
                    case JWKS_UNAVAILABLE, CHAIN_UNAVAILABLE, STORE_UNAVAILABLE -> 503;
                    case REQUEST_INVALID -> 400;
                    default -> 401;
                };
                return new Refusal(status, v.code(), clientMessage(v));
            }
            if (e instanceof StoreUnavailableException) {
                return new Refusal(503, ErrorCode.STORE_UNAVAILABLE, "the session store cannot be reached; try again");
            }
            return new Refusal(503, ErrorCode.REQUEST_INVALID,
                    "internal error: the service could not complete this request; try again");
        }

        /** The body: {@code {"error":{"code","message"}}}. */
        String body() {
            return IdentityJson.MAPPER.createObjectNode().set("error", IdentityJson.error(code.code(), message))
                    .toString();
        }

        /** The {@code WWW-Authenticate} challenge of a 401, else null. */
        String challenge() {
            return status == 401 ? ErrorResponses.challenge(code, message) : null;
        }
    }

    // RFC 6750 §3: no error attribute when the request carried no credentials at all.
    private static String challenge(ErrorCode code, String message) {
        if (code == ErrorCode.TOKEN_MISSING) {
            return "Bearer realm=\"walletgate\"";
        }
        String description = (code.code() + ": " + message).replaceAll("[^\\x20-\\x7e]", "?").replace("\\", "/")
                .replace("\"", "'");
        return "Bearer realm=\"walletgate\", error=\"invalid_token\", error_description=\"" + description + "\"";
    }
}
