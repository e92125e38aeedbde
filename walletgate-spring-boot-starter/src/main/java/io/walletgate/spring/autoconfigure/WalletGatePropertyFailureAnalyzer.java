package io.walletgate.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@code walletgate.*} property mistake as Spring Boot's start-up failure report: what and where. */
final class WalletGatePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWalletGatePropertyException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidWalletGatePropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct '" + cause.property() + "' in the application's"
                + " configuration (application.yml, application.properties or the environment). The walletgate.*"
                + " properties are listed in WalletGate's docs/spring-boot.md.", cause);
    }
}
