package io.walletgate.internal.wallet;

import io.walletgate.ErrorCode;
import io.walletgate.Wallet;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.claims.Claims;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the wallets a token names and matches the client's proof against them, by value: secp256k1 keys as curve
 * points, ed25519 keys as 32 bytes, Ethereum addresses as 20 bytes, Solana addresses exactly. Never assumes that
 * the first {@code wallets[]} entry is the one.
 */
public final class WalletMatcher {
    private static final Set<String> APP_KEY_TYPES = Set.of("web3auth_app_key", "web3auth_key");

    private WalletMatcher() {
    }

    /** The token's wallets and the one the proof matched (or the token binds). */
    public record Result(List<Wallet> wallets, Wallet proven) {
    }

    /** The wallets a token names, read once; {@link #match} then compares a proof without re-reading claims. */
    public static final class Parsed {
        private final WalletRule rule;
        private final List<Entry> entries;
        private final String addressClaim;
        private final List<Wallet> wallets;

        private Parsed(WalletRule rule, List<Entry> entries, String addressClaim) {
            this.rule = rule;
            this.entries = entries;
            this.addressClaim = addressClaim;
            List<Wallet> list = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                list.add(e.wallet);
            }
            this.wallets = List.copyOf(list);
        }

        /** The token's wallets, in token order. */
        public List<Wallet> wallets() {
            return wallets;
        }
    }

    /**
     * Reads the wallets a token names under {@code rule}.
     *
     * @param addressClaim for {@link WalletRule#ADDRESS_CLAIM}, the claim path that holds the address
     * @throws WalletVerificationException {@code claim_invalid} or {@code claim_missing} when the token's wallet
     *     claims are malformed
     */
    public static Parsed read(WalletRule rule, Map<String, Object> claims, String addressClaim) {
        switch (rule) {
            case APP_KEY:
            case ADDRESS_LIST:
                return new Parsed(rule, readEntries(claims), null);
            case ADDRESS_CLAIM:
                return addressClaim == null ? new Parsed(WalletRule.NONE, List.of(), null)
                        : new Parsed(rule, List.of(readAddressClaim(claims, addressClaim)), addressClaim);
            case NONE:
            default:
                return new Parsed(WalletRule.NONE, List.of(), null);
        }
    }

    /**
     * Matches the client's proof against the wallets read.
     *
     * @param proofKind the client's proof kind (already checked well formed)
     * @param proof the proof's normalized bytes, null for none
     * @throws WalletVerificationException {@code wallet_mismatch} when a proof was given and matches no wallet
     */
    public static Result match(Parsed parsed, WalletProof.Kind proofKind, byte[] proof) {
        switch (parsed.rule) {
            case APP_KEY:
                return matchEntries(parsed, proofKind, proof, true);
            case ADDRESS_LIST:
                return matchEntries(parsed, proofKind, proof, false);
            case ADDRESS_CLAIM:
                return matchAddressClaim(parsed.entries.get(0), parsed.addressClaim, proofKind, proof);
            case NONE:
            default:
                if (proofKind != WalletProof.Kind.NONE) {
                    throw mismatch("this issuer's tokens name no wallet");
                }
                return new Result(List.of(), null);
        }
    }

    private static final class Entry {
        final Wallet wallet;
        final byte[] key;       // compressed secp256k1 or ed25519 bytes, null if none or unreadable
        final byte[] address;   // Ethereum 20 bytes or Solana 32 bytes, null if none or unreadable

        Entry(Wallet wallet, byte[] key, byte[] address) {
            this.wallet = wallet;
            this.key = key;
            this.address = address;
        }
    }

    private static List<Entry> readEntries(Map<String, Object> claims) {
        Object value = claims.get("wallets");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new WalletVerificationException(ErrorCode.CLAIM_INVALID, "claim 'wallets' is not an array");
        }
        List<?> list = (List<?>) value;
        List<Entry> entries = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?>)) {
                throw new WalletVerificationException(ErrorCode.CLAIM_INVALID,
                        "claim 'wallets[" + i + "]' is not an object");
            }
            entries.add(readEntry((Map<?, ?>) list.get(i), i));
        }
        return entries;
    }

    private static Entry readEntry(Map<?, ?> m, int i) {
        String type = optionalString(m, "type", i);
        String publicKey = optionalString(m, "public_key", i);
        String curve = optionalString(m, "curve", i);
        String address = optionalString(m, "address", i);
        if (publicKey != null && !publicKey.isEmpty()) {
            String c = curve == null ? "secp256k1" : curve.toLowerCase(Locale.ROOT); // secp256k1 is the default
            byte[] raw = WalletKeys.parseHex(publicKey);
            if ("secp256k1".equals(c) && raw != null) {
                WalletKeys.Secp256k1Key key = WalletKeys.secp256k1Key(raw); // decoded once: key and address
                if (key != null) {
                    return new Entry(new Wallet(type, c, WalletKeys.hex(key.compressed()),
                            WalletKeys.eip55(key.address())), key.compressed(), key.address());
                }
            } else if ("ed25519".equals(c) && raw != null && WalletKeys.isEd25519Key(raw)) {
                return new Entry(new Wallet(type, c, WalletKeys.hex(raw), WalletKeys.solanaAddress(raw)), raw, raw);
            }
            return new Entry(new Wallet(type, c, publicKey.toLowerCase(Locale.ROOT), null), null, null);
        }
        if (address != null && !address.isEmpty()) {
            if ("ethereum".equals(type)) {
                byte[] eth = WalletKeys.parseHex(address.length() == 42 ? address : "");
                if (eth != null && eth.length == 20) {
                    return new Entry(new Wallet(type, null, null, WalletKeys.eip55(eth)), null, eth);
                }
            } else if ("solana".equals(type)) {
                byte[] sol = WalletKeys.parseSolanaAddress(address);
                if (sol != null) {
                    return new Entry(new Wallet(type, null, null, address), null, sol);
                }
            }
            return new Entry(new Wallet(type, null, null, null), null, null);
        }
        return new Entry(new Wallet(type, curve, publicKey == null ? null : "", null), null, null);
    }

    private static Result matchEntries(Parsed parsed, WalletProof.Kind kind, byte[] proof, boolean appKeys) {
        if (kind == WalletProof.Kind.NONE) {
            return new Result(parsed.wallets, null);
        }
        for (Entry e : parsed.entries) {
            if (appKeys ? matchesAppKey(e, kind, proof) : matchesAddressEntry(e, kind, proof)) {
                return new Result(parsed.wallets, e.wallet);
            }
        }
        throw mismatch(appKeys ? "the client's wallet is none of the token's app keys"
                : "the client's address is none of the token's wallets");
    }

    private static boolean matchesAppKey(Entry e, WalletProof.Kind kind, byte[] proof) {
        // A wallets[] entry may carry no type (Set.of(...).contains(null) would throw): it is no app key.
        if (e.wallet.type() == null || !APP_KEY_TYPES.contains(e.wallet.type()) || e.key == null) {
            return false;
        }
        boolean secp = "secp256k1".equals(e.wallet.curve());
        switch (kind) {
            case SECP256K1_KEY:
                return secp && Arrays.equals(e.key, proof);
            case ETHEREUM_ADDRESS:
                return secp && Arrays.equals(e.address, proof);
            case ED25519_KEY:
            case SOLANA_ADDRESS:
                return !secp && Arrays.equals(e.key, proof);
            default:
                return false;
        }
    }

    private static boolean matchesAddressEntry(Entry e, WalletProof.Kind kind, byte[] proof) {
        if (e.address == null) {
            return false;
        }
        boolean eth = "ethereum".equals(e.wallet.type());
        switch (kind) {
            case ETHEREUM_ADDRESS:
                return eth && Arrays.equals(e.address, proof);
            case SECP256K1_KEY:
                return eth && Arrays.equals(e.address, WalletKeys.ethereumAddress(proof));
            case SOLANA_ADDRESS:
            case ED25519_KEY:
                return "solana".equals(e.wallet.type()) && Arrays.equals(e.address, proof);
            default:
                return false;
        }
    }

    private static Entry readAddressClaim(Map<String, Object> claims, String path) {
        Object value = Claims.at(claims, path);
        if (value == null) {
            throw new WalletVerificationException(ErrorCode.CLAIM_MISSING, "claim '" + path + "' is missing");
        }
        byte[] address = value instanceof String && ((String) value).length() == 42
                && ((String) value).startsWith("0x") ? WalletKeys.parseHex((String) value) : null;
        if (address == null || address.length != 20) {
            throw new WalletVerificationException(ErrorCode.CLAIM_INVALID,
                    "claim '" + path + "' is not an Ethereum address (0x and 40 hex digits)");
        }
        return new Entry(new Wallet("ethereum", null, null, WalletKeys.eip55(address)), null, address);
    }

    private static Result matchAddressClaim(Entry entry, String path, WalletProof.Kind kind, byte[] proof) {
        boolean matches;
        switch (kind) {
            case NONE:
                matches = true;
                break;
            case ETHEREUM_ADDRESS:
                matches = Arrays.equals(entry.address, proof);
                break;
            case SECP256K1_KEY:
                matches = Arrays.equals(entry.address, WalletKeys.ethereumAddress(proof));
                break;
            default:
                matches = false;
        }
        if (!matches) {
            throw mismatch("the client's wallet is not the token's " + path);
        }
        return new Result(List.of(entry.wallet), entry.wallet);
    }

    private static String optionalString(Map<?, ?> m, String name, int i) {
        Object v = m.get(name);
        if (v != null && !(v instanceof String)) {
            throw new WalletVerificationException(ErrorCode.CLAIM_INVALID,
                    "claim 'wallets[" + i + "]." + name + "' is not a string");
        }
        return (String) v;
    }

    private static WalletVerificationException mismatch(String message) {
        return new WalletVerificationException(ErrorCode.WALLET_MISMATCH, message);
    }
}
