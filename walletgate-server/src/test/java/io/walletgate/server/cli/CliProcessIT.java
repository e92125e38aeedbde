package io.walletgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.TokenBuilder;
import io.walletgate.testkit.WalletGateTestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code walletgate} jar run as a process: exit codes, the JSON contract of docs/architecture.md §9 for every
 * profile and for every error code the CLI can produce, standard input, {@code --at}, and configuration mistakes.
 * Tokens come from the testkit's local issuer, keys over real HTTP.
 */
@WalletGateTestIssuer
class CliProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DevIssuer issuer;

    CliProcessIT(DevIssuer issuer) {
        this.issuer = issuer;
    }

    /** The flags that describe one testkit profile as the CLI would be told it. */
    private List<String> flags(String profile) {
        List<String> f = new ArrayList<>(List.of("--profile", profile, "--audience", issuer.audience()));
        switch (profile) {
            case "sequence-oms":
                f.addAll(List.of("--issuer", issuer.issuer(profile)));
                break;
            case "oidc":
                f.addAll(List.of("--issuer", issuer.issuer(profile), "--alg", issuer.oidcAlgorithm()));
                break;
            default:
                f.addAll(List.of("--jwks-uri", issuer.jwksUri(profile).toString()));
        }
        return f;
    }

    private Cli.Result verify(String profile, MintedToken t, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify"));
        args.addAll(flags(profile));
        args.addAll(List.of(extra));
        args.add("--json");
        args.add(t.token());
        return Cli.run(args.toArray(String[]::new));
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        assertThat(r.out().strip().lines()).as("exactly one JSON object on stdout; stderr: %s", r.err()).hasSize(1);
        return JSON.readTree(r.out());
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private static void assertRejected(Cli.Result r, String code) throws Exception {
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isEqualTo(1);
        JsonNode n = json(r);
        assertThat(keys(n)).containsExactly("valid", "error");
        assertThat(n.get("valid").asBoolean()).isFalse();
        assertThat(keys(n.get("error"))).containsExactly("code", "message");
        assertThat(n.get("error").get("code").asText()).isEqualTo(code);
        assertThat(n.get("error").get("message").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web3auth", "web3auth-legacy", "web3auth-external", "sequence-oms", "sequence-waas",
        "nopwd", "oidc"})
    void prints_the_json_contract_for_a_valid_token_of_every_profile(String profile) throws Exception {
        MintedToken t = issuer.token(profile).mint();
        List<String> proof = t.appPublicKey() != null ? List.of("--app-pub-key", t.appPublicKey())
                : t.address() != null ? List.of("--address", t.address()) : List.of();
        Cli.Result r = verify(profile, t, proof.toArray(String[]::new));
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        JsonNode n = json(r);
        assertThat(keys(n)).containsExactly("valid", "profile", "issuer", "subject", "audience", "expiresAt", "wallet",
                "wallets", "email");
        assertThat(n.get("valid").asBoolean()).isTrue();
        assertThat(n.get("profile").asText()).isEqualTo(profile);
        assertThat(n.get("issuer").asText()).isEqualTo(issuer.issuer(profile));
        assertThat(n.get("audience").get(0).asText()).isEqualTo(issuer.audience());
        assertThat(Instant.parse(n.get("expiresAt").asText())).isAfter(Instant.now());
        if (!proof.isEmpty() || profile.startsWith("sequence")) {
            assertThat(keys(n.get("wallet"))).containsExactly("type", "curve", "publicKey", "address");
            assertThat(n.get("wallet").get("address").asText()).isNotBlank();
        }
    }

    @Test
    void exit_code_zero_with_a_human_report_when_valid() {
        MintedToken t = issuer.web3auth().mint();
        List<String> args = new ArrayList<>(List.of("verify"));
        args.addAll(flags("web3auth"));
        args.addAll(List.of("--app-pub-key", t.appPublicKey(), t.token()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("valid: web3auth token for ").contains("(proven)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void exit_code_one_with_the_code_on_stderr_when_rejected() {
        MintedToken t = issuer.web3auth().expired().mint();
        List<String> args = new ArrayList<>(List.of("verify"));
        args.addAll(flags("web3auth"));
        args.add(t.token());
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("rejected: token_expired (the token has expired)");
    }

    @Test
    void reads_the_token_from_standard_input() throws Exception {
        MintedToken t = issuer.nopwd().mint();
        List<String> args = new ArrayList<>(List.of("verify"));
        args.addAll(flags("nopwd"));
        args.addAll(List.of("--json", "-"));
        Cli.Result r = Cli.run(t.token() + "\n", Map.of(), args.toArray(String[]::new));
        assertThat(r.exit()).isZero();
        assertThat(json(r).get("subject").asText()).isEqualTo(t.claims().get("sub"));
    }

    @Test
    void at_verifies_the_real_web3auth_token_as_of_its_lifetime() throws Exception {
        Path fixtures = Cli.projectRoot().resolve("fixtures/web3auth");
        String token = JSON.readTree(fixtures.resolve("social-2023.json").toFile()).get("token").asText();
        String clientId = JSON.readTree(fixtures.resolve("social-2023.json").toFile()).get("clientId").asText();
        String[] base = {"verify", "--profile", "web3auth", "--audience", clientId, "--jwks-file",
            fixtures.resolve("jwks.json").toString(), "--app-pub-key",
            "02ecaaddf2f1cf22986615b09789982a3b3a63171e22b201ad86f7cb696ff62f4e", "--json"};
        Cli.Result during = Cli.run(concat(base, "--at", "2023-10-03T14:00:00Z", token));
        assertThat(during.exit()).isZero();
        assertThat(json(during).get("wallet").get("address").asText())
                .isEqualTo("0x39d41dEdAa17A4b20f512E04A4E4584fB4FD0CD6");
        Cli.Result epoch = Cli.run(concat(base, "--at", "1696339900", token));
        assertThat(epoch.exit()).isZero();
        assertRejected(Cli.run(concat(base, "--at", "2023-10-04T13:31:45Z", token)), "token_expired");
        assertRejected(Cli.run(concat(base, token)), "token_expired");
    }

    @Test
    void every_error_code_the_cli_can_produce_is_in_the_json(@TempDir Path dir) throws Exception {
        TokenBuilder w3a = issuer.web3auth();
        assertRejected(verify("web3auth", w3a.expired().mint()), "token_expired");
        assertRejected(verify("web3auth", w3a.wrongAudience().mint()), "audience_mismatch");
        assertRejected(verify("web3auth", w3a.tamperedSignature().mint()), "signature_invalid");
        assertRejected(verify("web3auth", w3a.derSignature().mint()), "signature_invalid");
        assertRejected(verify("web3auth", w3a.algNone().mint()), "alg_not_allowed");
        assertRejected(verify("web3auth", w3a.unknownKid().mint()), "key_not_found");
        assertRejected(verify("web3auth", w3a.header("jku", "https://evil.example/jwks").mint()), "header_invalid");
        assertRejected(verify("web3auth", w3a.notBefore(Instant.now().plus(Duration.ofHours(1))).mint()),
                "token_not_yet_valid");
        assertRejected(verify("web3auth", w3a.claim("iss", "https://evil.example").mint()), "issuer_unknown");
        assertRejected(verify("web3auth", w3a.mint(), "--app-pub-key", "0xnot-a-key"), "wallet_proof_invalid");
        assertRejected(verify("web3auth", w3a.mint(), "--app-pub-key",
                issuer.web3auth().mint().appPublicKey()), "wallet_mismatch");
        assertRejected(verify("sequence-oms", issuer.sequenceOms().withoutClaim("sub").mint()), "claim_missing");
        assertRejected(verify("sequence-oms", issuer.sequenceOms().claim("wallet_type", "solana").mint()),
                "claim_invalid");

        List<String> args = new ArrayList<>(List.of("verify"));
        args.addAll(flags("web3auth"));
        args.addAll(List.of("--json", "-"));
        assertRejected(Cli.run("not.a.token", Map.of(), args.toArray(String[]::new)), "token_malformed");
        assertRejected(Cli.run("", Map.of(), args.toArray(String[]::new)), "token_missing");
        assertRejected(Cli.run("a".repeat(20_000), Map.of(), args.toArray(String[]::new)), "token_too_large");

        Path config = dir.resolve("old.yaml");
        Files.writeString(config, "issuers: [{profile: nopwd, audience: " + issuer.audience() + ", jwksUri: '"
                + issuer.jwksUri("nopwd") + "'}]\nverification: {maxTokenAge: 1m}\n");
        MintedToken old = issuer.nopwd().issuedAt(Instant.now().minus(Duration.ofMinutes(10))).mint();
        assertRejected(Cli.run("verify", "--config", config.toString(), "--json", old.token()), "token_too_old");

        Cli.Result down = Cli.run("verify", "--profile", "nopwd", "--audience", issuer.audience(), "--jwks-uri",
                "http://127.0.0.1:9/jwks", "--json", issuer.nopwd().mint().token());
        assertRejected(down, "jwks_unavailable");
    }

    @Test
    void usage_errors_exit_with_two() {
        Cli.Result unknownFlag = Cli.run("verify", "--nope", "x");
        assertThat(unknownFlag.exit()).isEqualTo(2);
        assertThat(unknownFlag.err()).contains("Unknown option: '--nope'");
        Cli.Result bothProofs = Cli.run("verify", "--profile", "nopwd", "--audience", "a", "--app-pub-key", "02",
                "--address", "0x", "t");
        assertThat(bothProofs.exit()).isEqualTo(2);
        assertThat(bothProofs.err()).contains("mutually exclusive");
        Cli.Result badAt = Cli.run("verify", "--profile", "nopwd", "--audience", "a", "--at", "yesterday", "t");
        assertThat(badAt.exit()).isEqualTo(2);
        assertThat(badAt.err()).contains("--at must be an ISO-8601 instant");
        Cli.Result noIssuer = Cli.run("verify", "t");
        assertThat(noIssuer.exit()).isEqualTo(2);
        assertThat(noIssuer.err()).contains("no issuer configured");
    }

    @Test
    void configuration_mistakes_exit_with_two_naming_the_entry_and_field(@TempDir Path dir) throws Exception {
        assertConfigError(dir, "issuers: [{profile: web3oauth, audience: a}]",
                "issuers[0]: 'profile' is 'web3oauth'; known profiles:");
        assertConfigError(dir, "issuers: [{profile: nopwd}]", "issuers[0]: 'audience' is required");
        assertConfigError(dir, "issuers: [{profile: nopwd, audience: a}]\nverification: {clockSkew: 6o s}",
                "verification: 'clockSkew' value '6o s' is not a duration");
        assertConfigError(dir, "issuers: [{profile: nopwd, audience: a, jwksUri: 'http://keys.example.com/jwks'}]",
                "issuers[0] (nopwd): 'jwksUri': jwksUri must use https (plain http only on a loopback host)");
        Cli.Result flags = Cli.run("verify", "--profile", "nopwd", "--audience", "a", "--jwks-uri",
                "http://keys.example.com/jwks", "t");
        assertThat(flags.exit()).isEqualTo(2);
        assertThat(flags.err()).contains("must use https");
    }

    private static void assertConfigError(Path dir, String yaml, String message) throws Exception {
        Path config = dir.resolve("c" + Math.abs(yaml.hashCode()) + ".yaml");
        Files.writeString(config, yaml);
        Cli.Result r = Cli.run("verify", "--config", config.toString(), "--json", "t");
        assertThat(r.exit()).as("stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("walletgate: configuration error: ").contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void the_environment_configures_sequence_like_its_guide() throws Exception {
        MintedToken t = issuer.sequenceOms().mint();
        Cli.Result r = Cli.run(null, Map.of("OMS_TOKEN_ISSUER", issuer.issuer("sequence-oms"), "OMS_PROJECT_ID",
                issuer.audience()), "verify", "--json", t.token());
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(json(r).get("profile").asText()).isEqualTo("sequence-oms");
    }

    @Test
    void inspect_labels_the_claims_unverified_and_flags_problems() {
        MintedToken t = issuer.web3auth().expired().derSignature().mint();
        Cli.Result r = Cli.run("inspect", t.token());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("UNVERIFIED").contains("\"iss\" : \"https://api-auth.web3auth.io\"")
                .contains("the web3auth profile would handle it").contains("(token_expired)")
                .contains("looks DER-encoded");
        List<String> inspect = new ArrayList<>(List.of("inspect"));
        inspect.addAll(flags("nopwd"));
        inspect.add(issuer.web3auth().algNone().mint().token());
        Cli.Result configured = Cli.run(inspect.toArray(String[]::new));
        assertThat(configured.out()).contains("iss is not configured (issuer_unknown)")
                .contains("alg none is never accepted (alg_not_allowed)");
        Cli.Result garbage = Cli.run("inspect", "garbage");
        assertThat(garbage.exit()).isEqualTo(1);
        assertThat(garbage.err()).contains("token_malformed");
    }

    @Test
    void jwks_lists_the_keys_the_verifier_would_use() {
        Cli.Result r = Cli.run(concat(new String[] {"jwks"}, flags("nopwd").toArray(String[]::new)));
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("nopwd: " + issuer.jwksUri("nopwd")).contains("fresh until")
                .contains(issuer.keyIds("nopwd").get(0)).contains("EC P-256");
        Cli.Result url = Cli.run("jwks", issuer.jwksUri("web3auth").toString());
        assertThat(url.out()).contains(issuer.keyIds("web3auth").get(0));
        Cli.Result down = Cli.run("jwks", "http://127.0.0.1:9/jwks");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.err()).contains("keys unavailable");
    }

    @Test
    void help_and_version_work_for_every_subcommand() {
        assertThat(Cli.run("--version").out()).startsWith("walletgate 0.1.0");
        for (String sub : new String[] {"verify", "inspect", "jwks"}) {
            Cli.Result r = Cli.run(sub, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Usage: walletgate " + sub).contains("Examples:");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
