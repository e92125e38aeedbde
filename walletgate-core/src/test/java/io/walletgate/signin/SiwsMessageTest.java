package io.walletgate.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Solana sign-in message by its ABNF: what the Wallet Standard's {@code createSignInMessageText} writes, the
 * optional statement and fields, and every malformed field, rejected with {@code message_invalid} naming it.
 */
class SiwsMessageTest {
    static final String ADDRESS = "CKg5d12Jhpej1JqtmxLJgaFqqeYjxgPqToJ4LBdvG9Ev";
    static final String HEADER = "app.example.com wants you to sign in with your Solana account:";

    static List<String> lines() {
        return List.of(HEADER, ADDRESS, "", "Sign in to Example", "", "URI: https://app.example.com/login",
                "Version: 1", "Chain ID: solana:devnet", "Nonce: abcdEFGH1234", "Issued At: 2026-03-01T11:59:30Z",
                "Expiration Time: 2026-03-01T13:00:00Z", "Not Before: 2026-03-01T11:59:00Z", "Request ID: req-1",
                "Resources:", "- https://app.example.com/terms");
    }

    static String with(int line, String replacement) {
        List<String> l = new ArrayList<>(lines());
        if (replacement == null) {
            l.remove(line);
        } else {
            l.set(line, replacement);
        }
        return String.join("\n", l);
    }

    @Test
    void parses_every_field_of_a_full_message() {
        SiwsMessage m = SiwsMessage.parse(String.join("\n", lines()));
        assertThat(m.domain()).isEqualTo("app.example.com");
        assertThat(m.address()).isEqualTo(ADDRESS);
        assertThat(m.statement()).isEqualTo("Sign in to Example");
        assertThat(m.uri()).isEqualTo("https://app.example.com/login");
        assertThat(m.chainId()).isEqualTo("solana:devnet");
        assertThat(m.cluster()).isEqualTo("devnet");
        assertThat(m.nonce()).isEqualTo("abcdEFGH1234");
        assertThat(m.issuedAt()).isEqualTo(Instant.parse("2026-03-01T11:59:30Z"));
        assertThat(m.expirationTime()).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
        assertThat(m.notBefore()).isEqualTo(Instant.parse("2026-03-01T11:59:00Z"));
        assertThat(m.requestId()).isEqualTo("req-1");
        assertThat(m.resources()).containsExactly("https://app.example.com/terms");
    }

    @Test
    void parses_what_the_wallet_standard_writes() {
        for (SignInFixtures.Siws c : SignInFixtures.siws()) {
            SiwsMessage m = SiwsMessage.parse(c.message());
            assertThat(m.address()).as(c.name()).isEqualTo(c.address());
            assertThat(m.domain()).isEqualTo(c.domain());
            assertThat(m.uri()).isEqualTo(c.uri());
            assertThat(m.nonce()).isEqualTo(c.nonce());
            assertThat(m.chainId()).isEqualTo(c.chainId());
        }
    }

    @Test
    void the_statement_and_every_field_but_the_required_four_are_optional() {
        SiwsMessage m = SiwsMessage.parse(String.join("\n", HEADER, ADDRESS, "", "URI: https://app.example.com",
                "Version: 1", "Nonce: abcdEFGH1234", "Issued At: 2026-03-01T11:59:30Z"));
        assertThat(m.statement()).isNull();
        assertThat(m.chainId()).isNull();
        assertThat(m.cluster()).isEqualTo("mainnet");
        assertThat(m.resources()).isEmpty();
    }

    @Test
    void rejects_each_malformed_field_naming_it() {
        String tail = HEADER.substring("app.example.com".length());
        rejects(with(0, "app.example.com wants you to sign in with your Ethereum account:"), "header");
        rejects(with(0, "https://app.example.com" + tail), "domain");
        rejects(with(1, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), "address");
        rejects(with(1, "CKg5d12Jhpej1JqtmxLJgaFqqeYjxgPqToJ4LBdvG9E0"), "address"); // '0' is not base58
        rejects(with(1, "1111111111111111111111111111111"), "address");
        rejects(with(2, "x"), "statement");
        rejects(with(3, "Sign in to Ex\u00e4mple"), "statement");
        rejects(with(4, "two lines"), "statement");
        rejects(with(5, "URI: not a uri"), "URI");
        rejects(with(5, null), "URI");
        rejects(with(6, "Version: 2"), "Version");
        rejects(with(6, null), "Version");
        rejects(with(7, "Chain ID: 1"), "Chain ID");
        rejects(with(7, "Chain ID: solana:localnet"), "Chain ID");
        rejects(with(8, "Nonce: short"), "Nonce");
        rejects(with(8, null), "Nonce");
        rejects(with(9, "Issued At: yesterday"), "Issued At");
        rejects(with(9, null), "Issued At");
        rejects(with(10, "Expiration Time: 2026-13-01T00:00:00Z"), "Expiration Time");
        rejects(with(11, "Not Before: 2026-03-01T11:59:00"), "Not Before");
        rejects(with(12, "Request ID: a b"), "Request ID");
        rejects(with(14, "- no uri"), "Resources");
        rejects(String.join("\n", lines()) + "\n", "end");
        rejects(with(10, "Issued At: 2026-03-01T11:59:30Z"), "Issued At");
        rejects(String.join("\n", HEADER, ADDRESS), "URI");
        rejects(String.join("\n", HEADER, ADDRESS, "", "Just a statement"), "URI");
    }

    private static void rejects(String message, String field) {
        MessageRejections.rejects(() -> SiwsMessage.parse(message), "SIWS message field '" + field + "': ");
    }
}
