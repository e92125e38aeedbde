package io.walletgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.WalletGateTestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code walletgate verify} as a process with the profiles of docs/architecture.md §12, configured by flags
 * ({@code --profile privy …}, {@code --environment-id}, {@code --environment}), by the environment and by a file
 * holding the dashboard's PEM: each provider's token verifies with the frontend's address, each kind of bad one exits
 * 1 with its code, and a setting that does not fit exits 2 naming the flag.
 */
@WalletGateTestIssuer
class ProviderCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DevIssuer issuer;

    ProviderCliIT(DevIssuer issuer) {
        this.issuer = issuer;
    }

    private List<String> flags(String profile) {
        List<String> f = new ArrayList<>(List.of("verify", "--profile", profile, "--audience", issuer.audience()));
        if (profile.equals("dynamic")) {
            f.addAll(List.of("--environment-id", DevIssuer.DYNAMIC_ENVIRONMENT_ID));
        }
        if (profile.equals("para")) {
            f.addAll(List.of("--environment", "sandbox"));
        }
        if (!profile.equals("magic")) {
            f.addAll(List.of("--jwks-uri", issuer.jwksUri(profile).toString()));
        }
        return f;
    }

    private Cli.Result verify(String profile, MintedToken t, String address) {
        List<String> args = flags(profile);
        if (address != null) {
            args.addAll(List.of("--address", address));
        }
        args.addAll(List.of("--json", t.token()));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertRejected(Cli.Result r, String code) throws Exception {
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isEqualTo(1);
        assertThat(JSON.readTree(r.out()).get("error").get("code").asText()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"privy", "dynamic", "para", "magic"})
    void verifies_each_providers_token_with_the_frontends_address(String profile) throws Exception {
        MintedToken t = issuer.token(profile).mint();

        Cli.Result r = verify(profile, t, t.address());

        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        JsonNode n = JSON.readTree(r.out());
        assertThat(n.get("profile").asText()).isEqualTo(profile);
        assertThat(n.get("issuer").asText()).isEqualTo(t.issuer() == null ? "" : t.issuer());
        assertThat(n.get("wallet").get("address").asText()).isEqualToIgnoringCase(t.address());
    }

    @Test
    void each_providers_rejections_exit_one_with_their_code() throws Exception {
        // one process each (a JVM start apiece): the library and service tests cover every code of every profile
        String other = issuer.para().mint().address();
        assertRejected(verify("privy", issuer.privy().mint(), other), "wallet_mismatch");
        assertRejected(verify("dynamic", issuer.dynamic().requiresAdditionalAuth().mint(), null), "claim_invalid");
        assertRejected(verify("para", issuer.para().unknownKid().mint(), null), "key_not_found");
        assertRejected(verify("magic", issuer.magic().signedByOtherKey().mint(), null), "signature_invalid");
    }

    @Test
    void the_environment_and_a_pem_file_configure_the_providers(@TempDir Path dir) throws Exception {
        MintedToken dynamic = issuer.dynamic().documentedIssuer().mint();
        Cli.Result byEnv = Cli.run(null, Map.of("WALLETGATE_DYNAMIC_ENVIRONMENT_ID", DevIssuer.DYNAMIC_ENVIRONMENT_ID,
                "WALLETGATE_DYNAMIC_ORIGIN", issuer.audience(), "WALLETGATE_ISSUERS_0_JWKS_URI",
                issuer.jwksUri("dynamic").toString()), "verify", "--json", dynamic.token());
        assertThat(byEnv.exit()).as("stderr: %s", byEnv.err()).isZero();

        Path pem = dir.resolve("privy.pem");
        Files.writeString(pem, issuer.verificationKey("privy"));
        Path config = dir.resolve("walletgate.yaml");
        Files.writeString(config, "issuers:\n  - profile: privy\n    audience: " + issuer.audience()
                + "\n    publicKey: " + pem + "\n  - profile: magic\n    audience: " + issuer.audience() + "\n");
        MintedToken privy = issuer.privy().linkedAccountsAsArray().mint();
        assertThat(Cli.run("verify", "--config", config.toString(), "--address", privy.address(), "--json",
                privy.token()).exit()).isZero();
    }

    @Test
    void settings_that_do_not_fit_a_provider_exit_two_naming_the_flag() {
        Cli.Result noEnv = Cli.run("verify", "--profile", "dynamic", "--audience", "https://app.example", "t");
        assertThat(noEnv.exit()).isEqualTo(2);
        assertThat(noEnv.err()).contains("--environment-id is required for the dynamic profile");
        Cli.Result badEnv = Cli.run("verify", "--profile", "para", "--audience", "k", "--environment", "staging", "t");
        assertThat(badEnv.exit()).isEqualTo(2);
        assertThat(badEnv.err()).contains("environment must be one of production, beta, sandbox: staging");
        Cli.Result magicKeys = Cli.run("verify", "--profile", "magic", "--audience", "c", "--jwks-uri",
                "https://keys.example/jwks", "t");
        assertThat(magicKeys.exit()).isEqualTo(2);
        assertThat(magicKeys.err()).contains("--jwks-uri").contains("does not apply to the magic profile");
    }
}
