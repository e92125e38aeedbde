package io.walletgate.internal.magic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.walletgate.internal.wallet.TestPersonalSigner;
import io.walletgate.internal.wallet.WalletKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

/** Magic's own test tokens (vendored, see {@code /magic/README.md}) and DID tokens minted in the test. */
final class MagicFixtures {
    private MagicFixtures() {
    }

    /** A token of {@code /magic/admin-js-tokens.json} by its name in Magic's tests. */
    @SuppressWarnings("unchecked")
    static String adminJsToken(String name) {
        try (InputStream in = MagicFixtures.class.getResourceAsStream("/magic/admin-js-tokens.json")) {
            if (in == null) {
                throw new IllegalStateException("/magic/admin-js-tokens.json is not on the test class path");
            }
            Map<String, Object> doc = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Object> tokens = (Map<String, Object>) doc.get("tokens");
            return (String) ((Map<String, Object>) tokens.get(name)).get("token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claim text of the shape Magic's client writes, signed by {@code wallet}. */
    static String claim(TestPersonalSigner wallet, long iat, String ext, String extra) {
        return "{\"iat\":" + iat + ",\"ext\":" + ext + ",\"iss\":\"did:ethr:" + WalletKeys.eip55(wallet.address())
                + "\",\"sub\":\"8ZMBg9sp0X0CAMjxsqQZ8dsE2p5YYZoebDOycOPSMl0=\",\"aud\":\"client-id\",\"nbf\":" + iat
                + ",\"tid\":\"c3e9edbc-8056-474b-8ad3-a8b633758e94\"" + extra + "}";
    }

    /** {@code btoa(JSON.stringify([proof, claim]))} with the proof made by {@code wallet}. */
    static String token(TestPersonalSigner wallet, String claim) {
        return encode("0x" + WalletKeys.hex(wallet.signText(claim)), claim);
    }

    /** Standard padded base64 of the JSON array {@code [proof, claim]}. */
    static String encode(String proof, String claim) {
        return Base64.getEncoder().encodeToString(array(proof, claim).getBytes(StandardCharsets.UTF_8));
    }

    static String array(String proof, String claim) {
        return "[\"" + quote(proof) + "\",\"" + quote(claim) + "\"]";
    }

    static String quote(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
