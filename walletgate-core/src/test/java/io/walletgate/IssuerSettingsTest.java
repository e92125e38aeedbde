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
        assertThat(mistake(new IssuerSettings().profile("nopwd").audience(List.of("a"))
                .jwksHosts(List.of("keys.example"))))
                .hasMessage("'jwksHosts' applies to the oidc profile's discovered key URL only (not with jwksUri)");
        assertThat(mistake(new IssuerSettings().profile("oidc").audience(List.of("a")).issuer("https://x.example")
                .algorithms(List.of("ES256")).jwksUri("https://x.example/k").jwksHosts(List.of("keys.example"))))
                .hasMessage("'jwksHosts' applies to the oidc profile's discovered key URL only (not with jwksUri)");
        assertThat(mistake(new IssuerSettings().profile("oidc").audience(List.of("a")).issuer("https://x.example")
                .algorithms(List.of("ES256")).jwksHosts(List.of("keys.example:443"))))
                .hasMessage("'jwksHosts': jwksHosts must be host names (no scheme, port or path): keys.example:443");
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

    @Test
    void builds_the_provider_profiles_with_their_own_settings() throws Exception {
        IssuerProfile privy = new IssuerSettings().profile("privy").audience(List.of("cm4app")).publicKey(pem())
                .toProfile();
        assertThat(privy.acceptedIssuers()).containsExactly("privy.io");
        assertThat(privy.keySource()).isNotNull();
        IssuerProfile dynamic = new IssuerSettings().profile("dynamic").environmentId(" env-1 ")
                .audience(List.of("https://app.example")).toProfile();
        assertThat(dynamic.acceptedIssuers()).containsExactly("app.dynamicauth.com/env-1", "app.dynamic.xyz/env-1");
        assertThat(dynamic.jwksUri()).hasToString("https://app.dynamicauth.com/api/v0/sdk/env-1/.well-known/jwks");
        IssuerProfile para = new IssuerSettings().profile("para").audience(List.of("key-id")).environment("Beta")
                .toProfile();
        assertThat(para.acceptsTokensWithoutIssuer()).isTrue();
        assertThat(para.jwksUri()).hasToString("https://api.beta.getpara.com/.well-known/jwks.json");
        IssuerProfile magic = new IssuerSettings().profile("magic").audience(List.of("client")).toProfile();
        assertThat(magic.jwksUri()).isNull();
        assertThat(magic.keySource()).isNull();
    }

    @Test
    void a_provider_setting_that_is_missing_misplaced_or_refused_is_named() {
        assertThat(mistake(new IssuerSettings().profile("dynamic").audience(List.of("https://app.example"))))
                .hasMessage("'environmentId' is required for the dynamic profile (the environment ID of your Dynamic"
                        + " dashboard)");
        assertThat(mistake(new IssuerSettings().profile("privy").audience(List.of("a")).environmentId("e")))
                .hasMessage("'environmentId' applies to the dynamic profile only");
        assertThat(mistake(new IssuerSettings().profile("dynamic").environmentId("e").audience(List.of("a"))
                .environment("beta"))).hasMessage("'environment' applies to the para profile only");
        IssuerSettingException env = mistake(new IssuerSettings().profile("para").audience(List.of("a"))
                .environment("staging"));
        assertThat(env.setting()).isEqualTo("environment");
        assertThat(env).hasMessage("'environment': environment must be one of production, beta, sandbox: staging");
        assertThat(mistake(new IssuerSettings().profile("dynamic").environmentId("../x").audience(List.of("a"))))
                .hasMessageStartingWith("'environmentId': environmentId must be Dynamic's environment ID");
        IssuerSettingException magicKeys = mistake(new IssuerSettings().profile("magic").audience(List.of("c"))
                .jwksUri("https://k.example/jwks"));
        assertThat(magicKeys.setting()).isEqualTo("jwksUri");
        assertThat(magicKeys).hasMessageContaining("jwksUri does not apply to the magic profile");
        assertThat(mistake(new IssuerSettings().profile("magic").audience(List.of("c")).algorithms(List.of("ES256"))))
                .hasMessageContaining("magic DID tokens are signed with personal_sign");
        assertThat(mistake(new IssuerSettings().profile("privy").audience(List.of("app/../x"))))
                .hasMessageStartingWith("'audience': audience (the Privy app ID) must be letters");
    }
}
