/**
 * WalletGate testkit: a local issuer that mints tokens shaped like each provider's (Web3Auth social, legacy and
 * external wallets, Sequence OMS and WaaS, NoPwd, generic OIDC) and serves their keys over real HTTP, for the tests
 * of backends that use WalletGate. Start with {@link io.walletgate.testkit.DevIssuer} or the JUnit 5 annotation
 * {@link io.walletgate.testkit.WalletGateTestIssuer}.
 */
package io.walletgate.testkit;
