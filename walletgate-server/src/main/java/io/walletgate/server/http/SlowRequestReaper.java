package io.walletgate.server.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off slow clients (issue 21): a connection whose request (its headers, then its body) is still arriving
 * {@code limit} after it was first seen arriving is closed. Jetty's idle timeout alone does not bound it, as each
 * byte restarts it: a client that trickles a byte every few seconds would hold its connection, and a body trickled
 * into a handler's blocking read would hold a request thread, for as long as it likes.
 *
 * <p>Run every second ({@link #run}): it reads each HTTP/1.1 connection's parser state. Jetty has no public
 * per-request read deadline, so this reads {@code HttpConnection} (an internal class of Jetty's server); the state
 * may be read a moment stale from this thread, which only moves a cut by one sweep. A request the handlers are
 * already processing (its body read) is never cut: its parser is past the content.
 */
final class SlowRequestReaper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SlowRequestReaper.class);

    private final Server server;
    private final long limitNanos;
    private final Map<EndPoint, Arriving> arriving = new ConcurrentHashMap<>();
    private final AtomicLong closed = new AtomicLong();

    // The request a connection was receiving (by its count of requests) when it was first seen receiving it.
    private record Arriving(long request, long sinceNanos) {
    }

    SlowRequestReaper(Server server, Duration limit) {
        this.server = server;
        this.limitNanos = limit.toNanos();
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof AbstractConnector c) {
                    c.getConnectedEndPoints().forEach(endPoint -> check(endPoint, now));
                }
            }
            arriving.keySet().removeIf(endPoint -> !endPoint.isOpen());
        } catch (RuntimeException e) {
            LOG.warn("could not check for slow requests: {}", e.toString());
        }
    }

    private void check(EndPoint endPoint, long now) {
        if (!(endPoint.getConnection() instanceof HttpConnection connection)) {
            return;
        }
        HttpParser parser = connection.getParser();
        boolean receiving = parser.inHeaderState() && !parser.isStart() || parser.inContentState();
        if (!receiving) {
            arriving.remove(endPoint);
            return;
        }
        long request = connection.getMessagesIn();
        Arriving a = arriving.compute(endPoint, (e, old) -> old != null && old.request == request ? old
                : new Arriving(request, now));
        if (now - a.sinceNanos > limitNanos) {
            arriving.remove(endPoint);
            closed.incrementAndGet();
            LOG.debug("closed a connection whose request was still arriving after {} ms: {}",
                    limitNanos / 1_000_000, endPoint.getRemoteSocketAddress());
            endPoint.close();
        }
    }

    /** How many connections were closed for a request that arrived too slowly. */
    long closed() {
        return closed.get();
    }
}
