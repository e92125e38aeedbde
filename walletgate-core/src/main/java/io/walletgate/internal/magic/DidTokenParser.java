package io.walletgate.internal.magic;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.claims.Claims;
import io.walletgate.internal.token.Base64Url;
import io.walletgate.internal.token.BoundedJson;
import io.walletgate.internal.token.CompactJws;
import io.walletgate.internal.wallet.WalletKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads a Magic DID token strictly, without checking its signature or times (docs/architecture.md §12;
 * {@code docs/providers-sources.md} says where each rule comes from):
 * <ul>
 *   <li>at most {@link CompactJws#MAX_TOKEN_LENGTH} characters of base64: the standard alphabet that Magic's client
 *   writes ({@code btoa}), or the URL-safe one that its Python and Go admin SDKs read, never both in one token; the
 *   {@code =} padding optional (Magic's own test tokens come both ways) but exact when present; no white space; the
 *   unused bits of the last character zero;</li>
 *   <li>the decoded text is a JSON array of exactly two strings, {@code [proof, claim]};</li>
 *   <li>{@code proof} is a 65-byte signature in hex, {@code 0x} optional;</li>
 *   <li>{@code claim} is a JSON object within the token bounds of {@link BoundedJson}, duplicate members refused, with
 *   {@code iat}, {@code ext}, {@code nbf} (numbers: {@link DidTokenTimes}), {@code iss} ({@code did:ethr:} and an
 *   Ethereum address, any case: the signature binds it), {@code sub}, {@code aud}, {@code tid} (strings), and an
 *   optional {@code add} (a 65-byte signature in hex).</li>
 * </ul>
 */
public final class DidTokenParser {
    private static final String DID_ETHR = "did:ethr:";

    private DidTokenParser() {
    }

    /**
     * Parses a DID token.
     *
     * @throws WalletVerificationException {@code token_too_large}; {@code token_malformed} when it is not base64 of a
     *     two-string JSON array, or the proof or the claim's JSON is malformed; {@code claim_missing} or
     *     {@code claim_invalid} naming the claim
     */
    public static DidToken parse(String token) {
        if (token.length() > CompactJws.MAX_TOKEN_LENGTH) {
            throw new WalletVerificationException(ErrorCode.TOKEN_TOO_LARGE,
                    "DID token is larger than " + CompactJws.MAX_TOKEN_LENGTH + " characters");
        }
        List<Object> pair;
        try {
            pair = BoundedJson.parseArray(decodeBase64(token), 1, 2);
        } catch (BoundedJson.JsonException e) {
            throw malformed("DID token is not a JSON array [proof, claim]: " + e.getMessage());
        }
        if (pair.size() != 2 || !(pair.get(0) instanceof String) || !(pair.get(1) instanceof String)) {
            throw malformed("DID token is not a JSON array of two strings [proof, claim]");
        }
        byte[] proof = signature((String) pair.get(0));
        if (proof == null) {
            throw malformed("DID token proof is not a 65-byte signature in hex");
        }
        String claimText = (String) pair.get(1);
        Map<String, Object> claims;
        try {
            claims = BoundedJson.parseObject(claimText.getBytes(StandardCharsets.UTF_8));
        } catch (BoundedJson.JsonException e) {
            throw malformed("DID token claim is not a JSON object: " + e.getMessage());
        }
        long iat = DidTokenTimes.issuedAt(claims);
        long ext = DidTokenTimes.expiry(claims);
        long nbf = DidTokenTimes.notBefore(claims);
        byte[] issuer = issuerAddress(claims);
        return new DidToken(proof, claimText, claims, issuer, string(claims, "sub"), string(claims, "aud"),
                string(claims, "tid"), attachmentSignature(claims), ext, nbf, iat);
    }

    // Standard or URL-safe base64 (one alphabet per token), padding optional but exact, through the strict decoder.
    private static byte[] decodeBase64(String token) {
        if (token.isEmpty()) {
            throw malformed("DID token is empty");
        }
        boolean standard = token.indexOf('+') >= 0 || token.indexOf('/') >= 0;
        boolean urlSafe = token.indexOf('-') >= 0 || token.indexOf('_') >= 0;
        if (standard && urlSafe) {
            throw malformed("DID token mixes the standard and the URL-safe base64 alphabets");
        }
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        int padding = token.length() - end;
        if (padding > 0 && (padding > 2 || token.length() % 4 != 0)) {
            throw malformed("DID token has wrong base64 padding");
        }
        String body = token.substring(0, end).replace('+', '-').replace('/', '_');
        byte[] bytes = Base64Url.decode(body);
        if (bytes == null) {
            throw malformed("DID token is not base64");
        }
        return bytes;
    }

    private static byte[] issuerAddress(Map<String, Object> claims) {
        String iss = string(claims, "iss");
        String hex = iss.startsWith(DID_ETHR) ? iss.substring(DID_ETHR.length()) : "";
        byte[] address = hex.length() == 42 && (hex.startsWith("0x") || hex.startsWith("0X"))
                ? WalletKeys.parseHex(hex) : null;
        if (address == null) {
            throw Claims.invalid("iss", "must be did:ethr: and an Ethereum address (0x and 40 hex digits)");
        }
        return address;
    }

    private static byte[] attachmentSignature(Map<String, Object> claims) {
        if (!claims.containsKey("add")) {
            return null;
        }
        Object add = claims.get("add");
        byte[] signature = add instanceof String ? signature((String) add) : null;
        if (signature == null) {
            throw Claims.invalid("add", "must be a 65-byte signature in hex");
        }
        return signature;
    }

    private static String string(Map<String, Object> claims, String name) {
        Object v = claims.get(name);
        if (v == null) {
            throw claims.containsKey(name) ? Claims.invalid(name, "is null") : Claims.missing(name);
        }
        if (!(v instanceof String) || ((String) v).isEmpty()) {
            throw Claims.invalid(name, "must be a non-empty string");
        }
        return (String) v;
    }

    private static byte[] signature(String hex) {
        byte[] bytes = WalletKeys.parseHex(hex);
        return bytes != null && bytes.length == 65 ? bytes : null;
    }

    private static WalletVerificationException malformed(String message) {
        return new WalletVerificationException(ErrorCode.TOKEN_MALFORMED, message);
    }
}
