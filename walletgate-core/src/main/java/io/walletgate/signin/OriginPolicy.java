package io.walletgate.signin;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which sites a sign-in may be for: configured domains ({@code host[:port]}, or {@code host:*} for any port) that a
 * message's {@code domain} must be (host compared case-insensitively, port exactly), and allowed origins
 * ({@code scheme://host[:port]}, or {@code :*}) that its {@code uri}, and its {@code scheme://domain} when it names a
 * scheme, must be on (ports compared after defaults: 443 for https, 80 for http). Every miss is
 * {@code audience_mismatch}.
 */
final class OriginPolicy {
    private static final String ANY_PORT = "*";

    private record Pattern(String scheme, String host, String port) {
        boolean matchesDomain(Rfc3986.Authority a) {
            return a.userinfo() == null && host.equalsIgnoreCase(a.host())
                    && (ANY_PORT.equals(port) || java.util.Objects.equals(port, a.port()));
        }

        boolean matchesOrigin(String otherScheme, Rfc3986.Authority a) {
            if (!scheme.equalsIgnoreCase(otherScheme) || a == null || a.userinfo() != null
                    || !host.equalsIgnoreCase(a.host())) {
                return false;
            }
            return ANY_PORT.equals(port) || new Rfc3986.Authority(null, host, port).effectivePort(scheme)
                    == a.effectivePort(otherScheme);
        }

        @Override
        public String toString() {
            return (scheme == null ? "" : scheme + "://") + host + (port == null ? "" : ":" + port);
        }
    }

    private final List<Pattern> domains;
    private final List<Pattern> origins;

    OriginPolicy(List<String> domains, List<String> origins) {
        this.domains = domains.stream().map(OriginPolicy::domainPattern).collect(Collectors.toUnmodifiableList());
        this.origins = origins.stream().map(OriginPolicy::originPattern).collect(Collectors.toUnmodifiableList());
    }

    /** The message's domain must be a configured domain. */
    void checkDomain(String domain) {
        Rfc3986.Authority a = Rfc3986.parseAuthority(domain); // the parser accepted it already
        if (domains.stream().noneMatch(p -> p.matchesDomain(a))) {
            throw mismatch("domain '" + domain + "' is not a configured domain " + domains);
        }
    }

    /** The message's URI must be on an allowed origin. */
    void checkUri(String uri) {
        Rfc3986.Uri u = Rfc3986.parseUri(uri);
        if (origins.stream().noneMatch(p -> p.matchesOrigin(u.scheme(), u.authority()))) {
            throw mismatch("URI '" + cut(uri) + "' is not on an allowed origin " + origins);
        }
    }

    /** A message that names a scheme: {@code scheme://domain} must be an allowed origin. */
    void checkScheme(String scheme, String domain) {
        Rfc3986.Authority a = Rfc3986.parseAuthority(domain);
        if (origins.stream().noneMatch(p -> p.matchesOrigin(scheme, a))) {
            throw mismatch("scheme and domain '" + scheme + "://" + domain + "' are not an allowed origin " + origins);
        }
    }

    private static WalletVerificationException mismatch(String message) {
        return new WalletVerificationException(ErrorCode.AUDIENCE_MISMATCH, message);
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static Pattern domainPattern(String domain) {
        String d = domain == null ? "" : domain.strip();
        boolean anyPort = d.endsWith(":" + ANY_PORT);
        String authority = anyPort ? d.substring(0, d.length() - 2) : d;
        Rfc3986.Authority a;
        try {
            a = Rfc3986.parseAuthority(authority);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("domains: '" + domain + "' is not host[:port] or host:* ("
                    + e.getMessage() + ")", e);
        }
        if (a.userinfo() != null || anyPort && a.port() != null || a.port() != null && a.port().isEmpty()) {
            throw new IllegalArgumentException("domains: '" + domain + "' is not host[:port] or host:*");
        }
        return new Pattern(null, a.host(), anyPort ? ANY_PORT : a.port());
    }

    private static Pattern originPattern(String origin) {
        String o = origin == null ? "" : origin.strip();
        if (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        int sep = o.indexOf("://");
        String scheme = sep < 0 ? "" : o.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("uris: '" + origin + "' is not an origin: https://host[:port] or"
                    + " http://host[:port] (':*' for any port)");
        }
        Pattern p;
        try {
            p = domainPattern(o.substring(sep + 3));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uris: '" + origin + "' is not an origin: scheme://host[:port], no"
                    + " path, query or fragment", e);
        }
        return new Pattern(scheme, p.host(), p.port());
    }
}
