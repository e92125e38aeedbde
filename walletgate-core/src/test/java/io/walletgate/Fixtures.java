package io.walletgate;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Test-only access to data no one in this project wrote: the shared fixtures ({@code shared/fixtures}, beside the
 * clone in CI) and the Node {@code jose} fixture ({@code /jose/fixtures.json} on the test class path). A fixture
 * that cannot be found fails the test loudly: it is never skipped.
 */
final class Fixtures {
    /** System property naming the {@code shared} directory (the one holding {@code fixtures/}). */
    static final String SHARED_PROPERTY = "walletgate.shared";
    /** Where {@code shared} lives when neither the property nor the directory walk finds it. */
    static final Path DEFAULT_SHARED = Path.of("/work/shared");
    /** Class-path resource written by {@code src/test/node/generate.mjs}. */
    static final String JOSE_FIXTURES = "/jose/fixtures.json";

    private Fixtures() {
    }

    /**
     * The {@code shared} directory: the {@value #SHARED_PROPERTY} system property when set; else the first
     * {@code shared} directory holding {@code fixtures/} found walking up from the working directory (CI runs
     * from {@code <clone>/walletgate-core}, with {@code shared/} beside the clone); else {@link #DEFAULT_SHARED}.
     *
     * @throws IllegalStateException when none of these holds {@code fixtures/}
     */
    static Path shared() {
        String property = System.getProperty(SHARED_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir.resolve("fixtures"))) {
                throw new IllegalStateException("-D" + SHARED_PROPERTY + "=" + property
                        + " does not name a directory holding fixtures/");
            }
            return dir;
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate;
            }
        }
        if (Files.isDirectory(DEFAULT_SHARED.resolve("fixtures"))) {
            return DEFAULT_SHARED;
        }
        throw new IllegalStateException("shared fixtures not found: no shared/fixtures above " + start
                + ", none at " + DEFAULT_SHARED + "; set -D" + SHARED_PROPERTY + "=<dir holding fixtures/>");
    }

    /**
     * A file under {@code shared/fixtures}, e.g. {@code "web3auth/jwks.json"}.
     *
     * @throws IllegalStateException when it does not exist
     */
    static Path fixture(String relative) {
        Path file = shared().resolve("fixtures").resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("shared fixture missing: " + file);
        }
        return file;
    }

    /** The text of a file under {@code shared/fixtures}. */
    static String fixtureText(String relative) {
        try {
            return Files.readString(fixture(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object file under {@code shared/fixtures}, parsed by Nimbus (numbers as {@code Long}/{@code Double}). */
    static Map<String, Object> fixtureJson(String relative) {
        return parse(fixtureText(relative), relative);
    }

    /**
     * The Node {@code jose} fixture: {@code now}, {@code issuers} and {@code cases}.
     *
     * @throws IllegalStateException when the resource is not on the test class path
     */
    static Map<String, Object> joseFixtures() {
        try (InputStream in = Fixtures.class.getResourceAsStream(JOSE_FIXTURES)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + JOSE_FIXTURES + " not found: run"
                        + " `npm ci && npm run generate` in walletgate-core/src/test/node");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), JOSE_FIXTURES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serializes a JSON object back to compact text (a JWKS handed to the verifier, say). */
    static String json(Map<String, ?> object) {
        return JSONObjectUtils.toJSONString(object);
    }

    /**
     * The member {@code name} of a JSON object, of the expected type.
     *
     * @throws IllegalStateException when it is absent or of another type
     */
    static <T> T member(Map<String, ?> object, String name, Class<T> type) {
        Object value = object.get(name);
        if (!type.isInstance(value)) {
            throw new IllegalStateException("fixture member '" + name + "' is not a " + type.getSimpleName() + ": "
                    + value);
        }
        return type.cast(value);
    }

    /** The member {@code name} as a string, or null when it is absent or JSON null. */
    static String optionalString(Map<String, ?> object, String name) {
        Object value = object.get(name);
        return value == null ? null : member(object, name, String.class);
    }

    /** The member {@code name}: a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, ?> object, String name) {
        return member(object, name, Map.class);
    }

    /** The member {@code name}: an array of JSON objects. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, ?> object, String name) {
        List<?> list = member(object, name, List.class);
        for (Object o : list) {
            if (!(o instanceof Map<?, ?>)) {
                throw new IllegalStateException("fixture member '" + name + "' holds a non-object: " + o);
            }
        }
        return (List<Map<String, Object>>) list;
    }

    /** Parses a JSON object given as text (a JWKS a test built, say). */
    static Map<String, Object> parseJson(String json) {
        return parse(json, "JSON text");
    }

    private static Map<String, Object> parse(String json, String what) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException(what + " is not a JSON object: " + e.getMessage(), e);
        }
    }
}
