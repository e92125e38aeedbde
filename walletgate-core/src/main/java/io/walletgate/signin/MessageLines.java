package io.walletgate.signin;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The line structure shared by EIP-4361 and the Solana sign-in message: the text split on LF (never CR, never a
 * trailing line break), and the field section that both write in the same order ({@code URI}, {@code Version},
 * {@code Chain ID}, {@code Nonce}, {@code Issued At}, {@code Expiration Time}, {@code Not Before},
 * {@code Request ID}, {@code Resources}). Every failure is {@code message_invalid} naming the field.
 */
final class MessageLines {
    /** Largest message accepted, in UTF-8 bytes (a sign-in message is a few hundred). */
    static final int MAX_BYTES = 16 * 1024;
    /** Most resources accepted. */
    static final int MAX_RESOURCES = 100;

    static final String URI = "URI";
    static final String VERSION = "Version";
    static final String CHAIN_ID = "Chain ID";
    static final String NONCE = "Nonce";
    static final String ISSUED_AT = "Issued At";
    static final String EXPIRATION_TIME = "Expiration Time";
    static final String NOT_BEFORE = "Not Before";
    static final String REQUEST_ID = "Request ID";
    static final String RESOURCES = "Resources";
    private static final List<String> ORDER = List.of(URI, VERSION, CHAIN_ID, NONCE, ISSUED_AT, EXPIRATION_TIME,
            NOT_BEFORE, REQUEST_ID, RESOURCES);

    private final String kind;
    final List<String> lines;

    private MessageLines(String kind, List<String> lines) {
        this.kind = kind;
        this.lines = lines;
    }

    /** The fields of the field section; absent ones null (resources empty). */
    record Fields(String uri, String version, String chainId, String nonce, Instant issuedAt, Instant expirationTime,
                  Instant notBefore, String requestId, List<String> resources) {
    }

    /** Checks what a chain ID may be; returns null when it conforms, else the reason. */
    interface ChainIdRule {
        String check(String chainId);
    }

    /**
     * Splits a message into its lines.
     *
     * @param kind {@code SIWE} or {@code SIWS}, for messages
     * @throws WalletVerificationException {@code message_invalid} when it is null, too large, not ASCII where the
     *     grammar is, holds a CR, or ends with a line break
     */
    static MessageLines split(String kind, String message) {
        if (message == null || message.isEmpty()) {
            throw new WalletVerificationException(ErrorCode.MESSAGE_INVALID, kind + " message is empty");
        }
        if (message.length() > MAX_BYTES || message.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new WalletVerificationException(ErrorCode.MESSAGE_INVALID,
                    kind + " message is larger than " + MAX_BYTES + " bytes");
        }
        if (message.indexOf('\r') >= 0) {
            throw new WalletVerificationException(ErrorCode.MESSAGE_INVALID,
                    kind + " message holds a carriage return: lines end with LF only");
        }
        List<String> lines = List.of(message.split("\n", -1));
        MessageLines m = new MessageLines(kind, lines);
        if (lines.get(lines.size() - 1).isEmpty()) {
            throw m.invalid("end", "the message must end with its last field, not with a line break");
        }
        return m;
    }

    /**
     * The first line's text before {@code suffix} ({@code " wants you to sign in with your … account:"}), then checks
     * that a second line (the address) follows.
     */
    String header(String suffix) {
        String header = lines.get(0);
        if (!header.endsWith(suffix)) {
            throw invalid("header", "the first line must end with '" + suffix.strip() + "'");
        }
        if (lines.size() < 2) {
            throw invalid("address", "is missing");
        }
        return header.substring(0, header.length() - suffix.length());
    }

    /** Checks that the domain is an RFC 3986 authority. */
    void checkDomain(String domain) {
        try {
            Rfc3986.parseAuthority(domain);
        } catch (IllegalArgumentException e) {
            throw invalid("domain", "not an RFC 3986 authority: " + e.getMessage());
        }
    }

    /** A {@code message_invalid} rejection naming the field. */
    WalletVerificationException invalid(String field, String problem) {
        return new WalletVerificationException(ErrorCode.MESSAGE_INVALID,
                kind + " message field '" + field + "': " + problem);
    }

    /**
     * Reads the field section from line {@code from} to the end: each field at most once, in the order above, the
     * {@code required} ones present.
     */
    Fields fields(int from, Set<String> required, ChainIdRule chainIdRule) {
        String[] values = new String[ORDER.size()];
        List<String> resources = new ArrayList<>();
        int next = 0; // index in ORDER of the first field that may still come
        int i = from;
        while (i < lines.size()) {
            String line = lines.get(i);
            int field = fieldOf(line);
            if (field < 0) {
                String expected = next < ORDER.size() ? "expected '" + ORDER.get(next) + ":'" : "expected no more";
                throw invalid(next < ORDER.size() ? ORDER.get(next) : "end", "line " + (i + 1)
                        + " is not a field of the message (" + expected + " or a later field)");
            }
            if (field < next) {
                throw invalid(ORDER.get(field), "repeated or out of order (line " + (i + 1) + ")");
            }
            for (int skipped = next; skipped < field; skipped++) {
                if (required.contains(ORDER.get(skipped))) {
                    throw invalid(ORDER.get(skipped), "is required and missing");
                }
            }
            next = field + 1;
            i++;
            if (ORDER.get(field).equals(RESOURCES)) {
                i = readResources(i, resources);
            } else {
                values[field] = line.substring(ORDER.get(field).length() + 2);
            }
        }
        for (int skipped = next; skipped < ORDER.size(); skipped++) {
            if (required.contains(ORDER.get(skipped))) {
                throw invalid(ORDER.get(skipped), "is required and missing");
            }
        }
        return check(values, resources, chainIdRule);
    }

    /** Whether a line starts a field ({@code "Label: value"}, or {@code "Resources:"}). */
    static boolean isField(String line) {
        return fieldOf(line) >= 0;
    }

    // the index of the field a line starts, or -1: "Label: value" ("Resources:" alone)
    private static int fieldOf(String line) {
        for (int f = 0; f < ORDER.size(); f++) {
            String label = ORDER.get(f);
            if (label.equals(RESOURCES) ? line.equals(RESOURCES + ":")
                    : line.startsWith(label) && line.startsWith(": ", label.length())) {
                return f;
            }
        }
        return -1;
    }

    private int readResources(int i, List<String> resources) {
        while (i < lines.size() && lines.get(i).startsWith("- ")) {
            String resource = lines.get(i).substring(2);
            try {
                Rfc3986.parseUri(resource);
            } catch (IllegalArgumentException e) {
                throw invalid(RESOURCES, "resource " + (resources.size() + 1) + " is not an RFC 3986 URI: "
                        + e.getMessage());
            }
            if (resources.size() == MAX_RESOURCES) {
                throw invalid(RESOURCES, "more than " + MAX_RESOURCES + " resources");
            }
            resources.add(resource);
            i++;
        }
        return i;
    }

    private Fields check(String[] v, List<String> resources, ChainIdRule chainIdRule) {
        String uri = v[0];
        if (uri != null) {
            try {
                Rfc3986.parseUri(uri);
            } catch (IllegalArgumentException e) {
                throw invalid(URI, "not an RFC 3986 URI: " + e.getMessage());
            }
        }
        if (v[1] != null && !v[1].equals("1")) {
            throw invalid(VERSION, "must be 1");
        }
        if (v[2] != null) {
            String problem = chainIdRule.check(v[2]);
            if (problem != null) {
                throw invalid(CHAIN_ID, problem);
            }
        }
        if (v[3] != null && (v[3].length() < 8 || !v[3].chars().allMatch(c -> Rfc3986.alpha((char) c)
                || Rfc3986.digit((char) c)))) {
            throw invalid(NONCE, "must be at least 8 letters and digits");
        }
        if (v[7] != null && !Rfc3986.isPchars(v[7])) {
            throw invalid(REQUEST_ID, "may hold only RFC 3986 path characters (pchar)");
        }
        return new Fields(uri, v[1], v[2], v[3], time(ISSUED_AT, v[4]), time(EXPIRATION_TIME, v[5]),
                time(NOT_BEFORE, v[6]), v[7], List.copyOf(resources));
    }

    private Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Rfc3339.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, e.getMessage());
        }
    }

    /**
     * Checks a statement: {@code *( reserved / unreserved / " " )} (EIP-4361; the Solana grammar is the same with at
     * least one character).
     */
    void checkStatement(String statement) {
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (!(Rfc3986.reserved(c) || Rfc3986.unreserved(c) || c == ' ')) {
                throw invalid("statement", "holds a character outside RFC 3986's reserved and unreserved ones and"
                        + " space (" + describe(c) + " at position " + (i + 1) + ")");
            }
        }
    }

    static String describe(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
