package io.walletgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.IssuerProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private WalletGateConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("walletgate.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, env);
    }

    private void rejects(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void loads_the_example_of_the_design() throws Exception {
        WalletGateConfig c = load(String.join("\n",
                "issuers:",
                "  - profile: web3auth",
                "    audience: BFL8Z_Awr3p",
                "  - profile: sequence-oms",
                "    issuer: https://oms.example.com",
                "    audience: my-project",
                "  - profile: nopwd",
                "    audience: mywebsite.com",
                "  - profile: oidc",
                "    issuer: https://login.example.com",
                "    algorithms: [EdDSA]",
                "    audience: [api, web]",
                "verification: { clockSkew: 60s, maxTokenAge: 24h }",
                "sessions: { store: sqlite, ttl: 24h, cookieSecure: true }",
                "server: { port: 8080 }"), Map.of());
        assertThat(c.profiles()).extracting(IssuerProfile::name)
                .containsExactly("web3auth", "sequence-oms", "nopwd", "oidc");
        assertThat(c.profiles().get(1).jwksUri()).hasToString("https://oms.example.com/.well-known/jwks.json");
        assertThat(c.profiles().get(3).audiences()).containsExactly("api", "web");
        assertThat(c.verification().maxTokenAge()).isEqualTo(Duration.ofHours(24));
        assertThat(c.sessions().store()).isEqualTo("sqlite");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void defaults_apply_when_sections_are_absent() throws Exception {
        WalletGateConfig c = load("issuers: [{profile: nopwd, audience: a.com}]", Map.of());
        assertThat(c.verification().clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.verification().tokenCacheBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(c.keys().cooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.keys().staleLimit()).isEqualTo(Duration.ofHours(24));
        assertThat(c.sessions().ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.sessions().cookieSecure()).isTrue();
        assertThat(c.server().data()).isEqualTo(Path.of("data")); // ./data of the working directory
    }

    @Test
    void the_sequence_environment_variables_configure_an_oms_issuer() throws Exception {
        WalletGateConfig c = ConfigLoader.load(null, Map.of("OMS_TOKEN_ISSUER", "https://oms.example.com/t/1",
                "OMS_PROJECT_ID", "proj_9", "WALLETGATE_WEB3AUTH_CLIENT_ID", "BFL8"));
        assertThat(c.profiles()).extracting(IssuerProfile::profileName).containsExactlyInAnyOrder("sequence-oms", "web3auth");
        IssuerProfile oms = c.profiles().stream().filter(p -> p.profileName().equals("sequence-oms")).findFirst().get();
        assertThat(oms.acceptedIssuers()).containsExactly("https://oms.example.com/t/1");
        assertThat(oms.audiences()).containsExactly("proj_9");
        assertThat(oms.jwksUri()).hasToString("https://oms.example.com/t/1/.well-known/jwks.json");
    }

    @Test
    void environment_overrides_every_field_of_the_file() throws Exception {
        WalletGateConfig c = load("issuers: [{profile: nopwd, audience: a.com}]\nserver: {port: 8080}", Map.of(
                "WALLETGATE_SERVER_PORT", "9090",
                "WALLETGATE_VERIFICATION_CLOCK_SKEW", "30s",
                "WALLETGATE_SESSIONS_COOKIESECURE", "false",
                "WALLETGATE_ISSUERS_0_AUDIENCE", "b.com,c.com",
                "WALLETGATE_NOPWD_DOMAIN", "d.com"));
        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.verification().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.sessions().cookieSecure()).isFalse();
        // the provider shortcut is applied first; the indexed override wins
        assertThat(c.profiles().get(0).audiences()).containsExactly("b.com", "c.com");
    }

    @Test
    void an_unknown_profile_names_the_entry_and_the_known_ones() {
        rejects("issuers: [{profile: web3oauth, audience: x}]",
                "issuers[0]: 'profile' is 'web3oauth'; known profiles: web3auth, web3auth-legacy");
    }

    @Test
    void a_missing_audience_names_the_entry_and_field() {
        rejects("issuers: [{profile: nopwd}, {profile: sequence-oms, issuer: 'https://o.example'}]",
                "issuers[0]: 'audience' is required");
        rejects("issuers: [{profile: nopwd, audience: a}, {profile: sequence-oms, issuer: 'https://o.example'}]",
                "issuers[1]: 'audience' is required");
    }

    @Test
    void a_bad_duration_names_the_field_and_the_accepted_forms() {
        rejects("issuers: [{profile: nopwd, audience: a}]\nverification: {clockSkew: 6o s}",
                "verification: 'clockSkew' value '6o s' is not a duration (write 500ms, 60s, 5m, 24h, 7d");
        rejects("issuers: [{profile: nopwd, audience: a}]\nverification: {clockSkew: 60}",
                "verification: 'clockSkew' needs a unit: write 60s");
        rejects("issuers: [{profile: nopwd, audience: a}]\nverification: {clockSkew: 11m}",
                "verification: 'clockSkew' must be between 0s and 10m");
    }

    @Test
    void a_plain_http_jwks_url_to_a_remote_host_is_refused() {
        rejects("issuers: [{profile: nopwd, audience: a, jwksUri: 'http://keys.example.com/jwks'}]",
                "issuers[0] (nopwd): 'jwksUri': jwksUri must use https (plain http only on a loopback host)");
        rejects("issuers: [{profile: sequence-oms, audience: a, issuer: 'http://oms.example.com'}]",
                "issuers[0] (sequence-oms): 'issuer': issuer (OMS_TOKEN_ISSUER) must be an https URL");
    }

    @Test
    void a_management_address_is_read_and_its_mistakes_named() throws Exception {
        String issuers = "issuers: [{profile: nopwd, audience: a.com}]\n";
        assertThat(load(issuers, Map.of()).server().management()).isNull();
        WalletGateConfig c = load(issuers + "server: {port: 8080, management: {port: 9090}}", Map.of());
        assertThat(c.server().management()).isEqualTo(new WalletGateConfig.Management("127.0.0.1", 9090));
        assertThat(load(issuers + "server: {management: {bind: 10.0.0.5, port: 0}}", Map.of()).server().management())
                .isEqualTo(new WalletGateConfig.Management("10.0.0.5", 0));
        rejects(issuers + "server: {management: {bind: 127.0.0.1}}",
                "server.management: 'port' is required (0 for any free port)");
        rejects(issuers + "server: {port: 8080, management: {port: 8080}}",
                "server.management: 'port' must differ from server.port (8080)");
        rejects(issuers + "server: {management: 9090}", "server.management: must be a mapping of fields");
        rejects(issuers + "server: {management: {port: 9090, path: /ops}}", "server.management");
    }

    @Test
    void unknown_fields_are_refused_with_a_suggestion() {
        rejects("issuers: [{profile: nopwd, audiance: a, audience: b}]",
                "issuers[0]: unknown field 'audiance' (did you mean 'audience'?)");
        rejects("issuers: [{profile: nopwd, audience: a}]\nsevrer: {port: 1}",
                "configuration: unknown field 'sevrer' (did you mean 'server'?)");
    }

    @Test
    void a_missing_required_field_whose_misspelling_is_present_gets_the_suggestion() {
        rejects("issuers: [{profile: web3auth, audiance: BFL8Z}]",
                "issuers[0]: 'audience' is required; there is a field 'audiance' (did you mean "
                        + "'audience'?)");
        rejects("issuers: [{profil: web3auth, audience: BFL8Z}]",
                "issuers[0]: 'profile' is required; there is a field 'profil' (did you mean 'profile'?)");
        assertThatThrownBy(() -> load("issuers: [{profile: web3auth, client: BFL8Z}]", Map.of()))
                .hasMessageEndingWith("'audience' is required");
    }

    @Test
    void combinations_that_cannot_work_are_refused() {
        rejects("issuers: [{profile: web3auth, audience: a, issuer: 'https://x.example'}]",
                "issuers[0]: 'issuer' applies to sequence-oms and oidc only");
        rejects("issuers: [{profile: oidc, audience: a, issuer: 'https://x.example'}]",
                "issuers[0]: 'algorithms' is required for the oidc profile");
        rejects("issuers: [{profile: nopwd, audience: a, jwksUri: 'https://k.example', jwksFile: k.json}]",
                "give at most one of 'jwksUri', 'jwksFile' and 'publicKey'");
        rejects("issuers: [{profile: nopwd, audience: a}, {profile: nopwd, audience: b}]",
                "issuers[1] (nopwd): 'name' 'nopwd' is already used by issuers[0]");
        rejects("issuers: [{profile: nopwd, audience: a}, {profile: nopwd, name: other, audience: b}]",
                "iss 'nopwd.io' is already accepted by issuers[0]");
        rejects("issuers: [{profile: oidc, audience: a, issuer: 'https://x.example', algorithms: [HS256]}]",
                "issuers[0] (oidc): 'algorithms'");
        rejects("issuers: [{profile: nopwd, audience: a}]\nsessions: {store: redis}",
                "sessions: 'uri' is required for the redis store");
        rejects("issuers: [{profile: nopwd, audience: a}]\nserver: {port: 70000}",
                "server: 'port' must be between 0 and 65535");
        rejects("issuers: [{profile: nopwd, audience: a, jwksFile: missing.json}]",
                "issuers[0] (nopwd): 'jwksFile': jwksFile");
    }

    @Test
    void broken_yaml_and_missing_files_are_reported_with_the_file() {
        rejects("issuers: [{profile: nopwd, audience: a}\n  bad: [", "walletgate.yaml: not valid YAML at line");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()))
                .hasMessageContaining("nope.yaml: no such configuration file");
    }

    @Test
    void units_parse_the_documented_forms() {
        assertThat(Units.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Units.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Units.duration("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Units.bytes("16MiB")).isEqualTo(16L * 1024 * 1024);
        assertThat(Units.bytes("512KiB")).isEqualTo(512L * 1024);
        assertThat(Units.bytes("100")).isEqualTo(100L);
    }

    // An SPKI PEM and a JWKS of one fresh P-256 key.
    private static String[] pemAndJwks() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.interfaces.ECPublicKey key = (java.security.interfaces.ECPublicKey) g.generateKeyPair().getPublic();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        String jwks = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",\"x\":\""
                + coordinate(key.getW().getAffineX()) + "\",\"y\":\"" + coordinate(key.getW().getAffineY()) + "\"}]}";
        return new String[] {pem, jwks};
    }

    private static String coordinate(java.math.BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] fixed = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, fixed, 32 - n, n);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    @Test
    void relative_public_key_and_jwks_files_both_resolve_against_the_configuration_folder() throws Exception {
        String[] keys = pemAndJwks();
        Path conf = Files.createDirectories(dir.resolve("conf/keys")).getParent();
        Files.writeString(conf.resolve("keys/web3auth.pem"), keys[0]);
        Files.writeString(conf.resolve("keys/nopwd.json"), keys[1]);
        Path file = Files.writeString(conf.resolve("walletgate.yaml"), String.join("\n",
                "issuers:",
                "  - profile: web3auth",
                "    audience: client",
                "    publicKey: keys/web3auth.pem",
                "  - profile: nopwd",
                "    audience: a.com",
                "    jwksFile: keys/nopwd.json"));
        WalletGateConfig c = ConfigLoader.load(file, Map.of());
        assertThat(c.profiles().get(0).keySource().keys().join().keys()).hasSize(1);
        assertThat(c.profiles().get(1).keySource().description())
                .isEqualTo("file " + conf.resolve("keys/nopwd.json"));
        // a value from the environment resolves the same way when there is a configuration file
        WalletGateConfig fromEnv = ConfigLoader.load(file, Map.of("WALLETGATE_ISSUERS_1_JWKS_FILE", "keys/nopwd.json",
                "WALLETGATE_ISSUERS_0_PUBLIC_KEY", "keys/web3auth.pem"));
        assertThat(fromEnv.profiles().get(1).keySource().description())
                .isEqualTo("file " + conf.resolve("keys/nopwd.json"));
        // a path that exists relative to the working directory (the module folder, under surefire) is not found
        Path inWorkingDirectory = Path.of("target", "config-loader-test-" + System.nanoTime() + ".pem");
        Files.createDirectories(inWorkingDirectory.getParent());
        Files.writeString(inWorkingDirectory, keys[0]);
        try {
            rejects(String.join("\n", "issuers:", "  - profile: web3auth", "    audience: client",
                    "    publicKey: " + inWorkingDirectory),
                    "issuers[0] (web3auth): 'publicKey': is neither a PEM block nor a readable PEM file: "
                            + inWorkingDirectory);
        } finally {
            Files.delete(inWorkingDirectory);
        }
    }

    @Test
    void without_a_configuration_file_relative_files_resolve_against_the_working_directory() throws Exception {
        String[] keys = pemAndJwks();
        Path relative = Path.of("target", "config-loader-test-" + System.nanoTime() + ".pem");
        Files.createDirectories(relative.getParent());
        Files.writeString(relative, keys[0]);
        try {
            WalletGateConfig c = ConfigLoader.load(null, Map.of("WALLETGATE_WEB3AUTH_CLIENT_ID", "client",
                    "WALLETGATE_ISSUERS_0_PUBLIC_KEY", relative.toString()));
            assertThat(c.profiles().get(0).keySource().keys().join().keys()).hasSize(1);
        } finally {
            Files.delete(relative);
        }
    }

    @Test
    void each_profile_is_built_once_and_its_key_file_read_once_at_load() throws Exception {
        Path jwks = Files.writeString(dir.resolve("nopwd.json"), pemAndJwks()[1]);
        WalletGateConfig c = load("issuers: [{profile: nopwd, audience: a.com, jwksFile: nopwd.json,"
                + " replayProtection: jti}]", Map.of());
        Files.delete(jwks); // read at load: nothing later reads it again
        assertThat(c.profiles().get(0)).isSameAs(c.profiles().get(0)).isSameAs(c.issuers().get(0).profile());
        assertThat(c.replayModes()).containsEntry("nopwd", io.walletgate.server.session.ReplayGuard.Mode.JTI);
        try (io.walletgate.WalletVerifier v = c.newVerifier(java.time.Clock.systemUTC(), c.keyOptions(null, false))) {
            assertThat(v.keySources().get("nopwd").keys().join().kids()).containsExactly("k1");
        }
    }
}
