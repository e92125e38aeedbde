package io.walletgate.spring.reactive;

import io.walletgate.spring.TestApplication;
import io.walletgate.spring.security.WalletGateServerSecurity;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WebFlux application of the reactive tests (run with {@code spring.main.web-application-type=reactive}): the
 * servlet tests' API, which needs a wallet login, an admin route that needs an authority nobody has (403), an open
 * route.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({TestApplication.MeController.class, ReactiveTestApplication.Routes.class})
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

    /** The routes beside the API. */
    @RestController
    static class Routes {
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
