package io.walletgate.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.walletgate.WalletVerifier;
import io.walletgate.spring.actuate.MicrometerVerificationListener;
import io.walletgate.spring.actuate.WalletGateKeyMetrics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * When the application has Micrometer (a {@link MeterRegistry} bean, e.g. from Spring Boot Actuator), the meters of
 * the {@code walletgate serve} service: counter {@code walletgate.verifications} (tags {@code issuer},
 * {@code outcome}), timer {@code walletgate.verification} (tag {@code issuer}), key-source health per issuer and the
 * verified-token cache.
 */
@AutoConfiguration(after = WalletGateAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"},
        before = WalletGateSecurityAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, WalletVerifier.class})
public final class WalletGateMetricsAutoConfiguration {
    /** Records every verification of the Spring Security integration. */
    @Bean
    @ConditionalOnMissingBean
    MicrometerVerificationListener walletGateVerificationMetrics(MeterRegistry registry) {
        return new MicrometerVerificationListener(registry);
    }

    /** Key-source health and the verified-token cache, read at scrape time. */
    @Bean
    @ConditionalOnMissingBean
    WalletGateKeyMetrics walletGateKeyMetrics(WalletVerifier verifier, ObjectProvider<Clock> clock) {
        return new WalletGateKeyMetrics(verifier, clock.getIfUnique(Clock::systemUTC));
    }
}
