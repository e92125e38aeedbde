package io.walletgate.signin;

import io.walletgate.internal.wallet.WalletKeys;
import java.util.Set;

/** The EIP-4361 grammar, line by line (see {@link SiweMessage#parse}). */
final class SiweParser {
    static final String HEADER_SUFFIX = " wants you to sign in with your Ethereum account:";
    private static final Set<String> REQUIRED = Set.of(MessageLines.URI, MessageLines.VERSION,
            MessageLines.CHAIN_ID, MessageLines.NONCE, MessageLines.ISSUED_AT);
    /** Chain IDs up to 2^63 - 1: EIP-155 chain IDs are far smaller. */
    private static final int MAX_CHAIN_ID_DIGITS = 18;

    private SiweParser() {
    }

    static SiweMessage parse(String message) {
        MessageLines m = MessageLines.split("SIWE", message);
        var lines = m.lines;
        String origin = m.header(HEADER_SUFFIX);
        String scheme = null;
        String domain = origin;
        int sep = origin.indexOf("://");
        if (sep >= 0) {
            scheme = origin.substring(0, sep);
            domain = origin.substring(sep + 3);
            String problem = Rfc3986.checkScheme(scheme);
            if (problem != null) {
                throw m.invalid("scheme", problem);
            }
        }
        m.checkDomain(domain);
        String address = address(m, lines.get(1));
        // address LF LF [ statement LF ] LF "URI: …": two empty lines without a statement, three with an empty one
        if (lines.size() < 5 || !lines.get(2).isEmpty()) {
            throw m.invalid("statement", "the address must be followed by an empty line, an optional statement and"
                    + " another empty line");
        }
        String statement = null;
        int fields;
        if (lines.get(3).isEmpty()) {
            boolean emptyStatement = lines.get(4).isEmpty() && lines.size() > 5 && !lines.get(5).isEmpty();
            statement = emptyStatement ? "" : null;
            fields = emptyStatement ? 5 : 4;
        } else {
            statement = lines.get(3);
            m.checkStatement(statement);
            if (!lines.get(4).isEmpty()) {
                throw m.invalid("statement", "must be one line followed by an empty line");
            }
            fields = 5;
        }
        MessageLines.Fields f = m.fields(fields, REQUIRED, SiweParser::checkChainId);
        return new SiweMessage(scheme, domain, address, statement, f.uri(), f.version(), Long.parseLong(f.chainId()),
                f.nonce(), f.issuedAt(), f.expirationTime(), f.notBefore(), f.requestId(), f.resources());
    }

    // address = "0x" 40*40HEXDIG, in its EIP-55 checksum form (EIP-4361: "Must also conform to capitalization
    // checksum encoding specified in EIP-55")
    private static String address(MessageLines m, String line) {
        if (line.length() != 42 || !line.startsWith("0x")
                || !line.substring(2).chars().allMatch(c -> Rfc3986.hex((char) c))) {
            throw m.invalid("address", "must be 0x and 40 hex digits");
        }
        String checksummed = WalletKeys.eip55(WalletKeys.parseHex(line));
        if (!checksummed.equals(line)) {
            throw m.invalid("address", "must carry its EIP-55 checksum (" + checksummed + ")");
        }
        return line;
    }

    // chain-id = 1*DIGIT
    private static String checkChainId(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> Rfc3986.digit((char) c))) {
            return "must be a decimal number";
        }
        String significant = value.replaceFirst("^0+(?=.)", "");
        if (significant.length() > MAX_CHAIN_ID_DIGITS) {
            return "is larger than any EIP-155 chain ID";
        }
        return null;
    }
}
