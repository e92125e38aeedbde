package io.walletgate.example;

import static io.walletgate.spring.security.WalletGateConfigurer.walletGate;
import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Every {@code /api/**} request needs a wallet login; health is open for the load balancer. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    @Bean
    SecurityFilterChain api(HttpSecurity http) {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health").permitAll()
                        .anyRequest().authenticated())
                .with(walletGate(), withDefaults());  // Bearer ID token + optional X-WalletGate-App-Pub-Key
        return http.build();
    }
}
