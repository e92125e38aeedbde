package io.walletgate.signin;

import io.walletgate.internal.wallet.WalletKeys;
import java.util.Set;

/** The Solana sign-in grammar, line by line (see {@link SiwsMessage#parse}). */
final class SiwsParser {
    static final String HEADER_SUFFIX = " wants you to sign in with your Solana account:";
    private static final Set<String> REQUIRED = Set.of(MessageLines.URI, MessageLines.VERSION, MessageLines.NONCE,
            MessageLines.ISSUED_AT);
    private static final Set<String> CHAIN_IDS = Set.of("mainnet", "testnet", "devnet", "localnet", "solana:mainnet",
            "solana:testnet", "solana:devnet");

    private SiwsParser() {
    }

    static SiwsMessage parse(String message) {
        MessageLines m = MessageLines.split("SIWS", message);
        var lines = m.lines;
        String domain = m.header(HEADER_SUFFIX);
        m.checkDomain(domain);
        String address = address(m, lines.get(1));
        // [ LF LF statement ] [ LF LF fields ]: an empty line, then a statement or the first field
        String statement = null;
        int fields = lines.size();
        if (lines.size() > 2) {
            if (!lines.get(2).isEmpty() || lines.size() == 3) {
                throw m.invalid("statement", "the address must be followed by an empty line, then the statement or"
                        + " the fields");
            }
            fields = 3;
            if (!MessageLines.isField(lines.get(3))) {
                statement = lines.get(3);
                m.checkStatement(statement);
                fields = 4;
                if (lines.size() > 4) {
                    if (!lines.get(4).isEmpty() || lines.size() == 5) {
                        throw m.invalid("statement", "must be one line followed by an empty line and the fields");
                    }
                    fields = 5;
                }
            }
        }
        MessageLines.Fields f = m.fields(fields, REQUIRED,
                v -> CHAIN_IDS.contains(v) ? null : "must be one of " + String.join(", ", CHAIN_IDS.stream().sorted()
                        .toList()));
        return new SiwsMessage(domain, address, statement, f.uri(), f.version(), f.chainId(), f.nonce(), f.issuedAt(),
                f.expirationTime(), f.notBefore(), f.requestId(), f.resources());
    }

    // message-address = 32*44 base58 characters; it must decode to a 32-byte Ed25519 key
    private static String address(MessageLines m, String line) {
        if (line.length() < 32 || line.length() > 44 || WalletKeys.parseSolanaAddress(line) == null) {
            throw m.invalid("address", "must be the base58 encoding of a 32-byte public key");
        }
        if (!WalletKeys.isEd25519Key(WalletKeys.parseSolanaAddress(line))) {
            throw m.invalid("address", "is not an Ed25519 public key");
        }
        return line;
    }
}
