package io.walletgate.internal.magic;

import static io.walletgate.internal.magic.MagicFixtures.adminJsToken;
import static io.walletgate.internal.magic.MagicFixtures.claim;
import static io.walletgate.internal.magic.MagicFixtures.encode;
import static io.walletgate.internal.magic.MagicFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.claims.ClaimsCheck;
import io.walletgate.internal.wallet.TestPersonalSigner;
import io.walletgate.internal.wallet.WalletKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The proof, the attachment and the times of DID tokens: Magic's own and tokens signed here. */
class DidTokenSignatureTest {
    private static final TestPersonalSigner WALLET = TestPersonalSigner.generate();
    private static final long IAT = 1_700_000_000L;

    @Test
    void magics_valid_tokens_are_signed_by_their_issuer() {
        DidToken t = DidTokenParser.parse(adminJsToken("VALID_DIDT"));
        assertThat(WalletKeys.eip55(DidTokenSignature.verify(t))).isEqualTo("0xB2ec9b61699762491b6542278E9dFEC9050f8089");
        for (String name : List.of("VALID_FUTURE_MARKED_DIDT", "EXPIRED_DIDT", "VALID_ATTACHMENT_DIDT")) {
            DidToken other = DidTokenParser.parse(adminJsToken(name));
            assertThat(DidTokenSignature.verify(other)).as(name).isEqualTo(other.issuerAddress());
        }
    }

    @Test
    void magics_attachment_token_signs_its_attachment_and_no_other() {
        DidToken t = DidTokenParser.parse(adminJsToken("VALID_ATTACHMENT_DIDT"));
        assertThatCode(() -> DidTokenSignature.verifyAttachment(t, "ravi@magic.link")).doesNotThrowAnyException();
        expect(() -> DidTokenSignature.verifyAttachment(t, "mallory@magic.link"), ErrorCode.SIGNATURE_INVALID,
                "DID token attachment was not signed by the address in iss");
    }

    @Test
    void rejects_magics_token_with_recovery_byte_35() {
        DidToken t = DidTokenParser.parse(adminJsToken("VALID_DIDT_WITH_INVALID_RECOVERY_BIT"));
        expect(() -> DidTokenSignature.verify(t), ErrorCode.SIGNATURE_INVALID,
                "DID token proof has recovery byte v = 35, not 27 or 28");
    }

    @Test
    void a_token_signed_here_proves_its_wallet_in_either_s_form() {
        String claim = claim(WALLET, IAT, String.valueOf(IAT + 900), ",\"note\":\"é ü 中\"");
        assertThat(DidTokenSignature.verify(DidTokenParser.parse(token(WALLET, claim)))).isEqualTo(WALLET.address());
        byte[] high = TestPersonalSigner.otherS(WALLET.signText(claim));
        DidToken t = DidTokenParser.parse(encode("0x" + WalletKeys.hex(high), claim));
        assertThat(DidTokenSignature.verify(t)).isEqualTo(WALLET.address());
    }

    @Test
    void rejects_a_claim_signed_by_another_wallet_or_changed_after_signing() {
        TestPersonalSigner mallory = TestPersonalSigner.generate();
        String claim = claim(WALLET, IAT, String.valueOf(IAT + 900), "");
        DidToken forged = DidTokenParser.parse(token(mallory, claim));
        expect(() -> DidTokenSignature.verify(forged), ErrorCode.SIGNATURE_INVALID,
                "DID token proof was not signed by the address in iss");
        String proof = "0x" + WalletKeys.hex(WALLET.signText(claim));
        DidToken changed = DidTokenParser.parse(encode(proof, claim.replace(String.valueOf(IAT + 900),
                String.valueOf(IAT + 90_000))));
        expect(() -> DidTokenSignature.verify(changed), ErrorCode.SIGNATURE_INVALID,
                "DID token proof was not signed by the address in iss");
    }

    @Test
    void rejects_a_proof_with_recovery_byte_0_or_1_as_magic_does() {
        String claim = claim(WALLET, IAT, String.valueOf(IAT + 900), "");
        byte[] sig = WALLET.signText(claim);
        int v = sig[64] - 27;
        sig[64] = (byte) v;
        DidToken t = DidTokenParser.parse(encode("0x" + WalletKeys.hex(sig), claim));
        expect(() -> DidTokenSignature.verify(t), ErrorCode.SIGNATURE_INVALID,
                "DID token proof has recovery byte v = " + v + ", not 27 or 28");
    }

    @Test
    void rejects_a_proof_whose_r_is_no_curve_point() {
        String claim = claim(WALLET, IAT, String.valueOf(IAT + 900), "");
        byte[] sig = WALLET.signText(claim);
        java.util.Arrays.fill(sig, 0, 31, (byte) 0);
        sig[31] = 5; // x = 5 is on no secp256k1 point
        DidToken t = DidTokenParser.parse(encode("0x" + WalletKeys.hex(sig), claim));
        expect(() -> DidTokenSignature.verify(t), ErrorCode.SIGNATURE_INVALID,
                "DID token proof: signature r is not the x of a curve point");
    }

    @Test
    void an_attachment_needs_add() {
        DidToken t = DidTokenParser.parse(token(WALLET, claim(WALLET, IAT, String.valueOf(IAT + 900), "")));
        expect(() -> DidTokenSignature.verifyAttachment(t, "none"), ErrorCode.CLAIM_MISSING, "claim 'add' is missing");
        String withAdd = claim(WALLET, IAT, String.valueOf(IAT + 900),
                ",\"add\":\"0x" + WalletKeys.hex(WALLET.signText("none")) + "\"");
        DidToken signed = DidTokenParser.parse(token(WALLET, withAdd));
        assertThatCode(() -> DidTokenSignature.verifyAttachment(signed, "none")).doesNotThrowAnyException();
    }

    @Test
    void times_follow_ext_and_nbf_with_magics_300_second_grace() {
        DidToken future = DidTokenParser.parse(adminJsToken("VALID_FUTURE_MARKED_DIDT"));
        long nbf = future.notBeforeMillis();
        expect(() -> at(nbf - 300_001).checkTimes(future.times(), null), ErrorCode.TOKEN_NOT_YET_VALID,
                "token is not valid before " + Instant.ofEpochMilli(nbf - 300_000) + " (clock skew 0s)");
        assertThatCode(() -> at(nbf - 300_000).checkTimes(future.times(), null)).doesNotThrowAnyException();

        DidToken expired = DidTokenParser.parse(adminJsToken("EXPIRED_DIDT"));
        expect(() -> at(expired.expiresAtMillis()).checkTimes(expired.times(), null), ErrorCode.TOKEN_EXPIRED,
                "token expired at " + Instant.ofEpochMilli(expired.expiresAtMillis()) + " (clock skew 0s)");
        assertThatCode(() -> at(expired.expiresAtMillis() - 1).checkTimes(expired.times(), null))
                .doesNotThrowAnyException();
    }

    @Test
    void the_audience_is_the_client_id() {
        DidToken t = DidTokenParser.parse(adminJsToken("VALID_DIDT"));
        assertThat(ClaimsCheck.checkAudience(t.claims(), List.of("did:magic:f54168e9-9ce9-47f2-81c8-7cb2a96b26ba")))
                .containsExactly("did:magic:f54168e9-9ce9-47f2-81c8-7cb2a96b26ba");
        expect(() -> ClaimsCheck.checkAudience(t.claims(), List.of("different")), ErrorCode.AUDIENCE_MISMATCH,
                "token audience [did:magic:f54168e9-9ce9-47f2-81c8-7cb2a96b26ba] does not include the configured"
                        + " audience");
    }

    private static ClaimsCheck at(long millis) {
        return new ClaimsCheck(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC), Duration.ZERO);
    }

    private static void expect(Executable call, ErrorCode code, String message) {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(WalletVerificationException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }
}
