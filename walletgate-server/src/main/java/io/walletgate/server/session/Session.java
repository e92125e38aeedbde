package io.walletgate.server.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.server.json.IdentityJson;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A session as stored: never the session id itself, only its SHA-256.
 *
 * @param idHash SHA-256 of the session id (32 bytes)
 * @param issuerName the configured issuer that verified the token
 * @param subject the verified subject
 * @param wallet the proven wallet address (EIP-55 or base58), or null
 * @param email the email from the token, or null
 * @param identityJson the verified identity as the API shows it (JSON)
 * @param createdAt when it was created
 * @param expiresAt when it ends
 */
public record Session(byte[] idHash, String issuerName, String subject, String wallet, String email,
                      String identityJson, Instant createdAt, Instant expiresAt) {
    /** Validates. */
    public Session {
        Objects.requireNonNull(idHash, "idHash");
        if (idHash.length != 32) {
            throw new IllegalArgumentException("idHash must be 32 bytes");
        }
        Objects.requireNonNull(issuerName, "issuerName");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(identityJson, "identityJson");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Every wallet address this session answers to when a wallet is revoked: the proven one, and each wallet of the
     * token (a session opened without a wallet proof holds the token's wallets too: revoking one of them must end
     * it; issue 21, item 6). Read from the stored identity, so that a store can index sessions written before this
     * existed.
     */
    public Set<String> revocableWallets() {
        return walletsOf(identityJson, wallet);
    }

    /** {@link #revocableWallets} of a stored identity (its {@code wallet.address} and {@code wallets[].address}). */
    static Set<String> walletsOf(String identityJson, String provenWallet) {
        Set<String> out = new LinkedHashSet<>();
        if (provenWallet != null) {
            out.add(provenWallet);
        }
        try {
            JsonNode identity = IdentityJson.MAPPER.readTree(identityJson);
            addAddress(out, identity.path("wallet"));
            for (JsonNode w : identity.path("wallets")) {
                addAddress(out, w);
            }
        } catch (JsonProcessingException e) {
            // not JSON (never written by this service): the proven wallet is all there is to index
        }
        return out;
    }

    /**
     * The form under which a store indexes {@code address} for revocation: Ethereum addresses compare without case
     * (EIP-55 is only a checksum), base58 (Solana) addresses are case-sensitive and are kept as they are.
     */
    static String walletIndexKey(String address) {
        return address.startsWith("0x") || address.startsWith("0X") ? address.toLowerCase(Locale.ROOT) : address;
    }

    private static void addAddress(Set<String> out, JsonNode wallet) {
        JsonNode address = wallet.path("address");
        if (address.isTextual() && !address.asText().isEmpty()) {
            out.add(address.asText());
        }
    }

    /** The same session ending at {@code newExpiry}. */
    public Session withExpiry(Instant newExpiry) {
        return new Session(idHash, issuerName, subject, wallet, email, identityJson, createdAt, newExpiry);
    }
}
