package io.walletgate.keys;

import io.walletgate.internal.keys.JwkParser;
import io.walletgate.internal.token.CompactJws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An issuer's public keys, immutable. Keys that cannot verify a JWS (symmetric, encryption-only, private, weak,
 * unknown type or curve, invalid point) are left out, and why is kept in {@link #skipped()}.
 *
 * @param keys the usable keys
 * @param skipped one line per key that was left out, saying which and why (no key material)
 * @param source where the set came from, for messages (a URL, a file, "static JWKS")
 * @param retiredKids key ids the issuer served before and has rotated out (a token naming one fails at once)
 */
public record JwkSet(List<Jwk> keys, List<String> skipped, String source, Set<String> retiredKids) {
    /** Largest JWKS document accepted, in bytes (docs/architecture.md §4). */
    public static final int MAX_BYTES = 512 * 1024;
    /** Most keys a JWKS may hold (docs/architecture.md §4). */
    public static final int MAX_KEYS = 100;

    /**
     * Validates and copies.
     *
     * @param keys the usable keys
     * @param skipped one line per key that was left out, saying which and why (no key material)
     * @param source where the set came from, for messages (a URL, a file, "static JWKS")
     * @param retiredKids key ids the issuer served before and has rotated out (a token naming one fails at once)
     */
    public JwkSet {
        keys = List.copyOf(keys);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(source, "source");
        retiredKids = Set.copyOf(retiredKids);
    }

    /**
     * A set with no retired key ids.
     *
     * @param keys the usable keys
     * @param skipped one line per key that was left out, saying which and why
     * @param source where the set came from, for messages
     */
    public JwkSet(List<Jwk> keys, List<String> skipped, String source) {
        this(keys, skipped, source, Set.of());
    }

    /**
     * Parses a JWKS document ({@code {"keys":[...]}}).
     *
     * @param json the document
     * @param source where it came from, named in messages
     * @return the key set
     * @throws IllegalArgumentException if it is not a JWKS within the limits (size, key count, duplicate members)
     */
    public static JwkSet parse(String json, String source) {
        return parse(json.getBytes(StandardCharsets.UTF_8), source);
    }

    /**
     * Parses a JWKS document from bytes.
     *
     * @param json the document, UTF-8
     * @param source where it came from, named in messages
     * @return the key set
     * @throws IllegalArgumentException if it is not a JWKS within the limits
     */
    public static JwkSet parse(byte[] json, String source) {
        return JwkParser.parseSet(json, source);
    }

    /**
     * The key ids of the usable keys, for messages and logs: as the issuer's endpoint wrote them, so characters outside
     * printable ASCII become '?' and each is cut at 80 characters.
     *
     * @return the key ids, printable
     */
    public List<String> kids() {
        return keys.stream().map(k -> k.kid() == null ? "(no kid)" : CompactJws.printable(k.kid())).toList();
    }
}
