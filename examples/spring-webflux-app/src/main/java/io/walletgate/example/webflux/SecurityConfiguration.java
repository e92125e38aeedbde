package io.walletgate.example.webflux;

import io.walletgate.spring.security.WalletGateServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** Every {@code /api/**} request needs a wallet login; health is open for the load balancer. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http, WalletGateServerSecurity walletGate) {
        http.authorizeExchange(exchanges -> exchanges
                .pathMatchers("/actuator/health").permitAll()
                .anyExchange().authenticated());
        walletGate.customize(http);  // Bearer ID token + optional X-WalletGate-App-Pub-Key, verified without blocking
        return http.build();
    }
}
