package io.walletgate.server.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Session ids: 256 random bits, base64url; stores keep only their SHA-256. */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    /** A new session id: 32 random bytes, base64url (43 characters). */
    public static String newId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return ENCODER.encodeToString(b);
    }

    /** Whether a presented value could be a session id at all (43 base64url characters); cheap, before hashing. */
    public static boolean wellFormed(String id) {
        if (id == null || id.length() != 43) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of the id: what stores keep and look up. */
    public static byte[] hash(String id) {
        return SHA_256.get().digest(id.getBytes(StandardCharsets.US_ASCII)); // digest() resets it for the next use
    }

    // One digest a thread: a session check hashes the id it is given on every request, and looking the algorithm up
    // in the providers each time was 3 % of its Java samples (issue 20, docs/performance.md).
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
