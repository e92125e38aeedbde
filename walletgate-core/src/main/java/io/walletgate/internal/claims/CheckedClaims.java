package io.walletgate.internal.claims;

import java.time.Instant;
import java.util.List;

/**
 * What the claims stage ({@link ClaimsCheck}) accepted and read: the values a verified token keeps.
 *
 * @param times {@code exp}, {@code nbf}, {@code iat}, re-checked on every use of a cached token
 * @param expiresAt {@code exp}
 * @param issuedAt {@code iat}, or null
 * @param audience the token's {@code aud}, as a list
 * @param subject the subject, or null when the issuer lets the wallet stand for the user
 * @param email the email, or null
 * @param name the display name, or null
 * @param connection the login connection, or null
 * @param group the grouped connection, or null
 */
public record CheckedClaims(TimeClaims times, Instant expiresAt, Instant issuedAt,
                            List<String> audience, String subject, String email, String name, String connection,
                            String group) {
}
