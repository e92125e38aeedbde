package io.walletgate.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EIP-4361 parsing by its ABNF: the messages spruceid's {@code siwe} and viem write, the EIP's own examples, and
 * every malformed field, each rejected with {@code message_invalid} naming the field.
 */
class SiweMessageTest {
    static final String ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"; // an EIP-55 test vector
    static final String HEADER = "app.example.com wants you to sign in with your Ethereum account:";

    /** A full valid message, line by line, for tests that change one line. */
    static List<String> lines() {
        return List.of(HEADER, ADDRESS, "", "Sign in to Example", "", "URI: https://app.example.com/login",
                "Version: 1", "Chain ID: 1", "Nonce: abcdEFGH1234", "Issued At: 2026-03-01T11:59:30Z",
                "Expiration Time: 2026-03-01T13:00:00.5+01:00", "Not Before: 2026-03-01T11:59:00Z",
                "Request ID: req-1", "Resources:", "- ipfs://bafybei/", "- https://app.example.com/a.json");
    }

    static String with(int line, String replacement) {
        java.util.ArrayList<String> l = new java.util.ArrayList<>(lines());
        if (replacement == null) {
            l.remove(line);
        } else {
            l.set(line, replacement);
        }
        return String.join("\n", l);
    }

    @Test
    void parses_every_field_of_a_full_message() {
        SiweMessage m = SiweMessage.parse(String.join("\n", lines()));
        assertThat(m.scheme()).isNull();
        assertThat(m.domain()).isEqualTo("app.example.com");
        assertThat(m.address()).isEqualTo(ADDRESS);
        assertThat(m.statement()).isEqualTo("Sign in to Example");
        assertThat(m.uri()).isEqualTo("https://app.example.com/login");
        assertThat(m.version()).isEqualTo("1");
        assertThat(m.chainId()).isEqualTo(1);
        assertThat(m.nonce()).isEqualTo("abcdEFGH1234");
        assertThat(m.issuedAt()).isEqualTo(Instant.parse("2026-03-01T11:59:30Z"));
        assertThat(m.expirationTime()).isEqualTo(Instant.parse("2026-03-01T12:00:00.5Z"));
        assertThat(m.notBefore()).isEqualTo(Instant.parse("2026-03-01T11:59:00Z"));
        assertThat(m.requestId()).isEqualTo("req-1");
        assertThat(m.resources()).containsExactly("ipfs://bafybei/", "https://app.example.com/a.json");
    }

    @Test
    void parses_what_siwe_and_viem_write() {
        List<SignInFixtures.Siwe> cases = SignInFixtures.siwe();
        assertThat(cases).extracting(SignInFixtures.Siwe::library).contains("siwe+ethers", "viem");
        for (SignInFixtures.Siwe c : cases) {
            SiweMessage m = SiweMessage.parse(c.message());
            assertThat(m.address()).as(c.name()).isEqualTo(c.address());
            assertThat(m.domain()).isEqualTo(c.domain());
            assertThat(m.uri()).isEqualTo(c.uri());
            assertThat(m.chainId()).isEqualTo(c.chainId());
            assertThat(m.nonce()).isEqualTo(c.nonce());
            assertThat(m.scheme()).isEqualTo(c.fields().path("scheme").textValue());
            assertThat(m.statement()).isEqualTo(c.fields().path("statement").textValue());
            assertThat(m.issuedAt()).isEqualTo(Instant.parse(c.fields().path("issuedAt").asText()));
            assertThat(m.expirationTime()).isEqualTo(instant(c.fields().path("expirationTime").textValue()));
            assertThat(m.notBefore()).isEqualTo(instant(c.fields().path("notBefore").textValue()));
            assertThat(m.requestId()).isEqualTo(c.fields().path("requestId").textValue());
            assertThat(m.resources()).hasSize(c.fields().path("resources").size());
        }
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    @Test
    void parses_the_eips_examples_implicit_scheme_port_and_explicit_scheme() {
        String body = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\nI accept the ExampleOrg Terms of Service:"
                + " https://example.com/tos\n\nURI: https://example.com/login\nVersion: 1\nChain ID: 1\nNonce: 32891756"
                + "\nIssued At: 2021-09-30T16:25:24Z\nResources:\n- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4c"
                + "jr3oz3evfyavhwq/\n- https://example.com/my-web2-claim.json";
        String tail = " wants you to sign in with your Ethereum account:\n" + body;
        assertThat(SiweMessage.parse("example.com" + tail).domain()).isEqualTo("example.com");
        assertThat(SiweMessage.parse("example.com:3388" + tail).domain()).isEqualTo("example.com:3388");
        SiweMessage explicit = SiweMessage.parse("https://example.com" + tail);
        assertThat(explicit.scheme()).isEqualTo("https");
        assertThat(explicit.domain()).isEqualTo("example.com");
        assertThat(explicit.resources()).hasSize(2);
    }

    @Test
    void a_message_without_statement_has_two_empty_lines_and_one_with_an_empty_statement_three() {
        String noStatement = String.join("\n", lines().subList(0, 3)) + "\n\n"
                + String.join("\n", lines().subList(5, lines().size()));
        assertThat(noStatement).contains(ADDRESS + "\n\n\nURI: ");
        assertThat(SiweMessage.parse(noStatement).statement()).isNull();
        assertThat(SiweMessage.parse(with(3, "")).statement()).isEmpty();
    }

    @Test
    void accepts_lower_case_t_and_z_leap_seconds_offsets_and_long_fractions_as_rfc_3339_does() {
        assertThat(SiweMessage.parse(with(9, "Issued At: 2026-03-01t11:59:30z")).issuedAt())
                .isEqualTo(Instant.parse("2026-03-01T11:59:30Z"));
        assertThat(SiweMessage.parse(with(9, "Issued At: 2016-12-31T23:59:60Z")).issuedAt())
                .isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
        assertThat(SiweMessage.parse(with(9, "Issued At: 2026-03-01T11:59:30.1234567891234-00:30")).issuedAt())
                .isEqualTo(Instant.parse("2026-03-01T12:29:30.123456789Z"));
    }

    @Test
    void accepts_ipv6_and_ipv4_domains_userinfo_and_uris_of_any_scheme() {
        String tail = HEADER.substring("app.example.com".length());
        for (String domain : List.of("[::1]:8080", "127.0.0.1", "[2001:db8::7]", "user@example.com", "[v1.fe]")) {
            assertThat(SiweMessage.parse(with(0, domain + tail)).domain()).isEqualTo(domain);
        }
        for (String uri : List.of("did:key:z6Mk", "urn:uuid:123", "https://a.example/p?q=1#f", "ipfs://bafy/x%20y")) {
            assertThat(SiweMessage.parse(with(5, "URI: " + uri)).uri()).isEqualTo(uri);
        }
    }

    @Test
    void rejects_each_malformed_field_naming_it() {
        String tail = HEADER.substring("app.example.com".length());
        rejects(with(0, "app.example.com wants you to sign in with your Solana account:"), "header");
        rejects(with(0, "1https://app.example.com" + tail), "scheme");
        rejects(with(0, "app example.com" + tail), "domain");
        rejects(with(0, tail), "domain");
        rejects(with(0, "[::1" + tail), "domain");
        rejects(with(0, "[1:2:3]" + tail), "domain");
        rejects(with(0, "example.com:80a" + tail), "domain");
        rejects(with(0, "ex%zzample.com" + tail), "domain");
        rejects(with(1, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe"), "address");
        rejects(with(1, "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00"), "address");
        rejects(with(1, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg"), "address");
        rejects(with(1, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), "address"); // no EIP-55 checksum
        rejects(with(1, "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), "address"); // a wrong one
        rejects(with(2, "x"), "statement");
        rejects(with(3, "Sign in to Exämple"), "statement");
        rejects(with(3, "say \"hi\""), "statement");
        rejects(with(3, "100% sure"), "statement");
        rejects(with(4, "more statement"), "statement");
        rejects(with(5, "URI: not a uri"), "URI");
        rejects(with(5, "URI: https://app.example.com/a b"), "URI");
        rejects(with(5, "URI:https://app.example.com"), "URI");
        rejects(with(5, null), "URI");
        rejects(with(6, "Version: 2"), "Version");
        rejects(with(6, null), "Version");
        rejects(with(7, "Chain ID: one"), "Chain ID");
        rejects(with(7, "Chain ID: "), "Chain ID");
        rejects(with(7, "Chain ID: -1"), "Chain ID");
        rejects(with(7, "Chain ID: 1234567890123456789012"), "Chain ID");
        rejects(with(7, null), "Chain ID");
        rejects(with(8, "Nonce: abc123"), "Nonce");
        rejects(with(8, "Nonce: abcd-EFGH-1234"), "Nonce");
        rejects(with(8, null), "Nonce");
        rejects(with(9, "Issued At: 2026-03-01 11:59:30Z"), "Issued At");
        rejects(with(9, "Issued At: 2026-02-30T11:59:30Z"), "Issued At");
        rejects(with(9, "Issued At: 2026-03-01T24:00:00Z"), "Issued At");
        rejects(with(9, "Issued At: 2026-03-01T11:59:30"), "Issued At");
        rejects(with(9, "Issued At: 2026-03-01T11:59:30.Z"), "Issued At");
        rejects(with(9, "Issued At: 2026-03-01T11:59:30+0100"), "Issued At");
        rejects(with(9, "Issued At: 1772366370"), "Issued At");
        rejects(with(9, null), "Issued At");
        rejects(with(10, "Expiration Time: tomorrow"), "Expiration Time");
        rejects(with(11, "Not Before: 2026-03-01T11:59:00+24:00"), "Not Before");
        rejects(with(12, "Request ID: a b"), "Request ID");
        rejects(with(12, "Request ID: a/b"), "Request ID");
        rejects(with(14, "- not a uri"), "Resources");
        rejects(with(14, "-ipfs://bafybei/"), "end");
    }

    @Test
    void rejects_fields_out_of_order_repeated_or_unknown_and_any_text_after_the_last_field() {
        rejects(with(10, "Not Before: 2026-03-01T11:59:00Z").replace("Not Before: 2026-03-01T11:59:00Z\nNot Before",
                "Not Before: 2026-03-01T11:59:00Z\nExpiration Time: 2026-03-01T13:00:00Z\nNot Before"),
                "Expiration Time");
        rejects(with(8, "Nonce: abcdEFGH1234\nNonce: abcdEFGH5678"), "Nonce");
        rejects(with(7, "Chain ID: 1\nChain: 1"), "Nonce");
        rejects(String.join("\n", lines()) + "\n", "end");
        rejects(String.join("\n", lines()) + "\nextra", "end");
        rejects(String.join("\n", lines()) + "\n\n", "end");
    }

    @Test
    void rejects_carriage_returns_empty_and_oversized_messages_and_too_many_resources() {
        assertInvalid(String.join("\r\n", lines()), "SIWE message holds a carriage return: lines end with LF only");
        assertInvalid("", "SIWE message is empty");
        assertInvalid(null, "SIWE message is empty");
        assertInvalid(with(3, "x".repeat(MessageLines.MAX_BYTES)), "SIWE message is larger than 16384 bytes");
        StringBuilder many = new StringBuilder(String.join("\n", lines()));
        for (int i = 0; i < 100; i++) {
            many.append("\n- https://app.example.com/").append(i);
        }
        rejects(many.toString(), "Resources");
    }

    private static void rejects(String message, String field) {
        MessageRejections.rejects(() -> SiweMessage.parse(message), "SIWE message field '" + field + "': ");
    }

    private static void assertInvalid(String message, String text) {
        MessageRejections.rejects(() -> SiweMessage.parse(message), text);
    }
}
