package io.walletgate;

import java.util.Objects;

/**
 * A token, key or wallet proof was rejected. Carries a stable {@link ErrorCode}; the message is short, lower-case
 * and safe to show a client: it never contains the token, key material or a session id.
 */
public final class WalletVerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** A rejection with the given code and client-safe message. */
    public WalletVerificationException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A rejection with the given code and client-safe message, caused by {@code cause}. */
    public WalletVerificationException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Why the token was rejected. */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return "WalletVerificationException[" + code.code() + "]: " + getMessage();
    }
}
