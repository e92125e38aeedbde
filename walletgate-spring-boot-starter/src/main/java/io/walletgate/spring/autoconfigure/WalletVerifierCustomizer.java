package io.walletgate.spring.autoconfigure;

import io.walletgate.WalletVerifier;

/**
 * Changes the auto-configured {@link WalletVerifier} before it is built, after the {@code walletgate.*} properties
 * were applied: declare one or more as beans, e.g. to add an issuer with its own
 * {@link io.walletgate.keys.KeySource} or to force a JCA provider.
 *
 * <pre>{@code
 * @Bean
 * WalletVerifierCustomizer nativeCrypto() {
 *     return builder -> builder.signatureProvider(new MyProvider());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface WalletVerifierCustomizer {
    /** Customizes the builder. */
    void customize(WalletVerifier.Builder builder);
}
