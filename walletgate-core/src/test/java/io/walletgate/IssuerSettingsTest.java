package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one mapping from settings to an {@link IssuerProfile} (issue 16): what is checked, how each mistake names its
 * setting, and how relative files resolve (both {@code jwksFile} and a {@code publicKey} path, against the base
 * directory).
 */
class IssuerSettingsTest {
    @TempDir
    Path dir;

    private static IssuerSettingException mistake(IssuerSettings s) {
        return catchThrowableOfType(IssuerSettingException.class, s::toProfile);
    }

    private static String pem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                g.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void builds_each_profile_with_its_options() {
        IssuerProfile oms = new IssuerSettings().profile("sequence-oms").issuer(" https://oms.example.com ")
                .audience(List.of("p1", "p2")).name("oms").requireWalletProof(true).toProfile();
        assertThat(oms.name()).isEqualTo("oms");
        assertThat(oms.acceptedIssuers()).containsExactly("https://oms.example.com");
        assertThat(oms.audiences()).containsExactly("p1", "p2");
        assertThat(oms.jwksUri()).hasToString("https://oms.example.com/.well-known/jwks.json");
        assertThat(oms.requiresWalletProof()).isTrue();

        IssuerProfile oidc = new IssuerSettings().profile("oidc").issuer("https://login.example.com")
                .audience(List.of("api")).algorithms(List.of("EdDSA")).subjectClaim("user.id").toProfile();
        assertThat(oidc.audiences()).containsExactly("api");
        assertThat(oidc.algorithms()).containsExactly("EdDSA");
    }

    @Test
    void a_missing_or_misplaced_setting_is_named_with_what_it_needs() {
        IssuerSettingException noProfile = mistake(new IssuerSettings().audience(List.of("a")));
        assertThat(noProfile.setting()).isEqualTo("profile");
        assertThat(noProfile).hasMessageStartingWith("'profile' is required: one of web3auth, web3auth-legacy");

        IssuerSettingException noAudience = mistake(new IssuerSettings().profile("web3auth"));
        assertThat(noAudience.setting()).isEqualTo("audience");
        assertThat(noAudience.refused()).isFalse();
        assertThat(noAudience).hasMessage("'audience' is required for the web3auth profile (your Web3Auth project's"
                + " client ID)");

        assertThat(mistake(new IssuerSettings().profile("web3oauth").audience(List.of("a"))))
                .hasMessageStartingWith("'profile' is 'web3oauth'; known profiles: web3auth, ");
        assertThat(mistake(new IssuerSettings().profile("nopwd").audience(List.of("a")).issuer("https://x.example")))
                .hasMessage("'issuer' applies to sequence-oms and oidc only: nopwd has a fixed iss");
        assertThat(mistake(new IssuerSettings().profile("oidc").audience(List.of("a")).issuer("https://x.example")))
                .hasMessage("'algorithms' is required for the oidc profile (any of ES256, ES384, RS256, PS256, EdDSA)");
        assertThat(mistake(new IssuerSettings().profile("web3auth").audience(List.of("a")).connectors(List.of("m"))))
                .hasMessage("'connectors' applies to the web3auth-external profile only");
    }

    @Test
    void two_key_sources_are_one_mistake_that_each_front_end_words_in_its_own_names() {
        IssuerSettingException e = mistake(new IssuerSettings().profile("nopwd").audience(List.of("a"))
                .jwksUri("https://k.example/jwks").jwksFile("k.json"));
        assertThat(e.setting()).isNull();
        assertThat(e).hasMessage("give at most one of 'jwksUri', 'jwksFile' and 'publicKey'");
        assertThat(e.describe(s -> s.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)))
                .isEqualTo("give at most one of jwks-uri, jwks-file and public-key");
    }

    @Test
    void a_value_the_library_refuses_carries_the_library_message_and_cause() {
        IssuerSettingException e = mistake(new IssuerSettings().profile("nopwd").audience(List.of("a"))
                .jwksUri("http://keys.example.com/jwks"));
        assertThat(e.setting()).isEqualTo("jwksUri");
        assertThat(e.refused()).isTrue();
        assertThat(e).hasMessage("'jwksUri': jwksUri must use https (plain http only on a loopback host):"
                + " http://keys.example.com/jwks");
        assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jwksUri must use https (plain http only on a loopback host): http://keys.example.com/jwks");
        assertThat(e.describe(s -> "--" + s)).startsWith("--jwksUri: jwksUri must use https");
    }

    @Test
    void relative_jwks_and_pem_files_both_resolve_against_the_base_directory(@TempDir Path elsewhere)
            throws Exception {
        TestIssuer key = TestIssuer.create("ES256", "k1");
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/jwks.json"), key.jwks());
        Files.writeString(dir.resolve("keys/web3auth.pem"), pem());

        IssuerProfile fromFile = new IssuerSettings().profile("nopwd").audience(List.of("a.com"))
                .jwksFile("keys/jwks.json").baseDirectory(dir).toProfile();
        assertThat(fromFile.keySource().description()).isEqualTo("file " + dir.resolve("keys/jwks.json"));
        try (WalletVerifier v = WalletVerifier.builder().issuer(fromFile).build()) {
            assertThat(v.verify(key.sign(TestIssuer.claims("nopwd.io", "a.com", Instant.now())), WalletProof.none())
                    .keyId()).isEqualTo("k1");
        }
        IssuerProfile fromPem = new IssuerSettings().profile("web3auth").audience(List.of("client"))
                .publicKey("keys/web3auth.pem").baseDirectory(dir).toProfile();
        assertThat(fromPem.keySource().keys().join().keys()).hasSize(1);

        // the same relative paths against another folder: neither file is there
        IssuerSettingException jwks = mistake(new IssuerSettings().profile("nopwd").audience(List.of("a.com"))
                .jwksFile("keys/jwks.json").baseDirectory(elsewhere));
        assertThat(jwks.setting()).isEqualTo("jwksFile");
        assertThat(jwks).hasMessageContaining(elsewhere.resolve("keys/jwks.json").toString());
        IssuerSettingException pem = mistake(new IssuerSettings().profile("web3auth").audience(List.of("client"))
                .publicKey("keys/web3auth.pem").baseDirectory(elsewhere));
        assertThat(pem.setting()).isEqualTo("publicKey");
        assertThat(pem).hasMessage("'publicKey': is neither a PEM block nor a readable PEM file: keys/web3auth.pem");
    }
}
