package io.walletgate.bench;

import java.net.InetAddress;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * The HTTP framework's own ceiling for {@code bench/load} (issue 20): the Jetty 12 the service runs on, with nothing
 * but a core handler answering every request with an empty 200, as nginx's ceiling row answers {@code return 200;}.
 * What WalletGate's session check could reach on this machine if its own work cost nothing. It runs on Jetty as the
 * service's forward-auth does: the handler is declared non-blocking, so Jetty answers on its selector threads, one a
 * core, without handing the request to a thread of its pool (the service's {@code ForwardAuthHandler}, for a Bearer
 * token and for a session in the embedded store).
 *
 * <p>Usage: {@code JettyCeiling PORT}; listens on loopback until killed.
 */
public final class JettyCeiling {
    private JettyCeiling() {
    }

    /** Starts the server on loopback at the given port. */
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(32 * 1024); // as the service's
        http.setSendServerVersion(false);
        int selectors = Math.max(1, Runtime.getRuntime().availableProcessors()); // as the service's connector
        ServerConnector connector = new ServerConnector(server, 1, selectors, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(Invocable.InvocationType.NON_BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.write(true, null, callback);
                return true;
            }
        });
        server.start();
        System.out.println("jetty ceiling listening on " + connector.getLocalPort());
        server.join();
    }
}
