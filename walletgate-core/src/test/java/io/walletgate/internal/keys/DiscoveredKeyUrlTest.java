package io.walletgate.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rule for a key URL named by a discovery document (issue 21, item 7), case by case; the cases that a loopback
 * discovery server can serve are also run end to end in {@code OidcDiscoveryTest}. A non-loopback issuer cannot be
 * served here (no DNS, no trusted certificate on this machine), so those cases are checked on the rule itself.
 */
class DiscoveredKeyUrlTest {
    private static final URI GOOGLE = URI.create("https://accounts.google.com/.well-known/openid-configuration");
    private static final URI LOCAL = URI.create("http://127.0.0.1:8080/.well-known/openid-configuration");

    private static URI check(URI issuer, String jwksUri, String... hosts) {
        return DiscoveryFetcher.checkDiscovered(issuer, URI.create(jwksUri), Set.of(hosts));
    }

    @Test
    void a_key_url_on_the_issuers_host_is_accepted_whatever_its_case() {
        assertThat(check(GOOGLE, "https://ACCOUNTS.google.com/certs")).hasHost("ACCOUNTS.google.com");
    }

    @Test
    void a_key_url_on_another_host_needs_that_host_configured() {
        assertThatThrownBy(() -> check(GOOGLE, "https://www.googleapis.com/oauth2/v3/certs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host 'www.googleapis.com' is neither the issuer's ('accounts.google.com') nor one"
                        + " configured for it (jwksHosts): https://www.googleapis.com/oauth2/v3/certs");
        assertThat(check(GOOGLE, "https://www.googleapis.com/oauth2/v3/certs", "www.googleapis.com"))
                .hasHost("www.googleapis.com");
    }

    @Test
    void a_sibling_or_suffix_host_is_not_the_issuers_host() {
        assertThatThrownBy(() -> check(GOOGLE, "https://accounts.google.com.attacker.example/certs"))
                .hasMessageContaining("host 'accounts.google.com.attacker.example' is neither");
        assertThatThrownBy(() -> check(GOOGLE, "https://evil-accounts.google.com/certs"))
                .hasMessageContaining("host 'evil-accounts.google.com' is neither");
    }

    @Test
    void spellings_that_read_as_the_issuers_host_but_are_not_are_refused() {
        assertThatThrownBy(() -> check(GOOGLE, "https://accounts.google.com@evil.example/certs"))
                .hasMessage("a key URL must not carry user information: evil.example");
        assertThatThrownBy(() -> check(GOOGLE, "https://accounts.google.com./certs"))
                .hasMessageContaining("host 'accounts.google.com.' is neither");
        assertThatThrownBy(() -> check(GOOGLE, "https://accounts.google.com%2eevil.example/certs"))
                .hasMessageContaining("must be an absolute https URL");
        assertThat(check(GOOGLE, "https://accounts.google.com:8443/certs")).as("the host, not the port, is the rule")
                .hasPort(8443);
    }

    @Test
    void plain_http_is_refused_even_on_the_issuers_host() {
        assertThatThrownBy(() -> check(GOOGLE, "http://accounts.google.com/certs"))
                .hasMessage("jwksUri must use https (plain http only on a loopback host): http://accounts.google.com/certs");
    }

    @Test
    void a_loopback_key_url_is_refused_for_a_remote_issuer_even_when_configured() {
        assertThatThrownBy(() -> check(GOOGLE, "https://127.0.0.1/certs", "127.0.0.1"))
                .hasMessage("a loopback key URL is allowed for a loopback issuer only: https://127.0.0.1/certs");
        assertThatThrownBy(() -> check(GOOGLE, "http://localhost:9000/certs"))
                .hasMessage("a loopback key URL is allowed for a loopback issuer only: http://localhost:9000/certs");
    }

    @Test
    void a_loopback_issuer_may_name_keys_on_any_loopback_address_and_remote_ones_only_when_configured() {
        assertThat(check(LOCAL, "http://localhost:9000/certs")).hasPort(9000);
        assertThat(check(LOCAL, "http://[::1]:9000/certs")).hasPort(9000);
        assertThatThrownBy(() -> check(LOCAL, "https://keys.example/certs"))
                .hasMessageContaining("host 'keys.example' is neither the issuer's ('127.0.0.1')");
    }

    @Test
    void a_relative_or_schemeless_key_url_is_refused() {
        assertThatThrownBy(() -> check(GOOGLE, "/certs"))
                .hasMessage("jwksUri must be an absolute https URL: /certs");
    }
}
