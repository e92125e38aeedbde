package io.walletgate.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.walletgate.spring.Http;
import io.walletgate.spring.TestApplication;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.DevIssuerExtension;
import io.walletgate.testkit.MintedToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The configurer in a real application: an embedded Tomcat on a free port, a testkit issuer serving the keys, real
 * HTTP requests. Each failure class is answered as a RFC 6750 401 with WalletGate's code.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.health.show-details=always")
class WalletGateSecurityTest {
    static final String CLIENT_ID = "my-client-id";

    @RegisterExtension
    static final DevIssuerExtension ISSUERS = new DevIssuerExtension();

    @DynamicPropertySource
    static void walletgate(DynamicPropertyRegistry registry) {
        registry.add("walletgate.issuers[0].profile", () -> "web3auth");
        registry.add("walletgate.issuers[0].audience", () -> CLIENT_ID);
        registry.add("walletgate.issuers[0].jwks-uri", () -> ISSUERS.issuer().jwksUri("web3auth").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    Http http;
    DevIssuer issuer;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        issuer = ISSUERS.issuer();
    }

    private Http.Response me(MintedToken login, String... proofHeader) {
        String[] headers = new String[2 + proofHeader.length];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + login.token();
        System.arraycopy(proofHeader, 0, headers, 2, proofHeader.length);
        return http.get("/api/me", headers);
    }

    private MintedToken login() {
        return issuer.web3auth().audience(CLIENT_ID).claim("userId", "ada@example.com").mint();
    }

    @Test
    void answers_the_proven_wallet_address_of_a_valid_login() {
        MintedToken login = login();

        Http.Response r = me(login, "X-WalletGate-App-Pub-Key", login.appPublicKey());

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("address").asText()).isEqualTo(login.address());
        assertThat(body.get("subject").asText()).isEqualTo("ada@example.com");
        assertThat(body.get("issuer").asText()).isEqualTo("https://api-auth.web3auth.io");
        assertThat(body.get("authorities")).extracting(JsonNode::asText).containsExactly(
                "FACTOR_BEARER", "WALLET_ISSUER_web3auth", "WALLET_PROFILE_web3auth", "WALLET_PROVEN");
    }

    @Test
    void accepts_the_wallet_address_as_proof() {
        MintedToken login = login();

        Http.Response r = me(login, "X-WalletGate-Address", login.address().toLowerCase());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("address").asText()).isEqualTo(login.address());
    }

    @Test
    void accepts_a_login_without_proof_and_proves_no_wallet() {
        Http.Response r = me(login());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("address").isNull()).isTrue();
        assertThat(r.json().get("authorities")).extracting(JsonNode::asText).doesNotContain("WALLET_PROVEN");
    }

    @Test
    void a_post_with_a_bearer_token_needs_no_csrf_token() {
        Http.Response r = http.post("/api/me", "Authorization", "Bearer " + login().token());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("updated").asText()).isEqualTo("ada@example.com");
    }

    @Test
    void rejects_a_request_without_token_with_token_missing() {
        Http.Response r = http.get("/api/me");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"walletgate\""); // RFC 6750 §3.1: no error
        assertError(r, "token_missing", "no bearer ID token was given (Authorization: Bearer <ID token>)");
    }

    @Test
    void rejects_another_authorization_scheme_with_token_missing() {
        Http.Response r = http.get("/api/me", "Authorization", "Basic dXNlcjpwYXNz");

        assertThat(r.status()).isEqualTo(401);
        assertError(r, "token_missing", "no bearer ID token was given");
    }

    @Test
    void rejects_an_expired_token() {
        Http.Response r = me(issuer.web3auth().audience(CLIENT_ID).expired().mint());

        assertRejected(r, "token_expired", "expired");
    }

    @Test
    void rejects_a_token_for_another_audience() {
        Http.Response r = me(issuer.web3auth().audience(CLIENT_ID).wrongAudience().mint());

        assertRejected(r, "audience_mismatch", "audience");
    }

    @Test
    void rejects_a_tampered_signature() {
        Http.Response r = me(issuer.web3auth().audience(CLIENT_ID).tamperedSignature().mint());

        assertRejected(r, "signature_invalid", "the signature does not verify with the key of issuer 'web3auth'");
        assertThat(r.json().toString()).doesNotContain(issuer.jwksUri("web3auth").toString());
    }

    @Test
    void rejects_alg_none() {
        Http.Response r = me(issuer.web3auth().audience(CLIENT_ID).algNone().mint());

        assertRejected(r, "alg_not_allowed", "none");
    }

    @Test
    void rejects_an_unknown_kid_naming_the_issuer_but_not_the_key_source() {
        Http.Response r = me(issuer.web3auth().audience(CLIENT_ID).unknownKid().mint());

        assertRejected(r, "key_not_found", "no key of issuer 'web3auth' matches this token");
        // the key URL and the kids it holds are for operators (the exception's cause keeps them), not clients
        assertThat(r.json().toString()).doesNotContain(issuer.jwksUri("web3auth").toString());
        assertThat(r.header("WWW-Authenticate")).doesNotContain(issuer.jwksUri("web3auth").toString());
    }

    @Test
    void rejects_a_token_of_an_issuer_not_configured() {
        Http.Response r = me(issuer.nopwd().audience(CLIENT_ID).mint());

        assertRejected(r, "issuer_unknown", "nopwd.io");
    }

    @Test
    void rejects_another_wallet_in_the_proof_header() {
        MintedToken login = login();
        MintedToken someoneElse = login();

        Http.Response r = me(login, "X-WalletGate-App-Pub-Key", someoneElse.appPublicKey());

        assertRejected(r, "wallet_mismatch", "wallet");
    }

    @Test
    void rejects_another_address_in_the_proof_header() {
        Http.Response r = me(login(), "X-WalletGate-Address", login().address());

        assertRejected(r, "wallet_mismatch", "wallet");
    }

    @Test
    void rejects_a_malformed_proof_header() {
        Http.Response r = me(login(), "X-WalletGate-App-Pub-Key", "02abc");

        assertRejected(r, "wallet_proof_invalid", "app public key");
    }

    @Test
    void rejects_both_proof_headers_at_once() {
        MintedToken login = login();

        Http.Response r = me(login, "X-WalletGate-App-Pub-Key", login.appPublicKey(),
                "X-WalletGate-Address", login.address());

        assertRejected(r, "wallet_proof_invalid",
                "give either X-WalletGate-App-Pub-Key or X-WalletGate-Address, not both");
    }

    @Test
    void rejects_a_malformed_token() {
        Http.Response r = http.get("/api/me", "Authorization", "Bearer not-a-jwt");

        assertRejected(r, "token_malformed", "");
    }

    @Test
    void counts_verifications_by_issuer_and_outcome() {
        double ok = count("web3auth", "valid");
        double expired = count("web3auth", "token_expired");
        double unknown = count("unknown", "issuer_unknown");

        me(login());
        me(issuer.web3auth().audience(CLIENT_ID).expired().mint());
        me(issuer.oidc().audience(CLIENT_ID).mint());

        assertThat(count("web3auth", "valid")).isEqualTo(ok + 1);
        assertThat(count("web3auth", "token_expired")).isEqualTo(expired + 1);
        assertThat(count("unknown", "issuer_unknown")).isEqualTo(unknown + 1);
        assertThat(meters.get("walletgate.verification").tag("issuer", "web3auth").timer().count()).isPositive();
        assertThat(meters.get("walletgate.keys.usable").tag("issuer", "web3auth").gauge().value()).isEqualTo(1);
        assertThat(meters.get("walletgate.keys.fetches").tag("issuer", "web3auth").functionCounter().count())
                .isPositive();
    }

    @Test
    void health_is_up_with_the_details_of_each_issuer_once_keys_are_held() {
        assertThat(me(login()).status()).isEqualTo(200); // the keys have been fetched

        Http.Response r = http.get("/actuator/health");

        assertThat(r.status()).isEqualTo(200);
        JsonNode walletgate = r.json().path("components").path("walletgate");
        assertThat(walletgate.path("status").asText()).isEqualTo("UP");
        JsonNode web3auth = walletgate.path("details").path("web3auth");
        assertThat(web3auth.path("status").asText()).isEqualTo("UP");
        assertThat(web3auth.path("source").asText()).isEqualTo(issuer.jwksUri("web3auth").toString());
        assertThat(web3auth.path("kids")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(issuer.keyIds("web3auth"));
        assertThat(web3auth.path("stale").asBoolean()).isFalse();
    }

    private double count(String issuerName, String outcome) {
        Counter c = meters.find("walletgate.verifications").tag("issuer", issuerName).tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static void assertRejected(Http.Response r, String code, String messagePart) {
        assertThat(r.status()).isEqualTo(401);
        String message = r.json().path("error").path("message").asText();
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer realm=\"walletgate\", error=\"invalid_token\", "
                + "error_description=\"" + code + ": ")
                .endsWith("\"");
        assertThat(r.header("WWW-Authenticate")).contains(message.replace('"', '\''));
        assertError(r, code, messagePart);
    }

    private static void assertError(Http.Response r, String code, String messagePart) {
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode error = r.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank().contains(messagePart);
    }
}
