package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.signin.NonceStore;
import io.walletgate.signin.SignInVerifier;
import io.walletgate.signin.SiweMessage;
import io.walletgate.signin.SiwsMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sign-in messages from the independent libraries (siwe, viem, the Solana wallet standard), mutated at random with
 * a fixed seed: characters replaced, inserted (ASCII, control characters, CR, non-ASCII, look-alikes) and deleted,
 * lines dropped, repeated and swapped, the text cut, signatures changed. Invariants: the parsers and the verifier
 * return or throw {@link WalletVerificationException} with a sign-in code and a safe message, within the time and
 * memory bounds of every fuzz target; nothing else escapes, and nothing mutated before the signature passes.
 */
class SignInMutationTest {
    private static final Set<ErrorCode> PARSE = Set.of(ErrorCode.MESSAGE_INVALID);
    private static final Set<ErrorCode> VERIFY = Set.of(ErrorCode.MESSAGE_INVALID, ErrorCode.NONCE_INVALID,
            ErrorCode.AUDIENCE_MISMATCH, ErrorCode.TOKEN_EXPIRED, ErrorCode.TOKEN_NOT_YET_VALID,
            ErrorCode.SIGNATURE_INVALID, ErrorCode.CHAIN_UNAVAILABLE);
    private static final String ALPHABET = "aZ09 :/-.\n\n\r\t\u0000\u00e9\u0430\u200b\u2028%\"<>{}@#?=&~_";
    private static final int ROUNDS = 6_000;

    record Case(boolean ethereum, String message, String signature, String nonce) {
    }

    @Test
    void mutated_messages_are_rejected_with_a_sign_in_code_within_bounds() throws IOException {
        List<Case> cases = cases();
        Random random = new Random(4361);
        NonceStore nonces = NonceStore.inMemory();
        SignInVerifier verifier = SignInVerifier.builder().domains("app.example.com", "app.example.com:8443")
                .uris("https://app.example.com", "https://app.example.com:8443").eoaOnlyChain(1).eoaOnlyChain(8453)
                .solanaClusters("mainnet", "devnet").nonceStore(nonces)
                .clock(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC)).build();
        Bounded.warmUp(() -> verifier.verifySiwe(cases.get(0).message(), cases.get(0).signature()));
        Map<ErrorCode, Integer> codes = new EnumMap<>(ErrorCode.class);
        int accepted = 0;
        for (int i = 0; i < ROUNDS; i++) {
            Case c = cases.get(random.nextInt(cases.size()));
            boolean signatureOnly = random.nextInt(5) == 0;
            String message = signatureOnly ? c.message() : mutate(c.message(), random);
            String signature = signatureOnly ? mutate(c.signature(), random) : c.signature();
            if (message.equals(c.message()) && signature.equals(c.signature())) {
                continue;
            }
            Bounded.run("parse", () -> parse(c.ethereum(), message));
            nonces.put(c.nonce(), Instant.parse("2026-03-01T12:10:00Z"));
            try {
                Bounded.run("verify", () -> {
                    if (c.ethereum()) {
                        verifier.verifySiwe(message, signature);
                    } else {
                        verifier.verifySiws(message, signature);
                    }
                });
                accepted++;
                // a mutation may keep the signed text (a base64 signature's padding, a line break the parse drops
                // nowhere): then the message must be the original one
                assertThat(message).as("a changed message was accepted").isEqualTo(c.message());
            } catch (WalletVerificationException e) {
                Bounded.rejected(e, VERIFY, message);
                codes.merge(e.code(), 1, Integer::sum);
            }
        }
        System.out.println("[sign-in mutations] " + ROUNDS + " rounds: " + codes + ", accepted " + accepted);
        assertThat(codes).containsKeys(ErrorCode.MESSAGE_INVALID, ErrorCode.SIGNATURE_INVALID,
                ErrorCode.CHAIN_UNAVAILABLE);
    }

    private static void parse(boolean ethereum, String message) {
        try {
            if (ethereum) {
                SiweMessage.parse(message);
            } else {
                SiwsMessage.parse(message);
            }
        } catch (WalletVerificationException e) {
            Bounded.rejected(e, PARSE, message);
        }
    }

    private static String mutate(String s, Random random) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(7)) {
                case 0 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> sb.deleteCharAt(at);
                case 3 -> sb.setLength(at);
                case 4 -> {
                    List<String> lines = new ArrayList<>(List.of(sb.toString().split("\n", -1)));
                    int l = random.nextInt(lines.size());
                    switch (random.nextInt(3)) {
                        case 0 -> lines.remove(l);
                        case 1 -> lines.add(l, lines.get(l));
                        default -> lines.add(random.nextInt(lines.size()), lines.remove(l));
                    }
                    sb.setLength(0);
                    sb.append(String.join("\n", lines));
                }
                case 5 -> sb.setCharAt(at, Character.isUpperCase(sb.charAt(at))
                        ? Character.toLowerCase(sb.charAt(at)) : Character.toUpperCase(sb.charAt(at)));
                default -> sb.append(random.nextBoolean() ? "\n" : "x".repeat(random.nextInt(20_000)));
            }
        }
        return sb.toString();
    }

    private static List<Case> cases() throws IOException {
        JsonNode root;
        try (InputStream in = SignInMutationTest.class.getResourceAsStream("/signin/fixtures.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : root.path("siwe")) {
            cases.add(new Case(true, c.path("message").asText(), c.path("signature").asText(),
                    c.path("nonce").asText()));
        }
        for (JsonNode c : root.path("siws")) {
            cases.add(new Case(false, c.path("message").asText(), c.path("signatureBase58").asText(),
                    c.path("nonce").asText()));
            cases.add(new Case(false, c.path("message").asText(), c.path("signatureBase64").asText(),
                    c.path("nonce").asText()));
        }
        return cases;
    }
}
