package io.walletgate.internal.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compact JWS split and decoded, not yet verified: header members, raw payload, the signing input and the
 * signature bytes. Parsing is strict (RFC 7515 §7.1): exactly three base64url parts, a JSON-object header whose
 * key-source members ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) and {@code crit} extensions are refused.
 */
public final class CompactJws {
    /** Largest token accepted, in characters (docs/architecture.md §4). */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    // RFC 7515 §4.1: headers that would let the token pick its own verification key.
    private static final List<String> KEY_SOURCE_HEADERS = List.of("jwk", "jku", "x5u", "x5c");
    // Members that make this something other than a plain JWS (JWE, RFC 7797 unencoded payload, compression).
    private static final Set<String> UNSUPPORTED_HEADERS = Set.of("enc", "zip", "b64");
    // Registered members that must be strings when present (alg is checked on its own: it must also be present).
    private static final List<String> STRING_HEADERS = List.of("kid", "typ", "cty");

    // Headers repeat: an issuer signs every token with the same few (alg, kid, typ), so a header segment seen before
    // is not decoded, parsed and checked again (about 1 us of a verification, docs/performance.md). Keyed by the exact
    // segment, so a hit is the very bytes that were checked; only headers that passed are kept; bounded in entries
    // and in each key's length, so tokens with made-up headers only miss.
    private static final int CACHED_HEADERS = 256;
    private static final int MAX_CACHED_HEADER_LENGTH = 512;
    private static final Cache<String, Header> HEADERS = Caffeine.newBuilder()
            .maximumSize(CACHED_HEADERS)
            .executor(Runnable::run) // evict on the caller's thread: no shared pool
            .build();

    /** A header that passed {@link #checkHeader}: its members, alg and kid. */
    private record Header(Map<String, Object> members, String alg, String kid) {
    }

    private final Header header;
    private final String token;
    private final byte[] ascii; // the token's characters as bytes (ISO-8859-1): base64url is decoded from here
    private final int payloadStart;
    private final int signatureStart;
    private final byte[] signature;

    private CompactJws(String token, byte[] ascii, Header header, int payloadStart, int signatureStart,
                       byte[] signature) {
        this.token = token;
        this.ascii = ascii;
        this.header = header;
        this.payloadStart = payloadStart;
        this.signatureStart = signatureStart;
        this.signature = signature;
    }

    /**
     * Splits and decodes a compact JWS and checks its header.
     *
     * @throws WalletVerificationException {@code token_missing}, {@code token_too_large}, {@code token_malformed}
     *     or {@code header_invalid}
     */
    public static CompactJws parse(String token) {
        if (token == null || token.isBlank()) {
            throw new WalletVerificationException(ErrorCode.TOKEN_MISSING, "no token was given");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new WalletVerificationException(ErrorCode.TOKEN_TOO_LARGE,
                    "token is larger than " + MAX_TOKEN_LENGTH + " characters");
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 < 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
            throw malformed("token must have three dot-separated parts");
        }
        byte[] ascii = ascii(token);
        Header header = header(token, ascii, dot1);
        byte[] signature = Base64Url.decode(ascii, dot2 + 1, ascii.length);
        if (signature == null) {
            throw malformed("signature is not base64url");
        }
        return new CompactJws(token, ascii, header, dot1 + 1, dot2 + 1, signature);
    }

    // One copy of the token as bytes, one byte per character, so the dots' indices hold in it: a character outside
    // ISO-8859-1 becomes '?', which no base64url part holds. The JDK's encoder makes one '?' of a surrogate pair (one
    // code point): such a token is copied character by character instead (it is malformed, and rare).
    private static byte[] ascii(String token) {
        byte[] bytes = token.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length == token.length()) {
            return bytes;
        }
        bytes = new byte[token.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = token.charAt(i);
            bytes[i] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return bytes;
    }

    private static Header header(String token, byte[] ascii, int end) {
        String segment = end <= MAX_CACHED_HEADER_LENGTH ? token.substring(0, end) : null;
        Header cached = segment == null ? null : HEADERS.getIfPresent(segment);
        if (cached != null) {
            return cached;
        }
        byte[] headerBytes = Base64Url.decode(ascii, 0, end);
        if (headerBytes == null || headerBytes.length == 0) {
            throw malformed("header is not base64url");
        }
        Map<String, Object> members;
        try {
            members = BoundedJson.parseObject(headerBytes);
        } catch (BoundedJson.JsonException e) {
            throw malformed("header is not a JSON object: " + e.getMessage());
        }
        Header header = new Header(members, checkHeader(members), (String) members.get("kid"));
        if (segment != null) {
            HEADERS.put(segment, header);
        }
        return header;
    }

    private static String checkHeader(Map<String, Object> header) {
        for (String name : KEY_SOURCE_HEADERS) {
            if (header.containsKey(name)) {
                throw new WalletVerificationException(ErrorCode.HEADER_INVALID,
                        "header member '" + name + "' names a key source; keys come only from the issuer's"
                                + " configured source");
            }
        }
        if (header.containsKey("crit")) {
            throw new WalletVerificationException(ErrorCode.HEADER_INVALID,
                    "header lists critical extensions ('crit') that are not understood");
        }
        for (String name : UNSUPPORTED_HEADERS) {
            if (header.containsKey(name)) {
                throw new WalletVerificationException(ErrorCode.HEADER_INVALID,
                        "header member '" + name + "' is not supported in a signed JWT");
            }
        }
        Object alg = header.get("alg");
        if (!(alg instanceof String) || ((String) alg).isEmpty()) {
            throw new WalletVerificationException(ErrorCode.HEADER_INVALID, "header has no 'alg' string");
        }
        // RFC 7515 §4.1.4, §4.1.9, §4.1.10: when present these are strings; a JSON null is present, not absent (a
        // parser that reads null as "no kid" would pick a key the sender never named).
        for (String name : STRING_HEADERS) {
            if (header.containsKey(name) && !(header.get(name) instanceof String)) {
                throw new WalletVerificationException(ErrorCode.HEADER_INVALID,
                        "header '" + name + "' is not a string");
            }
        }
        return (String) alg;
    }

    /**
     * Decodes the payload as a JSON object (a JWT claims set).
     *
     * @throws WalletVerificationException {@code token_malformed} when it is not one
     */
    public Map<String, Object> claims() {
        byte[] payload = payload();
        if (payload.length == 0) {
            throw malformed("payload is empty");
        }
        try {
            return BoundedJson.parseObject(payload);
        } catch (BoundedJson.JsonException e) {
            throw malformed("payload is not a JSON object: " + e.getMessage());
        }
    }

    /**
     * The decoded payload bytes.
     *
     * @throws WalletVerificationException {@code token_malformed} when the payload is not base64url
     */
    public byte[] payload() {
        byte[] payload = Base64Url.decode(ascii, payloadStart, signatureStart - 1);
        if (payload == null) {
            throw malformed("payload is not base64url");
        }
        return payload;
    }

    /** The ASCII bytes that were signed: {@code base64url(header) '.' base64url(payload)}. */
    public byte[] signingInput() {
        // ISO-8859-1 gives the same bytes as US-ASCII for every base64url character, and on JDK 17 it is a plain copy
        // where US-ASCII checks byte by byte (~0.25 us of CPU for a 1,000-character token, docs/performance.md).
        // A character outside the alphabet makes the token malformed (payload(), before its claims are used) whatever
        // byte it became here.
        return Arrays.copyOf(ascii, signatureStart - 1);
    }

    /**
     * A header value (alg, kid) as it may appear in an error message: the sender chose it before any signature
     * check, so characters outside printable ASCII become '?' and it is cut at 80 characters (messages reach clients
     * and logs).
     */
    public static String printable(String untrusted) {
        return printable(untrusted, 80);
    }

    /** {@link #printable(String)} cut at {@code max} characters instead of 80. */
    public static String printable(String untrusted, int max) {
        if (untrusted == null) {
            return "null";
        }
        String clean = untrusted.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }

    /** The token as given. */
    public String token() {
        return token;
    }

    /** The protected header members. */
    public Map<String, Object> header() {
        return header.members();
    }

    /** The header {@code alg}. */
    public String alg() {
        return header.alg();
    }

    /** The header {@code kid}, or null. */
    public String kid() {
        return header.kid();
    }

    /** The decoded signature bytes (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    private static WalletVerificationException malformed(String message) {
        return new WalletVerificationException(ErrorCode.TOKEN_MALFORMED, message);
    }
}
