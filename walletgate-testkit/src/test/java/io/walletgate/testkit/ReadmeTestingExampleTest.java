package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
// tag::testing[]
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.WalletGateTestIssuer;
import org.junit.jupiter.api.Test;

@WalletGateTestIssuer                                   // one local issuer per test class, on a free port
class WalletLoginTest {
    private final WalletVerifier verifier;

    WalletLoginTest(DevIssuer issuer) {                 // injected here and into test methods
        verifier = WalletVerifier.builder()
                .issuer(issuer.profile("web3auth", "my-client-id"))   // IssuerProfiles.web3auth, keys from the issuer
                .build();
    }

    @Test
    void accepts_a_web3auth_login(DevIssuer issuer) {
        MintedToken login = issuer.web3auth()           // shaped like Web3Auth's: wallets[], userId, nonce, …
                .audience("my-client-id")
                .wallets(2)                             // real app keys on both curves
                .claim("email", "ada@example.com")
                .mint();

        VerifiedIdentity id = verifier.verify(login.token(), WalletProof.appPublicKey(login.appPublicKey()));

        assertEquals(login.address(), id.wallet().address());
        assertEquals("ada@example.com", id.email());
    }

    @Test
    void rejects_an_expired_login(DevIssuer issuer) {
        MintedToken login = issuer.web3auth().audience("my-client-id").expired().mint();

        WalletVerificationException e = assertThrows(WalletVerificationException.class,
                () -> verifier.verify(login.token(), login.proof()));
        assertEquals(ErrorCode.TOKEN_EXPIRED, e.code());
    }
}
// end::testing[]

/**
 * The README's "Testing your backend" example: the block after {@code <!-- example: testing -->} must equal the
 * region {@code tag::testing} of this file, and that region (the class {@code WalletLoginTest}) must pass.
 */
class ReadmeTestingExampleTest {
    private static final String SOURCE =
            "walletgate-testkit/src/test/java/io/walletgate/testkit/ReadmeTestingExampleTest.java";

    @Test
    void readme_block_equals_the_example_that_runs() throws IOException {
        Path root = projectRoot();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher m = Pattern.compile("<!-- example: testing -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);

        assertThat(m.find()).as("README has a block marked <!-- example: testing -->").isTrue();
        assertThat(m.group(1).strip()).isEqualTo(region(Files.readString(root.resolve(SOURCE)), "testing"));
        assertThat(m.find()).as("only one testing block").isFalse();
    }

    @Test
    void the_example_passes() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(WalletLoginTest.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    }

    private static String region(String source, String name) {
        int start = source.indexOf("// tag::" + name + "[]");
        int end = source.indexOf("// end::" + name + "[]");
        assertThat(start).as("region %s", name).isPositive();
        String body = source.substring(source.indexOf('\n', start) + 1, end);
        List<String> lines = new ArrayList<>(body.lines().toList());
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString().strip();
    }

    static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("project root (with mvnw) not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
