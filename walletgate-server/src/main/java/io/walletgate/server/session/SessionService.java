package io.walletgate.server.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.server.json.IdentityJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns verified identities into sessions and back (docs/architecture.md §8): ids of 256 random bits of which the store
 * keeps only the SHA-256, a lifetime (default 24 h) with optional sliding renewal, logout, and revocation by wallet or
 * subject.
 */
public final class SessionService {
    private final SessionStore store;
    private final Clock clock;
    private final Duration ttl;
    private final boolean sliding;

    /** Sessions in {@code store} lasting {@code ttl}, renewed on use when {@code sliding}. */
    public SessionService(SessionStore store, Clock clock, Duration ttl, boolean sliding) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.sliding = sliding;
    }

    /**
     * A new session and its id (returned once, to the client; never stored).
     *
     * @param id the session id, to send to the client
     * @param session what was stored
     * @param identity the identity object stored with it, as the API shows it
     */
    public record Created(String id, Session session, ObjectNode identity) {
    }

    /** Creates and stores a session for a verified identity. */
    public Created create(VerifiedIdentity identity) {
        String id = SessionIds.newId();
        // Stores keep milliseconds: the times answered at creation are the ones later reads will show.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ObjectNode json = IdentityJson.valid(identity).without("valid");
        Session s = new Session(SessionIds.hash(id), identity.issuerName(), identity.subject(),
                identity.wallet() == null ? null : identity.wallet().address(), identity.email(), json.toString(), now,
                now.plus(ttl));
        store.create(s);
        return new Created(id, s, json);
    }

    /** The live session a client presents, renewing it when sliding and past half its lifetime. */
    public Optional<Session> find(String presentedId) {
        if (!SessionIds.wellFormed(presentedId)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Session> found = store.find(SessionIds.hash(presentedId), now);
        if (sliding && found.isPresent() && found.get().expiresAt().isBefore(now.plus(ttl.dividedBy(2)))) {
            Instant renewed = now.plus(ttl);
            if (store.renew(found.get().idHash(), renewed)) {
                return Optional.of(found.get().withExpiry(renewed));
            }
        }
        return found;
    }

    /** Ends the session a client presents; false when there was none. */
    public boolean logout(String presentedId) {
        return SessionIds.wellFormed(presentedId) && store.delete(SessionIds.hash(presentedId));
    }

    /**
     * Ends every session that answers to a wallet address: the proven wallet, or any wallet of the session's token
     * (sessions opened without a wallet proof included).
     *
     * @throws WalletVerificationException {@code request_invalid} when {@code address} is no Ethereum or Solana
     *     address (a typo must not look like "nothing to revoke")
     */
    public int revokeWallet(String address) {
        try {
            WalletProof.address(address).kind(); // throws for a malformed address
        } catch (WalletVerificationException e) {
            throw new WalletVerificationException(ErrorCode.REQUEST_INVALID, "'wallet' is not a wallet address: "
                    + e.getMessage(), e);
        }
        return store.deleteByWallet(address.strip());
    }

    /**
     * Checks that an issuer name given to {@link #revokeSubject} is one of {@code configured}.
     *
     * @throws WalletVerificationException {@code request_invalid} naming the configured issuers otherwise
     */
    public static void requireConfiguredIssuer(String issuerName, Collection<String> configured) {
        if (issuerName != null && !configured.contains(issuerName)) {
            throw new WalletVerificationException(ErrorCode.REQUEST_INVALID, "'issuer' is '"
                    + IdentityJson.printable(issuerName) + "', not a configured issuer (configured: "
                    + String.join(", ", configured) + ")");
        }
    }

    /** Ends every session of a subject (of one issuer, or of all when null). */
    public int revokeSubject(String issuerName, String subject) {
        return store.deleteBySubject(issuerName, subject);
    }

    /** The session lifetime. */
    public Duration ttl() {
        return ttl;
    }

    /** The store. */
    public SessionStore store() {
        return store;
    }
}
