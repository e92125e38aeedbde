package io.walletgate.spring.security;

import io.walletgate.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.AuthenticationException;

/**
 * The answer to a missing or rejected wallet login, the same for the servlet and the reactive entry point (see
 * {@link WalletGateAuthenticationEntryPoint} for its shape): status, headers and the JSON body.
 *
 * @param status 401, 400 ({@code request_invalid}) or 503 ({@code jwks_unavailable})
 * @param headers {@code WWW-Authenticate} (401 only), {@code Retry-After} (503 only), {@code Cache-Control} and
 *     {@code Content-Type}, in that order
 * @param body {@code {"error":{"code":…,"message":…}}} in UTF-8
 */
record Rejection(int status, Map<String, String> headers, byte[] body) {
    static final String MISSING = "no bearer ID token was given (Authorization: Bearer <ID token>)";
    /** The RFC 6750 realm of the challenge, the service's. */
    static final String REALM = "walletgate";

    /** The answer to {@code failure}: its code when it is a {@link WalletAuthenticationException}, else {@code
     * token_missing}. */
    static Rejection of(AuthenticationException failure) {
        ErrorCode code;
        String message;
        if (failure instanceof WalletAuthenticationException) {
            code = ((WalletAuthenticationException) failure).code();
            message = failure.getMessage();
        } else {
            code = ErrorCode.TOKEN_MISSING;
            message = MISSING;
        }
        int status = status(code);
        Map<String, String> headers = new LinkedHashMap<>();
        if (status == 401) {
            String challenge = "Bearer realm=\"" + REALM + "\"";
            headers.put("WWW-Authenticate", code == ErrorCode.TOKEN_MISSING ? challenge
                    : challenge + ", error=\"invalid_token\", error_description=\"" + headerSafe(code.code() + ": "
                    + message) + "\"");
        } else if (status == 503) {
            headers.put("Retry-After", "5");
        }
        headers.put("Cache-Control", "no-store");
        headers.put("Content-Type", "application/json");
        byte[] body = ("{\"error\":{\"code\":\"" + code.code() + "\",\"message\":\"" + jsonEscape(message) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        return new Rejection(status, Collections.unmodifiableMap(headers), body);
    }

    /** The HTTP status of a code: 503 for {@code jwks_unavailable}, 400 for {@code request_invalid}, else 401. */
    static int status(ErrorCode code) {
        if (code == ErrorCode.JWKS_UNAVAILABLE) {
            return 503;
        }
        return code == ErrorCode.REQUEST_INVALID ? 400 : 401;
    }

    // RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E (no '"' nor '\').
    static String headerSafe(String message) {
        StringBuilder b = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '…') {
                b.append("...");
            } else if (c == '"') {
                b.append('\'');
            } else {
                b.append(c < 0x20 || c > 0x7e || c == '\\' ? '?' : c);
            }
        }
        return b.toString();
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
