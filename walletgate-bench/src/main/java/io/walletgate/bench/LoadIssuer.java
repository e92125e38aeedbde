package io.walletgate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;

/**
 * The issuer of the service load test (bench/load): mints a pool of distinct ES256 Web3Auth-shaped tokens (the JMH
 * suite's {@code ES256-web3auth} shape, valid for 24 hours), writes them to a file, then serves their JWKS on
 * loopback until it is killed. WalletGate and the providers' sample Node backend fetch their keys from it, as they
 * would from Web3Auth's JWKS URL.
 *
 * <p>Usage: {@code java -cp … io.walletgate.bench.LoadIssuer DIRECTORY COUNT}. Writes {@code DIRECTORY/tokens.txt}
 * (one {@code token appPublicKey} per line, every token distinct, so a verifier that caches verified tokens never
 * meets one twice) and then, once the JWKS answers, {@code DIRECTORY/issuer.json}:
 * {@code {"jwksUri","issuer","audience","tokens"}}. The load script waits for the latter.
 */
public final class LoadIssuer {
    private static final int MAX_COUNT = 5_000_000;

    private LoadIssuer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LoadIssuer DIRECTORY COUNT");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        // Past a million, BenchIssuer's user ids repeat (they keep every token the same length), but every Web3Auth
        // token still differs from all others by its random 32-byte nonce and its own signature. bench/load's
        // three rounds of fresh-token runs take 1.4 million.
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("COUNT must be 1 to " + MAX_COUNT + ": " + count);
        }
        Files.createDirectories(dir);
        long start = System.nanoTime();
        BenchIssuer issuer = BenchIssuer.fresh(Scenario.ES256_WEB3AUTH);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("tokens.txt"), StandardCharsets.US_ASCII)) {
            for (int i = 0; i < count; i++) {
                w.write(issuer.mint(i));
                w.write(' ');
                w.write(issuer.appPublicKey(i));
                w.write('\n');
            }
        }
        System.out.printf("load issuer: %,d tokens in %.1f s%n", count, (System.nanoTime() - start) / 1e9);

        byte[] jwks = issuer.jwks().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/jwks", ex -> serve(ex, jwks));
        server.start();
        String jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
        Path tmp = dir.resolve("issuer.json.tmp");
        Files.writeString(tmp, "{\"jwksUri\":\"" + jwksUri + "\",\"issuer\":\"" + issuer.issuer()
                + "\",\"audience\":\"" + issuer.audience() + "\",\"tokens\":" + count + "}\n");
        Files.move(tmp, dir.resolve("issuer.json"), StandardCopyOption.ATOMIC_MOVE);
        System.out.println("load issuer: JWKS at " + jwksUri);
    }

    private static void serve(HttpExchange ex, byte[] jwks) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
        ex.sendResponseHeaders(200, jwks.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(jwks);
        }
    }
}
