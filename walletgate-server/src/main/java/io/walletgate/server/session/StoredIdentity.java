package io.walletgate.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
