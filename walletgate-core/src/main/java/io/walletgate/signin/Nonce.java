package io.walletgate.signin;

import java.time.Instant;
import java.util.Objects;

/**
 * A nonce issued for one sign-in: the frontend puts {@link #value} in the message's {@code Nonce} field.
 *
 * @param value 22 letters and digits (about 131 random bits; EIP-4361 asks for at least 8 alphanumeric characters,
 *     and 96 bits is the least this library issues)
 * @param issuedAt when it was issued
 * @param expiresAt when it stops being accepted, unless used before
 */
public record Nonce(String value, Instant issuedAt, Instant expiresAt) {
    /**
     * Checks that no member is null.
     *
     * @param value 22 letters and digits (about 131 random bits; EIP-4361 asks for at least 8 alphanumeric characters,
     *     and 96 bits is the least this library issues)
     * @param issuedAt when it was issued
     * @param expiresAt when it stops being accepted, unless used before
     */
    public Nonce {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
