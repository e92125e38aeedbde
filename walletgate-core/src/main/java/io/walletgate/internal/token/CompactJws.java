package io.walletgate.internal.token;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import java.nio.charset.StandardCharsets;
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

    private final Map<String, Object> header;
    private final String alg;
    private final String kid;
    private final String token;
    private final int payloadStart;
    private final int signatureStart;
    private final byte[] signature;

    private CompactJws(String token, Map<String, Object> header, String alg, String kid, int payloadStart,
                       int signatureStart, byte[] signature) {
        this.token = token;
        this.header = header;
        this.alg = alg;
        this.kid = kid;
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
        byte[] headerBytes = Base64Url.decode(token, 0, dot1);
        if (headerBytes == null || headerBytes.length == 0) {
            throw malformed("header is not base64url");
        }
        Map<String, Object> header;
        try {
            header = BoundedJson.parseObject(headerBytes);
        } catch (BoundedJson.JsonException e) {
            throw malformed("header is not a JSON object: " + e.getMessage());
        }
        String alg = checkHeader(header);
        Object kid = header.get("kid");
        byte[] signature = Base64Url.decode(token, dot2 + 1, token.length());
        if (signature == null) {
            throw malformed("signature is not base64url");
        }
        return new CompactJws(token, header, alg, (String) kid, dot1 + 1, dot2 + 1, signature);
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
        byte[] payload = Base64Url.decode(token, payloadStart, signatureStart - 1);
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
        return token.substring(0, signatureStart - 1).getBytes(StandardCharsets.ISO_8859_1);
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
        return header;
    }

    /** The header {@code alg}. */
    public String alg() {
        return alg;
    }

    /** The header {@code kid}, or null. */
    public String kid() {
        return kid;
    }

    /** The decoded signature bytes (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    private static WalletVerificationException malformed(String message) {
        return new WalletVerificationException(ErrorCode.TOKEN_MALFORMED, message);
    }
}
