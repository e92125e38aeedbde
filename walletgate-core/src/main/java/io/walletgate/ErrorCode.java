package io.walletgate;

import java.util.Locale;

/**
 * Why a token, key, wallet proof or sign-in was rejected. The codes are stable (docs/architecture.md §6): the CLI, the
 * HTTP API and {@link WalletVerificationException} all use the same lower-case {@link #code()} strings, and callers
 * switch on them, never on messages.
 */
public enum ErrorCode {
    /** No token was given, or it was blank. */
    TOKEN_MISSING("no token was given"),
    /** The token is not a compact JWS: wrong number of parts, bad base64url or JSON, or a payload that is no object. */
    TOKEN_MALFORMED("the token is not a well-formed signed JWT"),
    /** The token is larger than 16 KiB. */
    TOKEN_TOO_LARGE("the token is larger than the allowed size"),
    /** The JOSE header is unusable: a key-source header ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}),
     * an unknown {@code crit}, or a missing or mistyped member. */
    HEADER_INVALID("the token header is not acceptable"),
    /** The {@code alg} is not one this issuer allows ({@code none} and HMAC never are). */
    ALG_NOT_ALLOWED("the signing algorithm is not allowed for this issuer"),
    /** The {@code iss} is not a configured issuer; no network call was made. */
    ISSUER_UNKNOWN("the token's issuer is not configured"),
    /** The issuer's keys could not be obtained. */
    JWKS_UNAVAILABLE("the issuer's signing keys could not be fetched"),
    /** No key of the issuer matches the token's {@code kid} and algorithm. */
    KEY_NOT_FOUND("no key of the issuer matches the token"),
    /** The signature does not verify with the selected key. */
    SIGNATURE_INVALID("the signature is not valid"),
    /** The token's {@code exp} has passed (beyond the allowed clock skew). */
    TOKEN_EXPIRED("the token has expired"),
    /** The token's {@code nbf} or {@code iat} lies in the future (beyond the allowed clock skew). */
    TOKEN_NOT_YET_VALID("the token is not valid yet"),
    /** The token was issued longer ago than the configured maximum token age. */
    TOKEN_TOO_OLD("the token was issued too long ago"),
    /** The token's {@code aud} does not contain the configured audience. */
    AUDIENCE_MISMATCH("the token is meant for another audience"),
    /** A required claim is absent. */
    CLAIM_MISSING("a required claim is missing"),
    /** A claim has the wrong type or value. */
    CLAIM_INVALID("a claim has an invalid value"),
    /** The client's wallet proof (public key or address) is malformed. */
    WALLET_PROOF_INVALID("the wallet public key or address sent by the client is malformed"),
    /** The client's wallet proof is well formed but is not the token's wallet. */
    WALLET_MISMATCH("the wallet sent by the client is not the token's wallet"),
    /** The token was already used to create a session. */
    TOKEN_REPLAYED("the token was already used"),
    /** The session is unknown, expired or revoked. */
    SESSION_INVALID("the session is not valid"),
    /** The request itself is malformed. */
    REQUEST_INVALID("the request is malformed"),
    /** The session store cannot be reached (service only; answered with HTTP 503, never a silent accept). */
    STORE_UNAVAILABLE("the session store cannot be reached"),
    /** A sign-in message (SIWE, SIWS) does not follow its grammar; the message names the field. */
    MESSAGE_INVALID("the sign-in message is not well formed"),
    /** A sign-in message's nonce was not issued by this service, has expired or was already used. */
    NONCE_INVALID("the sign-in nonce is unknown, expired or already used"),
    /** The chain that must judge a smart-contract wallet's signature cannot be asked (answered with HTTP 503). */
    CHAIN_UNAVAILABLE("the chain needed to check the wallet's signature cannot be reached"),
    /**
     * The admin token presented is not the configured one (service only: the admin endpoint and, off loopback, the web
     * page's API). A missing one is {@link #TOKEN_MISSING}; no other code fits a wrong operator credential.
     */
    ADMIN_TOKEN_INVALID("the admin token presented is wrong");

    private final String code;
    private final String meaning;

    ErrorCode(String meaning) {
        this.code = name().toLowerCase(Locale.ROOT);
        this.meaning = meaning;
    }

    /**
     * The stable wire code, e.g. {@code "token_expired"}.
     *
     * @return the code as the wire and the error body spell it
     */
    public String code() {
        return code;
    }

    /** {@return a plain-language sentence saying what the code means, for people reading a report} */
    public String meaning() {
        return meaning;
    }

    /**
     * The code for a wire string.
     *
     * @param code a wire code such as {@code token_expired}
     * @return the error code with that wire code
     * @throws IllegalArgumentException if no code has that name
     */
    public static ErrorCode fromCode(String code) {
        for (ErrorCode c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown error code: " + code);
    }

    @Override
    public String toString() {
        return code;
    }
}
