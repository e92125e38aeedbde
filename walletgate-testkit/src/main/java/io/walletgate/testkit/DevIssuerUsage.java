package io.walletgate.testkit;

/** The lines a dev issuer prints on start for one profile: a loud warning, then how to mint and how to verify. */
final class DevIssuerUsage {
    private DevIssuerUsage() {
    }

    static String text(DevIssuer issuer, ProviderShape shape) {
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
}
