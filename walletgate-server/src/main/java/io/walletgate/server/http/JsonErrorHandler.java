package io.walletgate.server.http;

import io.walletgate.ErrorCode;
import io.walletgate.server.json.IdentityJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own refusals (a malformed request line, a header with a line break, headers too large) are answered in
 * the service's JSON error format too, never as an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getWriter().write(body(response.getStatus()));
    }

    private static String body(int status) {
        String message = status == 431 ? "request headers are too large"
                : status == 413 ? "request is too large" : "the request is malformed";
        return IdentityJson.MAPPER.createObjectNode()
                .set("error", IdentityJson.error(ErrorCode.REQUEST_INVALID.code(), message)).toString();
    }
}
