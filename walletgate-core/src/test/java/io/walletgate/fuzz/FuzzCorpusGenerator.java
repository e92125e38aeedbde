package io.walletgate.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.Fixtures;
import io.walletgate.TestWallets;
import io.walletgate.internal.wallet.Base58;
import io.walletgate.internal.wallet.WalletKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the committed seed corpus of the fuzz targets ({@link FuzzCorpusSeedsTest#TARGETS}) from data no one in this
 * project wrote: the Wycheproof JWS and JWK vectors and ECDSA signatures, the real Web3Auth token and key set, and the
 * Node jose fixtures. A program, run on purpose (then commit what it wrote); findings of long fuzzing runs
 * ({@code crash-*} files) in the same directories are kept:
 * {@code ./mvnw -q -pl walletgate-core test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java
 * -Dexec.mainClass=io.walletgate.fuzz.FuzzCorpusGenerator -Dexec.classpathScope=test}.
 */
public final class FuzzCorpusGenerator {
    private static Path resources;
    private static Path corpus;

    private FuzzCorpusGenerator() {
    }

    /**
     * Writes the corpus and {@code fuzz/issuers.json} under {@code args[0]} (the walletgate-core folder; default: the
     * working directory when it is that folder, else {@code walletgate-core}).
     */
    public static void main(String[] args) throws IOException {
        Path module = args.length > 0 ? Path.of(args[0])
                : Files.isDirectory(Path.of("src/test/resources/io/walletgate/fuzz")) ? Path.of("")
                : Path.of("walletgate-core");
        resources = module.resolve("src/test/resources");
        corpus = resources.resolve("io/walletgate/fuzz");
        write();
    }

    private static void write() throws IOException {
        JsonNode jose = read(FuzzCorpusGenerator.class.getResourceAsStream("/jose/fixtures.json"));
        JsonNode realToken = read(Files.newInputStream(Fixtures.fixture("web3auth/social-2023.json")));
        JsonNode realJwks = read(Files.newInputStream(Fixtures.fixture("web3auth/jwks.json")));
        JsonNode jws = read(Files.newInputStream(Fixtures.fixture("wycheproof/json_web_signature_test.json")));
        JsonNode jwk = read(Files.newInputStream(Fixtures.fixture("wycheproof/json_web_key_test.json")));
        JsonNode p1363 = read(Files.newInputStream(
                Fixtures.fixture("wycheproof/ecdsa_secp256r1_sha256_p1363_test.json")));
        JsonNode der = read(Files.newInputStream(Fixtures.fixture("wycheproof/ecdsa_secp256r1_sha256_test.json")));

        writeIssuers(jose, realJwks);
        Seeds tokens = new Seeds("TokenParserFuzzTest/compact_jws_parse");
        Seeds json = new Seeds("BoundedJsonFuzzTest/parse_object");
        Seeds jwks = new Seeds("JwksFuzzTest/jwks_parse");
        Seeds keys = new Seeds("WalletProofFuzzTest/app_public_key");
        Seeds addresses = new Seeds("WalletProofFuzzTest/address");
        Seeds base58 = new Seeds("WalletProofFuzzTest/base58");
        Seeds verify = new Seeds("VerifierFuzzTest/verify_token");
        Seeds signed = new Seeds("VerifierFuzzTest/verify_signed");

        String validEs256 = null;
        for (JsonNode c : jose.get("cases")) {
            String name = c.get("name").asText();
            String token = c.get("token").asText();
            String proof = proofPart(c.path("appPubKey").asText(null), c.path("address").asText(null));
            tokens.add("jose-" + name, token);
            verify.add("jose-" + name, token + "\0" + proof);
            String[] p = token.split("\\.", -1);
            byte[] header = Base64.getUrlDecoder().decode(p[0]);
            byte[] payload = Base64.getUrlDecoder().decode(p[1]);
            json.add("jose-header-" + name, header);
            json.add("jose-payload-" + name, payload);
            signed.add("jose-" + name, concat(header, payload, proof.getBytes(StandardCharsets.UTF_8)));
            addWallet(keys, addresses, base58, name, c);
            if ("web3auth-valid-secp256k1-app-key".equals(name)) {
                validEs256 = token;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = jose.get("issuers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            jwks.add("jose-" + e.getKey(), e.getValue().get("jwks").toString());
        }
        String real = realToken.get("token").asText();
        String realKey = realToken.get("appPubKey").asText();
        tokens.add("web3auth-real-2023", real);
        verify.add("web3auth-real-2023", real + "\0k" + realKey);
        keys.add("web3auth-real-2023", realKey);
        jwks.add("web3auth-real", realJwks.toString());
        String[] rp = real.split("\\.", -1);
        json.add("web3auth-real-header", Base64.getUrlDecoder().decode(rp[0]));
        json.add("web3auth-real-payload", Base64.getUrlDecoder().decode(rp[1]));
        signed.add("web3auth-real-2023", concat(Base64.getUrlDecoder().decode(rp[0]),
                Base64.getUrlDecoder().decode(rp[1]), ("k" + realKey).getBytes(StandardCharsets.UTF_8)));

        addWycheproofJws(jws, tokens, verify, json, jwks);
        addWycheproofJwk(jwk, jwks);
        addSignatures(p1363, "p1363", validEs256, verify);
        addSignatures(der, "der", validEs256, verify);
        addEdgeCases(tokens, json, jwks, keys, addresses, base58);
        for (Seeds s : new Seeds[] {tokens, json, jwks, keys, addresses, base58, verify, signed}) {
            s.write();
        }
    }

    private static void writeIssuers(JsonNode jose, JsonNode realJwks) throws IOException {
        ObjectNode out = FuzzIssuers.JSON.createObjectNode();
        out.put("source", "Node jose fixtures (src/test/resources/jose/fixtures.json, " + jose.get("generator").asText()
                + ") as seeded; web3auth also holds the real Web3Auth key (fixtures/web3auth/jwks.json)");
        out.put("now", jose.get("now").asLong());
        ObjectNode issuers = out.putObject("issuers");
        for (Iterator<Map.Entry<String, JsonNode>> it = jose.get("issuers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ObjectNode i = e.getValue().deepCopy();
            if ("web3auth".equals(e.getKey())) {
                ArrayNode keys = (ArrayNode) i.get("jwks").get("keys");
                realJwks.get("keys").forEach(keys::add);
            }
            issuers.set(e.getKey(), i);
        }
        Path file = resources.resolve("fuzz/issuers.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, FuzzIssuers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
    }

    private static void addWallet(Seeds keys, Seeds addresses, Seeds base58, String name, JsonNode c) {
        String appKey = c.path("appPubKey").asText(null);
        if (appKey != null) {
            keys.add(name, appKey);
            byte[] raw = WalletKeys.parseHex(appKey);
            if (raw != null && raw.length == 33) {
                byte[] compressed = TestWallets.compressed(raw);
                if (compressed != null) {
                    byte[] eth = WalletKeys.ethereumAddress(compressed);
                    addresses.add(name + "-derived", WalletKeys.eip55(eth));
                }
            } else if (raw != null && raw.length == 32) {
                keys.add(name + "-base58", Base58.encode(raw));
                base58.add(name, Base58.encode(raw));
            }
        }
        String address = c.path("address").asText(null);
        if (address != null) {
            addresses.add(name, address);
            if (!address.startsWith("0x")) {
                base58.add(name, address);
            }
        }
    }

    private static void addWycheproofJws(JsonNode file, Seeds tokens, Seeds verify, Seeds json, Seeds jwks) {
        for (JsonNode group : file.get("testGroups")) {
            String comment = group.path("comment").asText("group").replaceAll("[^A-Za-z0-9]+", "-");
            for (String member : new String[] {"public", "private"}) {
                if (group.has(member)) {
                    JsonNode k = group.get(member);
                    jwks.add("wycheproof-" + comment + "-" + member, k.has("keys") ? k.toString()
                            : "{\"keys\":[" + k + "]}");
                }
            }
            for (JsonNode t : group.get("tests")) {
                String id = "wycheproof-" + comment + "-" + t.get("tcId").asInt();
                JsonNode jwsNode = t.get("jws");
                String text = jwsNode.isTextual() ? jwsNode.asText() : jwsNode.toString();
                tokens.add(id, text);
                verify.add(id, text + "\0");
                if (jwsNode.isTextual()) {
                    String[] p = text.split("\\.", -1);
                    byte[] header = Base64Url(p[0]);
                    if (header != null) {
                        json.add(id + "-header", header);
                    }
                }
            }
        }
    }

    private static void addWycheproofJwk(JsonNode file, Seeds jwks) {
        for (JsonNode group : file.get("testGroups")) {
            String comment = group.path("comment").asText("group").replaceAll("[^A-Za-z0-9]+", "-");
            for (String member : new String[] {"public", "private"}) {
                if (group.has(member)) {
                    JsonNode k = group.get(member);
                    jwks.add("wycheproof-jwk-" + comment + "-" + member, k.has("keys") ? k.toString()
                            : "{\"keys\":[" + k + "]}");
                }
            }
        }
    }

    // Wycheproof ECDSA signatures (valid and invalid encodings, out-of-range r and s) under a real ES256 token.
    private static void addSignatures(JsonNode file, String kind, String token, Seeds verify) {
        String prefix = token.substring(0, token.lastIndexOf('.') + 1);
        int n = 0;
        for (JsonNode group : file.get("testGroups")) {
            for (JsonNode t : group.get("tests")) {
                if (n++ % 8 != 0) {
                    continue; // every eighth vector: the corpus stays small, the kinds of flaw all appear
                }
                byte[] sig = HexFormat.of().parseHex(t.get("sig").asText());
                verify.add("wycheproof-" + kind + "-" + t.get("tcId").asInt(),
                        prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(sig) + "\0");
            }
        }
    }

    private static void addEdgeCases(Seeds tokens, Seeds json, Seeds jwks, Seeds keys, Seeds addresses,
                                     Seeds base58) {
        tokens.add("empty-parts", "..");
        tokens.add("padded", "eyJhbGciOiJFUzI1NiJ9.e30=.AA==");
        tokens.add("four-parts", "eyJhbGciOiJFUzI1NiJ9.e30.AA.AA");
        tokens.add("non-canonical-tail", "eyJhbGciOiJFUzI1NiJ9.e31.AB");
        json.add("deep", "{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}");
        json.add("duplicate", "{\"alg\":\"ES256\",\"alg\":\"none\"}");
        json.add("numbers", "{\"exp\":1e400,\"iat\":-0,\"nbf\":12345678901234567890123,\"x\":1.5e-7}");
        json.add("bom", "\ufeff{\"alg\":\"ES256\"}");
        json.add("escapes", "{\"k\\u0069d\":\"\\ud800\",\"a\":\"\\u0000\"}");
        jwks.add("empty", "{\"keys\":[]}");
        jwks.add("not-keys", "{\"keys\":{}}");
        jwks.add("rsa-small-exponent", "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQ\"}]}");
        jwks.add("ec-off-curve", "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
                + "\"y\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]}");
        keys.add("uncompressed-generator", "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
        keys.add("compressed-generator-0x", "0x0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");
        keys.add("not-on-curve", "02" + "00".repeat(32));
        addresses.add("eip55", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        addresses.add("eip55-lower", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        addresses.add("eip55-upper", "0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED");
        addresses.add("eip55-bad-checksum", "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        addresses.add("solana-wrapped-sol", "So11111111111111111111111111111111111111112");
        base58.add("hello", "2NEpo7TZRRrLZSi2U");
        base58.add("leading-zeros", "11233QC4");
        base58.add("one", "1");
    }

    private static byte[] Base64Url(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String proofPart(String appPubKey, String address) {
        return appPubKey != null ? "k" + appPubKey : address != null ? "a" + address : "";
    }

    private static byte[] concat(byte[] header, byte[] payload, byte[] proof) {
        byte[] out = new byte[header.length + payload.length + proof.length + 2];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(payload, 0, out, header.length + 1, payload.length);
        System.arraycopy(proof, 0, out, header.length + payload.length + 2, proof.length);
        return out;
    }

    private static JsonNode read(InputStream in) throws IOException {
        try (InputStream s = in) {
            return FuzzIssuers.JSON.readTree(s);
        }
    }

    /** The seeds of one target, named after their source, each written once (by content). */
    private static final class Seeds {
        private final Path dir;
        private final Map<String, byte[]> byHash = new LinkedHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();

        Seeds(String target) {
            this.dir = corpus.resolve(target.replace("/", "Inputs/"));
        }

        void add(String name, String value) {
            add(name, value.getBytes(StandardCharsets.UTF_8));
        }

        void add(String name, byte[] value) {
            String hash = sha1(value);
            if (byHash.putIfAbsent(hash, value) == null) {
                names.put(hash, "seed-" + name.replaceAll("[^A-Za-z0-9._-]+", "-"));
            }
        }

        void write() throws IOException {
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    if (p.getFileName().toString().startsWith("seed-")) {
                        Files.delete(p);
                    }
                }
            }
            for (Map.Entry<String, byte[]> e : byHash.entrySet()) {
                Files.write(dir.resolve(names.get(e.getKey())), e.getValue());
            }
            System.out.println("[fuzz seeds] " + byHash.size() + " in " + dir);
        }

        private static String sha1(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }
}
