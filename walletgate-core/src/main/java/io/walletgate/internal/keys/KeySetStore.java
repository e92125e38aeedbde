package io.walletgate.internal.keys;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.walletgate.internal.token.BoundedJson;
import io.walletgate.keys.JwkSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Keeps the last good key set of one source on disk, so that a restart during an issuer outage still verifies.
 * One file per source, named by a hash of its URL, written atomically (temp file, then rename).
 */
final class KeySetStore {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final String source;

    KeySetStore(Path directory, String source) {
        this.source = source;
        this.file = directory.resolve("jwks-" + shortHash(source) + ".json");
    }

    Path file() {
        return file;
    }

    void save(FetchedKeys keys) throws IOException {
        byte[] body = keys.body();
        Instant fetchedAt = keys.fetchedAt();
        Instant expiresAt = keys.expiresAt();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("source", source);
            g.writeNumberField("fetchedAt", fetchedAt.toEpochMilli());
            g.writeNumberField("expiresAt", expiresAt.toEpochMilli());
            g.writeStringField("jwks", Base64.getEncoder().encodeToString(body));
            g.writeEndObject();
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, out.toByteArray());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The saved set, or null when there is none for this source.
     *
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if the file is not a saved key set of this source
     */
    FetchedKeys load() throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        if (Files.size(file) > 2L * JwkSet.MAX_BYTES) {
            throw new IllegalArgumentException("saved key set " + file + " is too large");
        }
        Map<String, Object> doc;
        try {
            doc = BoundedJson.parseObject(Files.readAllBytes(file), 2, 16);
        } catch (BoundedJson.JsonException e) {
            throw new IllegalArgumentException("saved key set " + file + " is not valid JSON");
        }
        if (!source.equals(doc.get("source")) || !(doc.get("fetchedAt") instanceof Long)
                || !(doc.get("expiresAt") instanceof Long) || !(doc.get("jwks") instanceof String)) {
            throw new IllegalArgumentException("saved key set " + file + " is not one of " + source);
        }
        byte[] body = Base64.getDecoder().decode((String) doc.get("jwks"));
        return new FetchedKeys(JwkSet.parse(body, source), body, Instant.ofEpochMilli((Long) doc.get("fetchedAt")),
                Instant.ofEpochMilli((Long) doc.get("expiresAt")), List.of());
    }

    private static String shortHash(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
