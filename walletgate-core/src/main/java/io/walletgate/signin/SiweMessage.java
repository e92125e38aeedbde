package io.walletgate.signin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Sign-In with Ethereum message (EIP-4361), parsed strictly by the EIP's ABNF. Obtain one with {@link #parse}.
 *
 * @param scheme the optional scheme before the domain ({@code https}), or null
 * @param domain the RFC 3986 authority requesting the sign-in ({@code app.example.com}, {@code localhost:3000})
 * @param address the signing account, in its EIP-55 checksum form
 * @param statement the human-readable statement, or null when the message has none
 * @param uri the RFC 3986 URI the sign-in is for
 * @param version always {@code 1}
 * @param chainId the EIP-155 chain ID
 * @param nonce the nonce, at least 8 letters and digits
 * @param issuedAt {@code Issued At}
 * @param expirationTime {@code Expiration Time}, or null
 * @param notBefore {@code Not Before}, or null
 * @param requestId {@code Request ID}, or null
 * @param resources {@code Resources}, in order; empty when there are none
 */
public record SiweMessage(String scheme, String domain, String address, String statement, String uri, String version,
                          long chainId, String nonce, Instant issuedAt, Instant expirationTime, Instant notBefore,
                          String requestId, List<String> resources) {
    /**
     * Checks the required members and copies the list.
     *
     * @param scheme the optional scheme before the domain ({@code https}), or null
     * @param domain the RFC 3986 authority requesting the sign-in ({@code app.example.com}, {@code localhost:3000})
     * @param address the signing account, in its EIP-55 checksum form
     * @param statement the human-readable statement, or null when the message has none
     * @param uri the RFC 3986 URI the sign-in is for
     * @param version always {@code 1}
     * @param chainId the EIP-155 chain ID
     * @param nonce the nonce, at least 8 letters and digits
     * @param issuedAt {@code Issued At}
     * @param expirationTime {@code Expiration Time}, or null
     * @param notBefore {@code Not Before}, or null
     * @param requestId {@code Request ID}, or null
     * @param resources {@code Resources}, in order; empty when there are none
     */
    public SiweMessage {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(issuedAt, "issuedAt");
        resources = List.copyOf(resources);
    }

    /**
     * Parses a message exactly as EIP-4361's ABNF writes it: the header line ({@code [scheme "://"] domain " wants you
     * to sign in with your Ethereum account:"}), the address with its EIP-55 checksum, an empty line, an optional
     * statement followed by an empty line, an empty line, then {@code URI}, {@code Version}, {@code Chain ID},
     * {@code Nonce}, {@code Issued At} and the optional {@code Expiration Time}, {@code Not Before},
     * {@code Request ID} and {@code Resources}, in that order, each once, lines separated by LF, nothing after the
     * last field. At most 16 KiB and 100 resources.
     *
     * @param message the message text
     * @return the parsed message
     * @throws io.walletgate.WalletVerificationException {@code message_invalid}, naming the field, when it does not
     *     conform
     */
    public static SiweMessage parse(String message) {
        return SiweParser.parse(message);
    }
}
