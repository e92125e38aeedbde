import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load side of reliability/kid-storm (docs/reliability.md, issue 21): legitimate traffic at a steady rate (a
 * known-kid Bearer token and a session cookie on {@code /v1/auth}, 20 of each a second) before, during and after a
 * storm of tokens naming made-up key ids, minted by reliability/SoakIssuer.java. Not a test: it measures.
 *
 * <pre>
 *   java reliability/KidStorm.java BASE_URL CONTROL_URL burst|sustained SECONDS [SERVICE_LOG]
 * </pre>
 *
 * burst: 500 requests at once while the JWKS answers 5 s late (the audit's storm). sustained: 400 a second for
 * SECONDS while the JWKS hangs past the service's read timeout. Prints, per phase (before, storm, after), the
 * legitimate requests' p50, p99 and worst latency, completions a second, and the seconds in which none completed,
 * then the storm's answers by status and code; a JSON line of the same; then, from SERVICE_LOG (the service's access
 * log), the same as the service saw it.
 */
public final class KidStorm {
    private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");

    record Done(String phase, long sentNanos, long doneNanos, int status) {
    }

    // Two clients, so that the storm's backlog in this process (its connections, its selector) never delays the
    // legitimate requests before they reach the service
    private final HttpClient client = newClient(4);
    private final HttpClient stormClient = newClient(8);
    private final URI base;
    private final URI control;
    private final ConcurrentLinkedQueue<Done> legit = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> stormAnswers = new TreeMap<>();
    private volatile String phase = "before";

    private KidStorm(URI base, URI control) {
        this.base = base;
        this.control = control;
    }

    public static void main(String[] args) throws Exception {
        KidStorm k = new KidStorm(URI.create(args[0]), URI.create(args[1]));
        k.run(args[2], Integer.parseInt(args[3]));
        if (args.length > 4) {
            serviceSide(Path.of(args[4]));
        }
        System.exit(0);
    }

    /**
     * The same, as the service saw it (its access log): the legitimate requests answered 200 on /v1/auth while the
     * storm was being answered (from its first answer to its last), their time in the service, and the seconds in
     * which none was answered.
     */
    private static void serviceSide(Path accessLog) throws Exception {
        List<String> lines = Files.readAllLines(accessLog);
        Pattern ms = Pattern.compile("\"ms\":([0-9.]+)");
        String first = null;
        String last = null;
        for (String l : lines) {
            if (l.contains("\"code\":\"key_not_found\"") || l.contains("\"code\":\"jwks_unavailable\"")) {
                first = first == null ? l.substring(11, 19) : first;
                last = l.substring(11, 19);
            }
        }
        if (first == null) {
            return;
        }
        Map<String, Integer> perSecond = new TreeMap<>();
        List<Double> times = new ArrayList<>();
        for (String l : lines) {
            String second = l.length() > 19 ? l.substring(11, 19) : "";
            if (l.contains("\"route\":\"/v1/auth\",\"status\":200") && second.compareTo(first) >= 0
                    && second.compareTo(last) <= 0) {
                perSecond.merge(second, 1, Integer::sum);
                Matcher m = ms.matcher(l);
                if (m.find()) {
                    times.add(Double.parseDouble(m.group(1)));
                }
            }
        }
        java.time.LocalTime from = java.time.LocalTime.parse(first);
        int seconds = (int) Duration.between(from, java.time.LocalTime.parse(last)).toSeconds() + 1;
        int zero = 0;
        for (int i = 0; i < seconds; i++) {
            zero += perSecond.containsKey(from.plusSeconds(i).toString()) ? 0 : 1;
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "service side, storm %s-%s (%d s): %d legitimate answered 200, in the service p50"
                + " %.1f ms  p99 %.1f ms  worst %.1f ms, %d s with none%n", first, last, seconds, sorted.length,
                pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1], zero);
    }

    private void run(String kind, int seconds) throws Exception {
        List<String[]> tokens = mint(200, false);
        HttpResponse<String> session = client.send(HttpRequest.newBuilder(base.resolve("/v1/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"token\":\"" + tokens.get(0)[0] + "\",\"appPubKey\":\"" + tokens.get(0)[1] + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        List<String[]> storm = mint(kind.equals("burst") ? 500 : 400 * seconds, true);

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int[] n = {0};
        ticker.scheduleAtFixedRate(() -> {
            String[] t = tokens.get(n[0]++ % tokens.size());
            legitimate("Authorization", "Bearer " + t[0]);
            legitimate("Cookie", cookie);
        }, 0, 50, TimeUnit.MILLISECONDS);
        Thread.sleep(10_000);

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        if (kind.equals("burst")) {
            control("/mode/slow?ms=5000");
            phase = "storm";
            for (String[] t : storm) {
                sent.add(stormRequest(t[0]));
            }
            CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).handle((v, e) -> null)
                    .get(2, TimeUnit.MINUTES);
            Thread.sleep(2_000);
        } else {
            control("/mode/slow?ms=15000");
            phase = "storm";
            long next = System.nanoTime();
            for (int s = 0; s < seconds; s++) {
                for (int i = 0; i < 400; i++) {
                    sent.add(stormRequest(storm.get(s * 400 + i)[0]));
                    next += 2_500_000L; // 400 a second
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).handle((v, e) -> null)
                    .get(2, TimeUnit.MINUTES);
        }
        control("/mode/ok");
        phase = "after";
        Thread.sleep(10_000);
        ticker.shutdownNow();
        Thread.sleep(2_000);

        for (CompletableFuture<HttpResponse<String>> f : sent) {
            String key;
            try {
                HttpResponse<String> r = f.join();
                Matcher m = CODE.matcher(r.body());
                key = r.statusCode() + " " + (m.find() ? m.group(1) : "");
            } catch (RuntimeException e) {
                key = "failed " + e.getCause().getClass().getSimpleName();
            }
            stormAnswers.merge(key, 1, Integer::sum);
        }
        report(kind);
    }

    private void legitimate(String header, String value) {
        String p = phase;
        long sent = System.nanoTime();
        client.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/auth")).timeout(Duration.ofSeconds(60))
                .header(header, value).GET().build(), HttpResponse.BodyHandlers.discarding())
                .handle((r, e) -> legit.add(new Done(p, sent, System.nanoTime(), r == null ? -1 : r.statusCode())));
    }

    private static HttpClient newClient(int threads) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(threads)).build();
    }

    private CompletableFuture<HttpResponse<String>> stormRequest(String token) {
        return stormClient.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/auth")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String[]> mint(int count, boolean unknownKids) throws Exception {
        List<String[]> out = new ArrayList<>();
        while (out.size() < count) {
            int n = Math.min(400, count - out.size());
            String body = client.send(HttpRequest.newBuilder(control.resolve("/mint?n=" + n + "&unknown="
                    + (unknownKids ? "1&kids=random" : "0"))).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.split(" "));
                }
            }
        }
        return out;
    }

    private void control(String path) throws Exception {
        client.send(HttpRequest.newBuilder(control.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private void report(String kind) throws Exception {
        StringBuilder json = new StringBuilder("{\"kind\":\"" + kind + "\"");
        for (String p : List.of("before", "storm", "after")) {
            List<Done> ds = legit.stream().filter(d -> d.phase.equals(p)).toList();
            if (ds.isEmpty()) {
                continue;
            }
            double[] ms = ds.stream().mapToDouble(d -> (d.doneNanos - d.sentNanos) / 1e6).sorted().toArray();
            long first = ds.stream().mapToLong(Done::sentNanos).min().orElse(0);
            long last = ds.stream().mapToLong(Done::sentNanos).max().orElse(0);
            int secondsSpan = (int) Math.max(1, (last - first) / 1_000_000_000L + 1);
            int[] perSecond = new int[secondsSpan + 60];
            for (Done d : ds) {
                int s = (int) ((d.doneNanos - first) / 1_000_000_000L);
                if (s >= 0 && s < perSecond.length) {
                    perSecond[s]++;
                }
            }
            int zero = (int) Arrays.stream(perSecond, 0, secondsSpan).filter(c -> c == 0).count();
            long ok = ds.stream().filter(d -> d.status == 200).count();
            double rate = ds.size() / (double) secondsSpan;
            System.out.printf(Locale.ROOT, "%-6s legitimate %5d (%d ok) over %3d s: p50 %8.1f ms  p99 %8.1f ms  worst"
                    + " %8.1f ms  %6.1f completions/s  %d s with none%n", p, ds.size(), ok, secondsSpan,
                    pct(ms, 50), pct(ms, 99), ms[ms.length - 1], rate, zero);
            json.append(String.format(Locale.ROOT, ",\"%s\":{\"requests\":%d,\"ok\":%d,\"seconds\":%d,\"p50_ms\":%.1f,"
                    + "\"p99_ms\":%.1f,\"worst_ms\":%.1f,\"per_second\":%.1f,\"zero_seconds\":%d}", p, ds.size(), ok,
                    secondsSpan, pct(ms, 50), pct(ms, 99), ms[ms.length - 1], rate, zero));
        }
        System.out.println("storm answers: " + stormAnswers);
        json.append(",\"storm\":{");
        int i = 0;
        for (Map.Entry<String, Integer> e : stormAnswers.entrySet()) {
            json.append(i++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
        }
        System.out.println(json.append("}}"));
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
