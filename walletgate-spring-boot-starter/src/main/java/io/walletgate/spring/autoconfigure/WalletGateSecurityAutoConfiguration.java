package io.walletgate.spring.autoconfigure;

import static org.springframework.security.config.Customizer.withDefaults;

import io.walletgate.WalletVerifier;
import io.walletgate.spring.security.WalletAuthenticationProvider;
import io.walletgate.spring.security.WalletGateAuthenticationEntryPoint;
import io.walletgate.spring.security.ReactiveWalletAuthenticationManager;
import io.walletgate.spring.security.WalletGateConfigurer;
import io.walletgate.spring.security.WalletGateServerAuthenticationEntryPoint;
import io.walletgate.spring.security.WalletGateServerSecurity;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Security integration. In a servlet application: a {@link WalletAuthenticationProvider} (which also stops
 * Spring Boot from making its generated-password user) and a {@link WalletGateAuthenticationEntryPoint} for
 * {@link WalletGateConfigurer}; and, when the application defines no {@link SecurityFilterChain} of its own, one that
 * requires a wallet login for every request, as Spring Boot does for a JWT resource server. In a reactive (WebFlux)
 * application: a {@link ReactiveWalletAuthenticationManager} (which stops the generated-password user there), a
 * {@link WalletGateServerAuthenticationEntryPoint} and the {@link WalletGateServerSecurity} that installs them; and,
 * when the application defines no {@link SecurityWebFilterChain}, one that requires a wallet login for every request.
 * Both chains are stateless.
 */
@AutoConfiguration(after = WalletGateAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration"})
@ConditionalOnClass(AuthenticationProvider.class)
@ConditionalOnBean(WalletVerifier.class)
public final class WalletGateSecurityAutoConfiguration {
    /** Authenticates wallet logins with the verifier. */
    @Bean
    @ConditionalOnMissingBean
    WalletAuthenticationProvider walletAuthenticationProvider(WalletVerifier verifier) {
        return new WalletAuthenticationProvider(verifier);
    }

    /** The servlet side: the entry point, and the default chain when the application has none. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({HttpSecurity.class, SecurityFilterChain.class})
    static class ServletConfiguration {
        /** RFC 6750 401s with WalletGate's codes. */
        @Bean
        @ConditionalOnMissingBean
        WalletGateAuthenticationEntryPoint walletGateAuthenticationEntryPoint() {
            return new WalletGateAuthenticationEntryPoint();
        }

        // Nested twice: the condition below lives in spring-boot-security, checked by the class condition first.
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.boot.security.autoconfigure.web.servlet"
                + ".ConditionalOnDefaultWebSecurity")
        static class BootSecurityConfiguration {
            /** The default chain when the application has none: every request needs a wallet login. */
            @Configuration(proxyBeanMethods = false)
            @ConditionalOnDefaultWebSecurity
            static class DefaultSecurityFilterChainConfiguration {
                @Bean
                @Order(SecurityFilterProperties.BASIC_AUTH_ORDER)
                SecurityFilterChain walletGateSecurityFilterChain(HttpSecurity http) {
                    http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
                    http.with(WalletGateConfigurer.walletGate(), withDefaults());
                    return http.build();
                }
            }
        }
    }

    /** The reactive side: the non-blocking manager, the entry point, and the default chain when there is none. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass({ServerHttpSecurity.class, SecurityWebFilterChain.class})
    static class ReactiveConfiguration {
        /** Verifies with {@code verifyAsync}: no event-loop thread waits for an issuer's keys. */
        @Bean
        @ConditionalOnMissingBean
        ReactiveWalletAuthenticationManager reactiveWalletAuthenticationManager(WalletVerifier verifier) {
            return new ReactiveWalletAuthenticationManager(verifier);
        }

        /** RFC 6750 401s with WalletGate's codes. */
        @Bean
        @ConditionalOnMissingBean
        WalletGateServerAuthenticationEntryPoint walletGateServerAuthenticationEntryPoint() {
            return new WalletGateServerAuthenticationEntryPoint();
        }

        /** What an application's chain applies: {@code walletGate.customize(http)}. */
        @Bean
        @ConditionalOnMissingBean
        WalletGateServerSecurity walletGateServerSecurity(ReactiveWalletAuthenticationManager manager,
                                                          WalletGateServerAuthenticationEntryPoint entryPoint) {
            return new WalletGateServerSecurity(manager, entryPoint);
        }

        /** The default chain when the application has none: every request needs a wallet login. */
        @Bean
        @ConditionalOnMissingBean(SecurityWebFilterChain.class)
        SecurityWebFilterChain walletGateSecurityWebFilterChain(ServerHttpSecurity http,
                                                                WalletGateServerSecurity walletGate) {
            http.authorizeExchange(exchanges -> exchanges.anyExchange().authenticated());
            walletGate.customize(http);
            return http.build();
        }
    }
}
