package io.walletgate.internal.magic;

import io.walletgate.internal.claims.ClaimsCheck;
import io.walletgate.internal.claims.TimeClaims;
import java.time.Duration;
import java.util.Map;

/**
 * A Magic DID token read by {@link DidTokenParser}, before its signature and times are checked. Immutable.
 *
 * @param proof the 65-byte {@code r || s || v} signature of {@code claimText}
 * @param claimText the claim exactly as signed (the JSON string inside the token)
 * @param claims the claim parsed as bounded JSON, immutable
 * @param issuerAddress the 20 bytes of the address in {@code iss} ({@code did:ethr:0x…})
 * @param subject {@code sub}: Magic's entity id of the user
 * @param audience {@code aud}: the Magic client id the token is meant for
 * @param tokenId {@code tid}: the token's unique id
 * @param attachmentSignature {@code add}: the 65-byte signature of an attachment, or null when absent
 * @param expiresAtMillis {@code ext} in epoch milliseconds (see {@link DidTokenTimes})
 * @param notBeforeMillis {@code nbf} in epoch milliseconds, without Magic's grace
 * @param issuedAtMillis {@code iat} in epoch milliseconds
 */
public record DidToken(byte[] proof, String claimText, Map<String, Object> claims, byte[] issuerAddress,
                       String subject, String audience, String tokenId, byte[] attachmentSignature,
                       long expiresAtMillis, long notBeforeMillis, long issuedAtMillis) {
    /**
     * Magic's grace on {@code nbf}: every admin SDK (Node, Python, Go) accepts a token up to 300 s before its
     * {@code nbf}, for clients whose clock runs ahead.
     */
    public static final Duration NBF_GRACE = Duration.ofSeconds(300);

    /** Copies the arrays. */
    public DidToken {
        proof = proof.clone();
        issuerAddress = issuerAddress.clone();
        attachmentSignature = attachmentSignature == null ? null : attachmentSignature.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    @Override
    public byte[] issuerAddress() {
        return issuerAddress.clone();
    }

    @Override
    public byte[] attachmentSignature() {
        return attachmentSignature == null ? null : attachmentSignature.clone();
    }

    /**
     * The times the shared claims stage ({@link ClaimsCheck}) checks: {@code ext} as the expiry, {@code nbf} less
     * {@link #NBF_GRACE}, and {@code iat}.
     */
    public TimeClaims times() {
        return new TimeClaims(expiresAtMillis, notBeforeMillis - NBF_GRACE.toMillis(),
                issuedAtMillis);
    }

    @Override
    public String toString() {
        return "DidToken[sub=" + subject + ", aud=" + audience + ", tid=" + tokenId + "]";
    }
}
