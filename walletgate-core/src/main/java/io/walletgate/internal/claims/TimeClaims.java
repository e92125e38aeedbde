package io.walletgate.internal.claims;

/**
 * A token's time claims in epoch milliseconds, as read once: what every use of a cached token is checked against.
 *
 * @param exp {@code exp}
 * @param nbf {@code nbf}, or null when absent
 * @param iat {@code iat}, or null when absent
 */
public record TimeClaims(long exp, Long nbf, Long iat) {
}
