package io.walletgate.spring.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries {@code Authorization: Bearer <ID token>}, with the wallet proof of the
 * {@value #APP_PUBLIC_KEY_HEADER} or {@value #ADDRESS_HEADER} header when present. A request without a bearer
 * token passes on unauthenticated (authorization decides; the entry point answers {@code token_missing}); a rejected
 * one is answered by the entry point at once, as {@code BearerTokenAuthenticationFilter} does. Stateless: the
 * result lives in the request only. Installed by {@link WalletGateConfigurer}.
 */
public final class WalletGateAuthenticationFilter extends OncePerRequestFilter {
    /** The header carrying the client's app public key (Web3Auth social logins). */
    public static final String APP_PUBLIC_KEY_HEADER = "X-WalletGate-App-Pub-Key";
    /** The header carrying the client's wallet address (external wallets, or the address of the app key). */
    public static final String ADDRESS_HEADER = "X-WalletGate-Address";

    private final AuthenticationManager authenticationManager;
    private final AuthenticationEntryPoint entryPoint;
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();
    private SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

    /** A filter authenticating with {@code authenticationManager} and answering failures with {@code entryPoint}. */
    public WalletGateAuthenticationFilter(AuthenticationManager authenticationManager,
                                          AuthenticationEntryPoint entryPoint) {
        this.authenticationManager = Objects.requireNonNull(authenticationManager, "authenticationManager");
        this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
    }

    /** The strategy holding the security context (default: {@link SecurityContextHolder}'s). */
    public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            WalletAuthenticationToken login = BearerRequest.read(name -> Collections.list(request.getHeaders(name)));
            if (login == null) {
                chain.doFilter(request, response);
                return;
            }
            login.setDetails(details.buildDetails(request));
            Authentication result = authenticationManager.authenticate(login);
            SecurityContext context = strategy.createEmptyContext();
            context.setAuthentication(result);
            strategy.setContext(context);
            repository.saveContext(context, request, response);
        } catch (AuthenticationException e) {
            strategy.clearContext();
            entryPoint.commence(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }
}
