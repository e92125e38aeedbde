package io.walletgate.spring;

import static org.springframework.security.config.Customizer.withDefaults;

import io.walletgate.VerifiedIdentity;
import io.walletgate.spring.security.WalletGateConfigurer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application the starter's tests run: one protected API, health open, the configurer as users write it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApplication.MeController.class)
public class TestApplication {
    @Bean
    SecurityFilterChain api(HttpSecurity http) {
        http.authorizeHttpRequests(r -> r
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .anyRequest().authenticated())
                .with(WalletGateConfigurer.walletGate(), withDefaults());
        return http.build();
    }

    /** The API: the caller's proven wallet and authorities; on Spring MVC and on WebFlux alike. */
    @RestController
    public static class MeController {
        @GetMapping("/api/me")
        Map<String, Object> me(@AuthenticationPrincipal VerifiedIdentity user, Authentication authentication) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("address", user.wallet() == null ? null : user.wallet().address());
            body.put("subject", user.subject());
            body.put("issuer", user.issuer());
            body.put("authorities", authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .sorted().toList());
            return body;
        }

        @PostMapping("/api/me")
        Map<String, Object> update(@AuthenticationPrincipal VerifiedIdentity user) {
            return Map.of("updated", user.subject());
        }
    }
}
