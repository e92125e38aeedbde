package io.walletgate.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfiles;
import io.walletgate.TestIssuer;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OIDC discovery for the generic profile, against a real loopback issuer serving its configuration and keys. */
class OidcDiscoveryTest {
    private HttpServer server;
    private String issuer;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final TestIssuer key = TestIssuer.create("EdDSA", "ed-1");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            String body = documents.get(exchange.getRequestURI().getPath());
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/main";
        documents.put("/keys/jwks.json", key.jwks());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WalletVerifier verifier() {
        return WalletVerifier.builder()
                .issuer(IssuerProfiles.oidc(issuer).withAudience("api").withAlgorithms("EdDSA"))
                .remoteKeyOptions(RemoteKeyOptions.builder().autoRefresh(false).build())
                .build();
    }

    private String token() {
        return key.sign(TestIssuer.claims(issuer, "api", Instant.now()));
    }

    private void configuration(String iss, String jwksUri) {
        documents.put("/realms/main/.well-known/openid-configuration",
                "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + jwksUri + "\",\"id_token_signing_alg_values_supported\":"
                        + "[\"EdDSA\"]}");
    }

    @Test
    void finds_the_keys_through_the_discovery_document_when_no_jwks_uri_is_configured() {
        configuration(issuer, "http://127.0.0.1:" + server.getAddress().getPort() + "/keys/jwks.json");
        try (WalletVerifier verifier = verifier()) {
            assertThat(verifier.verify(token(), WalletProof.none()).keyId()).isEqualTo("ed-1");
            assertThat(verifier.verify(token(), WalletProof.none()).subject()).isEqualTo("user-1");
            assertThat(hits.get()).isEqualTo(2); // the configuration once, the keys once
            assertThat(verifier.keySources().get("oidc").status().source())
                    .endsWith("/keys/jwks.json");
        }
    }

    @Test
    void rejects_a_discovery_document_that_names_another_issuer() {
        configuration("https://evil.example.com", "http://127.0.0.1:" + server.getAddress().getPort()
                + "/keys/jwks.json");
        try (WalletVerifier verifier = verifier()) {
            assertThatThrownBy(() -> verifier.verify(token(), WalletProof.none()))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE))
                    .hasMessageContaining("discovery document")
                    .hasMessageContaining("names issuer 'https://evil.example.com'");
        }
    }

    @Test
    void rejects_a_discovery_document_whose_jwks_uri_is_plain_http_to_a_remote_host() {
        configuration(issuer, "http://keys.example.com/jwks.json");
        try (WalletVerifier verifier = verifier()) {
            assertThatThrownBy(() -> verifier.verify(token(), WalletProof.none()))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE))
                    .hasMessageContaining("unacceptable jwks_uri");
        }
    }

    @Test
    void rejects_a_discovery_document_whose_jwks_uri_is_on_another_host() {
        configuration(issuer, "https://keys.attacker.example/jwks.json");
        try (WalletVerifier verifier = verifier()) {
            assertThatThrownBy(() -> verifier.verify(token(), WalletProof.none()))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE))
                    .hasMessageContaining("unacceptable jwks_uri (host 'keys.attacker.example' is neither the"
                            + " issuer's ('127.0.0.1') nor one configured for it (jwksHosts)");
            assertThat(hits.get()).as("only the discovery document was asked").isEqualTo(1);
        }
    }

    @Test
    void a_configured_jwks_host_lets_discovery_name_keys_there() {
        // The issuer is loopback, so a loopback key URL on another loopback name is allowed by the loopback rule;
        // a configured host is what lets a non-loopback one through. This one cannot be reached here: the point is
        // that the rule passes it and the fetch is attempted (a different failure than the rule's).
        configuration(issuer, "https://keys.invalid/jwks.json");
        try (WalletVerifier verifier = WalletVerifier.builder()
                .issuer(IssuerProfiles.oidc(issuer).withAudience("api").withAlgorithms("EdDSA")
                        .withJwksHosts("KEYS.invalid"))
                .remoteKeyOptions(RemoteKeyOptions.builder().autoRefresh(false).build())
                .build()) {
            assertThatThrownBy(() -> verifier.verify(token(), WalletProof.none()))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE))
                    .hasMessageContaining("https://keys.invalid/jwks.json")
                    .hasMessageNotContaining("unacceptable jwks_uri");
        }
        configuration(issuer, "http://localhost:" + server.getAddress().getPort() + "/keys/jwks.json");
        try (WalletVerifier verifier = verifier()) {
            assertThat(verifier.verify(token(), WalletProof.none()).keyId()).isEqualTo("ed-1");
        }
    }

    @Test
    void jwks_hosts_must_be_bare_host_names() {
        assertThatThrownBy(() -> IssuerProfiles.oidc(issuer).withJwksHosts("https://keys.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jwksHosts must be host names (no scheme, port or path): https://keys.example");
    }

    @Test
    void a_missing_discovery_document_is_jwks_unavailable_naming_its_url() {
        try (WalletVerifier verifier = verifier()) {
            assertThatThrownBy(() -> verifier.verify(token(), WalletProof.none()))
                    .isInstanceOfSatisfying(WalletVerificationException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE))
                    .hasMessageContaining("/realms/main/.well-known/openid-configuration answered HTTP 404");
        }
    }

    @Test
    void an_issuer_that_is_not_an_https_url_cannot_be_discovered() {
        assertThatThrownBy(() -> WalletVerifier.builder()
                .issuer(IssuerProfiles.oidc("http://login.example.com").withAudience("api").withAlgorithms("ES256"))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuer must be an https URL");
    }
}
