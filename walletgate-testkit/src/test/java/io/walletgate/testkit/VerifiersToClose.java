package io.walletgate.testkit;

import io.walletgate.WalletVerifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The verifiers a test builds, closed after it so that their remote key sources' background refresh stops. A test
 * class registers one as a field with {@code @RegisterExtension} and passes each verifier through {@link #add}.
 */
final class VerifiersToClose implements AfterEachCallback {
    private final List<WalletVerifier> verifiers = new ArrayList<>();

    /** Closes {@code verifier} after the running test; answers it. */
    WalletVerifier add(WalletVerifier verifier) {
        verifiers.add(verifier);
        return verifier;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        verifiers.forEach(WalletVerifier::close);
        verifiers.clear();
    }
}
