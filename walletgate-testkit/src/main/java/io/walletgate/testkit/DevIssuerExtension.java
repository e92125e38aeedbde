package io.walletgate.testkit;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension: one {@link DevIssuer} per test class, started before the class and stopped after it, injected
 * as a {@link DevIssuer} parameter (test and lifecycle methods, constructors). {@code @Nested} classes share their
 * enclosing class's issuer. Use {@link WalletGateTestIssuer}, {@code @ExtendWith(DevIssuerExtension.class)}, or
 * register it to configure the issuer:
 *
 * <pre>{@code
 * @RegisterExtension
 * static DevIssuerExtension issuer = new DevIssuerExtension(b -> b.clock(clock).oidcAlgorithm("ES256"));
 * }</pre>
 */
public final class DevIssuerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DevIssuer.class);
    private static final String KEY = "issuer";

    private final Consumer<DevIssuer.Builder> configuration;
    private volatile DevIssuer last;

    /** An extension that configures the issuer from {@link WalletGateTestIssuer} when present, else defaults. */
    public DevIssuerExtension() {
        this(b -> {
        });
    }

    /**
     * An extension that configures each issuer it starts with {@code configuration} (after the annotation's).
     *
     * @param configuration what to set on each issuer's builder
     */
    public DevIssuerExtension(Consumer<DevIssuer.Builder> configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /**
     * The issuer this extension started most recently (for a {@code static} registered extension: the current
     * class's).
     *
     * @return the issuer
     * @throws IllegalStateException before any was started
     */
    public DevIssuer issuer() {
        DevIssuer issuer = last;
        if (issuer == null) {
            throw new IllegalStateException("no dev issuer has been started yet: it starts before the test class");
        }
        return issuer;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        issuerFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DevIssuer issuer = context.getStore(NAMESPACE).remove(KEY, DevIssuer.class);
        if (issuer != null) {
            issuer.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevIssuer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return issuerFor(context);
    }

    // The issuer of the nearest enclosing class context that has one; else a new one in the nearest class context.
    private DevIssuer issuerFor(ExtensionContext context) {
        ExtensionContext classContext = null;
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            DevIssuer existing = c.get().getStore(NAMESPACE).get(KEY, DevIssuer.class);
            if (existing != null) {
                return existing;
            }
            if (classContext == null && c.get().getTestClass().isPresent() && c.get().getTestMethod().isEmpty()) {
                classContext = c.get();
            }
        }
        ExtensionContext owner = classContext != null ? classContext : context;
        DevIssuer.Builder builder = DevIssuer.builder();
        owner.getTestClass().flatMap(type -> AnnotationSupport.findAnnotation(type, WalletGateTestIssuer.class))
                .ifPresent(a -> builder.audience(a.audience()).oidcAlgorithm(a.oidcAlgorithm()));
        configuration.accept(builder);
        DevIssuer issuer = builder.start();
        owner.getStore(NAMESPACE).put(KEY, issuer);
        last = issuer;
        return issuer;
    }
}
