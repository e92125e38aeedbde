package io.walletgate;

import io.walletgate.internal.claims.Claims;
import io.walletgate.internal.token.BoundedJson;
import io.walletgate.internal.wallet.WalletKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the wallets of the providers of docs/architecture.md §12 into {@link TokenWallets} entries of type
 * {@code ethereum} or {@code solana} (the types {@link WalletMatcher} matches an address against); entries of another
 * kind or chain are skipped, a malformed one is {@code claim_invalid} naming it. {@code docs/providers-sources.md}
 * says where each shape comes from.
 */
final class ProviderWallets {
    /** What a provider token lists: its wallet entries, and Privy's email account (null elsewhere). */
    record Listed(List<TokenWallets.Entry> entries, String email) {
    }

    private ProviderWallets() {
    }

    /**
     * Privy's {@code linked_accounts}: a string holding a JSON array (what Privy's SDK requires), parsed as untrusted
     * bounded JSON, or an array. {@code wallet} entries have {@code chain_type} {@code ethereum} or {@code solana};
     * {@code smart_wallet} entries are Ethereum contracts; the first {@code email} entry's {@code address} is the
     * email.
     *
     * @return null when the token has no {@code linked_accounts} (an access token)
     */
    static Listed privy(Map<String, Object> claims) {
        Object value = claims.get("linked_accounts");
        if (value == null) {
            return null;
        }
        List<?> accounts;
        if (value instanceof String) {
            try {
                accounts = BoundedJson.parseArray(((String) value).getBytes(StandardCharsets.UTF_8),
                        BoundedJson.MAX_DEPTH, BoundedJson.MAX_VALUES);
            } catch (BoundedJson.JsonException e) {
                throw Claims.invalid("linked_accounts", "is not a JSON array: " + e.getMessage());
            }
        } else if (value instanceof List<?>) {
            accounts = (List<?>) value;
        } else {
            throw Claims.invalid("linked_accounts", "is neither a JSON string nor an array");
        }
        List<TokenWallets.Entry> entries = new ArrayList<>();
        String email = null;
        for (int i = 0; i < accounts.size(); i++) {
            String where = "linked_accounts[" + i + "]";
            Map<?, ?> a = object(accounts.get(i), where);
            String type = string(a, "type", where);
            if ("wallet".equals(type)) {
                String chain = string(a, "chain_type", where);
                entries.add(addressEntry(chain, string(a, "address", where), where));
            } else if ("smart_wallet".equals(type)) {
                entries.add(addressEntry("ethereum", string(a, "address", where), where));
            } else if ("email".equals(type) && email == null) {
                email = string(a, "address", where);
            }
        }
        return new Listed(List.copyOf(entries), email);
    }

    /**
     * Dynamic's {@code verified_credentials}: entries of format {@code blockchain} with chain {@code eip155}
     * (Ethereum) or {@code solana}; other formats (email, oauth) and chains are skipped.
     *
     * @return null when the token has none (the access token)
     */
    static Listed dynamic(Map<String, Object> claims) {
        Object value = claims.get("verified_credentials");
        if (value == null) {
            return null;
        }
        List<?> credentials = list(value, "verified_credentials");
        List<TokenWallets.Entry> entries = new ArrayList<>();
        for (int i = 0; i < credentials.size(); i++) {
            String where = "verified_credentials[" + i + "]";
            Map<?, ?> c = object(credentials.get(i), where);
            if (!"blockchain".equals(optional(c, "format", where))) {
                continue;
            }
            String chain = string(c, "chain", where);
            String type = "eip155".equals(chain) ? "ethereum" : "solana".equals(chain) ? "solana" : chain;
            entries.add(addressEntry(type, string(c, "address", where), where));
        }
        return new Listed(List.copyOf(entries), null);
    }

    /**
     * Para's {@code data.wallets} and {@code data.connectedWallets}: {@code type} {@code EVM} or {@code SOLANA} (other
     * types are skipped); an EVM entry's {@code publicKey}, when not empty, must be the key of its {@code address}.
     *
     * @return null when the token lists neither
     */
    static Listed para(Map<String, Object> claims) {
        Object wallets = Claims.at(claims, "data.wallets");
        Object connected = Claims.at(claims, "data.connectedWallets");
        if (wallets == null && connected == null) {
            return null;
        }
        List<TokenWallets.Entry> entries = new ArrayList<>();
        paraList(wallets, "data.wallets", entries);
        paraList(connected, "data.connectedWallets", entries);
        return new Listed(List.copyOf(entries), null);
    }

    private static void paraList(Object value, String path, List<TokenWallets.Entry> entries) {
        if (value == null) {
            return;
        }
        List<?> list = list(value, path);
        for (int i = 0; i < list.size(); i++) {
            String where = path + "[" + i + "]";
            Map<?, ?> w = object(list.get(i), where);
            String type = string(w, "type", where);
            if ("EVM".equals(type)) {
                TokenWallets.Entry e = addressEntry("ethereum", string(w, "address", where), where);
                String key = optional(w, "publicKey", where);
                if (key != null && !key.isEmpty()) {
                    byte[] raw = WalletKeys.parseHex(key);
                    WalletKeys.Secp256k1Key point = raw == null ? null : WalletKeys.secp256k1Key(raw);
                    if (point == null) {
                        throw Claims.invalid(where + ".publicKey", "is not a secp256k1 public key");
                    }
                    if (!Arrays.equals(WalletKeys.ethereumAddressOfUncompressed(point.uncompressed()), e.address)) {
                        throw Claims.invalid(where + ".publicKey", "is not the key of the wallet's address");
                    }
                }
                entries.add(e);
            } else if ("SOLANA".equals(type)) {
                entries.add(addressEntry("solana", string(w, "address", where), where));
            }
        }
    }

    /** An {@code ethereum} (0x and 40 hex digits, any case) or {@code solana} (base58 of 32 bytes) address entry. */
    static TokenWallets.Entry addressEntry(String type, String address, String where) {
        if ("ethereum".equals(type)) {
            byte[] eth = address.length() == 42 && address.startsWith("0x") ? WalletKeys.parseHex(address) : null;
            if (eth == null) {
                throw Claims.invalid(where + ".address", "is not an Ethereum address (0x and 40 hex digits)");
            }
            return new TokenWallets.Entry(type, null, null, eth, new Wallet(type, null, null, WalletKeys.eip55(eth)));
        }
        if ("solana".equals(type)) {
            byte[] sol = WalletKeys.parseSolanaAddress(address);
            if (sol == null) {
                throw Claims.invalid(where + ".address", "is not a Solana address (base58 of 32 bytes)");
            }
            return new TokenWallets.Entry(type, null, null, sol, new Wallet(type, null, null, address));
        }
        // another chain: listed with its address as written, never matched
        return new TokenWallets.Entry(type, null, null, null, new Wallet(type, null, null, address));
    }

    private static List<?> list(Object value, String path) {
        if (!(value instanceof List<?>)) {
            throw Claims.invalid(path, "is not an array");
        }
        return (List<?>) value;
    }

    private static Map<?, ?> object(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw Claims.invalid(where, "is not an object");
        }
        return (Map<?, ?>) value;
    }

    private static String string(Map<?, ?> m, String name, String where) {
        String v = optional(m, name, where);
        if (v == null) {
            throw Claims.missing(where + "." + name);
        }
        return v;
    }

    private static String optional(Map<?, ?> m, String name, String where) {
        Object v = m.get(name);
        if (v != null && !(v instanceof String)) {
            throw Claims.invalid(where + "." + name, "is not a string");
        }
        return (String) v;
    }
}
