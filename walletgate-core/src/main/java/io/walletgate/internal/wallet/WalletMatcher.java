package io.walletgate.internal.wallet;

import io.walletgate.ErrorCode;
import io.walletgate.Wallet;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.claims.Claims;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;
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

    /**
     * The wallets a token names, read once; {@link #match} then compares a proof without re-reading claims. The
     * token's keys are kept as written and decoded (point checks, addresses) only when a {@link Wallet} is asked
     * for: a proof is matched by comparing bytes with the proof's own, already-checked, encodings.
     */
    public static final class Parsed {
        private final WalletRule rule;
        private final List<Entry> entries;
        private final String addressClaim;
        private final List<Wallet> wallets;

        private Parsed(WalletRule rule, List<Entry> entries, String addressClaim) {
            this.rule = rule;
            this.entries = entries;
            this.addressClaim = addressClaim;
            this.wallets = entries.isEmpty() ? List.of() : new WalletList(entries);
        }

        /** The token's wallets, in token order: an immutable list whose elements are derived on first access. */
        public List<Wallet> wallets() {
            return wallets;
        }
    }

    /**
     * An immutable list of a token's wallets, each derived on its first access and kept (a Web3Auth token's other
     * wallets cost a curve point decode, Keccak or base58 each, which most callers never read).
     */
    public static final class WalletList extends AbstractList<Wallet> implements RandomAccess {
        private final List<Entry> entries;

        private WalletList(List<Entry> entries) {
            this.entries = entries;
        }

        @Override
        public Wallet get(int index) {
            return entries.get(index).wallet();
        }

        @Override
        public int size() {
            return entries.size();
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
     * @param proofPoint a secp256k1 proof's uncompressed encoding (its point checked on the curve), null otherwise
     * @throws WalletVerificationException {@code wallet_mismatch} when a proof was given and matches no wallet
     */
    public static Result match(Parsed parsed, WalletProof.Kind proofKind, byte[] proof, byte[] proofPoint) {
        switch (parsed.rule) {
            case APP_KEY:
                return matchEntries(parsed, proofKind, proof, proofPoint, true);
            case ADDRESS_LIST:
                return matchEntries(parsed, proofKind, proof, proofPoint, false);
            case ADDRESS_CLAIM:
                return matchAddressClaim(parsed.entries.get(0), parsed.addressClaim, proofKind, proof, proofPoint);
            case NONE:
            default:
                if (proofKind != WalletProof.Kind.NONE) {
                    throw mismatch("this issuer's tokens name no wallet");
                }
                return new Result(List.of(), null);
        }
    }

    /**
     * One {@code wallets[]} entry (or address claim). A public key is kept as its hex-decoded bytes and decoded only in
     * {@link #wallet()}, whose result is kept; the race between two first calls is benign (both derive the same).
     */
    private static final class Entry {
        final String type;
        final String curve;     // lower case; secp256k1 when a public key names none; null for an address
        final String publicKey; // as written, null if none
        final byte[] raw;       // the public key's bytes (hex), null if none or not hex
        final byte[] address;   // an address entry's Ethereum 20 bytes or Solana 32 bytes, null otherwise
        private volatile Derived derived;

        Entry(String type, String curve, String publicKey, byte[] address, Wallet wallet) {
            this.type = type;
            this.curve = curve;
            this.publicKey = publicKey;
            this.raw = publicKey == null || publicKey.isEmpty() ? null : WalletKeys.parseHex(publicKey);
            this.address = address;
            this.derived = wallet == null ? null : new Derived(wallet, null, address);
        }

        boolean isSecp256k1() {
            return "secp256k1".equals(curve);
        }

        Wallet wallet() {
            return derived().wallet;
        }

        /** The key's canonical bytes (compressed secp256k1 or ed25519), null when it is none or not a valid key. */
        byte[] key() {
            return derived().key;
        }

        /** The key's address bytes (Ethereum for secp256k1, the key itself for ed25519), or the entry's address. */
        byte[] keyAddress() {
            return derived().address;
        }

        private Derived derived() {
            Derived d = derived;
            if (d == null) {
                d = derive();
                derived = d;
            }
            return d;
        }

        private Derived derive() {
            if ("secp256k1".equals(curve) && raw != null) {
                WalletKeys.Secp256k1Key key = WalletKeys.secp256k1Key(raw);
                if (key != null) {
                    return secp256k1(key.compressed(), key.uncompressed());
                }
            } else if ("ed25519".equals(curve) && raw != null && WalletKeys.isEd25519Key(raw)) {
                return new Derived(new Wallet(type, curve, WalletKeys.hex(raw), WalletKeys.solanaAddress(raw)), raw,
                        raw);
            }
            return new Derived(new Wallet(type, curve, publicKey == null ? null : publicKey.toLowerCase(Locale.ROOT),
                    null), null, null);
        }

        /** Records the entry's point, already decoded and checked (the client's proof, equal to it byte for byte). */
        void provenSecp256k1(byte[] compressed, byte[] uncompressed) {
            if (derived == null) {
                derived = secp256k1(compressed, uncompressed);
            }
        }

        private Derived secp256k1(byte[] compressed, byte[] uncompressed) {
            byte[] eth = WalletKeys.ethereumAddressOfUncompressed(uncompressed);
            return new Derived(new Wallet(type, curve, WalletKeys.hex(compressed), WalletKeys.eip55(eth)), compressed,
                    eth);
        }
    }

    private record Derived(Wallet wallet, byte[] key, byte[] address) {
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
            // secp256k1 is the default curve; the key is decoded only when its wallet is asked for
            return new Entry(type, curve == null ? "secp256k1" : curve.toLowerCase(Locale.ROOT), publicKey, null, null);
        }
        if (address != null && !address.isEmpty()) {
            if ("ethereum".equals(type)) {
                byte[] eth = WalletKeys.parseHex(address.length() == 42 ? address : "");
                if (eth != null && eth.length == 20) {
                    return new Entry(type, null, null, eth, new Wallet(type, null, null, WalletKeys.eip55(eth)));
                }
            } else if ("solana".equals(type)) {
                byte[] sol = WalletKeys.parseSolanaAddress(address);
                if (sol != null) {
                    return new Entry(type, null, null, sol, new Wallet(type, null, null, address));
                }
            }
            return new Entry(type, null, null, null, new Wallet(type, null, null, null));
        }
        return new Entry(type, curve, publicKey, null, new Wallet(type, curve, publicKey == null ? null : "", null));
    }

    private static Result matchEntries(Parsed parsed, WalletProof.Kind kind, byte[] proof, byte[] proofPoint,
            boolean appKeys) {
        if (kind == WalletProof.Kind.NONE) {
            return new Result(parsed.wallets, null);
        }
        for (Entry e : parsed.entries) {
            if (appKeys ? matchesAppKey(e, kind, proof, proofPoint) : matchesAddressEntry(e, kind, proof, proofPoint)) {
                return new Result(parsed.wallets, e.wallet());
            }
        }
        throw mismatch(appKeys ? "the client's wallet is none of the token's app keys"
                : "the client's address is none of the token's wallets");
    }

    private static boolean matchesAppKey(Entry e, WalletProof.Kind kind, byte[] proof, byte[] proofPoint) {
        // A wallets[] entry may carry no type (Set.of(...).contains(null) would throw): it is no app key.
        if (e.type == null || !APP_KEY_TYPES.contains(e.type) || e.raw == null) {
            return false;
        }
        switch (kind) {
            case SECP256K1_KEY:
                // The proof is a point proven on the curve, in both encodings: a key equal to either, byte for byte,
                // is that same point, so it is not decoded again (a modular square root, WalletKeys).
                if (e.isSecp256k1() && (Arrays.equals(e.raw, proof) || Arrays.equals(e.raw, proofPoint))) {
                    e.provenSecp256k1(proof, proofPoint);
                    return true;
                }
                return false;
            case ETHEREUM_ADDRESS:
                return e.isSecp256k1() && Arrays.equals(e.keyAddress(), proof);
            case ED25519_KEY:
                // the proof is a checked ed25519 point
                return "ed25519".equals(e.curve) && Arrays.equals(e.raw, proof);
            case SOLANA_ADDRESS:
                // an address is not checked as a point: the token's key must be one
                return "ed25519".equals(e.curve) && Arrays.equals(e.raw, proof) && e.key() != null;
            default:
                return false;
        }
    }

    private static boolean matchesAddressEntry(Entry e, WalletProof.Kind kind, byte[] proof, byte[] proofPoint) {
        if (e.address == null) {
            return false;
        }
        boolean eth = "ethereum".equals(e.type);
        switch (kind) {
            case ETHEREUM_ADDRESS:
                return eth && Arrays.equals(e.address, proof);
            case SECP256K1_KEY:
                return eth && Arrays.equals(e.address, WalletKeys.ethereumAddressOfUncompressed(proofPoint));
            case SOLANA_ADDRESS:
            case ED25519_KEY:
                return "solana".equals(e.type) && Arrays.equals(e.address, proof);
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
        return new Entry("ethereum", null, null, address, new Wallet("ethereum", null, null, WalletKeys.eip55(address)));
    }

    private static Result matchAddressClaim(Entry entry, String path, WalletProof.Kind kind, byte[] proof,
            byte[] proofPoint) {
        boolean matches;
        switch (kind) {
            case NONE:
                matches = true;
                break;
            case ETHEREUM_ADDRESS:
                matches = Arrays.equals(entry.address, proof);
                break;
            case SECP256K1_KEY:
                matches = Arrays.equals(entry.address, WalletKeys.ethereumAddressOfUncompressed(proofPoint));
                break;
            default:
                matches = false;
        }
        if (!matches) {
            throw mismatch("the client's wallet is not the token's " + path);
        }
        return new Result(List.of(entry.wallet()), entry.wallet());
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
