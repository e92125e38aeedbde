package io.walletgate.testkit;

/** The lines a dev issuer prints on start for one profile: a loud warning, then how to mint and how to verify. */
final class DevIssuerUsage {
    private DevIssuerUsage() {
    }

    static String text(DevIssuer issuer, ProviderShape shape) {
        if (!io.walletgate.IssuerProfiles.NAMES.contains(shape.profile())) {
            return providerText(issuer, shape);
        }
        String profile = shape.profile();
        String base = issuer.baseUri().toString();
        String aud = issuer.audience();
        String jwks = issuer.jwksUri(profile).toString();
        String iss = issuer.issuer(profile);
        String proof = shape.socialWallets() ? " --app-pub-key <appPublicKey>"
                : shape == ProviderShape.WEB3AUTH_EXTERNAL ? " --address <address>" : "";
        // Sequence OMS and OIDC find their keys from their issuer, which is this server; the others need the override.
        boolean ownIssuer = shape == ProviderShape.SEQUENCE_OMS || shape == ProviderShape.OIDC;
        String keys = ownIssuer ? "" : " --jwks-uri " + jwks;
        String issuerFlag = ownIssuer ? " --issuer " + iss : "";
        StringBuilder sb = new StringBuilder();
        sb.append("WalletGate dev issuer at ").append(base).append('\n');
        sb.append("!! FOR DEVELOPMENT AND TESTS ONLY: its keys are made at start and its tokens prove nothing."
                + " Never configure it in production.\n");
        sb.append("profile  ").append(profile).append(" (").append(issuer.keyRing(shape).algorithm()).append(")\n");
        sb.append("iss      ").append(iss).append('\n');
        sb.append("jwks     ").append(jwks).append('\n');
        if (shape == ProviderShape.OIDC) {
            sb.append("discover ").append(base).append(ProviderShape.OIDC_DISCOVERY_PATH).append('\n');
        }
        sb.append("aud      ").append(aud).append('\n');
        sb.append("mint     curl -s -X POST ").append(base).append("/token -H 'Content-Type: application/json' -d '")
                .append("{\"profile\":\"").append(profile).append("\"}'\n");
        sb.append("verify   walletgate verify --profile ").append(profile).append(" --audience ").append(aud)
                .append(issuerFlag).append(keys).append(proof).append(" <token>\n");
        sb.append("serve    issuers: [{profile: ").append(profile).append(", audience: ").append(aud);
        if (!issuerFlag.isEmpty()) {
            sb.append(", issuer: ").append(iss);
        }
        if (!keys.isEmpty()) {
            sb.append(", jwksUri: ").append(jwks);
        }
        sb.append("}]\n");
        return sb.toString();
    }

    // The providers whose core profiles come with issue 18's second phase: what is served, how to mint, and which
    // of the provider's own tools verify the tokens meanwhile.
    private static String providerText(DevIssuer issuer, ProviderShape shape) {
        String profile = shape.profile();
        String base = issuer.baseUri().toString();
        StringBuilder sb = new StringBuilder();
        sb.append("WalletGate dev issuer at ").append(base).append('\n');
        sb.append("!! FOR DEVELOPMENT AND TESTS ONLY: its keys are made at start and its tokens prove nothing."
                + " Never configure it in production.\n");
        if (shape.jwt()) {
            sb.append("profile  ").append(profile).append(" (").append(issuer.keyRing(shape).algorithm()).append(")\n");
            String iss = issuer.issuer(profile);
            sb.append("iss      ").append(iss == null ? "(none: " + profile + " tokens carry no iss)" : iss).append('\n');
            sb.append("jwks     ").append(issuer.jwksUri(profile)).append('\n');
            sb.append("key      ").append(base).append(DevIssuerHttp.verificationKeyPath(shape))
                    .append(" (SPKI PEM, the dashboard's verification key)\n");
        } else {
            sb.append("profile  ").append(profile).append(" (a DID token signed by its own wallet: personal_sign)\n");
            sb.append("iss      did:ethr:<the token's wallet address>\n");
        }
        sb.append("aud      ").append(issuer.audience()).append('\n');
        sb.append("mint     curl -s -X POST ").append(base).append("/token -H 'Content-Type: application/json' -d '")
                .append("{\"profile\":\"").append(profile).append("\"}'\n");
        sb.append("verify   WalletGate's ").append(profile).append(" profile comes with issue 18; meanwhile the")
                .append(" provider's own SDK verifies these tokens (docs/providers-sources.md)\n");
        return sb.toString();
    }
}
