package io.walletgate.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuerExtension;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs this module's README ({@link ReadmeSteps}): the application starts with the environment of its "run" step,
 * against a testkit issuer standing in for {@code walletgate dev-issuer}, and each request of its "requests" step
 * must answer exactly what the README shows; none of them leaves a session behind.
 */
@SpringBootTest(classes = ExampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ReadmeStepsTest.ReadmeEnvironment.class)
@Import(ReadmeStepsTest.SessionCounter.class)
class ReadmeStepsTest {
    @RegisterExtension
    static final DevIssuerExtension ISSUERS = new DevIssuerExtension();

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("walletgate.keys.data-directory", data::toString); // not ./data of the README's run
    }

    static ReadmeSteps steps() {
        return new ReadmeSteps(Path.of("README.md"), ISSUERS.issuer().baseUri());
    }

    /** The environment variables of the README's {@code java -jar} line, as the process environment. */
    static final class ReadmeEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new SystemEnvironmentPropertySource("readme-systemEnvironment", steps().environment()));
        }
    }

    /** Counts the sessions Tomcat creates. */
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

    @Test
    void the_readme_requests_answer_what_the_readme_shows_and_leave_no_session() throws Exception {
        int sessions = SessionCounter.CREATED.get();

        assertThat(steps().runRequests(port)).isEqualTo(4);

        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/me")).header("Authorization", "Bearer not-a-jwt")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(SessionCounter.CREATED).as("sessions created by the README's requests and a bad token")
                .hasValue(sessions);
    }
}
