package io.walletgate.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.spring.Http;
import io.walletgate.spring.TestApplication;
import io.walletgate.testkit.DevIssuerExtension;
import io.walletgate.testkit.MintedToken;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The servlet side keeps nothing between requests: whatever a request carries (no token, a bad one, a good one, a
 * POST without a token and without cookies), Tomcat creates no {@code HttpSession} (counted by a session listener) and the answer sets
 * no cookie.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(StatelessTest.SessionCounter.class)
class StatelessTest {
    @RegisterExtension
    static final DevIssuerExtension ISSUERS = new DevIssuerExtension();

    @DynamicPropertySource
    static void walletgate(DynamicPropertyRegistry registry) {
        registry.add("walletgate.issuers[0].profile", () -> "web3auth");
        registry.add("walletgate.issuers[0].audience", () -> "my-client-id");
        registry.add("walletgate.issuers[0].jwks-uri", () -> ISSUERS.issuer().jwksUri("web3auth").toString());
    }

    /** Counts the sessions the servlet container creates. */
    @TestConfiguration
    static class SessionCounter {
        static final AtomicInteger CREATED = new AtomicInteger();

        @Bean
        HttpSessionListener countingSessionListener() {
            return new HttpSessionListener() {
                @Override
                public void sessionCreated(HttpSessionEvent event) {
                    CREATED.incrementAndGet();
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    List<HttpSessionListener> listeners;

    @Test
    void no_request_creates_a_session_or_sets_a_cookie() {
        assertThat(listeners).isNotEmpty(); // the counter is registered, so an unchanged count means something
        int before = SessionCounter.CREATED.get();
        Http http = new Http(port);
        MintedToken login = ISSUERS.issuer().web3auth().audience("my-client-id").mint();
        String bearer = "Bearer " + login.token();

        List<Http.Response> answers = List.of(
                http.get("/api/me"),
                http.get("/api/me", "Accept", "text/html"),
                http.get("/api/me", "Authorization", "Bearer not-a-jwt"),
                http.get("/api/me", "Authorization", "Basic dXNlcjpwYXNz"),
                http.get("/api/me", "Authorization", bearer),
                http.get("/api/me", "Authorization", bearer, "X-WalletGate-App-Pub-Key", login.appPublicKey()),
                http.post("/api/me"),
                http.post("/api/me", "Authorization", bearer),
                http.get("/actuator/health"));

        assertThat(answers).extracting(Http.Response::status).containsExactly(401, 401, 401, 401, 200, 200, 401, 200,
                200);
        assertThat(answers).allSatisfy(r -> assertThat(r.header("Set-Cookie")).as("Set-Cookie").isNull());
        assertThat(SessionCounter.CREATED).hasValue(before);
    }
}
