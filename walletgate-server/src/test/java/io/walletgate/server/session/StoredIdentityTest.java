package io.walletgate.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredIdentityTest {
    private static Session session(String identity) {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");
        return new Session(new byte[32], "web3auth", "user", null, null, identity, now, now.plusSeconds(60));
    }

    @Test
    void the_names_forward_auth_reads_are_the_ones_the_identity_object_holds() {
        List<String> identities = List.of(
                // as IdentityJson writes them: an EVM wallet, a Solana one, none, a sign-in's chain object
                "{\"profile\":\"web3auth\",\"issuer\":\"https://api-auth.web3auth.io\",\"subject\":\"u\",\"audience\":"
                        + "[\"a\"],\"expiresAt\":\"2026-12-05T01:00:00Z\",\"wallet\":{\"type\":\"ethereum\",\"curve\":"
                        + "\"secp256k1\",\"publicKey\":\"02ab\",\"address\":\"0x0AEe7f11196836068719b2A9C40D24eE01B7432F\"},"
                        + "\"wallets\":[{\"type\":\"solana\",\"address\":\"other\"}],\"email\":\"é@example.com\"}",
                "{\"wallets\":[{\"address\":\"x\"}],\"wallet\":{\"address\":\"5Hd9yqLz\",\"nested\":{\"address\":\"no\"}},"
                        + "\"issuer\":\"https://auth.example\"}",
                "{\"issuer\":\"https://issuer.example\",\"wallet\":null,\"wallets\":[],\"email\":null}",
                "{\"issuer\":\"siwe\",\"chainId\":{\"issuer\":\"no\"},\"wallet\":{\"type\":\"ethereum\"}}",
                "{}");
        for (String identity : identities) {
            Session s = session(identity);
            StoredIdentity whole = StoredIdentity.of(s);
            StoredIdentity.Names names = StoredIdentity.names(s);
            assertThat(names).as(identity).isEqualTo(new StoredIdentity.Names(whole.walletAddress(), whole.issuer()));
        }
        assertThat(StoredIdentity.names(session(identities.get(1))))
                .isEqualTo(new StoredIdentity.Names("5Hd9yqLz", "https://auth.example"));
    }

    @Test
    void something_the_service_never_stored_is_refused_as_of_refuses_it() {
        for (String bad : List.of("[1]", "\"s\"", "{\"issuer\":", "not json")) {
            assertThatThrownBy(() -> StoredIdentity.names(session(bad))).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("stored identity is not");
            assertThatThrownBy(() -> StoredIdentity.of(session(bad))).as(bad)
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
