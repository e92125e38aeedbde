package io.walletgate.spring.security;

import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import reactor.core.publisher.Mono;

/**
 * The reactive {@link WalletAuthenticationProvider}: authenticates a {@link WalletAuthenticationToken#unauthenticated}
 * request with {@link WalletVerifier#verifyAsync}, so that no event-loop thread ever waits for an issuer's keys:
 * with the keys held (the steady state) the verification completes at once on the calling thread, else it continues
 * when the key fetch answers. The result and the rejections ({@link WalletAuthenticationException} with the
 * verifier's code) are the servlet provider's. Other authentication types are left to other managers (empty).
 */
public final class ReactiveWalletAuthenticationManager implements ReactiveAuthenticationManager {
    private final WalletVerifier verifier;
    private final Function<VerifiedIdentity, Collection<? extends GrantedAuthority>> authorities;

    /** A manager with the default authorities ({@link WalletAuthenticationProvider#defaultAuthorities}). */
    public ReactiveWalletAuthenticationManager(WalletVerifier verifier) {
        this(verifier, WalletAuthenticationProvider::defaultAuthorities);
    }

    /** A manager whose authorities come from {@code authorities} ({@code FACTOR_BEARER} is always added). */
    public ReactiveWalletAuthenticationManager(WalletVerifier verifier,
                                               Function<VerifiedIdentity, Collection<? extends GrantedAuthority>>
                                                       authorities) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.authorities = Objects.requireNonNull(authorities, "authorities");
    }

    /**
     * Verifies the token and the wallet proof without blocking.
     *
     * @return the authenticated {@link WalletAuthenticationToken}, or an error {@link WalletAuthenticationException}
     *     with the verifier's code
     */
    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof WalletAuthenticationToken)) {
            return Mono.empty();
        }
        WalletAuthenticationToken request = (WalletAuthenticationToken) authentication;
        return Mono.fromFuture(() -> verifier.verifyAsync(request.getCredentials(), request.proof()))
                .onErrorMap(CompletionException.class, e -> e.getCause() == null ? e : e.getCause())
                .onErrorMap(WalletVerificationException.class, WalletAuthenticationException::new)
                .map(identity -> WalletAuthenticationProvider.authenticated(request, identity, authorities));
    }
}
