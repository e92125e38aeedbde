package io.walletgate.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuerExtension;
import io.walletgate.testkit.MintedToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README test of a Spring example ({@link ReadmeSteps}), for a subclass that names the application with
 * {@code @SpringBootTest(classes = …, webEnvironment = RANDOM_PORT)}: the application starts with the environment of
 * its README's "run" step, against a testkit issuer standing in for {@code walletgate dev-issuer}; each request of
 * the "requests" step must answer exactly what the README shows, and no answer, to no token, a bad one or a good one,
 * starts a session (sets a cookie).
 */
@ContextConfiguration(initializers = ReadmeStepsTestBase.ReadmeEnvironment.class)
public abstract class ReadmeStepsTestBase {
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

    @LocalServerPort
    protected int port;

    @Test
    void the_readme_requests_answer_what_the_readme_shows() throws Exception {
        assertThat(steps().runRequests(port)).isEqualTo(4);
    }

    @Test
    void no_answer_sets_a_session_cookie() throws Exception {
        MintedToken login = ISSUERS.issuer().web3auth().audience("walletgate-dev").mint();

        List<HttpResponse<String>> answers = List.of(get(), get("Authorization", "Bearer not-a-jwt"),
                get("Authorization", "Bearer " + login.token(), "X-WalletGate-App-Pub-Key", login.appPublicKey()));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(401, 401, 200);
        assertThat(answers).allSatisfy(r -> assertThat(r.headers().allValues("Set-Cookie")).isEmpty());
    }

    private HttpResponse<String> get(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/me"));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
