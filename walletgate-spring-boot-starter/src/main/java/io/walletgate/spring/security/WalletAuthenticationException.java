package io.walletgate.spring.security;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import java.util.Objects;
import org.springframework.security.core.AuthenticationException;

/**
 * A wallet login was rejected: carries the stable {@link ErrorCode} (docs/architecture.md §6) and the verifier's
 * client-safe message, which the {@link WalletGateAuthenticationEntryPoint} answers as an RFC 6750 401.
 */
public final class WalletAuthenticationException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** A rejection with the given code and client-safe message. */
    public WalletAuthenticationException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The rejection of the verifier. */
    public WalletAuthenticationException(WalletVerificationException cause) {
        super(cause.publicMessage(), cause); // no key URL or key ids for the client: the cause keeps them
        this.code = cause.code();
    }

    /** Why the login was rejected. */
    public ErrorCode code() {
        return code;
    }
}
