package io.walletgate.testkit;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The differential test's SIWE cases, from a seeded {@link Random}: valid messages with random optional fields,
 * signed by an EOA, a deployed ERC-1271 wallet's owner or a counterfactual wallet's owner (EIP-6492 wrapped);
 * messages changed before signing (one rule each), changed after signing, and signatures changed.
 */
final class Generator {
    /**
     * Changes made before signing: name → the rule it exercises (a rule of {@link SiweDifferentialTest#STRICTER} or
     * {@link SiweDifferentialTest#LENIENT} where WalletGate and viem differ by design; the name itself where they
     * must agree).
     */
    static final Map<String, String> MUTATIONS = mutations();
    static final List<String> SIGNATURE_MUTATIONS = List.of("sig-v-01", "sig-high-s", "sig-flip", "sig-truncated",
            "sig-empty", "sig-other-signer");
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private static Map<String, String> mutations() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String same : List.of("domain-other", "domain-port", "version-2", "nonce-short", "nonce-mismatch",
                "expired", "not-yet", "crlf", "duplicate-field", "empty-statement", "chain-id-leading-zero")) {
            m.put(same, same);
        }
        m.put("address-lowercase", "eip55-checksum");
        m.put("address-wrong-checksum", "eip55-checksum");
        m.put("domain-uppercase", "domain-host-case");
        m.put("uri-other-origin", "uri-origin");
        m.put("uri-space", "uri-syntax");
        m.put("chain-unconfigured", "chain-configured");
        m.put("expired-within-skew", "clock-skew");
        m.put("not-before-within-skew", "clock-skew");
        m.put("issued-in-future", "issued-at-future");
        m.put("issued-at-not-rfc3339", "rfc3339-times");
        m.put("expiration-lowercase-t-z", "rfc3339-lowercase");
        m.put("statement-non-ascii", "statement-charset");
        m.put("statement-quote", "statement-charset");
        m.put("trailing-line-break", "exact-line-structure");
        m.put("extra-line", "exact-line-structure");
        m.put("missing-blank-line", "exact-line-structure");
        m.put("expiration-after-not-before", "field-order");
        m.put("scheme-http", "scheme-origin");
        m.put("request-id-space", "request-id-pchar");
        m.put("resource-not-a-uri", "resource-uri");
        return Map.copyOf(m);
    }
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final List<String> STATEMENTS = List.of("Sign in to Example", "I accept the Terms: https://x.io/t",
            "Welcome back! (session #42) & more, ok?", "a-b.c_d~e:f/g?h[i]j@k!l$m&n'o(p)q*r+s,t;u=v");

    private final Random random;
    private final long chainId;
    private final EthereumTestWallet owner;
    private final String smartWallet;
    private final TestWalletFactory factory;

    Generator(Random random, long chainId, EthereumTestWallet owner, String smartWallet, TestWalletFactory factory) {
        this.random = random;
        this.chainId = chainId;
        this.owner = owner;
        this.smartWallet = smartWallet;
        this.factory = factory;
    }

    /** Who signs: 0 an EOA, 1 the deployed wallet's owner, 2 a counterfactual wallet's owner. */
    private record Signer(String address, EthereumTestWallet key, long salt) {
    }

    private Signer signer(int kind) {
        switch (kind % 3) {
            case 0: {
                EthereumTestWallet eoa = EthereumTestWallet.random();
                return new Signer(eoa.address(), eoa, -1);
            }
            case 1:
                return new Signer(smartWallet, owner, -1);
            default: {
                long salt = 1 + random.nextInt(5);
                return new Signer(factory.walletAddress(owner.address(), salt), owner, salt);
            }
        }
    }

    private String sign(Signer s, String message) {
        String signature = s.key().signMessage(message);
        return s.salt() < 0 ? signature : factory.erc6492Signature(owner.address(), s.salt(), signature);
    }

    private SiweMessageBuilder base(String address) {
        SiweMessageBuilder b = SiweMessageBuilder.of(address).withDomain("app.example.com")
                .withUri("https://app.example.com/" + word(6)).withChainId(chainId)
                .withNonce(word(8 + random.nextInt(20)))
                .withIssuedAt(T.minusSeconds(random.nextInt(300)).plusMillis(random.nextInt(1000)));
        if (random.nextBoolean()) {
            b = b.withStatement(STATEMENTS.get(random.nextInt(STATEMENTS.size())));
        }
        if (random.nextInt(3) == 0) {
            b = b.withExpirationTime(T.plusSeconds(120 + random.nextInt(3600)));
        }
        if (random.nextInt(3) == 0) {
            b = b.withNotBefore(T.minusSeconds(120 + random.nextInt(600)));
        }
        if (random.nextInt(4) == 0) {
            b = b.withRequestId(word(10) + ":" + word(3) + "@x");
        }
        if (random.nextInt(4) == 0) {
            b = b.withResources("ipfs://" + word(20) + "/", "https://app.example.com/" + word(4) + ".json");
        }
        if (random.nextInt(5) == 0) {
            b = b.withScheme("https");
        }
        return b;
    }

    private String word(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    SiweDifferentialTest.Case valid(String id, int kind) {
        Signer s = signer(kind);
        SiweMessageBuilder b = base(s.address());
        String message = b.text();
        return new SiweDifferentialTest.Case(id, "valid", message, sign(s, message), b.nonce());
    }

    SiweDifferentialTest.Case mutated(String id, String name, int kind) {
        Signer s = signer(kind);
        // no field after Issued At, so that a mutation may append one
        SiweMessageBuilder b = base(s.address()).withExpirationTime(null).withNotBefore(null).withRequestId(null)
                .withResources();
        String nonce = b.nonce();
        String message = mutation(name, b).apply(b.text());
        if (name.equals("nonce-mismatch")) {
            nonce = word(12);
        } else if (name.equals("nonce-short")) {
            nonce = "abc1234";
        }
        return new SiweDifferentialTest.Case(id, MUTATIONS.get(name), message, sign(s, message), nonce);
    }

    private UnaryOperator<String> mutation(String name, SiweMessageBuilder b) {
        String address = b.address();
        String nonce = "Nonce: " + b.nonce();
        String issued = "Issued At: " + b.issuedAt();
        switch (name) {
            case "address-lowercase":
                return m -> m.replace(address, address.toLowerCase(Locale.ROOT));
            case "address-wrong-checksum":
                return m -> m.replace(address, flipCase(address));
            case "domain-other":
                return m -> m.replace("app.example.com wants", "evil.example.com wants");
            case "domain-uppercase":
                return m -> m.replace("app.example.com wants", "APP.Example.com wants");
            case "domain-port":
                return m -> m.replace("app.example.com wants", "app.example.com:443 wants");
            case "uri-other-origin":
                return m -> m.replace("URI: https://app.example.com/", "URI: https://evil.example.com/");
            case "uri-space":
                return m -> m.replace("URI: https://app.example.com/", "URI: https://app.example.com/a b/");
            case "version-2":
                return m -> m.replace("Version: 1", "Version: 2");
            case "chain-unconfigured":
                return m -> m.replace("Chain ID: " + chainId, "Chain ID: 1");
            case "nonce-short":
                return m -> m.replace(nonce, "Nonce: abc1234");
            case "nonce-mismatch":
                return m -> m;
            case "expired":
                return m -> m + "\nExpiration Time: " + T.minusSeconds(120);
            case "expired-within-skew":
                return m -> m + "\nExpiration Time: " + T.minusSeconds(30);
            case "not-before-within-skew":
                return m -> m + "\nNot Before: " + T.plusSeconds(30);
            case "not-yet":
                return m -> m + "\nNot Before: " + T.plusSeconds(120);
            case "issued-in-future":
                return m -> m.replace(issued, "Issued At: " + T.plusSeconds(3600));
            case "issued-at-not-rfc3339":
                return m -> m.replace(issued, "Issued At: 2026-03-01 11:59:00");
            case "expiration-lowercase-t-z":
                return m -> m + "\nExpiration Time: 2026-03-01t13:00:00z";
            case "statement-non-ascii":
                return m -> withStatement(m, address, "H\u00e9llo w\u00f6rld");
            case "statement-quote":
                return m -> withStatement(m, address, "say \"hi\" <b>");
            case "trailing-line-break":
                return m -> m + "\n";
            case "extra-line":
                return m -> m + "\nExtra: field";
            case "crlf":
                return m -> m.replace("\n", "\r\n");
            case "expiration-after-not-before":
                return m -> m + "\nNot Before: " + T.minusSeconds(600) + "\nExpiration Time: " + T.minusSeconds(300);
            case "duplicate-field":
                return m -> m.replace(nonce, nonce + "\n" + nonce);
            case "scheme-http":
                return m -> (m.startsWith("https://") ? m.substring(8) : m).replace("app.example.com wants",
                        "http://app.example.com wants");
            case "request-id-space":
                return m -> m + "\nRequest ID: a b";
            case "resource-not-a-uri":
                return m -> m + "\nResources:\n- not a uri";
            case "missing-blank-line":
                return m -> m.replace("\n\nURI: ", "\nURI: ");
            case "empty-statement":
                return m -> withStatement(m, address, "");
            case "chain-id-leading-zero":
                return m -> m.replace("Chain ID: " + chainId, "Chain ID: 0" + chainId);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    // replaces the statement (or the absence of one) between the address and the URI line
    private static String withStatement(String m, String address, String statement) {
        int start = m.indexOf(address + "\n\n") + address.length() + 2;
        int uri = m.indexOf("\nURI: ");
        return m.substring(0, start) + statement + "\n" + m.substring(uri);
    }

    private static String flipCase(String address) {
        char[] c = address.toCharArray();
        for (int i = 2; i < c.length; i++) {
            if (Character.isLetter(c[i])) {
                c[i] = Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
                return new String(c);
            }
        }
        return address.substring(0, 41) + (address.charAt(41) == '0' ? '1' : '0'); // all digits: another address
    }

    SiweDifferentialTest.Case tampered(String id, int kind) {
        Signer s = signer(kind);
        SiweMessageBuilder b = base(s.address());
        String message = b.text();
        String signature = sign(s, message);
        String changed = switch (kind % 4) {
            case 0 -> message.replace("URI: https://app.example.com/", "URI: https://app.example.com/x");
            case 1 -> message.replace("Issued At: " + b.issuedAt(), "Issued At: " + b.issuedAt().minusSeconds(1));
            case 2 -> message.replace(b.address() + "\n\n", b.address() + "\n\nHi\n\n");
            default -> message.replace("Chain ID: " + chainId, "Chain ID: " + chainId + "0");
        };
        return new SiweDifferentialTest.Case(id, "tampered", changed, signature, b.nonce());
    }

    SiweDifferentialTest.Case signatureMutated(String id, String kind, int signerKind) {
        Signer s = signer(signerKind == 2 ? 0 : signerKind);
        SiweMessageBuilder b = base(s.address());
        String message = b.text();
        byte[] sig = HexFormat.of().parseHex(s.key().signMessage(message).substring(2));
        String signature;
        switch (kind) {
            case "sig-v-01":
                sig[64] -= 27;
                signature = hex(sig);
                break;
            case "sig-high-s": {
                BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
                byte[] high = n.subtract(new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64))).toByteArray();
                java.util.Arrays.fill(sig, 32, 64, (byte) 0);
                int len = Math.min(high.length, 32);
                System.arraycopy(high, high.length - len, sig, 64 - len, len);
                sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
                signature = hex(sig);
                break;
            }
            case "sig-flip":
                sig[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
                signature = hex(sig);
                break;
            case "sig-truncated":
                signature = hex(java.util.Arrays.copyOf(sig, 64));
                break;
            case "sig-empty":
                signature = "0x";
                break;
            default:
                signature = EthereumTestWallet.random().signMessage(message);
        }
        return new SiweDifferentialTest.Case(id, kind, message, signature, b.nonce());
    }

    private static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }
}
