package io.walletgate.spring.autoconfigure;

import io.walletgate.WalletVerifier;
import io.walletgate.spring.actuate.WalletGateHealthIndicator;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the application has Spring Boot Actuator's health: the {@code walletgate} health indicator of the issuers'
 * key sources (off with {@code management.health.walletgate.enabled=false}).
 */
@AutoConfiguration(after = WalletGateAutoConfiguration.class, beforeName =
        "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(WalletVerifier.class)
public final class WalletGateHealthAutoConfiguration {
    // Nested: its condition's class exists only with spring-boot-health, checked by the class condition above.
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("walletgate")
    static class HealthIndicatorConfiguration {
        /** Named {@code walletgate} in the health endpoint. */
        @Bean
        @ConditionalOnMissingBean(name = "walletgateHealthIndicator")
        WalletGateHealthIndicator walletgateHealthIndicator(WalletVerifier verifier, ObjectProvider<Clock> clock) {
            return new WalletGateHealthIndicator(verifier, clock.getIfUnique(Clock::systemUTC));
        }
    }
}
