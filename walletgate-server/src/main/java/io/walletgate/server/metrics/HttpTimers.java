package io.walletgate.server.metrics;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code walletgate.http.requests} timers, one per route × method × status, each tag from a bounded set and the
 * number of timers capped, so that no traffic makes {@code /metrics} grow without end (issue 20). A timer here is a
 * count and a sum (a Prometheus summary of two lines, no buckets, no max): the route × method × status product is the
 * widest of the service's label sets, and a bucket set on each would multiply it again. Recording is two adds.
 */
final class HttpTimers {
    /** The methods kept as they are; any other (Jetty accepts any token) is counted as {@code other}. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    /**
     * The statuses kept as they are: those the service answers (docs/http-api.md) and the ones Jetty answers on its
     * own; any other is counted by its class ({@code 1xx} … {@code 5xx}, or {@code other}).
     */
    static final Set<Integer> STATUSES = Set.of(200, 201, 204, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405,
            408, 413, 414, 415, 429, 431, 500, 503);
    /** The most distinct route × method × status timers; past it a new combination is counted under {@code other}. */
    static final int MAX_SERIES = 40;
    static final String OTHER = "other";
    /** The route of a request no route matched (a 404, 405 or a request refused before routing). */
    static final String UNMATCHED = "unmatched";
    /** The method of an unmatched request: not kept, so that its statuses alone make its series. */
    static final String ANY = "any";

    private final MeterRegistry registry;
    private final Map<String, Series> timers = new ConcurrentHashMap<>();
    private final Series overflow;

    HttpTimers(MeterRegistry registry) {
        this.registry = registry;
        this.overflow = timer(OTHER, OTHER, OTHER);
    }

    void record(String route, String method, int status, long nanos) {
        String m = UNMATCHED.equals(route) ? ANY : method(method);
        String s = status(status);
        String key = route + ' ' + m + ' ' + s;
        Series t = timers.get(key);
        if (t == null) {
            // The cap is checked before the new timer is made; two threads at the cap may each add one, a bound of
            // MAX_SERIES plus the threads serving, never growth without end.
            t = timers.size() >= MAX_SERIES ? overflow : timers.computeIfAbsent(key, k -> timer(route, m, s));
        }
        t.count.increment();
        t.nanos.add(nanos);
    }

    static String method(String method) {
        return method != null && METHODS.contains(method) ? method : OTHER;
    }

    static String status(int status) {
        if (STATUSES.contains(status)) {
            return Integer.toString(status);
        }
        return status >= 100 && status <= 599 ? status / 100 + "xx" : OTHER;
    }

    private Series timer(String route, String method, String status) {
        Series series = new Series();
        FunctionTimer.builder("walletgate.http.requests", series, x -> x.count.sum(), x -> x.nanos.sum(),
                        TimeUnit.NANOSECONDS).description("HTTP requests by route template, method and status")
                .tag("route", route).tag("method", method).tag("status", status).register(registry);
        return series;
    }

    private static final class Series {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
