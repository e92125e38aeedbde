package io.walletgate.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The text of a Sign-In with Solana message, written as the Wallet Standard's {@code createSignInMessageText}
 * writes it (the text a wallet's {@code solana:signIn} signs), for tests: an immutable builder and {@link #text()}.
 * Defaults: domain {@code localhost}, URI {@code http://localhost}, version 1, no chain ID (mainnet), a random
 * nonce, issued now.
 *
 * @param domain the RFC 3986 authority
 * @param address the account (base58)
 * @param statement the statement, or null
 * @param uri the URI, or null
 * @param version the version, or null
 * @param chainId the chain ID ({@code mainnet}, {@code solana:devnet}, …), or null
 * @param nonce the nonce, or null
 * @param issuedAt {@code Issued At}, or null
 * @param expirationTime {@code Expiration Time}, or null
 * @param notBefore {@code Not Before}, or null
 * @param requestId {@code Request ID}, or null
 * @param resources {@code Resources}
 */
public record SiwsMessageBuilder(String domain, String address, String statement, String uri, String version,
                                 String chainId, String nonce, Instant issuedAt, Instant expirationTime,
                                 Instant notBefore, String requestId, List<String> resources) {
    /**
     * Copies the resources.
     *
     * @param domain the RFC 3986 authority
     * @param address the account (base58)
     * @param statement the statement, or null
     * @param uri the URI, or null
     * @param version the version, or null
     * @param chainId the chain ID ({@code mainnet}, {@code solana:devnet}, …), or null
     * @param nonce the nonce, or null
     * @param issuedAt {@code Issued At}, or null
     * @param expirationTime {@code Expiration Time}, or null
     * @param notBefore {@code Not Before}, or null
     * @param requestId {@code Request ID}, or null
     * @param resources {@code Resources}
     */
    public SiwsMessageBuilder {
        resources = List.copyOf(resources);
    }

    /**
     * A message for {@code address} with the defaults.
     *
     * @param address the signing address, base58
     * @return the builder
     */
    public static SiwsMessageBuilder of(String address) {
        return new SiwsMessageBuilder("localhost", Objects.requireNonNull(address, "address"), null,
                "http://localhost", "1", null, SiweMessageBuilder.randomNonce(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null, null, List.of());
    }

    /**
     * A copy with another {@code domain}.
     *
     * @param value the {@code domain}
     * @return the copy
     */
    public SiwsMessageBuilder withDomain(String value) {
        return new SiwsMessageBuilder(value, address, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another statement.
     *
     * @param value the statement, or null for none
     * @return the copy
     */
    public SiwsMessageBuilder withStatement(String value) {
        return new SiwsMessageBuilder(domain, address, value, uri, version, chainId, nonce, issuedAt, expirationTime,
                notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code URI}.
     *
     * @param value the {@code URI}, or null for none
     * @return the copy
     */
    public SiwsMessageBuilder withUri(String value) {
        return new SiwsMessageBuilder(domain, address, statement, value, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Chain ID}.
     *
     * @param value the {@code Chain ID}, or null for none
     * @return the copy
     */
    public SiwsMessageBuilder withChainId(String value) {
        return new SiwsMessageBuilder(domain, address, statement, uri, version, value, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Nonce}.
     *
     * @param value the {@code Nonce}, or null for none
     * @return the copy
     */
    public SiwsMessageBuilder withNonce(String value) {
        return new SiwsMessageBuilder(domain, address, statement, uri, version, chainId, value, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Issued At}.
     *
     * @param value the {@code Issued At}, or null for none
     * @return the copy
     */
    public SiwsMessageBuilder withIssuedAt(Instant value) {
        return new SiwsMessageBuilder(domain, address, statement, uri, version, chainId, nonce, value,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Expiration Time}.
     *
     * @param value the {@code Expiration Time}, or null for none
     * @return the copy
     */
    public SiwsMessageBuilder withExpirationTime(Instant value) {
        return new SiwsMessageBuilder(domain, address, statement, uri, version, chainId, nonce, issuedAt, value,
                notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Not Before}.
     *
     * @param value the {@code Not Before}, or null for none
     * @return the copy
     */
    public SiwsMessageBuilder withNotBefore(Instant value) {
        return new SiwsMessageBuilder(domain, address, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, value, requestId, resources);
    }

    /**
     * The message: header, address, then the statement and the fields that are set, each after an empty line.
     *
     * @return the message text
     */
    public String text() {
        StringBuilder sb = new StringBuilder(domain).append(" wants you to sign in with your Solana account:\n")
                .append(address);
        if (statement != null) {
            sb.append("\n\n").append(statement);
        }
        StringBuilder fields = new StringBuilder();
        field(fields, "URI", uri);
        field(fields, "Version", version);
        field(fields, "Chain ID", chainId);
        field(fields, "Nonce", nonce);
        field(fields, "Issued At", issuedAt == null ? null : issuedAt.toString());
        optionalFields(fields, expirationTime, notBefore, requestId, resources);
        if (fields.length() > 0) {
            sb.append('\n').append(fields);
        }
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append('\n').append(name).append(": ").append(value);
        }
    }

    // Expiration Time, Not Before, Request ID and Resources: the same lines in both formats
    static void optionalFields(StringBuilder sb, Instant expirationTime, Instant notBefore, String requestId,
                               List<String> resources) {
        field(sb, "Expiration Time", expirationTime == null ? null : expirationTime.toString());
        field(sb, "Not Before", notBefore == null ? null : notBefore.toString());
        field(sb, "Request ID", requestId);
        if (!resources.isEmpty()) {
            sb.append("\nResources:");
            resources.forEach(r -> sb.append("\n- ").append(r));
        }
    }
}
