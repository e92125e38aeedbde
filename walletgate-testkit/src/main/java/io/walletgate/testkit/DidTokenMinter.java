package io.walletgate.testkit;

import io.walletgate.testkit.TokenBuilder.Defect;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints a Magic DID token as Magic's client makes it ({@code magiclabs/documentation} {@code decentralized-id.md}):
 * the claim {@code {iat, ext, iss, sub, aud, nbf, tid, add}} as compact JSON, its {@code personal_sign} by a fresh
 * secp256k1 wallet as the proof, then {@code btoa(JSON.stringify([proof, claim]))} (standard base64, padded).
 * {@code add} signs the attachment ({@code "none"} by default, as Magic's client).
 */
final class DidTokenMinter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DidTokenMinter() {
    }

    static MintedToken mint(TokenBuilder b) {
        List<String> audiences = b.audiences != null ? b.audiences : List.of(b.issuer.audience());
        if (audiences.size() != 1) {
            throw new IllegalStateException("a magic DID token has one aud, not " + audiences.size());
        }
        DevWallet wallet = WalletKeyPairs.generate(WalletKeyPairs.SECP256K1, "ethereum");
        TokenMinter.Times times = TokenMinter.times(b, b.issuer.clock().instant().truncatedTo(ChronoUnit.SECONDS));
        Instant iat = times.issuedAt();
        Instant ext = times.expiresAt();
        Instant nbf = b.notBefore != null ? b.notBefore : iat;
        Map<String, Object> claims = new LinkedHashMap<>();
        TokenMinter.put(claims, "iat", iat.getEpochSecond(), "ext", ext.getEpochSecond(), "iss",
                "did:ethr:" + wallet.address(), "sub", b.subject != null ? b.subject : entityId(),
                "aud", b.defects.contains(Defect.WRONG_AUDIENCE) ? "wrong-" + audiences.get(0) : audiences.get(0),
                "nbf", nbf.getEpochSecond(), "tid", UUID.randomUUID().toString(),
                "add", hex(PersonalSign.sign(b.attachment, wallet.privateKey())));
        TokenMinter.apply(claims, b.claims);
        String claim = new String(Json.write(claims), StandardCharsets.UTF_8);

        DevWallet signer = b.defects.contains(Defect.OTHER_KEY)
                ? WalletKeyPairs.generate(WalletKeyPairs.SECP256K1, "ethereum") : wallet;
        byte[] proof = PersonalSign.sign(claim, signer.privateKey());
        if (b.defects.contains(Defect.TAMPERED_SIGNATURE)) {
            proof[48] ^= 0x01; // in s: the proof still parses, and recovers another address
        }
        byte[] array = Json.write(List.of(hex(proof), claim));
        String token = Base64.getEncoder().encodeToString(array);
        Object aud = claims.get("aud");
        Object iss = claims.get("iss");
        return new MintedToken(token, b.shape.profile(), iss instanceof String ? (String) iss : null,
                aud instanceof String ? List.of((String) aud) : List.of(), null, null,
                TokenMinter.instant(claims.get("iat")), TokenMinter.instant(claims.get("ext")), null, wallet.address(),
                List.of(wallet), Map.of(), Json.frozen(Json.read(claim.getBytes(StandardCharsets.UTF_8))));
    }

    private static String hex(byte[] signature) {
        return "0x" + HexFormat.of().formatHex(signature);
    }

    // Magic's entity id: 32 random bytes in standard base64.
    private static String entityId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return Base64.getEncoder().encodeToString(id);
    }
}
