package io.walletgate.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one {@link DevIssuer} for the annotated test class (and its {@code @Nested} classes), stops it after the
 * class, and injects it into test methods, lifecycle methods and constructors that declare a {@link DevIssuer}
 * parameter.
 *
 * <pre>{@code
 * @WalletGateTestIssuer
 * class LoginTest {
 *     @Test
 *     void accepts_a_login(DevIssuer issuer) { … }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DevIssuerExtension.class)
public @interface WalletGateTestIssuer {
    /** {@return the default audience of minted tokens and of {@link DevIssuer#profile(String)}} */
    String audience() default DevIssuer.DEFAULT_AUDIENCE;

    /** {@return the OIDC profile's signing algorithm: {@code EdDSA} or {@code ES256}} */
    String oidcAlgorithm() default "EdDSA";
}
