package io.walletgate.server.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.walletgate.server.json.IdentityJson;
import java.io.IOException;

/**
 * A session's identity as stored (the API's identity object, {@link IdentityJson#valid} without {@code valid}), read
 * once per request in this one place: the object the API answers with, and what forward-auth sends beyond the
 * session's own columns (the proven wallet's address as the token gave it, and the token's {@code iss}).
 *
 * @param json the identity object
 * @param walletAddress the proven wallet's address, or null
 * @param issuer the token's {@code iss}
 */
public record StoredIdentity(ObjectNode json, String walletAddress, String issuer) {
    /**
     * Reads a session's identity.
     *
     * @throws IllegalStateException if the store holds something that is not an identity object (never written so)
     */
    public static StoredIdentity of(Session session) {
        JsonNode node;
        try {
            node = IdentityJson.MAPPER.readTree(session.identityJson());
        } catch (IOException e) {
            throw new IllegalStateException("stored identity is not JSON", e);
        }
        if (!(node instanceof ObjectNode)) {
            throw new IllegalStateException("stored identity is not a JSON object");
        }
        return new StoredIdentity((ObjectNode) node, node.path("wallet").path("address").asText(null),
                node.path("issuer").asText(null));
    }

    /**
     * What forward-auth sends of a session's identity beyond the session's own columns, read without building the
     * identity object (issue 20: building it was 17 % of a session check's Java time): the proven wallet's address as
     * the token gave it, and the token's {@code iss}, as {@link #of} reads them.
     *
     * @param walletAddress the proven wallet's address, or null
     * @param issuer the token's {@code iss}, or null
     */
    public record Names(String walletAddress, String issuer) {
    }

    // A stored identity is never rewritten, and forward-auth reads the same sessions again and again (each request a
    // signed-in user makes through the proxy): the names are kept by the identity's whole text, so a returning session
    // costs a lookup instead of a parse (the parse was still 16 % of a session check's Java samples). The same text
    // always gives the same names, so the cache can never answer otherwise than the parse; the store is still asked
    // on every request (SqliteSessionStore answers from what it keeps only while no session has been deleted since),
    // so an ended session is refused as before. Bounded: as many as the SQLite store keeps sessions,
    // whose identity texts these keys mostly are (the same String), so a few MB beyond them at most. Evicted on the
    // caller's thread: with more sessions in use than it holds, scheduling each eviction on the common pool woke one
    // of its threads per request (7.6 % of a session check's CPU with 20,000 sessions in turn, docs/performance.md).
    private static final Cache<String, Names> NAMES = Caffeine.newBuilder()
            .maximumSize(SqliteSessionStore.CACHED)
            .executor(Runnable::run)
            .build();

    /**
     * Reads {@code wallet.address} and {@code issuer} of a session's identity, skipping the rest.
     *
     * @throws IllegalStateException if the store holds something that is not an identity object (never written so)
     */
    public static Names names(Session session) {
        return NAMES.get(session.identityJson(), StoredIdentity::parseNames);
    }

    private static Names parseNames(String identityJson) {
        String wallet = null;
        String issuer = null;
        try (JsonParser p = IdentityJson.MAPPER.getFactory().createParser(identityJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("stored identity is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("issuer".equals(name)) {
                    issuer = value == JsonToken.VALUE_STRING ? p.getText() : null;
                } else if ("wallet".equals(name) && value == JsonToken.START_OBJECT) {
                    wallet = address(p);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored identity is not JSON", e);
        }
        return new Names(wallet, issuer);
    }

    // The wallet object's address member (the parser at its START_OBJECT, left at its END_OBJECT).
    private static String address(JsonParser p) throws IOException {
        String address = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("address".equals(name)) {
                address = value == JsonToken.VALUE_STRING ? p.getText() : null;
            } else {
                p.skipChildren();
            }
        }
        return address;
    }
}
