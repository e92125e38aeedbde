package io.walletgate.signin;

import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.wallet.EthereumSignatures;
import io.walletgate.internal.wallet.WalletKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies sign-ins with a wallet signature and no provider: Sign-In with Ethereum (EIP-4361) by externally owned
 * accounts, deployed smart-contract wallets (EIP-1271) and wallets not deployed yet (EIP-6492), and Sign-In with
 * Solana (the Wallet Standard's {@code solana:signIn}). Immutable and thread-safe: build one per application.
 *
 * <pre>{@code
 * SignInVerifier signIn = SignInVerifier.builder()
 *         .domains("app.example.com")
 *         .uris("https://app.example.com")
 *         .chain(1, URI.create("https://rpc.example/eth"))   // JSON-RPC for smart-contract wallets
 *         .build();
 * Nonce nonce = signIn.issueNonce();                         // the frontend puts nonce.value() in its message
 * VerifiedIdentity id = signIn.verifySiwe(message, signature);
 * }</pre>
 *
 * <p>Every sign-in is checked in this order (docs/architecture.md §13), the first failure deciding the code: the
 * message is parsed strictly ({@code message_invalid}, naming the field); its nonce is used up, whatever the verdict
 * ({@code nonce_invalid} when it was not issued here, expired or was used); {@code domain}, {@code uri}, the
 * optional {@code scheme} and the chain must be configured ({@code audience_mismatch}); {@code Issued At},
 * {@code Expiration Time} and {@code Not Before} are checked with the clock skew ({@code token_not_yet_valid},
 * {@code token_expired}); then the signature ({@code signature_invalid}; {@code chain_unavailable} when the chain
 * that must judge a smart-contract wallet cannot be asked).
 *
 * <p>The identity: subject {@code did:pkh:eip155:{chainId}:{EIP-55 address}} (or {@code did:pkh:solana:{chain
 * reference}:{address}}), issuer the same DID (the wallet asserted it, as in CAIP-74), issuer name and profile
 * {@code siwe} or {@code siws}, audience the message's URI, expiry its {@code Expiration Time} or else the verifier's
 * {@link Builder#identityLifetime identity lifetime} from now, the wallet (with its public key when it is a key),
 * and every message field as a claim (plus {@code chainId} and {@code signatureType}: {@code eoa}, {@code erc1271},
 * {@code erc6492} or {@code ed25519}).
 */
public final class SignInVerifier {
    private static final char[] ALPHANUMERIC =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int NONCE_LENGTH = 22; // 22 × log2(62) ≈ 131 bits

    private final Clock clock;
    private final Duration clockSkew;
    private final Duration nonceTtl;
    private final Duration identityLifetime;
    private final NonceStore nonces;
    private final OriginPolicy origins;
    private final Map<Long, Optional<URI>> chains; // no URI: a chain for EOAs only
    private final Set<String> solanaClusters;
    private final EthereumSignatureCheck ethereum;
    private final SolanaSignatureCheck solana;
    private final SecureRandom random = new SecureRandom();

    private SignInVerifier(SignInVerifierBuilder b) {
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.nonceTtl = b.nonceTtl;
        this.identityLifetime = b.identityLifetime;
        this.nonces = b.nonceStore != null ? b.nonceStore : NonceStore.inMemory();
        this.origins = new OriginPolicy(b.domains, b.uris);
        this.chains = Map.copyOf(b.chains);
        this.solanaClusters = Set.copyOf(b.solanaClusters);
        this.ethereum = new EthereumSignatureCheck(new JsonRpcClient(b.rpcConnectTimeout, b.rpcReadTimeout,
                b.rpcResponseLimit, b.rpcMaxInFlight));
        this.solana = new SolanaSignatureCheck();
    }

    /** {@return a builder; see {@link Builder} for the options and their defaults} */
    public static Builder builder() {
        return new SignInVerifierBuilder();
    }

    /**
     * Issues a nonce for one sign-in and keeps it in the nonce store for the nonce TTL.
     *
     * @return the nonce, with when it was issued and when it expires
     * @throws WalletVerificationException {@code store_unavailable} when the nonce store cannot be reached
     */
    public Nonce issueNonce() {
        char[] value = new char[NONCE_LENGTH];
        for (int i = 0; i < value.length; i++) {
            value[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        Instant now = clock.instant();
        Nonce nonce = new Nonce(new String(value), now, now.plus(nonceTtl));
        nonces.put(nonce.value(), nonce.expiresAt());
        return nonce;
    }

    /**
     * Verifies a Sign-In with Ethereum message and its {@code personal_sign} signature ({@code 0x}-hex: 65 bytes for
     * an EOA, any length for a smart-contract wallet, EIP-6492 wrapped for one not deployed yet).
     *
     * @return the identity of the signing address on the message's chain
     * @param message the message the wallet signed, exactly as signed
     * @param signature the signature, {@code 0x}-hex
     * @throws WalletVerificationException {@code message_invalid}, {@code nonce_invalid}, {@code audience_mismatch},
     *     {@code token_not_yet_valid}, {@code token_expired}, {@code signature_invalid}, {@code chain_unavailable}
     *     or {@code store_unavailable}, in the order of the class description
     */
    public VerifiedIdentity verifySiwe(String message, String signature) {
        SiweMessage m = SiweMessage.parse(message);
        Instant now = consume(m.nonce());
        origins.checkDomain(m.domain());
        origins.checkUri(m.uri());
        if (m.scheme() != null) {
            origins.checkScheme(m.scheme(), m.domain());
        }
        if (!chains.containsKey(m.chainId())) {
            throw new WalletVerificationException(ErrorCode.AUDIENCE_MISMATCH, "chain " + m.chainId()
                    + " is not a configured chain " + chains.keySet().stream().sorted().toList());
        }
        checkTimes(now, m.issuedAt(), m.expirationTime(), m.notBefore());
        byte[] sig = EthereumSignatureCheck.parse(signature);
        byte[] hash = EthereumSignatures.personalMessageHash(message.getBytes(StandardCharsets.UTF_8));
        EthereumSignatureCheck.Proof proof = ethereum.check(m.chainId(), chains.get(m.chainId()).orElse(null),
                WalletKeys.parseHex(m.address()), hash, sig);
        return SignInIdentities.ethereum(m, proof, expiry(now, m.expirationTime()));
    }

    /**
     * Verifies a Sign-In with Solana message and its Ed25519 signature (64 bytes, base58 or base64).
     *
     * @return the identity of the signing address on the message's cluster
     * @param message the message the wallet signed, exactly as signed
     * @param signature the signature, base58 or base64
     * @throws WalletVerificationException {@code message_invalid}, {@code nonce_invalid}, {@code audience_mismatch},
     *     {@code token_not_yet_valid}, {@code token_expired}, {@code signature_invalid} or {@code store_unavailable},
     *     in the order of the class description
     */
    public VerifiedIdentity verifySiws(String message, String signature) {
        SiwsMessage m = SiwsMessage.parse(message);
        Instant now = consume(m.nonce());
        origins.checkDomain(m.domain());
        origins.checkUri(m.uri());
        if (!solanaClusters.contains(m.cluster())) {
            throw new WalletVerificationException(ErrorCode.AUDIENCE_MISMATCH, "Solana cluster " + m.cluster()
                    + " is not a configured cluster " + solanaClusters.stream().sorted().toList());
        }
        checkTimes(now, m.issuedAt(), m.expirationTime(), m.notBefore());
        solana.check(m.address(), message, SolanaSignatureCheck.parse(signature));
        return SignInIdentities.solana(m, expiry(now, m.expirationTime()));
    }

    private Instant consume(String nonce) {
        Instant now = clock.instant();
        if (!nonces.consume(nonce, now)) {
            throw new WalletVerificationException(ErrorCode.NONCE_INVALID, "the message's nonce was not issued here,"
                    + " has expired or was already used");
        }
        return now;
    }

    private void checkTimes(Instant now, Instant issuedAt, Instant expirationTime, Instant notBefore) {
        String skew = " (clock skew " + clockSkew.toSeconds() + "s)";
        if (expirationTime != null && !now.minus(clockSkew).isBefore(expirationTime)) {
            throw new WalletVerificationException(ErrorCode.TOKEN_EXPIRED, "the message expired at "
                    + expirationTime + skew);
        }
        if (notBefore != null && now.plus(clockSkew).isBefore(notBefore)) {
            throw new WalletVerificationException(ErrorCode.TOKEN_NOT_YET_VALID, "the message is not valid before "
                    + notBefore + skew);
        }
        if (now.plus(clockSkew).isBefore(issuedAt)) {
            throw new WalletVerificationException(ErrorCode.TOKEN_NOT_YET_VALID, "the message is issued in the"
                    + " future, at " + issuedAt + skew);
        }
    }

    private Instant expiry(Instant now, Instant expirationTime) {
        return expirationTime != null ? expirationTime : now.plus(identityLifetime);
    }

    /** Options of a {@link SignInVerifier}; each setter validates at once, naming the option and the value. */
    public interface Builder {
        /**
         * The domains a message may be for: {@code host}, {@code host:port}, or {@code host:*} for any port.
         *
         * @param domains the domains
         * @return this builder
         */
        Builder domains(String... domains);

        /**
         * The allowed origins of a message's {@code uri} (and of {@code scheme://domain} when it names a scheme):
         * {@code https://host[:port]} or {@code http://host[:port]}, {@code :*} for any port.
         *
         * @param origins the origins
         * @return this builder
         */
        Builder uris(String... origins);

        /** A chain accepted for sign-ins, with the JSON-RPC URL that judges smart-contract wallets (HTTPS; plain
         * HTTP only on a loopback host).
         *
         * @param chainId the EIP-155 chain id
         * @param rpcUrl the chain's JSON-RPC URL
         * @return this builder
         */
        Builder chain(long chainId, URI rpcUrl);

        /**
         * A chain accepted for EOA sign-ins only: a smart-contract wallet on it is {@code chain_unavailable}.
         *
         * @param chainId the EIP-155 chain id
         * @return this builder
         */
        Builder eoaOnlyChain(long chainId);

        /** The Solana clusters accepted: {@code mainnet}, {@code devnet}, {@code testnet}, {@code localnet}.
         * Default: {@code mainnet} (also a message naming no chain).
         *
         * @param clusters the cluster names
         * @return this builder
         */
        Builder solanaClusters(String... clusters);

        /**
         * Where nonces wait for their use. Default: {@link NonceStore#inMemory()}.
         *
         * @param store the nonce store
         * @return this builder
         */
        Builder nonceStore(NonceStore store);

        /**
         * How long an issued nonce stays usable: at least 1 s. Default: 10 min.
         *
         * @param ttl the nonce lifetime
         * @return this builder
         */
        Builder nonceTtl(Duration ttl);

        /**
         * The time source. Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        Builder clock(Clock clock);

        /**
         * Tolerated clock difference with the wallet, either way: 0 to 10 min. Default: 60 s.
         *
         * @param skew the tolerance
         * @return this builder
         */
        Builder clockSkew(Duration skew);

        /** The expiry of an identity whose message has no {@code Expiration Time}, from the sign-in: positive.
         * Default: 24 h (the service's session lifetime).
         *
         * @param lifetime the identity's lifetime
         * @return this builder
         */
        Builder identityLifetime(Duration lifetime);

        /**
         * JSON-RPC connect timeout and time for the whole response: positive. Default: 5 s and 5 s.
         *
         * @param connect the connect timeout
         * @param read the time for the whole response
         * @return this builder
         */
        Builder rpcTimeouts(Duration connect, Duration read);

        /**
         * Largest JSON-RPC response read, in bytes: 1 KiB to 16 MiB. Default: 64 KiB.
         *
         * @param bytes the limit in bytes
         * @return this builder
         */
        Builder rpcResponseLimit(int bytes);

        /**
         * Most JSON-RPC calls waiting at once, all chains together: 1 to 10,000. Beyond, a smart-wallet sign-in is
         * {@code chain_unavailable} at once instead of holding one more thread for the read timeout. Default: 64.
         *
         * @param calls the limit
         * @return this builder
         */
        Builder rpcMaxInFlight(int calls);

        /**
         * The verifier.
         *
         * @return the verifier
         * @throws IllegalArgumentException when no domain or no origin is configured
         */
        SignInVerifier build();
    }

    static SignInVerifier create(SignInVerifierBuilder b) {
        return new SignInVerifier(b);
    }
}
