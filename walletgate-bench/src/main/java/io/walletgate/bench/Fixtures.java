package io.walletgate.bench;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mints every scenario's pool of distinct tokens once per run and writes them to a directory, one file per scenario
 * (key, JWKS, app keys, then a token per line), plus {@code tokens.json} (the first token of each scenario with its
 * JWKS, issuer and audience) for the Node {@code jose} benchmark, and {@code siwe.json} (the sign-in messages of
 * {@link SignInFixtures}). JMH forks read the files back when the system
 * property {@value #PROPERTY} names the directory: every fork, on every JDK, and Node verify the same tokens, and no
 * fork spends seconds signing thousands of RSA tokens.
 *
 * <p>Usage: {@code java -cp … io.walletgate.bench.Fixtures DIRECTORY [--sign-in-only]}
 */
public final class Fixtures {
    /** The system property naming the fixture directory. */
    static final String PROPERTY = "walletgate.bench.fixtures";

    private Fixtures() {
    }

    /**
     * Distinct tokens minted per scenario: more than one measured iteration uses (a cold verification must never
     * meet a token twice; {@link ColdTokens} switches to a new verifier when the pool runs out) and well above the
     * default verified-token cache's capacity (some 2,000 to 5,000 of these tokens), so its steady state evicts.
     * RSA signing is slow, so RS256 has fewer.
     */
    static int poolSize(Scenario scenario) {
        return "RS256".equals(scenario.alg()) ? 8_192 : 16_384;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2 || args.length == 2 && !args[1].equals("--sign-in-only")) {
            System.err.println("usage: Fixtures DIRECTORY [--sign-in-only]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        if (args.length == 2) {
            writeSignIn(dir);
            return;
        }
        Map<String, Object> node = new LinkedHashMap<>();
        for (Scenario s : Scenario.values()) {
            long start = System.nanoTime();
            BenchIssuer issuer = BenchIssuer.fresh(s);
            String[] tokens = issuer.tokens(poolSize(s));
            write(dir.resolve(s.param() + ".txt"), issuer, tokens);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("alg", s.alg());
            entry.put("issuer", issuer.issuer());
            entry.put("audience", issuer.audience());
            entry.put("jwks", parse(issuer.jwks()));
            entry.put("token", tokens[0]);
            node.put(s.param(), entry);
            System.out.printf("%-15s %,6d tokens in %.1f s%n", s.param(), tokens.length,
                    (System.nanoTime() - start) / 1e9);
        }
        Files.writeString(dir.resolve("tokens.json"), JSONObjectUtils.toJSONString(node) + "\n",
                StandardCharsets.UTF_8);
        writeSignIn(dir);
    }

    private static void writeSignIn(Path dir) {
        long start = System.nanoTime();
        SignInFixtures.write(dir.resolve("siwe.json"), SignInFixtures.mint(SignInFixtures.POOL));
        System.out.printf("%-15s %,6d messages in %.1f s%n", "SIWE-eoa", SignInFixtures.POOL,
                (System.nanoTime() - start) / 1e9);
    }

    private static void write(Path file, BenchIssuer issuer, String[] tokens) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write(issuer.kid() + "\n");
            w.write(Base64.getEncoder().encodeToString(issuer.publicKey().getEncoded()) + "\n");
            w.write(issuer.jwks() + "\n");
            w.write(String.join(",", issuer.secp256k1AppKeys()) + "\n");
            for (String t : tokens) {
                w.write(t);
                w.write('\n');
            }
        }
    }

    /**
     * The stored issuer of {@code scenario} with its first {@code tokens} tokens (a fork that needs one token does
     * not read thousands), or null when the property is not set.
     */
    static BenchIssuer load(Scenario scenario, int tokens) {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isEmpty()) {
            return null;
        }
        Path file = Path.of(dir, scenario.param() + ".txt");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String kid = r.readLine();
            byte[] spki = Base64.getDecoder().decode(r.readLine());
            String jwks = r.readLine();
            String appKeys = r.readLine();
            List<String> minted = new ArrayList<>(tokens);
            for (String line = r.readLine(); line != null && minted.size() < tokens; line = r.readLine()) {
                minted.add(line);
            }
            return BenchIssuer.stored(scenario, spki, kid, jwks,
                    appKeys.isEmpty() ? new String[0] : appKeys.split(","), minted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixture " + file + " (run Fixtures first)", e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
