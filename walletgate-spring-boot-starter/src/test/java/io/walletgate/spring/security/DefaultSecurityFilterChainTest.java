package io.walletgate.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.VerifiedIdentity;
import io.walletgate.spring.Http;
import io.walletgate.testkit.DevIssuerExtension;
import io.walletgate.testkit.MintedToken;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with the starter, three properties and no security configuration of its own: every request needs
 * a wallet login, and Spring Boot makes no generated-password user.
 */
@SpringBootTest(classes = DefaultSecurityFilterChainTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DefaultSecurityFilterChainTest {
    @RegisterExtension
    static final DevIssuerExtension ISSUERS = new DevIssuerExtension();

    @DynamicPropertySource
    static void walletgate(DynamicPropertyRegistry registry) {
        registry.add("walletgate.issuers[0].profile", () -> "web3auth");
        registry.add("walletgate.issuers[0].audience", () -> "my-client-id");
        registry.add("walletgate.issuers[0].jwks-uri", () -> ISSUERS.issuer().jwksUri("web3auth").toString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(App.Wallet.class)
    static class App {
        @RestController
        static class Wallet {
            @GetMapping("/wallet")
            Map<String, String> wallet(@AuthenticationPrincipal VerifiedIdentity user) {
                return Map.of("address", user.wallet().address());
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void requires_a_wallet_login_for_every_request() {
        Http http = new Http(port);
        MintedToken login = ISSUERS.issuer().web3auth().audience("my-client-id").mint();

        Http.Response anonymous = http.get("/wallet");
        Http.Response health = http.get("/actuator/health");
        Http.Response ok = http.get("/wallet", "Authorization", "Bearer " + login.token(),
                "X-WalletGate-App-Pub-Key", login.appPublicKey());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("error").path("code").asText()).isEqualTo("token_missing");
        assertThat(health.status()).isEqualTo(401);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("address").asText()).isEqualTo(login.address());
    }

    @Test
    void makes_no_generated_password_user() {
        assertThat(context.getBeansOfType(UserDetailsService.class)).isEmpty();
        assertThat(context.getBean("walletGateSecurityFilterChain")).isNotNull();
    }
}
