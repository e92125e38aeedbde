package io.walletgate.spring.security;

import io.walletgate.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a rejected or missing wallet login as RFC 6750 says, with WalletGate's stable codes (docs/architecture.md §6,
 * §7): <pre>
 * HTTP/1.1 401
 * WWW-Authenticate: Bearer realm="walletgate", error="invalid_token", error_description="token_expired: the token …"
 * Content-Type: application/json
 *
 * {"error":{"code":"token_expired","message":"the token has expired …"}}
 * </pre>
 * The challenge is the service's ({@code walletgate serve}, docs/architecture.md §7): the realm {@code walletgate}, and
 * the code before the message in {@code error_description}, so a client reads the code from either the header or the
 * body. A request without a token gets {@code WWW-Authenticate: Bearer realm="walletgate"} without an error (RFC 6750
 * §3.1) and the code {@code token_missing}. As the service does (docs/architecture.md §7): {@code jwks_unavailable} is
 * a 503 with {@code Retry-After} (the issuer's keys cannot be had: the server's trouble, not the client's, so no
 * challenge), {@code request_invalid} a 400. Messages are the verifier's, which never contain the token or key
 * material.
 */
public final class WalletGateAuthenticationEntryPoint implements AuthenticationEntryPoint {
    static final String MISSING = "no bearer ID token was given (Authorization: Bearer <ID token>)";
    /** The RFC 6750 realm of the challenge, the service's. */
    static final String REALM = "walletgate";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        ErrorCode code;
        String message;
        if (failure instanceof WalletAuthenticationException) {
            code = ((WalletAuthenticationException) failure).code();
            message = failure.getMessage();
        } else {
            code = ErrorCode.TOKEN_MISSING;
            message = MISSING;
        }
        int status = status(code);
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            String challenge = "Bearer realm=\"" + REALM + "\"";
            response.setHeader("WWW-Authenticate", code == ErrorCode.TOKEN_MISSING ? challenge
                    : challenge + ", error=\"invalid_token\", error_description=\"" + headerSafe(code.code() + ": "
                    + message) + "\"");
        } else if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
            response.setHeader("Retry-After", "5");
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        byte[] body = ("{\"error\":{\"code\":\"" + code.code() + "\",\"message\":\"" + jsonEscape(message) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The HTTP status of a code: 503 for {@code jwks_unavailable}, 400 for {@code request_invalid}, else 401. */
    static int status(ErrorCode code) {
        if (code == ErrorCode.JWKS_UNAVAILABLE) {
            return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
        return code == ErrorCode.REQUEST_INVALID ? HttpServletResponse.SC_BAD_REQUEST
                : HttpServletResponse.SC_UNAUTHORIZED;
    }

    // RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E (no '"' nor '\').
    static String headerSafe(String message) {
        StringBuilder b = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '…') {
                b.append("...");
            } else if (c == '"') {
                b.append('\'');
            } else {
                b.append(c < 0x20 || c > 0x7e || c == '\\' ? '?' : c);
            }
        }
        return b.toString();
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
