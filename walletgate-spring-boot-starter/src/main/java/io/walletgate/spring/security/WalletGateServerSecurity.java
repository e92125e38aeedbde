package io.walletgate.spring.security;

import io.walletgate.WalletVerifier;
import java.util.Objects;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security for WebFlux, the reactive {@link WalletGateConfigurer}: authenticates
 * {@code Authorization: Bearer <ID token>} plus the optional wallet proof header ({@code X-WalletGate-App-Pub-Key} or
 * {@code X-WalletGate-Address}) with a {@link ReactiveWalletAuthenticationManager} (non-blocking), and answers
 * failures with a {@link WalletGateServerAuthenticationEntryPoint}. The auto-configuration makes one as a bean:
 *
 * <pre>{@code
 * @Bean
 * SecurityWebFilterChain api(ServerHttpSecurity http, WalletGateServerSecurity walletGate) {
 *     http.authorizeExchange(e -> e.anyExchange().authenticated());
 *     walletGate.customize(http);
 *     return http.build();
 * }
 * }</pre>
 *
 * <p>It adds an {@link AuthenticationWebFilter} at {@link SecurityWebFiltersOrder#AUTHENTICATION}, makes the entry
 * point the chain's, and makes the chain stateless: the security context and the request are kept nowhere (no
 * {@code WebSession}, no {@code SESSION} cookie), and CSRF protection applies only to requests that carry ambient
 * credentials (a cookie, or an Authorization header other than Bearer). Customize these after calling it to change
 * them (the later setting wins).
 */
public final class WalletGateServerSecurity implements Customizer<ServerHttpSecurity> {
    private final ReactiveAuthenticationManager authenticationManager;
    private final ServerAuthenticationEntryPoint entryPoint;

    /** Authenticates with {@code authenticationManager} and answers failures with {@code entryPoint}. */
    public WalletGateServerSecurity(ReactiveAuthenticationManager authenticationManager,
                                    ServerAuthenticationEntryPoint entryPoint) {
        this.authenticationManager = Objects.requireNonNull(authenticationManager, "authenticationManager");
        this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
    }

    /** With the default authorities and entry point, for an application that builds its own {@code verifier}. */
    public static WalletGateServerSecurity walletGate(WalletVerifier verifier) {
        return new WalletGateServerSecurity(new ReactiveWalletAuthenticationManager(verifier),
                new WalletGateServerAuthenticationEntryPoint());
    }

    @Override
    public void customize(ServerHttpSecurity http) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(authenticationManager);
        filter.setServerAuthenticationConverter(exchange -> Mono.fromCallable(
                () -> BearerRequest.read(exchange.getRequest().getHeaders()::get)));
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        http.addFilterAt(filter, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(c -> c.requireCsrfProtectionMatcher(WalletGateServerSecurity::needsCsrfProtection));
    }

    // Spring's own rule (not GET, HEAD, TRACE nor OPTIONS), for requests with something a browser adds by itself.
    private static Mono<MatchResult> needsCsrfProtection(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst("Authorization");
        boolean ambient = exchange.getRequest().getHeaders().containsHeader("Cookie")
                || authorization != null && !BearerRequest.isBearer(authorization);
        return ambient ? CsrfWebFilter.DEFAULT_CSRF_MATCHER.matches(exchange) : MatchResult.notMatch();
    }
}
