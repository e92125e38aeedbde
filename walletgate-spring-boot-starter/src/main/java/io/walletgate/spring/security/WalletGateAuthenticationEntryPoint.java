package io.walletgate.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        Rejection rejection = Rejection.of(failure);
        response.setStatus(rejection.status());
        rejection.headers().forEach(response::setHeader);
        response.setContentLength(rejection.body().length);
        response.getOutputStream().write(rejection.body());
    }
}
