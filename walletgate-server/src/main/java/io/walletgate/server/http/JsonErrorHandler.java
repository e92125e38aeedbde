package io.walletgate.server.http;

import io.walletgate.ErrorCode;
import io.walletgate.server.json.IdentityJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a malformed request line, a header with a line break, headers too large) are answered in
 * the service's JSON error format too, never as an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
    }

    // Whatever the client accepts: the body is JSON, with no message of Jetty's (it may echo the request).
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String body(int status) {
        String message = status == 431 ? "request headers are too large"
                : status == 413 ? "request is too large" : "the request is malformed";
        return IdentityJson.MAPPER.createObjectNode()
                .set("error", IdentityJson.error(ErrorCode.REQUEST_INVALID.code(), message)).toString();
    }
}
