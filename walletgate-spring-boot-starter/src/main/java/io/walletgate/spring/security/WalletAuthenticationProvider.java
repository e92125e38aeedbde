package io.walletgate.spring.security;

import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Authenticates a {@link WalletAuthenticationToken#unauthenticated} request with the {@link WalletVerifier}: the
 * result's principal is the {@link VerifiedIdentity}; a rejection is a {@link WalletAuthenticationException} with
 * the verifier's code. Default authorities: {@code WALLET_ISSUER_<issuer name>}, {@code WALLET_PROFILE_<profile>},
 * {@code WALLET_PROVEN} when a wallet was proven, and Spring Security's {@code FACTOR_BEARER}.
 */
public final class WalletAuthenticationProvider implements AuthenticationProvider {
    private final WalletVerifier verifier;
    private final Function<VerifiedIdentity, Collection<? extends GrantedAuthority>> authorities;

    /** A provider with the default authorities. */
    public WalletAuthenticationProvider(WalletVerifier verifier) {
        this(verifier, WalletAuthenticationProvider::defaultAuthorities);
    }

    /** A provider whose authorities come from {@code authorities} ({@code FACTOR_BEARER} is always added). */
    public WalletAuthenticationProvider(WalletVerifier verifier,
                                        Function<VerifiedIdentity, Collection<? extends GrantedAuthority>>
                                                authorities) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.authorities = Objects.requireNonNull(authorities, "authorities");
    }

    /** {@code WALLET_ISSUER_<name>}, {@code WALLET_PROFILE_<profile>}, and {@code WALLET_PROVEN} when proven. */
    public static List<GrantedAuthority> defaultAuthorities(VerifiedIdentity identity) {
        List<GrantedAuthority> list = new ArrayList<>(3);
        list.add(new SimpleGrantedAuthority("WALLET_ISSUER_" + identity.issuerName()));
        list.add(new SimpleGrantedAuthority("WALLET_PROFILE_" + identity.profile()));
        if (identity.wallet() != null) {
            list.add(new SimpleGrantedAuthority("WALLET_PROVEN"));
        }
        return list;
    }

    /**
     * Verifies the token and the wallet proof.
     *
     * @throws WalletAuthenticationException with the verifier's code when the token or proof is rejected
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        WalletAuthenticationToken request = (WalletAuthenticationToken) authentication;
        String token = request.getCredentials();
        VerifiedIdentity identity;
        try {
            identity = verifier.verify(token, request.proof());
        } catch (WalletVerificationException e) {
            throw new WalletAuthenticationException(e);
        }
        return authenticated(request, identity, authorities);
    }

    /** The authentication of {@code request} verified as {@code identity}: its authorities plus FACTOR_BEARER. */
    static WalletAuthenticationToken authenticated(WalletAuthenticationToken request, VerifiedIdentity identity,
            Function<VerifiedIdentity, Collection<? extends GrantedAuthority>> authorities) {
        List<GrantedAuthority> granted = new ArrayList<>(authorities.apply(identity));
        granted.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
        WalletAuthenticationToken result = WalletAuthenticationToken.authenticated(identity,
                request.getCredentials(), granted);
        result.setDetails(request.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WalletAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
