package io.walletgate;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Test-only access to data no one in this project wrote, vendored in the repository's {@code fixtures/} folder (see
 * its README for provenance and licences) and put on the test class path as {@code /fixtures/…} by this module's
 * {@code pom.xml}; and to the Node {@code jose} fixture ({@code /jose/fixtures.json}). A fixture that cannot be found
 * fails the test loudly: it is never skipped.
 */
public final class Fixtures {
    /** Class-path folder holding the repository's {@code fixtures/}. */
    static final String FIXTURES = "/fixtures/";
    /** Class-path resource written by {@code src/test/node/generate.mjs}. */
    static final String JOSE_FIXTURES = "/jose/fixtures.json";

    private Fixtures() {
    }

    /**
     * A vendored file, e.g. {@code "web3auth/jwks.json"} for {@code fixtures/web3auth/jwks.json}.
     *
     * @throws IllegalStateException when it is not on the test class path
     */
    public static Path fixture(String relative) {
        URL url = Fixtures.class.getResource(FIXTURES + relative);
        if (url == null) {
            throw new IllegalStateException("fixture " + relative + " not found on the test class path (fixtures/"
                    + relative + " in the repository, copied by walletgate-core's pom.xml)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("fixture " + relative + " is not a file: " + url, e);
        }
    }

    /** The text of a vendored file. */
    public static String fixtureText(String relative) {
        try {
            return Files.readString(fixture(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vendored JSON object file, parsed by Nimbus (numbers as {@code Long}/{@code Double}). */
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
