package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The JUnit 5 extension: one issuer per test class, injected into constructors, lifecycle and test methods,
 * shared with {@code @Nested} classes, configured by the annotation, and stopped after the class. The classes
 * under test run in-process through the JUnit launcher, so that the stop after the class can be observed.
 */
class DevIssuerExtensionTest {
    static final List<DevIssuer> SEEN = new ArrayList<>();

    @Test
    void starts_one_issuer_per_class_injects_it_everywhere_and_stops_it_after_the_class() {
        SEEN.clear();
        TestExecutionSummary summary = run(AnnotatedClass.class);

        assertThat(summary.getTestsFailedCount()).as(failures(summary)).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        assertThat(SEEN).hasSize(7);
        assertThat(SEEN).allSatisfy(i -> assertThat(i).isSameAs(SEEN.get(0)));
        assertThat(SEEN.get(0).isClosed()).isTrue();
        assertThat(SEEN.get(0).audience()).isEqualTo("annotated-audience");
        assertThat(SEEN.get(0).oidcAlgorithm()).isEqualTo("ES256");
    }

    @Test
    void each_class_gets_its_own_issuer() {
        SEEN.clear();
        run(AnnotatedClass.class);
        DevIssuer first = SEEN.get(0);
        SEEN.clear();
        run(RegisteredClass.class);

        assertThat(SEEN).isNotEmpty().allSatisfy(i -> assertThat(i).isNotSameAs(first));
        assertThat(SEEN.get(0).isClosed()).isTrue();
        assertThat(SEEN.get(0).audience()).isEqualTo("registered-audience");
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), listener);
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        StringBuilder sb = new StringBuilder();
        summary.getFailures().forEach(f -> sb.append(f.getTestIdentifier().getDisplayName()).append(": ")
                .append(f.getException()).append('\n'));
        return sb.toString();
    }

    @WalletGateTestIssuer(audience = "annotated-audience", oidcAlgorithm = "ES256")
    static class AnnotatedClass {
        AnnotatedClass(DevIssuer issuer) {
            SEEN.add(issuer);
        }

        @BeforeAll
        static void before(DevIssuer issuer) {
            SEEN.add(issuer);
        }

        @Test
        void first(DevIssuer issuer) {
            SEEN.add(issuer);
            assertThat(issuer.isClosed()).isFalse();
        }

        @Test
        void second(DevIssuer issuer) {
            SEEN.add(issuer);
        }

        @Nested
        class Inner {
            @Test
            void nested_classes_share_the_issuer(DevIssuer issuer) {
                SEEN.add(issuer);
            }
        }
    }

    static class RegisteredClass {
        @org.junit.jupiter.api.extension.RegisterExtension
        static final DevIssuerExtension EXTENSION = new DevIssuerExtension(b -> b.audience("registered-audience"));

        @Test
        void static_field_and_parameter_are_the_same_issuer(DevIssuer issuer) {
            SEEN.add(issuer);
            assertThat(EXTENSION.issuer()).isSameAs(issuer);
        }
    }
}
