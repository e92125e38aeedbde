package io.walletgate.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.spring.autoconfigure.WalletGateAutoConfiguration;
import io.walletgate.spring.autoconfigure.WalletGateSecurityAutoConfiguration;
import io.walletgate.spring.security.ReactiveWalletAuthenticationManager;
import io.walletgate.spring.security.WalletGateAuthenticationEntryPoint;
import io.walletgate.spring.security.WalletGateServerAuthenticationEntryPoint;
import io.walletgate.spring.security.WalletGateServerSecurity;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.WalletGateTestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The reactive side is auto-configured in a reactive web application only: its manager, entry point and customizer,
 * a default chain when the application has none, and no generated-password user.
 */
@WalletGateTestIssuer
class ReactiveAutoConfigurationTest {
    private final String[] properties;

    ReactiveAutoConfigurationTest(DevIssuer issuer) {
        properties = new String[] {"walletgate.issuers[0].profile=web3auth",
            "walletgate.issuers[0].audience=my-client-id",
            "walletgate.issuers[0].jwks-uri=" + issuer.jwksUri("web3auth")};
    }

    private static final AutoConfigurations AUTO = AutoConfigurations.of(WalletGateAutoConfiguration.class,
            WalletGateSecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
            ReactiveUserDetailsServiceAutoConfiguration.class);

    @Test
    void a_reactive_application_gets_the_reactive_integration_and_a_default_chain() {
        new ReactiveWebApplicationContextRunner().withConfiguration(AUTO).withPropertyValues(properties)
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .hasSingleBean(ReactiveWalletAuthenticationManager.class)
                            .hasSingleBean(WalletGateServerAuthenticationEntryPoint.class)
                            .hasSingleBean(WalletGateServerSecurity.class)
                            .hasBean("walletGateSecurityWebFilterChain")
                            .doesNotHaveBean(ReactiveUserDetailsService.class)
                            .doesNotHaveBean(WalletGateAuthenticationEntryPoint.class);
                    assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).hasSize(1);
                });
    }

    @Test
    void the_application_chain_replaces_the_default_one() {
        new ReactiveWebApplicationContextRunner().withConfiguration(AUTO).withPropertyValues(properties)
                .withUserConfiguration(ReactiveTestApplication.class)
                .run(context -> assertThat(context).hasNotFailed().hasBean("api")
                        .doesNotHaveBean("walletGateSecurityWebFilterChain"));
    }

    @Test
    void a_servlet_application_gets_none_of_it() {
        new WebApplicationContextRunner().withConfiguration(AUTO)
                .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
                        ServletWebSecurityAutoConfiguration.class)).withPropertyValues(properties)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ReactiveWalletAuthenticationManager.class)
                        .doesNotHaveBean(WalletGateServerSecurity.class)
                        .doesNotHaveBean(SecurityWebFilterChain.class)
                        .hasBean("walletGateSecurityFilterChain"));
    }
}
