package io.walletgate.server.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks a listening port before a command starts anything, so that a taken port is one clear line. */
final class Ports {
    private Ports() {
    }

    /**
     * Returns when {@code host:port} can be bound now (port 0 always can).
     *
     * @param remedy how to choose another port, e.g. {@code "choose another with --port"}
     * @throws CommandFailure when another program listens there
     */
    static void requireFree(String host, int port, String remedy) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw inUse(host, port, remedy);
        } catch (IOException e) {
            // not this check's business (an unknown host, say): the real start reports it
        }
    }

    /** The one-line failure of a port that another program holds. */
    static CommandFailure inUse(String host, int port, String remedy) {
        return new CommandFailure("port " + port + " on " + host + " is already in use (another walletgate, or "
                + "another program, listens there): " + remedy);
    }

    /** Whether {@code e} or one of its causes says that an address was already in use. */
    static boolean isInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
