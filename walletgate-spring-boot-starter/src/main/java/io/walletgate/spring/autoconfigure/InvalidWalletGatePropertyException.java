package io.walletgate.spring.autoconfigure;

import java.util.Objects;

/**
 * A {@code walletgate.*} property is missing or has a value the library refuses. Thrown while the application
 * context starts, so a configuration mistake stops the start instead of surfacing at the first request; the
 * message names the property path ({@code walletgate.issuers[0].audience is required …}) and, where the core library
 * refused the value, carries its message.
 */
public final class InvalidWalletGatePropertyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String property;

    /**
     * A mistake in {@code property}.
     *
     * @param property the property path, e.g. {@code walletgate.issuers[0].audience}
     * @param message the whole message, starting with the property path
     * @param cause the core library's exception, or null
     */
    public InvalidWalletGatePropertyException(String property, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.property = Objects.requireNonNull(property, "property");
    }

    /** The property path, e.g. {@code walletgate.issuers[0].audience}. */
    public String property() {
        return property;
    }
}
