package io.walletgate.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The text of a Sign-In with Ethereum message (EIP-4361), written as wallets and spruceid's {@code siwe} write it,
 * for tests: an immutable builder whose {@code with…} methods return changed copies, and {@link #text()}. Defaults:
 * domain {@code localhost}, URI {@code http://localhost}, version 1, chain 1, a random nonce, issued now, no
 * statement and no optional field.
 *
 * @param scheme optional scheme before the domain, or null
 * @param domain the RFC 3986 authority
 * @param address the account (EIP-55)
 * @param statement the statement, or null
 * @param uri the URI
 * @param version the version
 * @param chainId the chain ID
 * @param nonce the nonce
 * @param issuedAt {@code Issued At}
 * @param expirationTime {@code Expiration Time}, or null
 * @param notBefore {@code Not Before}, or null
 * @param requestId {@code Request ID}, or null
 * @param resources {@code Resources}
 */
public record SiweMessageBuilder(String scheme, String domain, String address, String statement, String uri,
                                 String version, long chainId, String nonce, Instant issuedAt, Instant expirationTime,
                                 Instant notBefore, String requestId, List<String> resources) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * Copies the resources.
     *
     * @param scheme optional scheme before the domain, or null
     * @param domain the RFC 3986 authority
     * @param address the account (EIP-55)
     * @param statement the statement, or null
     * @param uri the URI
     * @param version the version
     * @param chainId the chain ID
     * @param nonce the nonce
     * @param issuedAt {@code Issued At}
     * @param expirationTime {@code Expiration Time}, or null
     * @param notBefore {@code Not Before}, or null
     * @param requestId {@code Request ID}, or null
     * @param resources {@code Resources}
     */
    public SiweMessageBuilder {
        resources = List.copyOf(resources);
    }

    /**
     * A message for {@code address} with the defaults.
     *
     * @param address the signing address
     * @return the builder
     */
    public static SiweMessageBuilder of(String address) {
        return new SiweMessageBuilder(null, "localhost", Objects.requireNonNull(address, "address"), null,
                "http://localhost", "1", 1, randomNonce(), Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null,
                null, List.of());
    }

    /** 16 random letters and digits. */
    static String randomNonce() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    /**
     * A copy with another {@code scheme}.
     *
     * @param value the {@code scheme}
     * @return the copy
     */
    public SiweMessageBuilder withScheme(String value) {
        return new SiweMessageBuilder(value, domain, address, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code domain}.
     *
     * @param value the {@code domain}
     * @return the copy
     */
    public SiweMessageBuilder withDomain(String value) {
        return new SiweMessageBuilder(scheme, value, address, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another address.
     *
     * @param value the address
     * @return the copy
     */
    public SiweMessageBuilder withAddress(String value) {
        return new SiweMessageBuilder(scheme, domain, value, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another statement.
     *
     * @param value the statement, or null for none
     * @return the copy
     */
    public SiweMessageBuilder withStatement(String value) {
        return new SiweMessageBuilder(scheme, domain, address, value, uri, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code URI}.
     *
     * @param value the {@code URI}
     * @return the copy
     */
    public SiweMessageBuilder withUri(String value) {
        return new SiweMessageBuilder(scheme, domain, address, statement, value, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Version}.
     *
     * @param value the {@code Version}
     * @return the copy
     */
    public SiweMessageBuilder withVersion(String value) {
        return new SiweMessageBuilder(scheme, domain, address, statement, uri, value, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Chain ID}.
     *
     * @param value the {@code Chain ID}
     * @return the copy
     */
    public SiweMessageBuilder withChainId(long value) {
        return new SiweMessageBuilder(scheme, domain, address, statement, uri, version, value, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Nonce}.
     *
     * @param value the {@code Nonce}
     * @return the copy
     */
    public SiweMessageBuilder withNonce(String value) {
        return new SiweMessageBuilder(scheme, domain, address, statement, uri, version, chainId, value, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Issued At}.
     *
     * @param value the {@code Issued At}
     * @return the copy
     */
    public SiweMessageBuilder withIssuedAt(Instant value) {
        return new SiweMessageBuilder(scheme, domain, address, statement, uri, version, chainId, nonce, value,
                expirationTime, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Expiration Time}.
     *
     * @param value the {@code Expiration Time}, or null for none
     * @return the copy
     */
    public SiweMessageBuilder withExpirationTime(Instant value) {
        return new SiweMessageBuilder(scheme, domain, address, statement, uri, version, chainId, nonce, issuedAt,
                value, notBefore, requestId, resources);
    }

    /**
     * A copy with another {@code Not Before}.
     *
     * @param value the {@code Not Before}, or null for none
     * @return the copy
     */
    public SiweMessageBuilder withNotBefore(Instant value) {
        return new SiweMessageBuilder(scheme, domain, address, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, value, requestId, resources);
    }

    /**
     * A copy with another {@code Request ID}.
     *
     * @param value the {@code Request ID}, or null for none
     * @return the copy
     */
    public SiweMessageBuilder withRequestId(String value) {
        return new SiweMessageBuilder(scheme, domain, address, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, value, resources);
    }

    /**
     * A copy with other {@code Resources}.
     *
     * @param values the resource URIs, in order
     * @return the copy
     */
    public SiweMessageBuilder withResources(String... values) {
        return new SiweMessageBuilder(scheme, domain, address, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, List.of(values));
    }

    /**
     * The message: the header, the address, an empty line, the statement and an empty line when there is one, an
     * empty line, then the fields, LF-separated, no trailing line break.
     *
     * @return the message text
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(scheme == null ? "" : scheme + "://").append(domain)
                .append(" wants you to sign in with your Ethereum account:\n").append(address).append("\n\n");
        if (statement != null) {
            sb.append(statement).append('\n');
        }
        sb.append("\nURI: ").append(uri).append("\nVersion: ").append(version).append("\nChain ID: ").append(chainId)
                .append("\nNonce: ").append(nonce).append("\nIssued At: ").append(issuedAt);
        SiwsMessageBuilder.optionalFields(sb, expirationTime, notBefore, requestId, resources);
        return sb.toString();
    }
}
