package io.walletgate.internal.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.Provider;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads Project Wycheproof test vectors, vendored in the repository's {@code fixtures/wycheproof/} (see its README for
 * the commit and the licence) and read from the test class path.
 */
public final class Wycheproof {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Wycheproof() {
    }

    /** A Wycheproof file, checked to hold as many tests as its {@code numberOfTests} says. */
    public static JsonNode load(String file) {
        Path path = Fixtures.fixture("wycheproof/" + file);
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
