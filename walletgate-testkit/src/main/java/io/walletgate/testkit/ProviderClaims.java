package io.walletgate.testkit;

import static io.walletgate.testkit.TokenMinter.entry;
import static io.walletgate.testkit.TokenMinter.hex;
import static io.walletgate.testkit.TokenMinter.put;

import io.walletgate.testkit.TokenMinter.Contents;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * The payloads of the providers of docs/architecture.md §12 as their own SDKs read them ({@code
 * docs/providers-sources.md}): Privy's identity and access tokens, Dynamic's ID and minified access tokens, Para's
 * session token. The wallet the client proves is never the first entry where a token lists several.
 */
final class ProviderClaims {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USER = "alice@example.com";
    private static final X9ECParameters K1 = ECNamedCurveTable.getByName("secp256k1");

    private ProviderClaims() {
    }

    /**
     * Privy (privy-io/node-sdk {@code src/lib/auth.ts}, {@code identity-token.ts}): access token {@code sid, sub,
     * iss, aud, iat, exp}; identity token {@code cr}, {@code linked_accounts} (a JSON string: an email entry, then the
     * wallet), {@code custom_metadata} (a JSON string), {@code iss, iat, aud, sub, exp}.
     */
    static void privy(TokenBuilder b, Contents c, String iss, Object aud) {
        String sub = b.subject != null ? b.subject : "did:privy:" + cuid();
        if (b.accessToken) {
            put(c.claims, "sid", cuid(), "sub", sub, "iss", iss, "aud", aud, "iat", null, "exp", null);
            return;
        }
        c.primary = wallet(b, "ethereum");
        c.wallets.add(c.primary);
        long verified = Instant.now(b.issuer.clock()).getEpochSecond();
        List<Object> accounts = new ArrayList<>();
        accounts.add(entry("type", "email", "address", USER, "lv", verified));
        accounts.add(entry("type", "wallet", "id", cuid(), "address", c.primary.address(), "chain_type",
                c.primary.type(), "wallet_client_type", "privy", "connector_type", "embedded", "lv", verified));
        Object linked = b.linkedAccountsArray ? accounts : new String(Json.write(accounts), StandardCharsets.UTF_8);
        String metadata = "{\"plan\":\"dev\"}";
        put(c.claims, "cr", String.valueOf(verified - 86_400), "linked_accounts", linked, "custom_metadata", metadata,
                "iss", iss, "iat", null, "aud", aud, "sub", sub, "exp", null);
    }

    /**
     * Dynamic (MinifiedDynamicJwt and DynamicJwt schemas): {@code kid} in the payload too; the ID token lists
     * {@code verified_credentials} (an email credential, then the wallet); the minified access token only their
     * hashes. {@code scope} {@code user:basic}, or {@code requiresAdditionalAuth} for a sign-in waiting on MFA.
     */
    static void dynamic(TokenBuilder b, Contents c, String iss, Object aud, String kid) {
        String sub = b.subject != null ? b.subject : UUID.randomUUID().toString();
        String scope = b.requiresAdditionalAuth ? "requiresAdditionalAuth" : "user:basic";
        String walletCredential = UUID.randomUUID().toString();
        put(c.claims, "kid", kid, "aud", aud, "iss", iss, "sub", sub, "sid", UUID.randomUUID().toString(),
                "environment_id", DevIssuer.DYNAMIC_ENVIRONMENT_ID);
        if (b.accessToken) {
            put(c.claims, "last_verified_credential_id", walletCredential, "verifiedCredentialsHashes",
                    entry("blockchain", hex(32), "email", hex(32)), "email", USER, "scope", scope, "iat", null,
                    "exp", null);
            return;
        }
        c.primary = wallet(b, "ethereum");
        c.wallets.add(c.primary);
        String selected = Instant.now(b.issuer.clock()).truncatedTo(ChronoUnit.MILLIS).toString();
        List<Object> credentials = new ArrayList<>();
        credentials.add(entry("email", USER, "id", UUID.randomUUID().toString(), "public_identifier", USER,
                "format", "email", "signInEnabled", true));
        boolean solana = "solana".equals(c.primary.type());
        credentials.add(entry("address", c.primary.address(), "chain", solana ? "solana" : "eip155", "id",
                walletCredential, "name_service", Map.of(), "public_identifier", c.primary.address(), "wallet_name",
                solana ? "phantom" : "dynamicwaas", "wallet_provider", solana ? "browserExtension" : "embeddedWallet",
                "format", "blockchain", "lastSelectedAt", selected, "signInEnabled", true));
        put(c.claims, "lists", List.of(), "missing_fields", List.of(), "last_verified_credential_id",
                walletCredential, "verified_credentials", credentials, "email", USER, "scope", scope, "iat", null,
                "exp", null);
    }

    /**
     * Para (docs.getpara.com sessions-jwt): no {@code iss}; {@code data.userId}, {@code data.wallets} (an EVM wallet
     * with its lower-case address and uncompressed {@code 0x04…} public key, a Solana wallet with an empty one; the
     * proved wallet last), {@code data.email}, {@code authType}, {@code identifier}; {@code sub} = the user id.
     */
    static void para(TokenBuilder b, Contents c, Object aud) {
        String user = b.subject != null ? b.subject : UUID.randomUUID().toString();
        c.primary = wallet(b, "ethereum");
        DevWallet other = "solana".equals(c.primary.type())
                ? WalletKeyPairs.generate(WalletKeyPairs.SECP256K1, "ethereum")
                : WalletKeyPairs.generate(WalletKeyPairs.ED25519, "solana");
        c.wallets.add(other);
        c.wallets.add(c.primary);
        List<Object> wallets = new ArrayList<>();
        c.wallets.forEach(w -> wallets.add(paraWallet(w)));
        Map<String, Object> data = entry("userId", user, "wallets", wallets, "email", USER, "authType", "email",
                "identifier", USER);
        put(c.claims, "data", data, "aud", aud, "iat", null, "exp", null, "sub", user);
    }

    private static Map<String, Object> paraWallet(DevWallet w) {
        boolean evm = "ethereum".equals(w.type());
        String publicKey = "";
        if (evm && w.publicKey() != null) {
            byte[] compressed = HexFormat.of().parseHex(w.publicKey());
            publicKey = "0x" + HexFormat.of().formatHex(K1.getCurve().decodePoint(compressed).getEncoded(false));
        }
        return entry("id", UUID.randomUUID().toString(), "type", evm ? "EVM" : "SOLANA", "address",
                evm ? w.address().toLowerCase(Locale.ROOT) : w.address(), "publicKey", publicKey);
    }

    // The embedded wallet, or a fresh one on the builder's chain ("ethereum" unless solana() was asked).
    private static DevWallet wallet(TokenBuilder b, String defaultChain) {
        if (b.embedded != null) {
            return b.embedded;
        }
        String chain = b.chain != null ? b.chain : defaultChain;
        return "solana".equals(chain) ? WalletKeyPairs.generate(WalletKeyPairs.ED25519, "solana")
                : WalletKeyPairs.generate(WalletKeyPairs.SECP256K1, "ethereum");
    }

    // A Privy-like id: 25 lower-case letters and digits.
    private static String cuid() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("c");
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
