package io.walletgate;

import io.walletgate.internal.claims.Claims;
import io.walletgate.internal.wallet.WalletKeys;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The wallets a token names, read once from its claims under the issuer's {@link WalletRule} (the first half of the
 * wallet-proof stage; {@link WalletMatcher} is the second). A token's public keys are kept as written and decoded
 * (point checks, addresses) only when a {@link Wallet} is asked for: a proof is matched by comparing bytes with the
 * proof's own, already-checked, encodings. Immutable apart from those derivations, so a cached token keeps it.
 */
final class TokenWallets {
    private static final TokenWallets NONE = new TokenWallets(WalletRule.NONE, List.of(), null);

    final WalletRule rule;
    final List<Entry> entries;
    final String addressClaim;
    /** The claim that lists a provider token's wallets when this token lacks it (Dynamic's access token), else null. */
    final String missingClaim;
    /** The email a provider lists among the wallets (Privy's {@code email} account), or null. */
    final String email;
    private final List<Wallet> wallets;

    private TokenWallets(WalletRule rule, List<Entry> entries, String addressClaim) {
        this(rule, entries, addressClaim, null, null);
    }

    private TokenWallets(WalletRule rule, List<Entry> entries, String addressClaim, String missingClaim,
                         String email) {
        this.rule = rule;
        this.entries = entries;
        this.addressClaim = addressClaim;
        this.missingClaim = missingClaim;
        this.email = email;
        this.wallets = entries.isEmpty() ? List.of() : new WalletList(entries);
    }

    /** The wallet a Magic DID token binds: its recovered signer, the address in {@code iss}. */
    static TokenWallets signer(byte[] address) {
        return new TokenWallets(WalletRule.SIGNER, List.of(new Entry("ethereum", null, null, address,
                new Wallet("ethereum", null, null, WalletKeys.eip55(address)))), "iss");
    }

    private static TokenWallets provider(WalletRule rule, ProviderWallets.Listed listed, String claim) {
        return listed == null ? new TokenWallets(rule, List.of(), null, claim, null)
                : new TokenWallets(rule, listed.entries(), null, null, listed.email());
    }

    /**
     * Reads the wallets a token names under {@code rule}.
     *
     * @param addressClaim for {@link WalletRule#ADDRESS_CLAIM}, the claim path that holds the address
     * @throws WalletVerificationException {@code claim_invalid} or {@code claim_missing} when the token's wallet
     *     claims are malformed
     */
    static TokenWallets read(WalletRule rule, Map<String, Object> claims, String addressClaim) {
        switch (rule) {
            case APP_KEY:
            case ADDRESS_LIST:
                return new TokenWallets(rule, readEntries(claims), null);
            case ADDRESS_CLAIM:
                return addressClaim == null ? NONE
                        : new TokenWallets(rule, List.of(readAddressClaim(claims, addressClaim)), addressClaim);
            case PRIVY_ACCOUNTS:
                return provider(rule, ProviderWallets.privy(claims), "linked_accounts");
            case DYNAMIC_CREDENTIALS:
                return provider(rule, ProviderWallets.dynamic(claims), "verified_credentials");
            case PARA_WALLETS:
                return provider(rule, ProviderWallets.para(claims), "data.wallets");
            case SIGNER: // read from the signature, not the claims: signer()
            case NONE:
            default:
                return NONE;
        }
    }

    /** The token's wallets, in token order: an immutable list whose elements are derived on first access. */
    List<Wallet> wallets() {
        return wallets;
    }

    /**
     * An immutable list of a token's wallets, each derived on its first access and kept (a Web3Auth token's other
     * wallets cost a curve point decode, Keccak or base58 each, which most callers never read).
     */
    static final class WalletList extends AbstractList<Wallet> implements RandomAccess {
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
     * One {@code wallets[]} entry (or address claim). A public key is kept as its hex-decoded bytes and decoded only in
     * {@link #wallet()}, whose result is kept; the race between two first calls is benign (both derive the same).
     */
    static final class Entry {
        final String type;
        final String curve;     // lower case; secp256k1 when a public key names none; null for an address
        private static final byte[] NO_KEY = new byte[0]; // raw's value once parsed to nothing (parseHex never is empty)

        final String publicKey; // as written, null if none
        final byte[] address;   // an address entry's Ethereum 20 bytes or Solana 32 bytes, null otherwise
        private volatile byte[] raw; // the public key's bytes, parsed on first use (benign race); NO_KEY when none
        private volatile Derived derived;

        Entry(String type, String curve, String publicKey, byte[] address, Wallet wallet) {
            this.type = type;
            this.curve = curve;
            this.publicKey = publicKey;
            this.address = address;
            this.derived = wallet == null ? null : new Derived(wallet, null, address);
        }

        /**
         * The public key's bytes (hex), null if none or not hex. Parsed when first asked for: a proof is compared with
         * the keys of its own curve only, so a Web3Auth token's ed25519 key is not parsed for a secp256k1 proof.
         */
        byte[] raw() {
            byte[] r = raw;
            if (r == null) {
                r = publicKey == null || publicKey.isEmpty() ? null : WalletKeys.parseHex(publicKey);
                r = r == null ? NO_KEY : r;
                raw = r;
            }
            return r == NO_KEY ? null : r;
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
            byte[] raw = raw();
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
            throw Claims.invalid("wallets", "is not an array");
        }
        List<?> list = (List<?>) value;
        List<Entry> entries = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?>)) {
                throw Claims.invalid("wallets[" + i + "]", "is not an object");
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

    private static Entry readAddressClaim(Map<String, Object> claims, String path) {
        Object value = Claims.at(claims, path);
        if (value == null) {
            throw Claims.missing(path);
        }
        byte[] address = value instanceof String && ((String) value).length() == 42
                && ((String) value).startsWith("0x") ? WalletKeys.parseHex((String) value) : null;
        if (address == null || address.length != 20) {
            throw Claims.invalid(path, "is not an Ethereum address (0x and 40 hex digits)");
        }
        return new Entry("ethereum", null, null, address, new Wallet("ethereum", null, null, WalletKeys.eip55(address)));
    }

    private static String optionalString(Map<?, ?> m, String name, int i) {
        Object v = m.get(name);
        if (v != null && !(v instanceof String)) {
            throw Claims.invalid("wallets[" + i + "]." + name, "is not a string");
        }
        return (String) v;
    }
}
