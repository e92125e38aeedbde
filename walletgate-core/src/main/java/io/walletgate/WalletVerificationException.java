package io.walletgate;

import java.util.List;
import java.util.Objects;

/**
 * A token, key or wallet proof was rejected. Carries a stable {@link ErrorCode}; the message is short, lower-case,
 * and never contains the token, key material or a session id. For key failures it names the key source and the key
 * ids it holds, which a developer needs and a client should not see: {@link #publicMessage()} is the message to
 * answer a client with. A rejection by a
 * {@link WalletVerifier} also says where it happened: the {@link #stage()}, the configured issuer the token was
 * routed to ({@link #issuerName()}), the claim it is about ({@link #claim()}), and for a failed wallet proof the
 * token's wallets ({@link #wallets()}), so that callers never decode the token a second time to report it.
 */
public final class WalletVerificationException extends RuntimeException {
    private static final long serialVersionUID = 2L;

    /** @serial why the token was rejected */
    private final ErrorCode code;
    /** @serial the claim the rejection is about, or null */
    private final String claim;
    /** @serial the configured issuer the token was routed to, or null */
    private final String issuerName;
    /** @serial the stage that rejected the token, or null */
    private final VerificationStage stage;
    private final transient List<Wallet> wallets;

    /**
     * A rejection with the given code and client-safe message.
     *
     * @param code the error code
     * @param message the message, safe to show a client
     */
    public WalletVerificationException(ErrorCode code, String message) {
        this(code, message, null, null, null, null, List.of());
    }

    /**
     * A rejection with the given code and client-safe message, caused by {@code cause}.
     *
     * @param code the error code
     * @param message the message, safe to show a client
     * @param cause what caused it
     */
    public WalletVerificationException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, null, null, null, List.of());
    }

    private WalletVerificationException(ErrorCode code, String message, Throwable cause, String claim,
                                        String issuerName, VerificationStage stage, List<Wallet> wallets) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.claim = claim;
        this.issuerName = issuerName;
        this.stage = stage;
        this.wallets = wallets;
    }

    /**
     * A rejection about one claim (its name or dotted path, e.g. {@code exp}, {@code wallets[1].type}).
     *
     * @param code the error code
     * @param claim the claim's name or path
     * @param message the message, safe to show a client
     * @return the rejection
     */
    public static WalletVerificationException forClaim(ErrorCode code, String claim, String message) {
        return new WalletVerificationException(code, message, null, Objects.requireNonNull(claim, "claim"), null,
                null, List.of());
    }

    /**
     * This rejection, as the stage that threw it in the verifier saw it: at {@code stage}, for the issuer the token
     * was routed to (null before routing), with the token's wallets (an immutable list) for a wallet-proof failure.
     * A rejection already placed keeps its place.
     */
    WalletVerificationException at(VerificationStage where, String routedTo, List<Wallet> tokenWallets) {
        if (stage != null) {
            return this;
        }
        WalletVerificationException placed = new WalletVerificationException(code, getMessage(), getCause(), claim,
                routedTo, where, tokenWallets);
        placed.setStackTrace(getStackTrace());
        return placed;
    }

    /** {@return why the token was rejected} */
    public ErrorCode code() {
        return code;
    }

    /**
     * The claim the rejection is about ({@code exp}, {@code aud}, {@code iss}, …), or null when it is about none.
     *
     * @return the claim's name or path, or null
     */
    public String claim() {
        return claim;
    }

    /**
     * The name of the configured issuer the token was routed to by its {@code iss}, or null when it was rejected
     * before (or outside) routing: a bounded set of values, safe as a metric tag.
     *
     * @return the issuer's name, or null
     */
    public String issuerName() {
        return issuerName;
    }

    /** {@return the verification stage that rejected the token, or null when it was not thrown by a verifier} */
    public VerificationStage stage() {
        return stage;
    }

    /**
     * For a rejection at the {@link VerificationStage#WALLET} stage, the wallets the token names (the proof was
     * matched against them: the token itself was verified); empty otherwise.
     *
     * @return the token's wallets, or an empty list
     */
    public List<Wallet> wallets() {
        return wallets == null ? List.of() : wallets;
    }

    /**
     * The message to show a client: {@link #getMessage()}, except for {@code key_not_found},
     * {@code signature_invalid} and {@code jwks_unavailable} at a verifier's {@link VerificationStage#KEYS} or
     * {@link VerificationStage#SIGNATURE} stage, whose messages name the key source (its URL) and the
     * key ids it holds; those say what happened in the issuer's name only (issue 21, item 7). Log
     * {@link #getMessage()} for operators.
     *
     * @return the message for a client
     */
    public String publicMessage() {
        if (stage != VerificationStage.KEYS && stage != VerificationStage.SIGNATURE) {
            // not a token's key lookup or signature check (a sign-in message's, say): no key source to hide
            return getMessage();
        }
        String issuer = issuerName == null ? "the issuer" : "issuer '" + issuerName + "'";
        switch (code) {
            case KEY_NOT_FOUND:
                return "no key of " + issuer + " matches this token (its kid is unknown, or was retired)";
            case SIGNATURE_INVALID:
                return "the signature does not verify with the key of " + issuer;
            case JWKS_UNAVAILABLE:
                return "the keys of " + issuer + " cannot be fetched right now; try again later";
            default:
                return getMessage();
        }
    }

    @Override
    public String toString() {
        return "WalletVerificationException[" + code.code() + "]: " + getMessage();
    }
}
