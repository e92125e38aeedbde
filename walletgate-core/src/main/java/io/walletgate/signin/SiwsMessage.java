package io.walletgate.signin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Sign-In with Solana message: the text the Wallet Standard's {@code solana:signIn} feature signs (the CAIP-122
 * message for Solana, in the ABNF of Phantom's Sign In With Solana specification). Obtain one with {@link #parse}.
 *
 * @param domain the RFC 3986 authority requesting the sign-in
 * @param address the signing account: base58 of its 32-byte Ed25519 public key
 * @param statement the human-readable statement, or null
 * @param uri the RFC 3986 URI the sign-in is for (the grammar makes it optional; WalletGate requires it)
 * @param version always {@code 1}
 * @param chainId {@code mainnet}, {@code testnet}, {@code devnet}, {@code localnet}, {@code solana:mainnet},
 *     {@code solana:testnet} or {@code solana:devnet}; null when the message names none
 * @param nonce the nonce, at least 8 letters and digits
 * @param issuedAt {@code Issued At}
 * @param expirationTime {@code Expiration Time}, or null
 * @param notBefore {@code Not Before}, or null
 * @param requestId {@code Request ID}, or null
 * @param resources {@code Resources}, in order; empty when there are none
 */
public record SiwsMessage(String domain, String address, String statement, String uri, String version,
                          String chainId, String nonce, Instant issuedAt, Instant expirationTime, Instant notBefore,
                          String requestId, List<String> resources) {
    /**
     * Checks the required members and copies the list.
     *
     * @param domain the RFC 3986 authority requesting the sign-in
     * @param address the signing account: base58 of its 32-byte Ed25519 public key
     * @param statement the human-readable statement, or null
     * @param uri the RFC 3986 URI the sign-in is for (the grammar makes it optional; WalletGate requires it)
     * @param version always {@code 1}
     * @param chainId {@code mainnet}, {@code testnet}, {@code devnet}, {@code localnet}, {@code solana:mainnet}, {@code
     *     solana:testnet} or {@code solana:devnet}; null when the message names none
     * @param nonce the nonce, at least 8 letters and digits
     * @param issuedAt {@code Issued At}
     * @param expirationTime {@code Expiration Time}, or null
     * @param notBefore {@code Not Before}, or null
     * @param requestId {@code Request ID}, or null
     * @param resources {@code Resources}, in order; empty when there are none
     */
    public SiwsMessage {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(issuedAt, "issuedAt");
        resources = List.copyOf(resources);
    }

    /**
     * The Solana cluster the message names, without a {@code solana:} prefix; {@code mainnet} when it names none.
     *
     * @return the cluster's name
     */
    public String cluster() {
        if (chainId == null) {
            return "mainnet";
        }
        return chainId.startsWith("solana:") ? chainId.substring("solana:".length()) : chainId;
    }

    /**
     * Parses a message exactly as the Solana sign-in ABNF writes it: {@code domain " wants you to sign in with your
     * Solana account:"}, the base58 address of a 32-byte key, optionally an empty line and a statement, then an
     * empty line and the fields {@code URI}, {@code Version}, {@code Chain ID}, {@code Nonce}, {@code Issued At},
     * {@code Expiration Time}, {@code Not Before}, {@code Request ID} and {@code Resources}, in that order, each at
     * most once, lines separated by LF, nothing after the last field. The grammar makes every field optional; a
     * sign-in needs {@code URI}, {@code Version}, {@code Nonce} and {@code Issued At}, so their absence is
     * {@code message_invalid} too. At most 16 KiB and 100 resources.
     *
     * @param message the message text
     * @return the parsed message
     * @throws io.walletgate.WalletVerificationException {@code message_invalid}, naming the field, when it does not
     *     conform
     */
    public static SiwsMessage parse(String message) {
        return SiwsParser.parse(message);
    }
}
