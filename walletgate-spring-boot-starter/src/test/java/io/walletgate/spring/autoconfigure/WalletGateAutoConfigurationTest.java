package io.walletgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.WalletVerifier;
import io.walletgate.spring.actuate.MicrometerVerificationListener;
import io.walletgate.spring.actuate.WalletGateHealthIndicator;
import io.walletgate.spring.security.WalletAuthenticationProvider;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.WalletGateTestIssuer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Binding and validation of the {@code walletgate.*} properties at context start: a mistake stops the start with a
 * message naming the property; a valid configuration gives a verifier with those settings.
 */
@WalletGateTestIssuer
class WalletGateAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WalletGateAutoConfiguration.class));

    private final String jwksUri;

    WalletGateAutoConfigurationTest(DevIssuer issuer) {
        this.jwksUri = issuer.jwksUri("web3auth").toString(); // loopback: no call leaves the machine
    }

    private ApplicationContextRunner web3auth(String... more) {
        return runner.withPropertyValues("walletgate.issuers[0].profile=web3auth",
                "walletgate.issuers[0].audience=my-client-id", "walletgate.issuers[0].jwks-uri=" + jwksUri)
                .withPropertyValues(more);
    }

    private static InvalidWalletGatePropertyException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable cause = context.getStartupFailure();
        while (!(cause instanceof InvalidWalletGatePropertyException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(InvalidWalletGatePropertyException.class);
        return (InvalidWalletGatePropertyException) cause;
    }

    private static void failsWith(AssertableApplicationContext context, String property, String message) {
        InvalidWalletGatePropertyException e = failure(context);
        assertThat(e).hasMessage(message);
        assertThat(e.property()).isEqualTo(property);
    }

    @Test
    void builds_a_verifier_of_the_configured_issuers() {
        web3auth("walletgate.issuers[1].profile=sequence-oms", "walletgate.issuers[1].name=oms",
                "walletgate.issuers[1].issuer=https://oms.example.com", "walletgate.issuers[1].audience=project-1",
                "walletgate.issuers[2].profile=oidc", "walletgate.issuers[2].issuer=https://login.example.com",
                "walletgate.issuers[2].audience=api,web", "walletgate.issuers[2].algorithms=EdDSA",
                "walletgate.issuers[2].jwks-uri=" + jwksUri, "walletgate.issuers[2].require-wallet-proof=true",
                "walletgate.issuers[2].max-token-age=5m", "walletgate.verification.clock-skew=30s",
                "walletgate.verification.token-cache=0")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(WalletVerifier.class);
                    List<IssuerProfile> issuers = context.getBean(WalletVerifier.class).issuers();
                    assertThat(issuers).extracting(IssuerProfile::name).containsExactly("web3auth", "oms", "oidc");
                    assertThat(issuers.get(0).audiences()).containsExactly("my-client-id");
                    assertThat(issuers.get(0).jwksUri()).isEqualTo(URI.create(jwksUri));
                    assertThat(issuers.get(1).acceptedIssuers()).containsExactly("https://oms.example.com");
                    assertThat(issuers.get(1).jwksUri())
                            .isEqualTo(URI.create("https://oms.example.com/.well-known/jwks.json"));
                    assertThat(issuers.get(2).audiences()).containsExactly("api", "web");
                    assertThat(issuers.get(2).algorithms()).containsExactly("EdDSA");
                    assertThat(issuers.get(2).requiresWalletProof()).isTrue();
                    assertThat(issuers.get(2).maxTokenAge()).isEqualTo(Duration.ofMinutes(5));
                });
    }

    @Test
    void reads_keys_from_a_jwks_file_and_persists_remote_keys_in_the_data_directory(DevIssuer issuer,
                                                                                   @TempDir Path dir)
            throws Exception {
        Path jwks = Files.writeString(dir.resolve("nopwd.json"), java.net.http.HttpClient.newHttpClient()
                .send(java.net.http.HttpRequest.newBuilder(issuer.jwksUri("nopwd")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        Path data = dir.resolve("data");
        web3auth("walletgate.issuers[1].profile=nopwd", "walletgate.issuers[1].audience=example.com",
                "walletgate.issuers[1].jwks-file=" + jwks, "walletgate.keys.data-directory=" + data)
                .run(context -> {
                    WalletVerifier verifier = context.getBean(WalletVerifier.class);
                    assertThat(verifier.keySources().get("nopwd").description()).contains("nopwd.json");
                    verifier.keySources().get("web3auth").keys().get();
                    assertThat(data).isNotEmptyDirectory();
                });
    }

    @Test
    void a_relative_public_key_path_resolves_against_the_working_directory() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        Path relative = Path.of("target", "starter-test-" + System.nanoTime() + ".pem");
        Files.createDirectories(relative.getParent());
        Files.writeString(relative, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(g.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        try {
            runner.withPropertyValues("walletgate.issuers[0].profile=web3auth", "walletgate.issuers[0].audience=c",
                    "walletgate.issuers[0].public-key=" + relative).run(context -> assertThat(context
                    .getBean(WalletVerifier.class).keySources().get("web3auth").keys().join().keys()).hasSize(1));
        } finally {
            Files.delete(relative);
        }
        runner.withPropertyValues("walletgate.issuers[0].profile=web3auth", "walletgate.issuers[0].audience=c",
                "walletgate.issuers[0].public-key=" + relative).run(context -> failsWith(context,
                "walletgate.issuers[0].public-key", "walletgate.issuers[0].public-key: is neither a PEM block nor a"
                        + " readable PEM file: " + relative));
    }

    @Test
    void fails_the_start_when_the_audience_is_missing() {
        runner.withPropertyValues("walletgate.issuers[0].profile=web3auth")
                .run(context -> failsWith(context, "walletgate.issuers[0].audience",
                        "walletgate.issuers[0].audience is required for the web3auth profile (your Web3Auth"
                                + " project's client ID)"));
    }

    @Test
    void fails_the_start_on_an_unknown_profile() {
        runner.withPropertyValues("walletgate.issuers[0].profile=web3oauth", "walletgate.issuers[0].audience=x")
                .run(context -> failsWith(context, "walletgate.issuers[0].profile",
                        "walletgate.issuers[0].profile is 'web3oauth'; known profiles: "
                                + String.join(", ", IssuerProfiles.NAMES)));
    }

    @Test
    void fails_the_start_without_any_issuer() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
                    "walletgate.issuers is required: configure at least one issuer");
        });
    }

    @Test
    void fails_the_start_on_a_plain_http_jwks_uri_that_is_not_loopback() {
        runner.withPropertyValues("walletgate.issuers[0].profile=nopwd", "walletgate.issuers[0].audience=example.com",
                        "walletgate.issuers[0].jwks-uri=http://keys.example.com/jwks")
                .run(context -> failsWith(context, "walletgate.issuers[0].jwks-uri",
                        "walletgate.issuers[0].jwks-uri: jwksUri must use https (plain http only on a loopback"
                                + " host): http://keys.example.com/jwks"));
    }

    @Test
    void fails_the_start_on_a_value_the_library_refuses_with_its_message() {
        web3auth("walletgate.verification.clock-skew=11m")
                .run(context -> failsWith(context, "walletgate.verification.clock-skew",
                        "walletgate.verification.clock-skew: clockSkew must be between 0 and 10 minutes: PT11M"));
        web3auth("walletgate.issuers[0].algorithms=HS256")
                .run(context -> {
                    InvalidWalletGatePropertyException e = failure(context);
                    assertThat(e.property()).isEqualTo("walletgate.issuers[0].algorithms");
                    assertThat(e).hasMessageStartingWith("walletgate.issuers[0].algorithms: issuer 'web3auth'"
                            + " (web3auth): ").hasMessageContaining("HS256")
                            .hasMessageEndingWith(e.getCause().getMessage().substring(
                                    "issuer 'web3auth' (web3auth): ".length()));
                });
    }

    @Test
    void fails_the_start_on_a_bad_duration_naming_the_property() {
        web3auth("walletgate.verification.clock-skew=6o s").run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (!(t instanceof BindException)) {
                t = t.getCause();
            }
            assertThat(t).hasMessageContaining("walletgate.verification.clock-skew")
                    .hasMessageContaining("java.time.Duration");
        });
    }

    @Test
    void fails_the_start_on_a_misspelled_property() {
        web3auth("walletgate.issuers[0].audiance=x").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("walletgate.issuers[0].audiance");
        });
    }

    @Test
    void builds_the_embedded_wallet_provider_profiles_from_their_properties() {
        web3auth("walletgate.issuers[1].profile=dynamic", "walletgate.issuers[1].environment-id=env-1",
                "walletgate.issuers[1].audience=https://app.example", "walletgate.issuers[1].jwks-uri=" + jwksUri,
                "walletgate.issuers[2].profile=para", "walletgate.issuers[2].audience=key-id",
                "walletgate.issuers[2].environment=sandbox", "walletgate.issuers[2].jwks-uri=" + jwksUri,
                "walletgate.issuers[3].profile=magic",
                "walletgate.issuers[3].audience=magic-client", "walletgate.issuers[4].profile=privy",
                "walletgate.issuers[4].audience=cm4app", "walletgate.issuers[4].jwks-uri=" + jwksUri)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    List<IssuerProfile> issuers = context.getBean(WalletVerifier.class).issuers();
                    assertThat(issuers.get(1).acceptedIssuers()).containsExactly("app.dynamicauth.com/env-1",
                            "app.dynamic.xyz/env-1");
                    assertThat(issuers.get(2).acceptsTokensWithoutIssuer()).isTrue(); // its hosts: IssuerSettingsTest
                    assertThat(issuers.get(3).keySource()).isNull();
                    assertThat(issuers.get(4).acceptedIssuers()).containsExactly("privy.io");
                });
        runner.withPropertyValues("walletgate.issuers[0].profile=dynamic",
                        "walletgate.issuers[0].audience=https://app.example")
                .run(context -> failsWith(context, "walletgate.issuers[0].environment-id",
                        "walletgate.issuers[0].environment-id is required for the dynamic profile (the environment ID"
                                + " of your Dynamic dashboard)"));
    }

    @Test
    void fails_the_start_when_a_profile_lacks_what_it_needs() {
        runner.withPropertyValues("walletgate.issuers[0].profile=sequence-oms", "walletgate.issuers[0].audience=p")
                .run(context -> failsWith(context, "walletgate.issuers[0].issuer",
                        "walletgate.issuers[0].issuer is required for the sequence-oms profile (OMS_TOKEN_ISSUER)"));
        runner.withPropertyValues("walletgate.issuers[0].profile=oidc", "walletgate.issuers[0].audience=api",
                        "walletgate.issuers[0].issuer=https://login.example.com")
                .run(context -> failsWith(context, "walletgate.issuers[0].algorithms",
                        "walletgate.issuers[0].algorithms is required for the oidc profile (any of ES256, ES384,"
                                + " RS256, PS256, EdDSA)"));
        web3auth("walletgate.issuers[0].public-key=-----BEGIN PUBLIC KEY-----")
                .run(context -> failsWith(context, "walletgate.issuers[0]",
                        "walletgate.issuers[0]: give at most one of jwks-uri, jwks-file and public-key"));
    }

    @Test
    void fails_the_start_when_two_issuers_conflict() {
        web3auth("walletgate.issuers[1].profile=web3auth", "walletgate.issuers[1].audience=other")
                .run(context -> failsWith(context, "walletgate.issuers",
                        "walletgate.issuers: two issuers are named 'web3auth': give one withName(…)"));
    }

    @Test
    void explains_a_property_mistake_in_the_start_up_report() {
        runner.withPropertyValues("walletgate.issuers[0].profile=web3auth").run(context -> {
            FailureAnalysis analysis = new WalletGatePropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith("walletgate.issuers[0].audience is required");
            assertThat(analysis.getAction()).contains("Correct 'walletgate.issuers[0].audience'");
        });
    }

    @Test
    void backs_off_when_disabled_or_when_the_application_has_its_own_verifier() {
        runner.withPropertyValues("walletgate.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WalletVerifier.class));
        WalletVerifier own = WalletVerifier.builder().issuer(IssuerProfiles.nopwd("own.example")
                .withJwks("{\"keys\":[]}")).build();
        runner.withBean(WalletVerifier.class, () -> own)
                .run(context -> assertThat(context.getBean(WalletVerifier.class)).isSameAs(own));
    }

    @Test
    void applies_customizers_last() {
        web3auth().withBean(WalletVerifierCustomizer.class, () -> b -> b.issuer(IssuerProfiles.nopwd("extra.example")
                        .withJwks("{\"keys\":[]}")))
                .run(context -> assertThat(context.getBean(WalletVerifier.class).issuers())
                        .extracting(IssuerProfile::name).containsExactly("web3auth", "nopwd"));
    }

    @Test
    void adds_the_security_beans_metrics_and_health_only_with_their_libraries() {
        ApplicationContextRunner all = web3auth().withConfiguration(AutoConfigurations.of(
                WalletGateSecurityAutoConfiguration.class, WalletGateMetricsAutoConfiguration.class,
                WalletGateHealthAutoConfiguration.class));
        all.run(context -> assertThat(context).hasSingleBean(WalletAuthenticationProvider.class)
                .hasSingleBean(WalletGateHealthIndicator.class)
                .doesNotHaveBean(MicrometerVerificationListener.class)); // no MeterRegistry here
        all.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(MicrometerVerificationListener.class);
            // registered on the auto-configured verifier: every verification it makes is counted
            assertThatThrownBy(() -> context.getBean(WalletVerifier.class).verify("not.a-token",
                    io.walletgate.WalletProof.none())).isInstanceOf(io.walletgate.WalletVerificationException.class);
            assertThat(context.getBean(MeterRegistry.class).get(MicrometerVerificationListener.COUNTER)
                    .tag("issuer", "unknown").tag("outcome", "token_malformed").counter().count()).isEqualTo(1.0);
        });
        all.withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "io.micrometer"))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(WalletGateHealthIndicator.class)
                        .doesNotHaveBean(MicrometerVerificationListener.class));
        all.withPropertyValues("management.health.walletgate.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(WalletGateHealthIndicator.class));
    }
}
