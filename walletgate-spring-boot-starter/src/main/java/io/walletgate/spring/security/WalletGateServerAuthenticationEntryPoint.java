package io.walletgate.spring.security;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The reactive {@link WalletGateAuthenticationEntryPoint}: the same answers (RFC 6750 401 with
 * {@code WWW-Authenticate: Bearer realm="walletgate"} and the code, 503 with {@code Retry-After} for
 * {@code jwks_unavailable}, 400 for {@code request_invalid}, the JSON body with the code and message), written
 * without blocking.
 */
public final class WalletGateServerAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {
    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        Rejection rejection = Rejection.of(failure);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(rejection.status()));
        rejection.headers().forEach(response.getHeaders()::set);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(rejection.body())));
    }
}
