package io.walletgate.spring.security;

import io.walletgate.VerifiedIdentity;
import io.walletgate.Wallet;
import io.walletgate.WalletProof;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A wallet login: before authentication, the bearer ID token and the client's wallet proof
 * ({@link #unauthenticated}); after, the {@link VerifiedIdentity} as principal ({@link #authenticated}).
 *
 * <pre>{@code
 * @GetMapping("/api/me")
 * Map<String, String> me(@AuthenticationPrincipal VerifiedIdentity user) {
 *     return Map.of("address", user.wallet().address(), "subject", user.subject());
 * }
 * }</pre>
 *
 * <p>Bearer authentication is stateless: this token is made per request and not meant to be kept in a session
 * (the identity is not {@link java.io.Serializable}).
 */
@SuppressWarnings("serial") // never serialized: stateless bearer authentication, see above
public final class WalletAuthenticationToken extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;

    private final VerifiedIdentity identity;
    private final WalletProof proof;
    private final String token;

    private WalletAuthenticationToken(VerifiedIdentity identity, String token, WalletProof proof,
                                      Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.identity = identity;
        this.token = token;
        this.proof = proof;
        super.setAuthenticated(identity != null);
    }

    /** A request to authenticate {@code token} with the client's wallet {@code proof} ({@link WalletProof#none()}
     * for none). */
    public static WalletAuthenticationToken unauthenticated(String token, WalletProof proof) {
        return new WalletAuthenticationToken(null, token, Objects.requireNonNull(proof, "proof"), List.of());
    }

    /** A verified wallet login. */
    public static WalletAuthenticationToken authenticated(VerifiedIdentity identity, String token,
                                                          Collection<? extends GrantedAuthority> authorities) {
        return new WalletAuthenticationToken(Objects.requireNonNull(identity, "identity"), token, WalletProof.none(),
                authorities);
    }

    /** The verified identity; null before authentication. */
    @Override
    public VerifiedIdentity getPrincipal() {
        return identity;
    }

    /** The bearer ID token. */
    @Override
    public String getCredentials() {
        return token;
    }

    /** The subject (user id) once authenticated; empty before. */
    @Override
    public String getName() {
        return identity == null ? "" : identity.subject();
    }

    /** The verified identity; null before authentication. */
    public VerifiedIdentity identity() {
        return identity;
    }

    /** The address of the proven wallet, or null when nothing was proven. */
    public String walletAddress() {
        Wallet w = identity == null ? null : identity.wallet();
        return w == null ? null : w.address();
    }

    /** The wallet proof the client sent (before authentication). */
    public WalletProof proof() {
        return proof;
    }

    /**
     * Refuses to mark this token authenticated: only {@link #authenticated} makes a trusted one.
     *
     * @throws IllegalArgumentException when {@code authenticated} is true
     */
    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException(
                    "use WalletAuthenticationToken.authenticated(…) to make a trusted token");
        }
        super.setAuthenticated(false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalletAuthenticationToken && super.equals(o)
                && Objects.equals(((WalletAuthenticationToken) o).identity, identity);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(identity);
    }

    @Override
    public String toString() {
        // never the token
        return "WalletAuthenticationToken[" + (identity == null ? "unauthenticated" : identity.toString())
                + ", authorities=" + getAuthorities() + "]";
    }
}
