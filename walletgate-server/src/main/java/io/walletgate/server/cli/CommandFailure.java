package io.walletgate.server.cli;

/**
 * A failure the command explains in one line, printed as {@code walletgate: <message>} with exit code 2: no
 * exception name, no stack trace (a port already in use, say).
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }
}
