package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testkit's sign-in helpers write and sign exactly as the independent libraries do: the same SIWE text as
 * spruceid's {@code siwe} and viem, the same Solana text as the Wallet Standard, the same (deterministic, RFC 6979)
 * {@code personal_sign} signatures as viem and ethers, and Ed25519 signatures that noble verifies.
 */
class SignInHelpersInteropTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00.123Z");

    @Test
    void signatures_messages_and_texts_match_the_npm_libraries(@TempDir Path tmp) throws Exception {
        EthereumTestWallet wallet = EthereumTestWallet.random();
        SolanaTestWallet solana = SolanaTestWallet.random();
        List<String> messages = List.of("", "hello", "h\u00e9llo \u2713", "x".repeat(300));
        List<SiweMessageBuilder> siwe = List.of(
                SiweMessageBuilder.of(wallet.address()).withIssuedAt(AT),
                SiweMessageBuilder.of(wallet.address()).withIssuedAt(AT).withDomain("app.example.com:8443")
                        .withUri("https://app.example.com:8443/login").withStatement("Sign in to Example, please.")
                        .withChainId(8453),
                SiweMessageBuilder.of(wallet.address()).withIssuedAt(AT).withScheme("https")
                        .withStatement("All fields").withExpirationTime(AT.plusSeconds(3600))
                        .withNotBefore(AT.minusSeconds(60)).withRequestId("req-1")
                        .withResources("ipfs://bafybei/", "https://app.example.com/claim.json"));
        List<SiwsMessageBuilder> siws = List.of(
                SiwsMessageBuilder.of(solana.address()).withIssuedAt(AT),
                SiwsMessageBuilder.of(solana.address()).withIssuedAt(AT).withStatement("Sign in")
                        .withChainId("solana:devnet").withExpirationTime(AT.plusSeconds(60)));
        List<Object> checks = new ArrayList<>();
        messages.forEach(m -> checks.add(Map.of("kind", "sign", "privateKey", wallet.privateKey(), "message", m)));
        siwe.forEach(b -> checks.add(Map.of("kind", "siwe", "fields", fields(b))));
        siws.forEach(b -> checks.add(Map.of("kind", "siws", "fields", fields(b))));
        messages.forEach(m -> checks.add(Map.of("kind", "ed25519", "address", solana.address(), "message", m,
                "signature", solana.signMessage(m))));

        JsonNode results = SignInNode.run("interop.mjs", checks, tmp);
        int i = 0;
        for (String m : messages) {
            JsonNode r = results.get(i++);
            assertThat(wallet.signMessage(m)).as("personal_sign of %s", m)
                    .isEqualTo(r.path("viem").asText()).isEqualTo(r.path("ethers").asText());
        }
        for (SiweMessageBuilder b : siwe) {
            JsonNode r = results.get(i++);
            assertThat(b.text()).isEqualTo(r.path("siwe").asText()).isEqualTo(r.path("viem").asText());
        }
        for (SiwsMessageBuilder b : siws) {
            assertThat(b.text()).isEqualTo(results.get(i++).path("walletStandard").asText());
        }
        for (String m : messages) {
            assertThat(results.get(i++).path("valid").asBoolean()).as("ed25519 of %s", m).isTrue();
        }
    }

    private static Map<String, Object> fields(SiweMessageBuilder b) {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "scheme", b.scheme());
        f.put("domain", b.domain());
        f.put("address", b.address());
        put(f, "statement", b.statement());
        f.put("uri", b.uri());
        f.put("version", b.version());
        f.put("chainId", b.chainId());
        f.put("nonce", b.nonce());
        f.put("issuedAt", b.issuedAt().toString());
        put(f, "expirationTime", b.expirationTime() == null ? null : b.expirationTime().toString());
        put(f, "notBefore", b.notBefore() == null ? null : b.notBefore().toString());
        put(f, "requestId", b.requestId());
        if (!b.resources().isEmpty()) {
            f.put("resources", b.resources());
        }
        return f;
    }

    private static Map<String, Object> fields(SiwsMessageBuilder b) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("domain", b.domain());
        f.put("address", b.address());
        put(f, "statement", b.statement());
        put(f, "uri", b.uri());
        put(f, "version", b.version());
        put(f, "chainId", b.chainId());
        put(f, "nonce", b.nonce());
        put(f, "issuedAt", b.issuedAt() == null ? null : b.issuedAt().toString());
        put(f, "expirationTime", b.expirationTime() == null ? null : b.expirationTime().toString());
        put(f, "notBefore", b.notBefore() == null ? null : b.notBefore().toString());
        return f;
    }

    private static void put(Map<String, Object> f, String name, Object value) {
        if (value != null) {
            f.put(name, value);
        }
    }
}
