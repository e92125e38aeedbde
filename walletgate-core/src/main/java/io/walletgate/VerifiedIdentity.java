package io.walletgate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who a verified token says the user is, and which wallet is proven theirs.
 *
 * @param issuerName the configured issuer's name (defaults to its profile name)
 * @param profile the profile that handled the token ({@code web3auth}, {@code sequence-oms}, …)
 * @param issuer the token's {@code iss}; empty for Para, whose tokens carry none
 * @param subject the user id: Web3Auth {@code userId}/{@code verifierId}, Sequence OMS wallet id, NoPwd email, or
 *     the configured subject claim
 * @param audience the token's {@code aud}, as a list
 * @param expiresAt the token's {@code exp}
 * @param issuedAt the token's {@code iat}, or null
 * @param keyId the {@code kid} of the key that verified the signature, or null
 * @param wallet the proven wallet: the one the client's proof matched, or the single wallet a token binds to its
 *     subject (Sequence); null when nothing was proven
 * @param wallets every wallet the token names, in token order
 * @param email the user's email when the token has one, or null
 * @param name the user's display name, or null
 * @param connection the login connection (Web3Auth {@code authConnectionId}/{@code authConnection}/
 *     {@code verifier}), or null
 * @param group the grouped connection (Web3Auth {@code groupedAuthConnectionId}/{@code aggregateVerifier}), or null
 * @param claims all claims of the token, immutable
 */
public record VerifiedIdentity(String issuerName, String profile, String issuer, String subject,
                               List<String> audience, Instant expiresAt, Instant issuedAt, String keyId,
                               Wallet wallet, List<Wallet> wallets, String email, String name, String connection,
                               String group, Map<String, Object> claims) {
    /**
     * Validates and copies.
     *
     * @param issuerName the configured issuer's name (defaults to its profile name)
     * @param profile the profile that handled the token ({@code web3auth}, {@code sequence-oms}, …)
     * @param issuer the token's {@code iss}
     * @param subject the user id: Web3Auth {@code userId}/{@code verifierId}, Sequence OMS wallet id, NoPwd email, or
     *     the configured subject claim
     * @param audience the token's {@code aud}, as a list
     * @param expiresAt the token's {@code exp}
     * @param issuedAt the token's {@code iat}, or null
     * @param keyId the {@code kid} of the key that verified the signature, or null
     * @param wallet the proven wallet: the one the client's proof matched, or the single wallet a token binds to its
     *     subject (Sequence); null when nothing was proven
     * @param wallets every wallet the token names, in token order
     * @param email the user's email when the token has one, or null
     * @param name the user's display name, or null
     * @param connection the login connection (Web3Auth {@code authConnectionId}/{@code authConnection}/ {@code
     *     verifier}), or null
     * @param group the grouped connection (Web3Auth {@code groupedAuthConnectionId}/{@code aggregateVerifier}), or null
     * @param claims all claims of the token, immutable
     */
    public VerifiedIdentity {
        Objects.requireNonNull(issuerName, "issuerName");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        audience = List.copyOf(audience);
        Objects.requireNonNull(expiresAt, "expiresAt");
        // a token's own wallet list is immutable already, and derives each wallet on first access (TokenWallets)
        wallets = wallets instanceof TokenWallets.WalletList ? wallets : List.copyOf(wallets);
        Objects.requireNonNull(claims, "claims");
    }

    /**
     * {@return the provider's session id: the token's {@code sid} (Privy's access tokens, Dynamic's tokens), or null
     * when it has none}
     */
    public String sessionId() {
        Object sid = claims.get("sid");
        return sid instanceof String && !((String) sid).isEmpty() ? (String) sid : null;
    }

    @Override
    public String toString() {
        return "VerifiedIdentity[issuer=" + issuerName + ", subject=" + subject + ", wallet="
                + (wallet == null ? "none" : wallet.address()) + ", expiresAt=" + expiresAt + "]";
    }
}
