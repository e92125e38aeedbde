package io.walletgate.internal.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads Project Wycheproof test vectors from the shared fixtures (see {@code shared/fixtures/README.md}); they are
 * read in place, never copied into the project.
 */
public final class Wycheproof {
    /** System property (or, upper-cased with underscores, environment variable) naming the fixtures directory. */
    public static final String FIXTURES_PROPERTY = "walletgate.fixtures";

    private static final Path FALLBACK = Path.of("/work/shared/fixtures");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Wycheproof() {
    }

    /**
     * The shared fixtures directory: the {@code walletgate.fixtures} system property or {@code WALLETGATE_FIXTURES}
     * environment variable when set; else the first {@code shared/fixtures} found walking up from the working
     * directory (the module directory under surefire; {@code <clone>/../shared} in CI); else
     * {@code /work/shared/fixtures}.
     *
     * @throws IllegalStateException naming every place looked at, when none holds the fixtures
     */
    public static Path fixtures() {
        List<String> tried = new ArrayList<>();
        for (String configured : new String[] {System.getProperty(FIXTURES_PROPERTY),
                System.getenv("WALLETGATE_FIXTURES")}) {
            if (configured != null && !configured.isBlank()) {
                Path p = Path.of(configured).toAbsolutePath().normalize();
                if (isFixtures(p)) {
                    return p;
                }
                // An explicit setting that is wrong is a mistake to report, not to paper over with a guess.
                throw new IllegalStateException(FIXTURES_PROPERTY + " is set to " + p
                        + ", which has no wycheproof/ directory");
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            tried.add(candidate.toString());
            if (isFixtures(candidate)) {
                return candidate;
            }
        }
        tried.add(FALLBACK.toString());
        if (isFixtures(FALLBACK)) {
            return FALLBACK;
        }
        throw new IllegalStateException("shared fixtures not found (set -D" + FIXTURES_PROPERTY
                + "=<dir>); looked in " + tried);
    }

    private static boolean isFixtures(Path p) {
        return Files.isDirectory(p.resolve("wycheproof"));
    }

    /** A Wycheproof file, checked to hold as many tests as its {@code numberOfTests} says. */
    public static JsonNode load(String file) {
        Path path = fixtures().resolve("wycheproof").resolve(file);
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Wycheproof file " + path, e);
        }
        int count = 0;
        for (JsonNode group : root.get("testGroups")) {
            count += group.get("tests").size();
        }
        if (count != root.get("numberOfTests").asInt()) {
            throw new IllegalStateException(file + " declares " + root.get("numberOfTests") + " tests but holds "
                    + count);
        }
        return root;
    }

    /** The shared Jackson mapper (test-only; production code parses JSON with its own bounded reader). */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Bytes of a hex string. */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /**
     * An unsigned integer given in Wycheproof's hex (big-endian two's complement, so possibly with a leading 00 or
     * shorter than the field) as exactly {@code len} bytes.
     */
    public static byte[] fixedLength(String hex, int len) {
        byte[] magnitude = new BigInteger(1, hex(hex)).toByteArray();
        int start = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        int n = magnitude.length - start;
        if (n > len) {
            throw new IllegalArgumentException("value of " + n + " bytes does not fit in " + len);
        }
        byte[] out = new byte[len];
        System.arraycopy(magnitude, start, out, len - n, n);
        return out;
    }

    /** An unsigned integer from Wycheproof's hex. */
    public static BigInteger integer(String hex) {
        return new BigInteger(1, hex(hex));
    }

    /** Every provider that loads here: ACCP when its native library is healthy, and BouncyCastle. */
    public static List<Provider> providers() {
        List<Provider> list = new ArrayList<>(2);
        if (CryptoProviders.accp() != null) {
            list.add(CryptoProviders.accp());
        }
        list.add(CryptoProviders.bouncyCastle());
        return list;
    }
}
