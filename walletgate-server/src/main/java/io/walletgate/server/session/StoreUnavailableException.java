package io.walletgate.server.session;

/** The session store cannot be reached or written: the service answers 503, never a silent accept. */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause}. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
