package io.walletgate.spring.autoconfigure;

import io.walletgate.VerificationListener;
import io.walletgate.WalletVerifier;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures one {@link WalletVerifier} from the {@code walletgate.*} properties ({@link WalletGateProperties}),
 * unless the application defines its own. Its clock is the context's {@link Clock} bean when there is exactly one
 * (tests advance it), else the system UTC clock; every {@link VerificationListener} bean (the Micrometer metrics among
 * them) is told of each verification; {@link WalletVerifierCustomizer} beans run last. The verifier is
 * closed with the context (its background key refresh stops). Off with {@code walletgate.enabled=false}. A property
 * mistake stops the context start with an {@link InvalidWalletGatePropertyException} naming the property.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "walletgate.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WalletGateProperties.class)
public final class WalletGateAutoConfiguration {
    /** The verifier of the configured issuers. */
    @Bean
    @ConditionalOnMissingBean
    WalletVerifier walletVerifier(WalletGateProperties properties, ObjectProvider<Clock> clock,
                                  ObjectProvider<VerificationListener> listeners,
                                  ObjectProvider<WalletVerifierCustomizer> customizers) {
        return VerifierFactory.create(properties, clock.getIfUnique(Clock::systemUTC),
                listeners.orderedStream().toList(), customizers.orderedStream().toList());
    }
}
