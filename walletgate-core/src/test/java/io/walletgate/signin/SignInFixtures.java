package io.walletgate.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code src/test/resources/signin/fixtures.json}, written by {@code src/test/signin-node/generate.mjs}: SIWE
 * messages made and signed by spruceid's {@code siwe} with ethers and by viem, Solana sign-in messages made by the
 * Wallet Standard's utilities and signed with Ed25519, and viem's ABI encodings of the contract calls.
 */
final class SignInFixtures {
    static final JsonNode ROOT = read();
    /** The instant the messages were made for (each was issued 30 s before). */
    static final Instant NOW = Instant.parse(ROOT.path("now").asText());

    private SignInFixtures() {
    }

    record Siwe(String name, String library, String address, long chainId, String domain, String uri, String nonce,
                String message, String hash, String signature, JsonNode fields) {
    }

    record Siws(String name, String address, String publicKey, String domain, String uri, String nonce,
                String chainId, String message, String signatureBase58, String signatureBase64) {
    }

    record Abi(String hash, String signature, String signer, String factory, String factoryCalldata,
               String isValidSignature, String erc6492, String validatorArguments) {
    }

    static List<Siwe> siwe() {
        List<Siwe> list = new ArrayList<>();
        for (JsonNode c : ROOT.path("siwe")) {
            list.add(new Siwe(c.path("name").asText(), c.path("library").asText(), c.path("address").asText(),
                    c.path("chainId").asLong(), c.path("domain").asText(), c.path("uri").asText(),
                    c.path("nonce").asText(), c.path("message").asText(), c.path("hash").asText(),
                    c.path("signature").asText(), c.path("fields")));
        }
        return list;
    }

    static Siwe siwe(String name) {
        return siwe().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SIWE fixture " + name));
    }

    static List<Siws> siws() {
        List<Siws> list = new ArrayList<>();
        for (JsonNode c : ROOT.path("siws")) {
            list.add(new Siws(c.path("name").asText(), c.path("address").asText(), c.path("publicKey").asText(),
                    c.path("domain").asText(), c.path("uri").asText(), c.path("nonce").asText(),
                    c.path("chainId").isNull() ? null : c.path("chainId").asText(), c.path("message").asText(),
                    c.path("signatureBase58").asText(), c.path("signatureBase64").asText()));
        }
        return list;
    }

    static Siws siws(String name) {
        return siws().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SIWS fixture " + name));
    }

    static List<Abi> abi() {
        List<Abi> list = new ArrayList<>();
        for (JsonNode c : ROOT.path("abi")) {
            list.add(new Abi(c.path("hash").asText(), c.path("signature").asText(), c.path("signer").asText(),
                    c.path("factory").asText(), c.path("factoryCalldata").asText(),
                    c.path("isValidSignature").asText(), c.path("erc6492").asText(),
                    c.path("validatorArguments").asText()));
        }
        return list;
    }

    private static JsonNode read() {
        try (InputStream in = SignInFixtures.class.getResourceAsStream("/signin/fixtures.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
