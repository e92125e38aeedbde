package io.walletgate.testkit;

/** The lines a dev issuer prints on start for one profile: a loud warning, then how to mint and how to verify. */
final class DevIssuerUsage {
    private DevIssuerUsage() {
    }

    static String text(DevIssuer issuer, ProviderShape shape) {
        String profile = shape.profile();
        String base = issuer.baseUri().toString();
        String aud = issuer.audience();
        String iss = issuer.issuer(profile);
        String proof = shape.socialWallets() ? " --app-pub-key <appPublicKey>"
                : shape.addressWallets() && shape != ProviderShape.MAGIC ? " --address <address>" : "";
        // Sequence OMS and OIDC find their keys from their issuer, which is this server; Magic's tokens carry their
        // signer; the others need the override.
        boolean ownIssuer = shape == ProviderShape.SEQUENCE_OMS || shape == ProviderShape.OIDC;
        String jwks = shape.jwt() ? issuer.jwksUri(profile).toString() : null;
        String keys = ownIssuer || jwks == null ? "" : " --jwks-uri " + jwks;
        String issuerFlag = ownIssuer ? " --issuer " + iss : "";
        String environment = shape == ProviderShape.DYNAMIC ? DevIssuer.DYNAMIC_ENVIRONMENT_ID : null;
        StringBuilder sb = new StringBuilder();
        sb.append("WalletGate dev issuer at ").append(base).append('\n');
        sb.append("!! FOR DEVELOPMENT AND TESTS ONLY: its keys are made at start and its tokens prove nothing."
                + " Never configure it in production.\n");
        if (shape.jwt()) {
            sb.append("profile  ").append(profile).append(" (").append(issuer.keyRing(shape).algorithm()).append(")\n");
            sb.append("iss      ").append(iss == null ? "(none: " + profile + " tokens carry no iss)" : iss)
                    .append('\n');
            sb.append("jwks     ").append(jwks).append('\n');
        } else {
            sb.append("profile  ").append(profile).append(" (a DID token signed by its own wallet: personal_sign)\n");
            sb.append("iss      ").append(iss).append('\n');
        }
        if (shape == ProviderShape.PRIVY || shape == ProviderShape.DYNAMIC) {
            sb.append("key      ").append(base).append(DevIssuerHttp.verificationKeyPath(shape))
                    .append(" (SPKI PEM, the dashboard's verification key)\n");
        }
        if (shape == ProviderShape.OIDC) {
            sb.append("discover ").append(base).append(ProviderShape.OIDC_DISCOVERY_PATH).append('\n');
        }
        sb.append("aud      ").append(aud).append('\n');
        sb.append("mint     curl -s -X POST ").append(base).append("/token -H 'Content-Type: application/json' -d '")
                .append("{\"profile\":\"").append(profile).append("\"}'\n");
        sb.append("verify   walletgate verify --profile ").append(profile).append(" --audience ").append(aud)
                .append(environment == null ? "" : " --environment-id " + environment)
                .append(issuerFlag).append(keys).append(proof).append(" <token>\n");
        sb.append("serve    issuers: [{profile: ").append(profile).append(", audience: ").append(aud);
        if (environment != null) {
            sb.append(", environmentId: ").append(environment);
        }
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
