package io.walletgate.spring.security;

import io.walletgate.ErrorCode;
import io.walletgate.WalletProof;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a wallet login from the headers of a request, servlet or reactive alike: {@code Authorization: Bearer <ID
 * token>} and the wallet proof of {@value WalletGateAuthenticationFilter#APP_PUBLIC_KEY_HEADER} or
 * {@value WalletGateAuthenticationFilter#ADDRESS_HEADER}.
 */
final class BearerRequest {
    private static final String BEARER = "Bearer";

    private BearerRequest() {
    }

    /**
     * The login of a request whose header values {@code headers} answers (an empty list or null for none), or null
     * when it has no bearer token (another scheme, or no Authorization header).
     *
     * @throws WalletAuthenticationException {@code request_invalid} for two bearer tokens, {@code
     *     wallet_proof_invalid} for two proof headers or both kinds at once
     */
    static WalletAuthenticationToken read(Function<String, List<String>> headers) {
        String token = bearerToken(values(headers, "Authorization"));
        return token == null ? null : WalletAuthenticationToken.unauthenticated(token, proof(headers));
    }

    /** Whether an Authorization header value names the Bearer scheme (RFC 6750 §2.1: case-insensitive). */
    static boolean isBearer(String authorization) {
        int n = BEARER.length();
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, n)
                && (authorization.length() == n || authorization.charAt(n) == ' ');
    }

    private static String bearerToken(List<String> authorization) {
        String token = null;
        for (String v : authorization) {
            if (isBearer(v)) {
                if (token != null) {
                    throw new WalletAuthenticationException(ErrorCode.REQUEST_INVALID,
                            "the request has more than one bearer token");
                }
                token = v.substring(BEARER.length()).strip();
            }
        }
        return token;
    }

    private static WalletProof proof(Function<String, List<String>> headers) {
        String key = single(headers, WalletGateAuthenticationFilter.APP_PUBLIC_KEY_HEADER);
        String address = single(headers, WalletGateAuthenticationFilter.ADDRESS_HEADER);
        if (key != null && address != null) {
            throw new WalletAuthenticationException(ErrorCode.WALLET_PROOF_INVALID, "give either "
                    + WalletGateAuthenticationFilter.APP_PUBLIC_KEY_HEADER + " or "
                    + WalletGateAuthenticationFilter.ADDRESS_HEADER + ", not both");
        }
        if (key != null) {
            return WalletProof.appPublicKey(key);
        }
        return address != null ? WalletProof.address(address) : WalletProof.none();
    }

    private static String single(Function<String, List<String>> headers, String header) {
        List<String> values = values(headers, header);
        if (values.size() > 1) {
            throw new WalletAuthenticationException(ErrorCode.WALLET_PROOF_INVALID, "the request has more than one "
                    + header + " header");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> values(Function<String, List<String>> headers, String name) {
        List<String> values = headers.apply(name);
        return values == null ? List.of() : values;
    }
}
