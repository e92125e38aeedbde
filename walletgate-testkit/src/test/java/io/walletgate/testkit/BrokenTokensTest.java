package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each deliberately broken token fails with its exact error code, for every profile it applies to. */
class BrokenTokensTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final VerifiersToClose verifiers = new VerifiersToClose();

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @RegisterExtension
    static final DevIssuerExtension EXTENSION = new DevIssuerExtension(b -> b.clock(CLOCK));

    static WalletVerificationException failure(WalletVerifier verifier, MintedToken t) {
        return catchThrowableOfType(() -> verifier.verify(t.token(), t.proof()), WalletVerificationException.class);
    }

    static Stream<Arguments> defects() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String profile : io.walletgate.IssuerProfiles.NAMES) {
            cases.add(Arguments.of(profile, "expired", "token_expired",
                    (UnaryOperator<TokenBuilder>) TokenBuilder::expired));
            cases.add(Arguments.of(profile, "wrongAudience", "audience_mismatch",
                    (UnaryOperator<TokenBuilder>) TokenBuilder::wrongAudience));
            cases.add(Arguments.of(profile, "tamperedSignature", "signature_invalid",
                    (UnaryOperator<TokenBuilder>) TokenBuilder::tamperedSignature));
            if (profile.equals("magic")) { // a DID token: no header, no key, its signer recovered
                cases.add(Arguments.of(profile, "signedByOtherKey", "signature_invalid",
                        (UnaryOperator<TokenBuilder>) TokenBuilder::signedByOtherKey));
                continue;
            }
            cases.add(Arguments.of(profile, "algNone", "alg_not_allowed",
                    (UnaryOperator<TokenBuilder>) TokenBuilder::algNone));
            cases.add(Arguments.of(profile, "unknownKid", "key_not_found",
                    (UnaryOperator<TokenBuilder>) TokenBuilder::unknownKid));
            cases.add(Arguments.of(profile, "signedByOtherKey", "signature_invalid",
                    (UnaryOperator<TokenBuilder>) TokenBuilder::signedByOtherKey));
            if (!profile.equals("sequence-waas") && !profile.equals("oidc") && !profile.equals("dynamic")) {
                cases.add(Arguments.of(profile, "derSignature", "signature_invalid",
                        (UnaryOperator<TokenBuilder>) TokenBuilder::derSignature));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("defects")
    void broken_token_fails_with_its_exact_code(String profile, String defect, String code,
                                                UnaryOperator<TokenBuilder> breakIt, DevIssuer issuer) {
        WalletVerifier verifier = verifiers.add(WalletVerifier.builder().issuer(issuer.profile(profile))
                .clock(CLOCK).build());
        MintedToken good = issuer.token(profile).mint();
        MintedToken bad = breakIt.apply(issuer.token(profile)).mint();

        assertThat(verifier.verify(good.token(), good.proof()).issuer()).isEqualTo(good.issuer() == null ? ""
                : good.issuer()); // a Para token carries no iss
        WalletVerificationException e = failure(verifier, bad);

        assertThat(e).as("%s %s", profile, defect).isNotNull();
        assertThat(e.code().code()).isEqualTo(code);
        assertThat(e.getMessage()).isNotBlank().doesNotContain(bad.token());
        if (defect.equals("unknownKid")) {
            assertThat(e.getMessage()).contains(bad.keyId());
        }
        if (defect.equals("algNone")) {
            assertThat(e.getMessage()).contains("none");
        }
    }

    @Test
    void each_defect_changes_only_what_it_names(DevIssuer issuer) {
        MintedToken good = issuer.web3auth().mint();
        MintedToken expired = issuer.web3auth().expired().mint();
        MintedToken wrongAud = issuer.web3auth().wrongAudience().mint();
        MintedToken none = issuer.web3auth().algNone().mint();
        MintedToken der = issuer.web3auth().derSignature().mint();
        MintedToken unknown = issuer.web3auth().unknownKid().mint();
        MintedToken tampered = issuer.web3auth().tamperedSignature().mint();
        MintedToken other = issuer.web3auth().signedByOtherKey().mint();

        assertThat(expired.expiresAt()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(wrongAud.audience()).containsExactly("wrong-" + DevIssuer.DEFAULT_AUDIENCE);
        assertThat(none.algorithm()).isEqualTo("none");
        assertThat(none.token()).endsWith(".");
        assertThat(signature(good)).hasSize(64);
        assertThat(signature(der)).hasSizeBetween(68, 72).startsWith(0x30);
        assertThat(unknown.keyId()).startsWith("unknown-").isNotIn(issuer.keyIds("web3auth"));
        assertThat(signature(tampered)).hasSize(64);
        assertThat(other.keyId()).isEqualTo(good.keyId());
    }

    @Test
    void der_signature_is_refused_for_profiles_that_do_not_sign_ecdsa(DevIssuer issuer) {
        assertThatThrownBy(() -> issuer.sequenceWaas().derSignature()).isInstanceOf(IllegalStateException.class)
                .hasMessage("derSignature() needs an ES256 profile; sequence-waas signs RS256");
        assertThatThrownBy(() -> issuer.oidc().derSignature()).isInstanceOf(IllegalStateException.class)
                .hasMessage("derSignature() needs an ES256 profile; oidc signs EdDSA");
    }

    @Test
    void options_of_another_profile_are_refused_at_once(DevIssuer issuer) {
        assertThatThrownBy(() -> issuer.nopwd().wallets(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("wallets() applies to web3auth and web3auth-legacy tokens, not nopwd");
        assertThatThrownBy(() -> issuer.web3auth().wallets(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wallets must be 1, 2 or 4: 3");
        assertThatThrownBy(() -> issuer.web3auth().solana()).isInstanceOf(IllegalStateException.class)
                .hasMessage("solana() applies to web3auth-external, privy, dynamic and para tokens, not web3auth");
        assertThatThrownBy(() -> issuer.nopwd().address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nopwd tokens do not carry ethereum addresses");
        assertThatThrownBy(() -> issuer.token("auth0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("profile must be one of [web3auth, web3auth-legacy");
    }

    private static byte[] signature(MintedToken t) {
        return Base64.getUrlDecoder().decode(t.token().substring(t.token().lastIndexOf('.') + 1));
    }
}
