package io.walletgate.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Replay protection (docs/architecture.md §8), per issuer: a token may create one session only. The token is identified
 * by its {@code jti}, its {@code nonce}, or the SHA-256 of what its issuer signed, as configured; the store records it
 * with an atomic insert-if-absent kept until the token's {@code exp}, so concurrent exchanges on any number of nodes
 * yield exactly one session.
 *
 * <p>Why the signed content and not the token string (issue 21, item 2): an ECDSA signature {@code (r, s)} has a twin
 * {@code (r, n - s)} that verifies as well, and anyone holding the token can compute it; keyed on the token string,
 * the twin was a second, "new" token. The signing input ({@code base64url(header) '.' base64url(payload)}) is the
 * exact bytes the signature covers: every valid signature over it names the same record, whatever the algorithm's
 * malleability. It is taken rather than the decoded claims because it needs no canonical JSON form, and because base64url
 * is parsed strictly (one spelling per byte string), so two spellings of the same header and claims cannot pass
 * either. Two tokens the issuer itself signed apart (another header, another {@code iat}) stay two tokens.
 */
public final class ReplayGuard {
    /** How an issuer's tokens are identified for replay protection. */
    public enum Mode {
        /** No replay protection (the default). */
        OFF,
        /** The {@code jti}, else the {@code nonce}, else the token's hash. */
        AUTO,
        /** The {@code jti} (required). */
        JTI,
        /** The {@code nonce} (required). */
        NONCE,
        /** The SHA-256 of the token. */
        HASH;

        /**
         * The mode of a configured value.
         *
         * @throws IllegalArgumentException listing the accepted values
         */
        public static Mode parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be one of off, auto, jti, nonce, hash; not '" + value + "'");
            }
        }
    }

    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SessionStore store;
    private final Clock clock;
    private final Map<String, Mode> modes;

    /** A guard over {@code store} with a mode per issuer name (absent: off). */
    public ReplayGuard(SessionStore store, Clock clock, Map<String, Mode> modes) {
        this.store = store;
        this.clock = clock;
        this.modes = Map.copyOf(modes);
    }

    /**
     * Claims the token for one session.
     *
     * @throws WalletVerificationException {@code token_replayed} when it was used before, {@code claim_missing}
     *     when the configured claim is absent
     */
    public void claim(VerifiedIdentity identity, String token) {
        Mode mode = modes.getOrDefault(identity.issuerName(), Mode.OFF);
        if (mode == Mode.OFF) {
            return;
        }
        String id = tokenId(mode, identity, token);
        // The verifier accepts a token until exp + clock skew: the record must outlive that, or a token could be
        // replayed in its grace period. 10 min is the largest skew the configuration allows.
        Instant keepUntil = identity.expiresAt().plus(MAX_CLOCK_SKEW);
        if (!store.claimOnce(identity.issuerName(), id, keepUntil, clock.instant())) {
            throw new WalletVerificationException(ErrorCode.TOKEN_REPLAYED,
                    "this token was already used to create a session");
        }
    }

    private static String tokenId(Mode mode, VerifiedIdentity identity, String token) {
        Object jti = identity.claims().get("jti");
        Object nonce = identity.claims().get("nonce");
        switch (mode) {
            case JTI:
                return "jti:" + required(jti, "jti");
            case NONCE:
                return "nonce:" + required(nonce, "nonce");
            case HASH:
                return signed(token);
            default:
                return jti instanceof String && !((String) jti).isEmpty() ? "jti:" + jti
                        : nonce instanceof String && !((String) nonce).isEmpty() ? "nonce:" + nonce
                        : signed(token);
        }
    }

    // The token verified, so it is a compact JWS: the signing input is everything before its last dot. ("signed:",
    // not the "sha256:" of the whole token that earlier versions stored: a record from before the upgrade does not
    // match, so a token used just before it could create one more session, within its lifetime.)
    // A token without a dot is a Magic DID token: base64 of the JSON array [proof, claim], where the proof signs the
    // claim string. The verifier accepts either base64 alphabet, with or without padding, and the high-s twin of the
    // proof, so the token string has many spellings; the claim string it signed has one.
    private static String signed(String token) {
        int dot = token.lastIndexOf('.');
        return "signed:" + sha256(dot < 0 ? didClaim(token) : token.substring(0, dot));
    }

    private static String didClaim(String token) {
        try {
            String standard = token.replace('-', '+').replace('_', '/');
            byte[] json = Base64.getDecoder().decode(standard + "==".substring(0, (4 - standard.length() % 4) % 4));
            JsonNode proofAndClaim = MAPPER.readTree(json);
            JsonNode claim = proofAndClaim.path(1);
            return claim.isTextual() ? "did:" + claim.asText() : token;
        } catch (IOException | IllegalArgumentException e) {
            return token; // never the case for a token that verified; the token itself still names it
        }
    }

    private static String required(Object value, String claim) {
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw new WalletVerificationException(ErrorCode.CLAIM_MISSING,
                    "claim '" + claim + "' is missing; replay protection of this issuer needs it");
        }
        String s = (String) value;
        return s.length() <= 256 ? s : "sha256:" + sha256(s);
    }

    private static String sha256(String s) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
