package io.walletgate.signin;

import java.util.Locale;

/**
 * The parts of RFC 3986 that sign-in messages use (EIP-4361 and the Solana sign-in ABNF refer to them): {@code URI},
 * {@code authority}, {@code scheme} and {@code pchar}, checked character by character against the RFC's ABNF.
 * Each check returns null when the text conforms and otherwise a short reason, for a {@code message_invalid}
 * message.
 */
final class Rfc3986 {
    private Rfc3986() {
    }

    /** An authority split into its parts (RFC 3986 §3.2): userinfo and port null when absent. */
    record Authority(String userinfo, String host, String port) {
        /** The port as written, or the scheme's default (80 for http, 443 for https), or -1. */
        int effectivePort(String scheme) {
            if (port != null && !port.isEmpty()) {
                return port.length() > 9 ? -2 : Integer.parseInt(port); // -2: no port a policy can name
            }
            switch (scheme == null ? "" : scheme.toLowerCase(Locale.ROOT)) {
                case "http":
                case "ws":
                    return 80;
                case "https":
                case "wss":
                    return 443;
                default:
                    return -1;
            }
        }
    }

    /** A URI split into scheme and authority (null when the URI has none). */
    record Uri(String scheme, Authority authority) {
    }

    /** {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}. */
    static String checkScheme(String s) {
        if (s.isEmpty() || !alpha(s.charAt(0))) {
            return "a scheme must start with a letter";
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(alpha(c) || digit(c) || c == '+' || c == '-' || c == '.')) {
                return "a scheme may hold only letters, digits, '+', '-' and '.'";
            }
        }
        return null;
    }

    /**
     * Parses {@code authority = [ userinfo "@" ] host [ ":" port ]}.
     *
     * @throws IllegalArgumentException with the reason when it does not conform
     */
    static Authority parseAuthority(String s) {
        String userinfo = null;
        String rest = s;
        int at = s.indexOf('@');
        if (at >= 0) {
            userinfo = s.substring(0, at);
            rest = s.substring(at + 1);
            for (int i = 0; i < userinfo.length(); i++) {
                char c = userinfo.charAt(i);
                if (!(unreserved(c) || subDelim(c) || c == ':' || pctAt(userinfo, i))) {
                    throw new IllegalArgumentException("userinfo holds a character RFC 3986 does not allow");
                }
            }
        }
        String host;
        String port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("an IP literal must end with ']'");
            }
            host = rest.substring(0, close + 1);
            String literal = rest.substring(1, close);
            if (!isIpv6(literal) && !isIpvFuture(literal)) {
                throw new IllegalArgumentException("the IP literal is not an IPv6 address");
            }
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw new IllegalArgumentException("only ':' and a port may follow an IP literal");
                }
                port = after.substring(1);
            }
        } else {
            int colon = rest.lastIndexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            port = colon < 0 ? null : rest.substring(colon + 1);
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!(unreserved(c) || subDelim(c) || pctAt(host, i))) {
                    throw new IllegalArgumentException("the host holds a character RFC 3986 does not allow");
                }
            }
        }
        if (port != null) {
            for (int i = 0; i < port.length(); i++) {
                if (!digit(port.charAt(i))) {
                    throw new IllegalArgumentException("the port must be digits");
                }
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        return new Authority(userinfo, host, port);
    }

    /**
     * Parses {@code URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]} (RFC 3986 §3).
     *
     * @throws IllegalArgumentException with the reason when it does not conform
     */
    static Uri parseUri(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a URI must start with a scheme and ':'");
        }
        String scheme = s.substring(0, colon);
        String problem = checkScheme(scheme);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String rest = s.substring(colon + 1);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            checkQueryOrFragment(rest.substring(fragment + 1), "fragment");
            rest = rest.substring(0, fragment);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            checkQueryOrFragment(rest.substring(query + 1), "query");
            rest = rest.substring(0, query);
        }
        Authority authority = null;
        String path = rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String auth = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            path = slash < 0 ? "" : rest.substring(slash);
            authority = auth.isEmpty() ? new Authority(null, "", null) : parseAuthority(auth);
        }
        // path-abempty / path-absolute / path-rootless / path-empty: pchar and "/" (a path without an authority
        // cannot start with "//", which the branch above already took)
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!(c == '/' || isPchar(path, i))) {
                throw new IllegalArgumentException("the path holds a character RFC 3986 does not allow");
            }
        }
        return new Uri(scheme, authority);
    }

    /** Whether the whole string is {@code *pchar}. */
    static boolean isPchars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isPchar(s, i)) {
                return false;
            }
        }
        return true;
    }

    private static void checkQueryOrFragment(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == '/' || c == '?' || isPchar(s, i))) {
                throw new IllegalArgumentException("the " + what + " holds a character RFC 3986 does not allow");
            }
        }
    }

    // pchar = unreserved / pct-encoded / sub-delims / ":" / "@"
    private static boolean isPchar(String s, int i) {
        char c = s.charAt(i);
        return unreserved(c) || subDelim(c) || c == ':' || c == '@' || pctAt(s, i);
    }

    // pct-encoded = "%" HEXDIG HEXDIG (the two digits are unreserved characters in their own right)
    private static boolean pctAt(String s, int i) {
        return s.charAt(i) == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2));
    }

    /** {@code unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"}. */
    static boolean unreserved(char c) {
        return alpha(c) || digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** {@code reserved = gen-delims / sub-delims}. */
    static boolean reserved(char c) {
        return ":/?#[]@".indexOf(c) >= 0 || subDelim(c);
    }

    static boolean subDelim(char c) {
        return "!$&'()*+,;=".indexOf(c) >= 0;
    }

    static boolean alpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean hex(char c) {
        return digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
    private static boolean isIpvFuture(String s) {
        int dot = s.indexOf('.');
        if (s.length() < 4 || (s.charAt(0) != 'v' && s.charAt(0) != 'V') || dot < 2 || dot == s.length() - 1) {
            return false;
        }
        for (int i = 1; i < dot; i++) {
            if (!hex(s.charAt(i))) {
                return false;
            }
        }
        for (int i = dot + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(unreserved(c) || subDelim(c) || c == ':')) {
                return false;
            }
        }
        return true;
    }

    // IPv6address (RFC 3986 §3.2.2): eight 16-bit groups, or fewer around one "::"; the last 32 bits may be written
    // as an IPv4address
    static boolean isIpv6(String s) {
        int dc = s.indexOf("::");
        if (dc < 0) {
            return groups(s, true) == 8;
        }
        if (s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        String head = s.substring(0, dc);
        String tail = s.substring(dc + 2);
        int h = head.isEmpty() ? 0 : groups(head, false);
        int t = tail.isEmpty() ? 0 : groups(tail, true);
        return h >= 0 && t >= 0 && h + t <= 7;
    }

    // the number of 16-bit groups in "h16 *( ":" h16 )", an IPv4address counting two; -1 when malformed
    private static int groups(String s, boolean ipv4Last) {
        String[] parts = s.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (ipv4Last && i == parts.length - 1 && p.indexOf('.') >= 0) {
                if (!isIpv4(p)) {
                    return -1;
                }
                n += 2;
            } else if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> hex((char) c))) {
                return -1;
            } else {
                n++;
            }
        }
        return n;
    }

    // IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet, no leading zeros
    private static boolean isIpv4(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> digit((char) c))
                    || o.length() > 1 && o.charAt(0) == '0' || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
