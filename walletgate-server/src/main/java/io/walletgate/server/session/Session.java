package io.walletgate.server.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A session as stored: never the session id itself, only its SHA-256.
 *
 * @param idHash SHA-256 of the session id (32 bytes)
 * @param issuerName the configured issuer that verified the token
 * @param subject the verified subject
 * @param wallet the proven wallet address (EIP-55 or base58), or null
 * @param email the email from the token, or null
 * @param identityJson the verified identity as the API shows it (JSON)
 * @param createdAt when it was created
 * @param expiresAt when it ends
 */
public record Session(byte[] idHash, String issuerName, String subject, String wallet, String email,
                      String identityJson, Instant createdAt, Instant expiresAt) {
    /** Validates. */
    public Session {
        Objects.requireNonNull(idHash, "idHash");
        if (idHash.length != 32) {
            throw new IllegalArgumentException("idHash must be 32 bytes");
        }
        Objects.requireNonNull(issuerName, "issuerName");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(identityJson, "identityJson");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The same session ending at {@code newExpiry}. */
    public Session withExpiry(Instant newExpiry) {
        return new Session(idHash, issuerName, subject, wallet, email, identityJson, createdAt, newExpiry);
    }
}
