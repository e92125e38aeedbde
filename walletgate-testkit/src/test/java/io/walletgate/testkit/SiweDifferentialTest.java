package io.walletgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.walletgate.WalletVerificationException;
import io.walletgate.signin.NonceStore;
import io.walletgate.signin.SignInVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * viem's {@code verifySiweMessage} as a differential oracle: generated SIWE messages, valid and mutated, signed by
 * EOAs, a deployed ERC-1271 wallet and a counterfactual (EIP-6492) one on a real anvil, verified by WalletGate and by
 * viem (against the same node, at the same instant, with the same domain and nonce). Every disagreement must be a
 * rule listed below with its reason: WalletGate stricter ({@link #STRICTER}) or more lenient ({@link #LENIENT}); each
 * listed rule must occur, so the lists stay exact. Anything else fails: a bug to fix or a rule to document.
 */
class SiweDifferentialTest {
    static final Map<String, String> STRICTER = Map.ofEntries(
            Map.entry("eip55-checksum", "EIP-4361: the address must carry its EIP-55 checksum"
                    + " (docs/architecture.md §13); viem compares addresses case-insensitively and accepts any case"),
            Map.entry("uri-origin", "docs/architecture.md §13: uri must be on an allowed origin; viem does not check"
                    + " uri"),
            Map.entry("uri-syntax", "EIP-4361: uri is an RFC 3986 URI; viem's parser takes any text"),
            Map.entry("chain-configured", "docs/architecture.md §13: an unconfigured chain is audience_mismatch; viem"
                    + " checks the signature on its client's chain whatever the message says"),
            Map.entry("issued-at-future", "Issued At beyond the clock skew is token_not_yet_valid; viem ignores it"),
            Map.entry("rfc3339-times", "EIP-4361: times are RFC 3339 date-times; viem does not check Issued At"),
            Map.entry("statement-charset", "EIP-4361: statement = *( reserved / unreserved / \" \" ); viem takes any"
                    + " character but a line break"),
            Map.entry("exact-line-structure", "the EIP-4361 ABNF ends with the last field; viem's patterns are not"
                    + " anchored at the end, so trailing lines and line breaks pass"),
            Map.entry("field-order", "EIP-4361 fixes the fields' order; viem skips optional fields that are out of"
                    + " order, and with them their checks (an Expiration Time after Not Before is never checked)"),
            Map.entry("scheme-origin", "docs/architecture.md §13: scheme://domain must be an allowed origin; viem"
                    + " checks the scheme only when the caller passes one"),
            Map.entry("request-id-pchar", "EIP-4361: request-id = *pchar; viem takes any text"),
            Map.entry("resource-uri", "EIP-4361: each resource is an RFC 3986 URI; viem takes any text"));
    static final Map<String, String> LENIENT = Map.ofEntries(
            Map.entry("domain-host-case", "RFC 3986 §3.2.2: host names are case-insensitive"
                    + " (docs/architecture.md §13); viem compares the domain as an exact string"),
            Map.entry("clock-skew", "docs/architecture.md §13: times are checked with the clock skew (60 s); viem has"
                    + " none"),
            Map.entry("rfc3339-lowercase", "RFC 3339 §5.6 allows 't' and 'z'; viem's pattern wants 'T' and 'Z'"));

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final String DOMAIN = "app.example.com";

    record Case(String id, String rule, String message, String signature, String nonce) {
    }

    @Test
    void walletgate_and_viem_agree_but_for_the_listed_rules(@TempDir Path tmp) throws Exception {
        try (Anvil anvil = Anvil.start(SignInNode.anvil())) {
            TestChain chain = TestChain.connect(anvil.rpcUri());
            long chainId = chain.chainId();
            Random random = new Random(4361);
            EthereumTestWallet owner = EthereumTestWallet.random();
            String smartWallet = chain.deployWallet(owner.address());
            TestWalletFactory factory = chain.deployWalletFactory();
            List<Case> cases = new ArrayList<>();
            Generator g = new Generator(random, chainId, owner, smartWallet, factory);
            for (int i = 0; i < 45; i++) {
                cases.add(g.valid("valid-" + i, i % 9));
            }
            for (String name : new java.util.TreeSet<>(Generator.MUTATIONS.keySet())) {
                for (int i = 0; i < 3; i++) {
                    cases.add(g.mutated(name + "-" + i, name, i));
                }
            }
            for (int i = 0; i < 24; i++) {
                cases.add(g.tampered("tampered-" + i, i));
            }
            for (String kind : Generator.SIGNATURE_MUTATIONS) {
                for (int i = 0; i < 3; i++) {
                    cases.add(g.signatureMutated(kind + "-" + i, kind, i));
                }
            }
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("rpc", anvil.rpcUri().toString());
            input.put("chainId", chainId);
            input.put("time", T.toString());
            input.put("domain", DOMAIN);
            input.put("cases", cases.stream().map(c -> Map.of("id", c.id(), "message", c.message(),
                    "signature", c.signature(), "nonce", c.nonce())).toList());
            JsonNode viem = SignInNode.run("differential.mjs", input, tmp);
            compare(cases, viem, anvil);
        }
    }

    private static void compare(List<Case> cases, JsonNode viem, Anvil anvil) {
        Map<String, Integer> agreeing = new TreeMap<>();
        Map<String, Integer> seenRules = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        NonceStore nonces = NonceStore.inMemory();
        SignInVerifier walletgate = SignInVerifier.builder().domains(DOMAIN).uris("https://" + DOMAIN)
                .chain(31337, anvil.rpcUri()).nonceStore(nonces).clock(Clock.fixed(T, ZoneOffset.UTC)).build();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode v = viem.path("results").get(i);
            assertThat(v.path("id").asText()).isEqualTo(c.id());
            boolean viemValid = v.path("valid").asBoolean();
            nonces.put(c.nonce(), T.plusSeconds(600));
            String ours;
            try {
                walletgate.verifySiwe(c.message(), c.signature());
                ours = "valid";
            } catch (WalletVerificationException e) {
                ours = e.code().code();
                assertThat(e.code().code()).as("%s: %s", c.id(), e.getMessage()).isNotEqualTo("chain_unavailable");
            }
            boolean ourValid = ours.equals("valid");
            if (ourValid == viemValid) {
                agreeing.merge(ours, 1, Integer::sum);
                continue;
            }
            Map<String, String> allowed = ourValid ? LENIENT : STRICTER;
            if (allowed.containsKey(c.rule())) {
                seenRules.merge(c.rule(), 1, Integer::sum);
            } else {
                unexplained.add(c.id() + " (rule " + c.rule() + "): WalletGate " + ours + ", viem " + viemValid
                        + (v.path("error").isNull() ? "" : " (" + v.path("error").asText() + ")") + "\n"
                        + c.message() + "\n" + c.signature());
            }
        }
        System.out.println("[siwe differential] " + cases.size() + " cases, viem " + viem.path("viem").asText()
                + "; agreeing by WalletGate's verdict " + agreeing + "; explained disagreements " + seenRules);
        assertThat(unexplained).as("unexplained disagreements").isEmpty();
        List<String> expected = new ArrayList<>(STRICTER.keySet());
        expected.addAll(LENIENT.keySet());
        assertThat(seenRules.keySet()).as("every listed rule occurs").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(agreeing.getOrDefault("valid", 0)).isGreaterThanOrEqualTo(45);
    }
}
