package io.walletgate.spring.security;

import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerifier;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

/**
 * Spring Security configurer for wallet logins: authenticates {@code Authorization: Bearer <ID token>} plus the
 * optional wallet proof header ({@code X-WalletGate-App-Pub-Key} or {@code X-WalletGate-Address}) with the
 * application's {@link WalletVerifier}, and answers failures as RFC 6750 401s with WalletGate's codes.
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http) {
 *     http.authorizeHttpRequests(r -> r.anyRequest().authenticated())
 *         .with(WalletGateConfigurer.walletGate(), withDefaults());
 *     return http.build();
 * }
 * }</pre>
 *
 * <p>It uses the context's {@link WalletAuthenticationProvider} and {@link WalletGateAuthenticationEntryPoint}
 * beans (the auto-configuration makes them), else makes its own from the {@link WalletVerifier} bean (or the one
 * given with {@link #verifier}). Like Spring Security's resource server, it makes its entry point the default for
 * API-like requests and exempts requests that carry a bearer token from CSRF protection (no cookie, no CSRF).
 * Unlike it, it makes the chain stateless by default ({@link #setBuilder}): no request creates a session, and requests
 * that carry no cookie and no credentials are exempt from CSRF protection too (else the CSRF check would store a token
 * in a new session).
 */
public final class WalletGateConfigurer extends AbstractHttpConfigurer<WalletGateConfigurer, HttpSecurity> {
    private static final RequestMatcher BEARER_REQUEST = request -> BearerRequest.isBearer(
            request.getHeader("Authorization"));
    // Nothing a browser adds by itself (a cookie, cached Basic credentials): nothing a forged request could abuse.
    private static final RequestMatcher NO_AMBIENT_CREDENTIALS = request -> request.getHeader("Cookie") == null
            && request.getHeader("Authorization") == null;

    private WalletVerifier verifier;
    private AuthenticationEntryPoint entryPoint;
    private Function<VerifiedIdentity, Collection<? extends GrantedAuthority>> authorities;

    /** A configurer with the defaults; use with {@code http.with(walletGate(), withDefaults())}. */
    public static WalletGateConfigurer walletGate() {
        return new WalletGateConfigurer();
    }

    /** Verifies with this verifier instead of the context's {@link WalletVerifier} bean. */
    public WalletGateConfigurer verifier(WalletVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        return this;
    }

    /**
     * Answers missing and rejected logins with this entry point. Default: the context's
     * {@link WalletGateAuthenticationEntryPoint}.
     */
    public WalletGateConfigurer authenticationEntryPoint(AuthenticationEntryPoint entryPoint) {
        this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
        return this;
    }

    /**
     * Grants these authorities to a verified identity ({@code FACTOR_BEARER} is always added). Default:
     * {@link WalletAuthenticationProvider#defaultAuthorities}.
     */
    public WalletGateConfigurer authorities(
            Function<VerifiedIdentity, Collection<? extends GrantedAuthority>> authorities) {
        this.authorities = Objects.requireNonNull(authorities, "authorities");
        return this;
    }

    /**
     * Makes the chain stateless unless the application chose a session policy itself
     * ({@code http.sessionManagement(s -> s.sessionCreationPolicy(…))} wins): no session is created, the security
     * context lives in the request, and no request is saved for a later redirect.
     */
    @Override
    public void setBuilder(HttpSecurity http) {
        super.setBuilder(http);
        if (http.getSharedObject(SessionCreationPolicy.class) == null) {
            http.setSharedObject(SessionCreationPolicy.class, SessionCreationPolicy.STATELESS);
        }
    }

    @Override
    public void init(HttpSecurity http) {
        AuthenticationEntryPoint ep = entryPoint(http);
        @SuppressWarnings("unchecked")
        ExceptionHandlingConfigurer<HttpSecurity> exceptions = http.getConfigurer(ExceptionHandlingConfigurer.class);
        if (exceptions != null) {
            exceptions.defaultAuthenticationEntryPointFor(ep, apiRequests());
        }
        @SuppressWarnings("unchecked")
        CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
        if (csrf != null) {
            csrf.ignoringRequestMatchers(BEARER_REQUEST);
            SecurityContextRepository contexts = http.getSharedObject(SecurityContextRepository.class);
            if (contexts instanceof RequestAttributeSecurityContextRepository) {
                // Stateless (session management's init ran before this one): no login can outlive its request, so a
                // request without cookies nor credentials has nothing to forge; checking it would only store a CSRF
                // token in a new session.
                csrf.ignoringRequestMatchers(NO_AMBIENT_CREDENTIALS);
            }
        }
    }

    @Override
    public void configure(HttpSecurity http) {
        WalletGateAuthenticationFilter filter = new WalletGateAuthenticationFilter(
                new ProviderManager(provider(http)), entryPoint(http));
        filter.setSecurityContextHolderStrategy(getSecurityContextHolderStrategy());
        // where Spring Security puts its own bearer token filter
        http.addFilterBefore(postProcess(filter), BasicAuthenticationFilter.class);
    }

    private WalletAuthenticationProvider provider(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        if (verifier == null && authorities == null && context != null) {
            WalletAuthenticationProvider bean = context.getBeanProvider(WalletAuthenticationProvider.class)
                    .getIfUnique();
            if (bean != null) {
                return bean;
            }
        }
        WalletVerifier v = verifier;
        if (v == null) {
            if (context == null) {
                throw new IllegalStateException("no WalletVerifier: give one with walletGate().verifier(…) or add"
                        + " the walletgate-spring-boot-starter auto-configuration");
            }
            v = context.getBean(WalletVerifier.class);
        }
        return authorities == null ? new WalletAuthenticationProvider(v)
                : new WalletAuthenticationProvider(v, authorities);
    }

    private AuthenticationEntryPoint entryPoint(HttpSecurity http) {
        if (entryPoint == null) {
            ApplicationContext context = http.getSharedObject(ApplicationContext.class);
            AuthenticationEntryPoint bean = context == null ? null
                    : context.getBeanProvider(WalletGateAuthenticationEntryPoint.class).getIfUnique();
            entryPoint = bean != null ? bean : new WalletGateAuthenticationEntryPoint();
        }
        return entryPoint;
    }

    // As OAuth2ResourceServerConfigurer: requests with a bearer token, XHR, and API-like (non-HTML) requests.
    private static RequestMatcher apiRequests() {
        HeaderContentNegotiationStrategy negotiation = new HeaderContentNegotiationStrategy();
        MediaTypeRequestMatcher rest = new MediaTypeRequestMatcher(negotiation, MediaType.APPLICATION_JSON,
                MediaType.APPLICATION_XML, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN,
                MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED);
        rest.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        MediaTypeRequestMatcher any = new MediaTypeRequestMatcher(negotiation, MediaType.ALL);
        any.setUseEquals(true);
        RequestMatcher notHtml = new NegatedRequestMatcher(new MediaTypeRequestMatcher(negotiation,
                MediaType.TEXT_HTML));
        return new OrRequestMatcher(BEARER_REQUEST, new RequestHeaderRequestMatcher("X-Requested-With",
                "XMLHttpRequest"), new AndRequestMatcher(notHtml, rest), any);
    }
}
