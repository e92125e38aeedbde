package io.walletgate.signin;

import io.walletgate.VerifiedIdentity;
import io.walletgate.Wallet;
import io.walletgate.internal.wallet.WalletKeys;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link VerifiedIdentity} of a sign-in (see {@link SignInVerifier}): the fields a token fills from its claims
 * are filled from the message, and the message's fields become the claims.
 */
final class SignInIdentities {
    /** CAIP-2 references of the Solana clusters: the first 32 characters of each genesis hash. */
    private static final Map<String, String> SOLANA_REFERENCES = Map.of(
            "mainnet", "5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp",
            "devnet", "EtWTRABZaYq6iMfeYKouRu166VU2xqa1",
            "testnet", "4uhcVJyU9pJkvQyS88uRDiswHXSCkY3z",
            "localnet", "localnet");

    private SignInIdentities() {
    }

    static VerifiedIdentity ethereum(SiweMessage m, EthereumSignatureCheck.Proof proof, Instant expiresAt) {
        String did = "did:pkh:eip155:" + m.chainId() + ":" + m.address();
        Wallet wallet = proof.key() == null ? new Wallet("ethereum", null, null, m.address())
                : new Wallet("ethereum", "secp256k1", WalletKeys.hex(proof.key().compressed()), m.address());
        Map<String, Object> claims = new LinkedHashMap<>();
        put(claims, "scheme", m.scheme());
        claims.put("domain", m.domain());
        claims.put("address", m.address());
        put(claims, "statement", m.statement());
        claims.put("uri", m.uri());
        claims.put("version", m.version());
        claims.put("chainId", m.chainId());
        common(claims, m.nonce(), m.issuedAt(), m.expirationTime(), m.notBefore(), m.requestId(), m.resources());
        claims.put("signatureType", proof.method());
        return new VerifiedIdentity("siwe", "siwe", did, did, List.of(m.uri()), expiresAt, m.issuedAt(), null,
                wallet, List.of(wallet), null, null, null, null, Collections.unmodifiableMap(claims));
    }

    static VerifiedIdentity solana(SiwsMessage m, Instant expiresAt) {
        String did = "did:pkh:solana:" + SOLANA_REFERENCES.get(m.cluster()) + ":" + m.address();
        Wallet wallet = new Wallet("solana", "ed25519", WalletKeys.hex(WalletKeys.parseSolanaAddress(m.address())),
                m.address());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("domain", m.domain());
        claims.put("address", m.address());
        put(claims, "statement", m.statement());
        claims.put("uri", m.uri());
        claims.put("version", m.version());
        claims.put("chainId", m.cluster());
        common(claims, m.nonce(), m.issuedAt(), m.expirationTime(), m.notBefore(), m.requestId(), m.resources());
        claims.put("signatureType", "ed25519");
        return new VerifiedIdentity("siws", "siws", did, did, List.of(m.uri()), expiresAt, m.issuedAt(), null,
                wallet, List.of(wallet), null, null, null, null, Collections.unmodifiableMap(claims));
    }

    private static void common(Map<String, Object> claims, String nonce, Instant issuedAt, Instant expirationTime,
                               Instant notBefore, String requestId, List<String> resources) {
        claims.put("nonce", nonce);
        claims.put("issuedAt", issuedAt.toString());
        put(claims, "expirationTime", expirationTime == null ? null : expirationTime.toString());
        put(claims, "notBefore", notBefore == null ? null : notBefore.toString());
        put(claims, "requestId", requestId);
        if (!resources.isEmpty()) {
            claims.put("resources", resources);
        }
    }

    private static void put(Map<String, Object> claims, String name, Object value) {
        if (value != null) {
            claims.put(name, value);
        }
    }
}
