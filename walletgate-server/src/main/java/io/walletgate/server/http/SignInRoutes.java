package io.walletgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.walletgate.ErrorCode;
import io.walletgate.VerifiedIdentity;
import io.walletgate.WalletVerificationException;
import io.walletgate.server.json.IdentityJson;
import io.walletgate.server.metrics.Metrics;
import io.walletgate.signin.Nonce;
import io.walletgate.signin.SignInVerifier;

/**
 * Sign-in with a wallet signature and no provider (docs/sign-in.md): {@code POST /v1/siwe/nonce} and
 * {@code /v1/siws/nonce} issue a nonce kept in the session store; {@code POST /v1/siwe/sessions} and
 * {@code /v1/siws/sessions} take {@code {"message","signature"}} and, when the verifier accepts them, start the same
 * session an ID token starts. Handlers only throw; ErrorResponses answers (401 for a refusal, 503 for
 * {@code chain_unavailable} and {@code store_unavailable}).
 */
final class SignInRoutes {
    /** Largest message accepted: EIP-4361 messages are a few hundred bytes; resources may add some. */
    static final int MAX_MESSAGE = 16 * 1024;
    /** Largest signature accepted, as text: 6492 wrappers carry a factory call, 1271 wallets their own formats. */
    static final int MAX_SIGNATURE = 16 * 1024;

    private interface Check {
        VerifiedIdentity verify(SignInVerifier verifier, String message, String signature);
    }

    private final String kind;
    private final SignInVerifier verifier;
    private final Check verify;
    private final ApiRoutes api;
    private final Metrics metrics;

    private SignInRoutes(String kind, SignInVerifier verifier,
                         Check verify, ApiRoutes api,
                         Metrics metrics) {
        this.kind = kind;
        this.verifier = verifier;
        this.verify = verify;
        this.api = api;
        this.metrics = metrics;
    }

    /** Sign-In with Ethereum (EIP-4361). */
    static SignInRoutes ethereum(SignInVerifier verifier, ApiRoutes api, Metrics metrics) {
        return new SignInRoutes("siwe", verifier, SignInVerifier::verifySiwe, api, metrics);
    }

    /** Sign-In with Solana. */
    static SignInRoutes solana(SignInVerifier verifier, ApiRoutes api, Metrics metrics) {
        return new SignInRoutes("siws", verifier, SignInVerifier::verifySiws, api, metrics);
    }

    /** {@code siwe} or {@code siws}: the routes' path segment. */
    String kind() {
        return kind;
    }

    /** {@code POST /v1/{kind}/nonce}: 201 {@code {"nonce","issuedAt","expiresAt"}}. A body, if any, is ignored. */
    void nonce(Context ctx) {
        Requests.body(ctx); // bounded and JSON, like every POST
        Nonce nonce = verifier.issueNonce();
        metrics.nonceIssued(kind);
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).contentType("application/json").result(IdentityJson.MAPPER.createObjectNode()
                .put("nonce", nonce.value()).put("issuedAt", nonce.issuedAt().toString())
                .put("expiresAt", nonce.expiresAt().toString()).toString());
    }

    /** {@code POST /v1/{kind}/sessions} {@code {"message","signature"}}: 201 with the session, or the refusal. */
    void session(Context ctx) {
        JsonNode body = Requests.body(ctx);
        String message = required(body, "message");
        String signature = required(body, "signature");
        VerifiedIdentity id;
        try {
            if (message.length() > MAX_MESSAGE) {
                throw new WalletVerificationException(ErrorCode.MESSAGE_INVALID, "the message is longer than "
                        + MAX_MESSAGE + " characters");
            }
            if (signature.length() > MAX_SIGNATURE) {
                throw new WalletVerificationException(ErrorCode.SIGNATURE_INVALID, "the signature is longer than "
                        + MAX_SIGNATURE + " characters");
            }
            id = verify.verify(verifier, message, signature);
        } catch (WalletVerificationException e) {
            metrics.signIn(kind, e.code());
            throw e;
        }
        metrics.signIn(kind, null);
        api.startSession(ctx, id);
    }

    private static String required(JsonNode body, String name) {
        String v = Requests.text(body, name);
        if (v == null || v.isEmpty()) {
            throw ApiException.badRequest("'" + name + "' is required: the body is {\"message\":\"…\","
                    + "\"signature\":\"…\"}");
        }
        return v;
    }
}
