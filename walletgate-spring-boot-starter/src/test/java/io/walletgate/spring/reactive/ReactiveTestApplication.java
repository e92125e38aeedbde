package io.walletgate.spring.reactive;

import io.walletgate.VerifiedIdentity;
import io.walletgate.spring.security.WalletGateServerSecurity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WebFlux application of the reactive tests (run with {@code spring.main.web-application-type=reactive}): an API
 * that needs a wallet login, an admin route that needs an authority nobody has (403), an open route.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReactiveTestApplication.MeController.class)
public class ReactiveTestApplication {
    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http, WalletGateServerSecurity walletGate) {
        http.authorizeExchange(e -> e
                .pathMatchers("/public", "/actuator/health").permitAll()
                .pathMatchers("/admin").hasAuthority("WALLET_ADMIN")
                .anyExchange().authenticated());
        walletGate.customize(http);
        return http.build();
    }

    @RestController
    static class MeController {
        @GetMapping("/api/me")
        Map<String, Object> me(@AuthenticationPrincipal VerifiedIdentity user, Authentication authentication) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("address", user.wallet() == null ? null : user.wallet().address());
            body.put("subject", user.subject());
            body.put("issuer", user.issuer());
            body.put("authorities", authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .sorted().toList());
            body.put("thread", Thread.currentThread().getName());
            return body;
        }

        @PostMapping("/api/me")
        Map<String, Object> update(@AuthenticationPrincipal VerifiedIdentity user) {
            return Map.of("updated", user.subject());
        }

        @GetMapping("/admin")
        Map<String, Object> admin() {
            return Map.of("admin", true);
        }

        @GetMapping("/public")
        Map<String, Object> open() {
            return Map.of("open", true);
        }
    }
}
