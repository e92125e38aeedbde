package io.walletgate.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.walletgate.ErrorCode;
import io.walletgate.MutableClock;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Sign-In with Solana through {@link SignInVerifier}, with messages written by the Wallet Standard's utilities and
 * signed with Ed25519 (base58 and base64 signatures): the identity, and each rejection with its code.
 */
class SiwsVerifierTest {
    private final MutableClock clock = new MutableClock(SignInFixtures.NOW);
    private final NonceStore nonces = NonceStore.inMemory();

    private SignInVerifier.Builder builder() {
        return SignInVerifier.builder().domains("app.example.com").uris("https://app.example.com")
                .solanaClusters("mainnet", "devnet").nonceStore(nonces).clock(clock);
    }

    private VerifiedIdentity verify(SignInVerifier v, SignInFixtures.Siws c, String message, String signature) {
        nonces.put(c.nonce(), clock.instant().plusSeconds(600));
        return v.verifySiws(message, signature);
    }

    private static void rejects(Runnable r, ErrorCode code, String fragment) {
        WalletVerificationException e = catchThrowableOfType(r::run, WalletVerificationException.class);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(fragment);
    }

    @Test
    void accepts_wallet_standard_messages_with_base58_and_base64_signatures() {
        SignInVerifier v = builder().build();
        for (SignInFixtures.Siws c : SignInFixtures.siws()) {
            for (String signature : new String[] {c.signatureBase58(), c.signatureBase64()}) {
                VerifiedIdentity id = verify(v, c, c.message(), signature);
                String reference = "solana:devnet".equals(c.chainId()) ? "EtWTRABZaYq6iMfeYKouRu166VU2xqa1"
                        : "5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp";
                assertThat(id.subject()).as(c.name()).isEqualTo("did:pkh:solana:" + reference + ":" + c.address());
                assertThat(id.issuerName()).isEqualTo("siws");
                assertThat(id.wallet().type()).isEqualTo("solana");
                assertThat(id.wallet().curve()).isEqualTo("ed25519");
                assertThat(id.wallet().publicKey()).isEqualTo(c.publicKey());
                assertThat(id.wallet().address()).isEqualTo(c.address());
                assertThat(id.audience()).containsExactly(c.uri());
                assertThat(id.claims()).containsEntry("signatureType", "ed25519").containsEntry("nonce", c.nonce());
            }
        }
    }

    @Test
    void rejects_a_signature_by_another_key_or_of_another_message() {
        SignInVerifier v = builder().build();
        SignInFixtures.Siws c = SignInFixtures.siws("siws-minimal");
        SignInFixtures.Siws other = SignInFixtures.siws("siws-statement-mainnet");
        rejects(() -> verify(v, c, c.message(), other.signatureBase58()), ErrorCode.SIGNATURE_INVALID,
                "the Ed25519 signature is not by " + c.address());
        byte[] flipped = Base64.getDecoder().decode(c.signatureBase64());
        flipped[10] ^= 1;
        rejects(() -> verify(v, c, c.message(), Base64.getEncoder().encodeToString(flipped)),
                ErrorCode.SIGNATURE_INVALID, "is not by");
        String changed = c.message().replace("/login", "/logout");
        rejects(() -> verify(v, c, changed, c.signatureBase58()), ErrorCode.SIGNATURE_INVALID, "is not by");
    }

    @Test
    void rejects_signatures_that_are_not_64_bytes_of_base58_or_base64() {
        SignInVerifier v = builder().build();
        SignInFixtures.Siws c = SignInFixtures.siws("siws-minimal");
        byte[] short63 = new byte[63];
        for (String bad : new String[] {null, "", "0x" + "00".repeat(64), "not*base64!",
            Base64.getEncoder().encodeToString(short63), "1".repeat(300)}) {
            rejects(() -> verify(v, c, c.message(), bad), ErrorCode.SIGNATURE_INVALID, "signature");
        }
    }

    @Test
    void nonce_domain_origin_cluster_and_times_are_checked_in_order() {
        SignInFixtures.Siws c = SignInFixtures.siws("siws-all-fields-devnet");
        SignInVerifier v = builder().build();
        verify(v, c, c.message(), c.signatureBase58());
        rejects(() -> v.verifySiws(c.message(), c.signatureBase58()), ErrorCode.NONCE_INVALID, "already used");
        rejects(() -> verify(builder().domains("other.example.com").build(), c, c.message(), c.signatureBase58()),
                ErrorCode.AUDIENCE_MISMATCH, "domain 'app.example.com' is not a configured domain");
        rejects(() -> verify(builder().uris("https://other.example.com").build(), c, c.message(),
                c.signatureBase58()), ErrorCode.AUDIENCE_MISMATCH, "is not on an allowed origin");
        rejects(() -> verify(builder().solanaClusters("mainnet").build(), c, c.message(), c.signatureBase58()),
                ErrorCode.AUDIENCE_MISMATCH, "Solana cluster devnet is not a configured cluster [mainnet]");
        clock.advance(Duration.ofHours(2));
        rejects(() -> verify(v, c, c.message(), c.signatureBase58()), ErrorCode.TOKEN_EXPIRED, "the message expired");
        rejects(() -> verify(v, c, c.message().replace("Version: 1", "Version: one"), c.signatureBase58()),
                ErrorCode.MESSAGE_INVALID, "SIWS message field 'Version': must be 1");
    }
}
