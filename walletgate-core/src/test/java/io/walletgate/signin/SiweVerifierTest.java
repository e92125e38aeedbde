package io.walletgate.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.walletgate.ErrorCode;
import io.walletgate.MutableClock;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.wallet.WalletKeys;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.junit.jupiter.api.Test;

/**
 * Sign-In with Ethereum through {@link SignInVerifier} with the messages and signatures of spruceid's {@code siwe}
 * (signed by ethers) and viem: EOAs verify with no chain call, and every check of docs/architecture.md §13 rejects in
 * its order with its code: the nonce (unknown, reused, expired, used up by a failed sign-in), domain, port, URI origin,
 * scheme, chain, the three times with the clock skew, and malformed or foreign signatures.
 */
class SiweVerifierTest {
    private static final Instant NOW = SignInFixtures.NOW;
    private final MutableClock clock = new MutableClock(NOW);
    private final NonceStore nonces = NonceStore.inMemory();

    private SignInVerifier.Builder builder() {
        return SignInVerifier.builder()
                .domains("app.example.com", "app.example.com:8443")
                .uris("https://app.example.com", "https://app.example.com:8443")
                .eoaOnlyChain(1)
                .eoaOnlyChain(8453)
                .nonceStore(nonces)
                .clock(clock);
    }

    private VerifiedIdentity verify(SignInVerifier v, SignInFixtures.Siwe c) {
        return verify(v, c, c.message(), c.signature());
    }

    private VerifiedIdentity verify(SignInVerifier v, SignInFixtures.Siwe c, String message, String signature) {
        nonces.put(c.nonce(), clock.instant().plus(Duration.ofMinutes(10)));
        return v.verifySiwe(message, signature);
    }

    private static final Set<ErrorCode> SEEN = new HashSet<>();

    private static void rejects(Runnable r, ErrorCode code, String message) {
        WalletVerificationException e = catchThrowableOfType(r::run, WalletVerificationException.class);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).contains(message);
        synchronized (SEEN) {
            SEEN.add(code);
        }
    }

    @Test
    void accepts_every_siwe_and_viem_message_signed_by_an_eoa() {
        SignInVerifier v = builder().build();
        for (SignInFixtures.Siwe c : SignInFixtures.siwe()) {
            VerifiedIdentity id = verify(v, c);
            assertThat(id.subject()).as(c.name()).isEqualTo("did:pkh:eip155:" + c.chainId() + ":" + c.address());
            assertThat(id.issuer()).isEqualTo(id.subject());
            assertThat(id.issuerName()).isEqualTo("siwe");
            assertThat(id.profile()).isEqualTo("siwe");
            assertThat(id.audience()).containsExactly(c.uri());
            assertThat(id.wallet().address()).isEqualTo(c.address());
            assertThat(id.wallet().type()).isEqualTo("ethereum");
            assertThat(id.wallet().curve()).isEqualTo("secp256k1");
            assertThat(WalletKeys.eip55(WalletKeys.ethereumAddress(HexFormat.of().parseHex(id.wallet().publicKey()))))
                    .isEqualTo(c.address());
            assertThat(id.wallets()).containsExactly(id.wallet());
            assertThat(id.issuedAt()).isEqualTo(Instant.parse(c.fields().path("issuedAt").asText()));
            String exp = c.fields().path("expirationTime").textValue();
            assertThat(id.expiresAt()).isEqualTo(exp == null ? NOW.plus(Duration.ofHours(24)) : Instant.parse(exp));
            assertThat(id.claims()).containsEntry("chainId", c.chainId()).containsEntry("nonce", c.nonce())
                    .containsEntry("signatureType", "eoa").containsEntry("domain", c.domain());
        }
    }

    @Test
    void a_nonce_signs_in_once_and_unknown_nonces_never() {
        SignInVerifier v = builder().build();
        SignInFixtures.Siwe c = SignInFixtures.siwe("viem-minimal");
        verify(v, c);
        rejects(() -> v.verifySiwe(c.message(), c.signature()), ErrorCode.NONCE_INVALID,
                "the message's nonce was not issued here, has expired or was already used");
        SignInFixtures.Siwe other = SignInFixtures.siwe("siwe-minimal");
        rejects(() -> v.verifySiwe(other.message(), other.signature()), ErrorCode.NONCE_INVALID, "was not issued");
    }

    @Test
    void an_issued_nonce_expires_after_its_ttl() {
        SignInVerifier v = builder().nonceTtl(Duration.ofMinutes(5)).build();
        SignInFixtures.Siwe c = SignInFixtures.siwe("siwe-minimal");
        Nonce nonce = v.issueNonce();
        assertThat(nonce.value()).matches("[A-Za-z0-9]{22}");
        assertThat(nonce.issuedAt()).isEqualTo(NOW);
        assertThat(nonce.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(v.issueNonce().value()).isNotEqualTo(nonce.value());
        clock.advance(Duration.ofMinutes(5));
        String message = c.message().replace(c.nonce(), nonce.value());
        rejects(() -> v.verifySiwe(message, c.signature()), ErrorCode.NONCE_INVALID, "has expired");
    }

    @Test
    void a_failed_sign_in_uses_its_nonce_up() {
        SignInFixtures.Siwe c = SignInFixtures.siwe("siwe-statement");
        SignInVerifier elsewhere = builder().domains("other.example.com").build();
        rejects(() -> verify(elsewhere, c), ErrorCode.AUDIENCE_MISMATCH,
                "domain 'app.example.com' is not a configured domain [other.example.com]");
        rejects(() -> builder().build().verifySiwe(c.message(), c.signature()), ErrorCode.NONCE_INVALID,
                "already used");
    }

    @Test
    void the_nonce_is_checked_before_everything_but_the_grammar() {
        SignInVerifier elsewhere = builder().domains("other.example.com").build();
        SignInFixtures.Siwe c = SignInFixtures.siwe("siwe-minimal");
        rejects(() -> elsewhere.verifySiwe(c.message(), "junk"), ErrorCode.NONCE_INVALID, "was not issued here");
        rejects(() -> elsewhere.verifySiwe(c.message().replace("Version: 1", "Version: 2"), "junk"),
                ErrorCode.MESSAGE_INVALID, "SIWE message field 'Version': must be 1");
    }

    @Test
    void domain_port_uri_origin_scheme_and_chain_must_be_configured() {
        SignInFixtures.Siwe port = SignInFixtures.siwe("viem-port");
        rejects(() -> verify(builder().domains("app.example.com").build(), port), ErrorCode.AUDIENCE_MISMATCH,
                "domain 'app.example.com:8443' is not a configured domain [app.example.com]");
        assertThat(verify(builder().domains("APP.example.com:*").build(), port).subject()).endsWith(port.address());
        SignInFixtures.Siwe minimal = SignInFixtures.siwe("siwe-minimal");
        rejects(() -> verify(builder().uris("https://login.example.com").build(), minimal),
                ErrorCode.AUDIENCE_MISMATCH, "URI 'https://app.example.com/login' is not on an allowed origin"
                        + " [https://login.example.com]");
        rejects(() -> verify(builder().uris("http://app.example.com").build(), minimal),
                ErrorCode.AUDIENCE_MISMATCH, "is not on an allowed origin");
        rejects(() -> verify(builder().uris("https://app.example.com:444").build(), minimal),
                ErrorCode.AUDIENCE_MISMATCH, "is not on an allowed origin");
        assertThat(verify(builder().uris("https://app.example.com:443").build(), SignInFixtures.siwe("viem-minimal"))
                .subject()).startsWith("did:pkh:eip155:1:");
        SignInFixtures.Siwe scheme = SignInFixtures.siwe("siwe-scheme");
        String http = scheme.message().replace("https://app.example.com wants", "http://app.example.com wants");
        rejects(() -> verify(builder().build(), scheme, http, scheme.signature()), ErrorCode.AUDIENCE_MISMATCH,
                "scheme and domain 'http://app.example.com' are not an allowed origin");
        SignInFixtures.Siwe base = SignInFixtures.siwe("viem-chain-8453");
        rejects(() -> verify(SignInVerifier.builder().domains("app.example.com").uris("https://app.example.com")
                        .eoaOnlyChain(1).nonceStore(nonces).clock(clock).build(), base),
                ErrorCode.AUDIENCE_MISMATCH, "chain 8453 is not a configured chain [1]");
    }

    @Test
    void expiration_not_before_and_issued_at_are_checked_with_the_clock_skew() {
        SignInFixtures.Siwe full = SignInFixtures.siwe("siwe-all-optional-fields");
        Instant exp = Instant.parse(full.fields().path("expirationTime").asText());
        clock.advance(Duration.between(NOW, exp).plusSeconds(59));
        assertThat(verify(builder().build(), full).expiresAt()).isEqualTo(exp);
        clock.advance(Duration.ofSeconds(1));
        rejects(() -> verify(builder().build(), full), ErrorCode.TOKEN_EXPIRED,
                "the message expired at " + exp + " (clock skew 60s)");
        MutableClock early = new MutableClock(NOW.minusSeconds(121)); // Not Before is NOW - 60 s
        rejects(() -> verify(builder().clock(early).build(), full), ErrorCode.TOKEN_NOT_YET_VALID,
                "the message is not valid before " + NOW.minusSeconds(60));
        SignInFixtures.Siwe minimal = SignInFixtures.siwe("viem-minimal"); // Issued At is NOW - 30 s
        MutableClock before = new MutableClock(NOW.minusSeconds(91));
        rejects(() -> verify(builder().clock(before).build(), minimal), ErrorCode.TOKEN_NOT_YET_VALID,
                "the message is issued in the future, at " + NOW.minusSeconds(30));
        assertThat(verify(builder().clock(new MutableClock(NOW.minusSeconds(90))).build(), minimal)).isNotNull();
    }

    @Test
    void rejects_malformed_signatures() {
        SignInFixtures.Siwe c = SignInFixtures.siwe("viem-statement");
        SignInVerifier v = builder().build();
        for (String bad : new String[] {null, "", "  ", "0x", "abcd", "0xzz", "0xabc",
            "0x" + "00".repeat(EthereumSignatureCheck.MAX_SIGNATURE_BYTES + 1)}) {
            rejects(() -> verify(v, c, c.message(), bad), ErrorCode.SIGNATURE_INVALID, "signature");
        }
    }

    @Test
    void v_as_0_or_1_and_the_high_s_form_are_the_same_signature() {
        SignInVerifier v = builder().build();
        SignInFixtures.Siwe c = SignInFixtures.siwe("siwe-statement");
        byte[] sig = HexFormat.of().parseHex(c.signature().substring(2));
        byte[] zeroOne = sig.clone();
        zeroOne[64] -= 27;
        assertThat(verify(v, c, c.message(), "0x" + HexFormat.of().formatHex(zeroOne)).wallet().address())
                .isEqualTo(c.address());
        BigInteger n = ECNamedCurveTable.getByName("secp256k1").getN();
        byte[] high = sig.clone();
        byte[] s = n.subtract(new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64))).toByteArray();
        int len = Math.min(s.length, 32); // n - s < n: at most 32 significant bytes, after a sign byte
        java.util.Arrays.fill(high, 32, 64, (byte) 0);
        System.arraycopy(s, s.length - len, high, 64 - len, len);
        high[64] = (byte) (sig[64] == 27 ? 28 : 27);
        assertThat(verify(v, c, c.message(), "0x" + HexFormat.of().formatHex(high)).wallet().address())
                .isEqualTo(c.address());
    }

    @Test
    void on_a_chain_for_eoas_only_any_other_signer_is_chain_unavailable() {
        SignInVerifier v = builder().build();
        SignInFixtures.Siwe c = SignInFixtures.siwe("viem-minimal");
        SignInFixtures.Siwe other = SignInFixtures.siwe("siwe-minimal");
        // another message's signature recovers to some other address
        rejects(() -> verify(v, c, c.message(), other.signature()), ErrorCode.CHAIN_UNAVAILABLE,
                "chain 1 is configured for EOA sign-ins only (no JSON-RPC URL) and the signature is by 0x");
        rejects(() -> verify(v, c, c.message(), other.signature()), ErrorCode.CHAIN_UNAVAILABLE,
                ", not by the address itself " + c.address() + "; only the chain could tell whether a"
                        + " smart-contract wallet signed it");
        String tampered = c.message().replace("app.example.com/login",
                "app.example.com/logon");
        rejects(() -> verify(v, c, tampered, c.signature()), ErrorCode.CHAIN_UNAVAILABLE, "EOA sign-ins only");
        byte[] sig = HexFormat.of().parseHex(c.signature().substring(2));
        sig[64] = 29;
        String badV = "0x" + HexFormat.of().formatHex(sig);
        rejects(() -> verify(v, c, c.message(), badV), ErrorCode.CHAIN_UNAVAILABLE,
                "the signature is not a valid EOA signature (signature v is 29, not 27, 28, 0 or 1)");
    }

    @Test
    void builder_options_are_validated_at_once_naming_the_value() {
        assertThatThrownBy(() -> SignInVerifier.builder().uris("https://a.example").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("domains: at least one domain is required");
        assertThatThrownBy(() -> SignInVerifier.builder().domains("a.example").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uris: at least one allowed origin is required");
        assertThatThrownBy(() -> SignInVerifier.builder().domains("a.example/path"))
                .hasMessageStartingWith("domains: 'a.example/path' is not host[:port] or host:*");
        assertThatThrownBy(() -> SignInVerifier.builder().uris("ftp://a.example"))
                .hasMessageStartingWith("uris: 'ftp://a.example' is not an origin");
        assertThatThrownBy(() -> SignInVerifier.builder().uris("https://a.example/login"))
                .hasMessageStartingWith("uris: 'https://a.example/login' is not an origin");
        assertThatThrownBy(() -> SignInVerifier.builder().chain(1, java.net.URI.create("http://rpc.example/v2/KEY")))
                .hasMessage("chain 1: the JSON-RPC URL must be https (plain http only on a loopback host):"
                        + " http://rpc.example/…");
        assertThatThrownBy(() -> SignInVerifier.builder().eoaOnlyChain(0)).hasMessage("chainId must be positive: 0");
        assertThatThrownBy(() -> SignInVerifier.builder().nonceTtl(Duration.ofMillis(999)))
                .hasMessage("nonceTtl must be at least 1 second: PT0.999S");
        assertThatThrownBy(() -> SignInVerifier.builder().clockSkew(Duration.ofMinutes(11)))
                .hasMessage("clockSkew must be between 0 and 10 minutes: PT11M");
        assertThatThrownBy(() -> SignInVerifier.builder().solanaClusters("mainnet-beta"))
                .hasMessage("solanaClusters: 'mainnet-beta' is not one of mainnet, devnet, testnet, localnet");
        assertThatThrownBy(() -> SignInVerifier.builder().rpcResponseLimit(100))
                .hasMessage("rpcResponseLimit must be between 1 KiB and 16 MiB: 100");
        assertThatThrownBy(() -> SignInVerifier.builder().rpcTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("rpc connect timeout must be positive: PT0S");
        assertThatThrownBy(() -> SignInVerifier.builder().identityLifetime(Duration.ofSeconds(-1)))
                .hasMessage("identityLifetime must be positive: PT-1S");
    }

    @Test
    void a_nonce_store_that_cannot_be_reached_is_store_unavailable() {
        NonceStore down = new NonceStore() {
            @Override
            public void put(String nonce, Instant expiresAt) {
                throw new WalletVerificationException(ErrorCode.STORE_UNAVAILABLE, "nonce store is down");
            }

            @Override
            public boolean consume(String nonce, Instant now) {
                throw new WalletVerificationException(ErrorCode.STORE_UNAVAILABLE, "nonce store is down");
            }
        };
        SignInVerifier v = builder().nonceStore(down).build();
        SignInFixtures.Siwe c = SignInFixtures.siwe("viem-minimal");
        rejects(v::issueNonce, ErrorCode.STORE_UNAVAILABLE, "nonce store is down");
        rejects(() -> v.verifySiwe(c.message(), c.signature()), ErrorCode.STORE_UNAVAILABLE, "nonce store is down");
    }

    @Test
    void every_sign_in_code_has_a_test_here_or_in_the_chain_tests() {
        // each on a fresh instance: some move the clock
        new SiweVerifierTest().a_nonce_signs_in_once_and_unknown_nonces_never();
        new SiweVerifierTest().domain_port_uri_origin_scheme_and_chain_must_be_configured();
        new SiweVerifierTest().expiration_not_before_and_issued_at_are_checked_with_the_clock_skew();
        new SiweVerifierTest().rejects_malformed_signatures();
        new SiweVerifierTest().on_a_chain_for_eoas_only_any_other_signer_is_chain_unavailable();
        new SiweVerifierTest().a_nonce_store_that_cannot_be_reached_is_store_unavailable();
        new SiweVerifierTest().the_nonce_is_checked_before_everything_but_the_grammar();
        synchronized (SEEN) {
            assertThat(SEEN).containsExactlyInAnyOrderElementsOf(List.of(ErrorCode.MESSAGE_INVALID,
                    ErrorCode.NONCE_INVALID, ErrorCode.AUDIENCE_MISMATCH, ErrorCode.TOKEN_EXPIRED,
                    ErrorCode.TOKEN_NOT_YET_VALID, ErrorCode.SIGNATURE_INVALID, ErrorCode.CHAIN_UNAVAILABLE,
                    ErrorCode.STORE_UNAVAILABLE));
        }
    }
}
