package io.walletgate.server.config;

/**
 * A mistake in the configuration: the message names the entry and the field ({@code issuers[1] (sequence-oms):
 * 'audience' is required}) so that it can be fixed without reading code. The service refuses to start with one.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A mistake described by {@code message}. */
    public ConfigException(String message) {
        super(message);
    }

    /** A mistake described by {@code message}, found through {@code cause}. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
