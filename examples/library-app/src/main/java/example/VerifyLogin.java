package example;

import io.walletgate.ErrorCode;
import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletProof;
import io.walletgate.WalletVerificationException;
import io.walletgate.WalletVerifier;
import java.net.URI;

/** Verifies a Web3Auth login as a backend does: java -jar library-app.jar CLIENT_ID ID_TOKEN APP_PUB_KEY [JWKS_URI] */
public final class VerifyLogin {
    public static void main(String[] args) {
        String clientId = args[0];       // your Web3Auth project's client ID: the token's aud
        String idToken = args[1];        // what the frontend sent: the ID token...
        String appPubKey = args[2];      // ...and its app public key, which must be the token's wallet
        IssuerProfile web3auth = IssuerProfiles.web3auth(clientId);
        if (args.length > 3) {
            web3auth = web3auth.withJwksUri(URI.create(args[3])); // a dev issuer's keys, not Web3Auth's own
        }

        // One verifier per application: immutable and thread-safe; it fetches, caches and rotates the keys.
        try (WalletVerifier verifier = WalletVerifier.builder().issuer(web3auth).build()) {
            VerifiedIdentity id = verifier.verify(idToken, WalletProof.appPublicKey(appPubKey));
            System.out.println("verified " + id.subject() + ", wallet " + id.wallet().address());
        } catch (WalletVerificationException e) {
            ErrorCode code = e.code();   // stable: switch on it (TOKEN_EXPIRED, WALLET_MISMATCH, ...), not on the text
            System.out.println("rejected: " + code.code() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
