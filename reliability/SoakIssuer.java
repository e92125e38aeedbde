import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * The controllable issuer of the soak run (reliability/soak): a Web3Auth-shaped ES256 issuer whose JWKS endpoint can
 * be told to rotate keys, go slow, return garbage, fail or go down, and a session checker. Run as a single-file
 * program on the service's class path (BouncyCastle for the secp256k1 app keys):
 *
 * <pre>
 *   java -cp 'walletgate-server/target/lib/*' reliability/SoakIssuer.java serve JWKS_PORT CONTROL_PORT
 *   java -cp 'walletgate-server/target/lib/*' reliability/SoakIssuer.java check BASE_URL IDS_FILE...
 * </pre>
 *
 * Control (on CONTROL_PORT, which stays up when the JWKS "goes down"): {@code POST /mode/ok|slow|garbage|error|down}
 * ({@code /mode/slow?ms=N}: each answer N ms late, 4000 by default),
 * {@code POST /rotate} (a new signing key, published beside the old ones), {@code POST /retire} (only the current key
 * stays published), {@code GET /mint?n=N&unknown=F} (N lines "token appPubKey"; a fraction F signed by a key the JWKS
 * never publishes; with {@code &kids=random} each names a key id of its own, as a flood of made-up kids does),
 * {@code GET /stats} (JWKS requests by answer).
 */
public final class SoakIssuer {
    static final String ISS = "https://api-auth.web3auth.io";
    static final String AUDIENCE = "soak-client";
    static final SecureRandom RANDOM = new SecureRandom();
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");

    record Key(String kid, KeyPair pair) {
    }

    final List<Key> published = new ArrayList<>();
    final Key rogue = newKey("rogue");
    volatile String mode = "ok";
    volatile long slowMs = 4000;
    volatile HttpServer jwks;
    final int jwksPort;
    final Map<String, AtomicInteger> stats = new LinkedHashMap<>();
    int generation;

    SoakIssuer(int jwksPort) {
        this.jwksPort = jwksPort;
        published.add(newKey("soak-" + generation++));
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("serve")) {
            new SoakIssuer(Integer.parseInt(args[1])).serve(Integer.parseInt(args[2]));
        } else if (args.length >= 3 && args[0].equals("check")) {
            check(args[1], List.of(args).subList(2, args.length));
        } else {
            System.err.println("usage: SoakIssuer serve JWKS_PORT CONTROL_PORT | check BASE_URL IDS_FILE...");
            System.exit(2);
        }
    }

    void serve(int controlPort) throws IOException {
        startJwks();
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", controlPort), 64);
        control.setExecutor(Executors.newFixedThreadPool(4));
        control.createContext("/", this::control);
        control.start();
        System.out.println("soak issuer: jwks http://127.0.0.1:" + jwksPort + "/jwks, control http://127.0.0.1:"
                + controlPort);
    }

    synchronized void startJwks() throws IOException {
        if (jwks != null) {
            return;
        }
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", jwksPort), 64);
        s.setExecutor(Executors.newCachedThreadPool());
        s.createContext("/", this::jwks);
        s.start();
        jwks = s;
    }

    synchronized void stopJwks() {
        if (jwks != null) {
            jwks.stop(0);
            jwks = null;
        }
    }

    void jwks(HttpExchange ex) throws IOException {
        String m = mode;
        stats.computeIfAbsent(m, k -> new AtomicInteger()).incrementAndGet();
        switch (m) {
            case "slow":
                sleep(slowMs); // 4 s by default: past nothing, the service's read timeout in the soak config is 10 s
                reply(ex, 200, "application/json", jwksJson(), "max-age=300");
                break;
            case "garbage":
                int kind = RANDOM.nextInt(3);
                String body = kind == 0 ? "<html><body>502 Bad Gateway</body></html>"
                        : kind == 1 ? jwksJson().substring(0, jwksJson().length() / 2)
                        : "{\"keys\":\"" + B64.encodeToString(RANDOM.generateSeed(64)) + "\"}";
                reply(ex, 200, "application/json", body, null);
                break;
            case "error":
                reply(ex, 500, "text/plain", "internal error", null);
                break;
            default:
                reply(ex, 200, "application/json", jwksJson(), "max-age=300");
        }
    }

    void control(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
        try {
            if (path.startsWith("/mode/")) {
                String m = path.substring("/mode/".length());
                if (m.equals("down")) {
                    stopJwks();
                } else {
                    startJwks();
                }
                if (m.equals("slow")) {
                    slowMs = Long.parseLong(param(query, "ms", "4000"));
                }
                mode = m;
                reply(ex, 200, "text/plain", "mode " + m + "\n", null);
            } else if (path.equals("/rotate")) {
                String kid;
                synchronized (this) {
                    kid = "soak-" + generation++;
                    published.add(0, newKey(kid));
                }
                reply(ex, 200, "text/plain", kid + "\n", null);
            } else if (path.equals("/retire")) {
                synchronized (this) {
                    published.subList(1, published.size()).clear();
                }
                reply(ex, 200, "text/plain", "retired\n", null);
            } else if (path.equals("/mint")) {
                int n = Integer.parseInt(param(query, "n", "200"));
                double unknown = Double.parseDouble(param(query, "unknown", "0"));
                boolean randomKids = param(query, "kids", "rogue").equals("random");
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    Key unknownKey = randomKids ? new Key("storm-" + Long.toHexString(RANDOM.nextLong()), rogue.pair())
                            : rogue;
                    String[] t = mint(i < n * unknown ? unknownKey : current());
                    sb.append(t[0]).append(' ').append(t[1]).append('\n');
                }
                reply(ex, 200, "text/plain", sb.toString(), null);
            } else if (path.equals("/stats")) {
                reply(ex, 200, "text/plain", stats + " published=" + kids() + "\n", null);
            } else {
                reply(ex, 404, "text/plain", "no such control\n", null);
            }
        } catch (RuntimeException e) {
            reply(ex, 500, "text/plain", e + "\n", null);
        }
    }

    synchronized Key current() {
        return published.get(0);
    }

    synchronized List<String> kids() {
        return published.stream().map(Key::kid).toList();
    }

    synchronized String jwksJson() {
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < published.size(); i++) {
            ECPublicKey pub = (ECPublicKey) published.get(i).pair().getPublic();
            sb.append(i == 0 ? "" : ",").append("{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",")
                    .append("\"kid\":\"").append(published.get(i).kid()).append("\",\"x\":\"")
                    .append(B64.encodeToString(fixed(pub.getW().getAffineX()))).append("\",\"y\":\"")
                    .append(B64.encodeToString(fixed(pub.getW().getAffineY()))).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** A Web3Auth-shaped token with a fresh secp256k1 app key: {token, appPubKey}. */
    static String[] mint(Key key) {
        BigInteger d = new BigInteger(256, RANDOM).mod(SECP256K1.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
        String appKey = HexFormat.of().formatHex(SECP256K1.getG().multiply(d).normalize().getEncoded(true));
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + key.kid() + "\"}";
        String user = "user-" + Long.toHexString(RANDOM.nextLong());
        String claims = "{\"iat\":" + now + ",\"aud\":\"" + AUDIENCE + "\",\"iss\":\"" + ISS + "\",\"wallets\":[{"
                + "\"public_key\":\"" + appKey + "\",\"type\":\"web3auth_app_key\",\"curve\":\"secp256k1\"}],"
                + "\"email\":\"" + user + "@soak.example\",\"userId\":\"" + user + "@soak.example\","
                + "\"authConnection\":\"soak\",\"exp\":" + (now + 7200) + "}";
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key.pair().getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return new String[] {input + "." + B64.encodeToString(s.sign()), appKey};
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Key newKey(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new Key(kid, g.generateKeyPair());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks every acknowledged session id: prints {"checked":N,"ok":N,"lost":N,"errors":N} and the lost ids. */
    static void check(String base, List<String> files) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String f : files) {
            if (Files.exists(Path.of(f))) {
                for (String line : Files.readAllLines(Path.of(f))) {
                    if (!line.isBlank()) {
                        ids.add(line.strip());
                    }
                }
            }
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        Semaphore inFlight = new Semaphore(16);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<String> lostIds = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String id : ids) {
            inFlight.acquire();
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/v1/sessions/current"))
                    .header("Authorization", "Session " + id).timeout(Duration.ofSeconds(30)).GET().build();
            all.add(client.sendAsync(r, HttpResponse.BodyHandlers.discarding()).handle((resp, err) -> {
                inFlight.release();
                if (err != null || resp.statusCode() >= 500) {
                    errors.incrementAndGet();
                } else if (resp.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    lost.incrementAndGet();
                    lostIds.add(id.substring(0, Math.min(8, id.length())) + "…");
                }
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        System.out.println("{\"checked\":" + ids.size() + ",\"ok\":" + ok + ",\"lost\":" + lost + ",\"errors\":"
                + errors + ",\"lostIds\":\"" + String.join(" ", lostIds.subList(0, Math.min(20, lostIds.size())))
                + "\"}");
        System.exit(0);
    }

    static byte[] fixed(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    static String param(String query, String name, String dflt) {
        for (String p : query.split("&")) {
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return dflt;
    }

    static void reply(HttpExchange ex, int status, String type, String body, String cacheControl) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if (cacheControl != null) {
            ex.getResponseHeaders().set("Cache-Control", cacheControl);
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
