package io.walletgate.server.http;

import io.javalin.http.Context;
import io.walletgate.ErrorCode;

/** A request the service refuses, with its HTTP status and stable code; handlers only throw these. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int status;

    /** A refusal with {@code status}, {@code code} and a client-safe message. */
    public ApiException(int status, ErrorCode code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A 400 {@code request_invalid}. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorCode.REQUEST_INVALID, message);
    }

    /**
     * A 401 for a request without the configured admin token: {@code token_missing} when none was presented,
     * {@code admin_token_invalid} when another one was.
     */
    public static ApiException wrongAdminToken(Context ctx) {
        return Requests.bearer(ctx) == null
                ? new ApiException(401, ErrorCode.TOKEN_MISSING, "no admin token was presented")
                : new ApiException(401, ErrorCode.ADMIN_TOKEN_INVALID, "the admin token presented is wrong");
    }

    /** A 401 {@code session_invalid}. */
    public static ApiException noSession(String message) {
        return new ApiException(401, ErrorCode.SESSION_INVALID, message);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }
}
