package io.walletgate.server.config;

import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.server.session.ReplayGuard;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One entry of {@code issuers:}, as written; {@link #toProfile()} turns it into the core library's
 * {@link IssuerProfile}, naming the entry and field of any mistake.
 *
 * @param index the entry's position, for messages
 * @param profile one of {@link IssuerProfiles#NAMES}
 * @param name the issuer's name (defaults to the profile)
 * @param audience accepted audiences
 * @param issuer the {@code iss} for {@code sequence-oms} ({@code OMS_TOKEN_ISSUER}) and {@code oidc}
 * @param algorithms allowed algorithms (the profile's own when empty)
 * @param jwksUri key URL override
 * @param jwksFile local JWKS file
 * @param publicKey SPKI PEM text, or a path to a PEM file
 * @param connectors {@code web3auth-external} connector names accepted as {@code iss}
 * @param subjectClaim claim path of the subject
 * @param emailClaim claim path of the email
 * @param nameClaim claim path of the display name
 * @param walletAddressClaim claim path of an Ethereum address the token binds
 * @param requiredClaims claims that must be present
 * @param requireWalletProof whether every verification needs a wallet proof
 * @param maxTokenAge this issuer's maximum token age, or null
 * @param replayProtection how a token is kept from creating two sessions: off (default), auto, jti, nonce, hash
 */
public record IssuerConfig(int index, String profile, String name, List<String> audience, String issuer,
                           List<String> algorithms, String jwksUri, Path jwksFile, String publicKey,
                           List<String> connectors, String subjectClaim, String emailClaim, String nameClaim,
                           String walletAddressClaim, List<String> requiredClaims, boolean requireWalletProof,
                           Duration maxTokenAge, ReplayGuard.Mode replayProtection) {
    private static final Set<String> ISSUER_PROFILES = Set.of(IssuerProfiles.SEQUENCE_OMS, IssuerProfiles.OIDC);

    /** Where this entry is, for messages: {@code issuers[1] (sequence-oms)}. */
    public String where() {
        return "issuers[" + index + "] (" + (name != null ? name : profile) + ")";
    }

    static IssuerConfig read(Fields f, int index, Path baseDir) {
        String profile = f.text("profile", true);
        if (!IssuerProfiles.NAMES.contains(profile)) {
            throw f.error("profile", "is '" + profile + "'; known profiles: " + String.join(", ", IssuerProfiles.NAMES));
        }
        String jwksFile = f.text("jwksFile", false);
        IssuerConfig c = new IssuerConfig(index, profile, f.text("name", false), f.texts("audience", true),
                f.text("issuer", false), f.texts("algorithms", false), f.text("jwksUri", false),
                jwksFile == null ? null : baseDir.resolve(jwksFile).normalize(), f.text("publicKey", false),
                f.texts("connectors", false), f.text("subjectClaim", false), f.text("emailClaim", false),
                f.text("nameClaim", false), f.text("walletAddressClaim", false), f.texts("requiredClaims", false),
                f.bool("requireWalletProof", false), f.duration("maxTokenAge", null), replay(f));
        f.done();
        c.checkCombinations(f);
        return c;
    }

    private static ReplayGuard.Mode replay(Fields f) {
        String value = f.text("replayProtection", false);
        try {
            return value == null ? ReplayGuard.Mode.OFF : ReplayGuard.Mode.parse(value);
        } catch (IllegalArgumentException e) {
            throw f.error("replayProtection", e.getMessage());
        }
    }

    private void checkCombinations(Fields f) {
        if (ISSUER_PROFILES.contains(profile) && issuer == null) {
            throw f.error("issuer", "is required for the " + profile + " profile");
        }
        if (!ISSUER_PROFILES.contains(profile) && issuer != null) {
            throw f.error("issuer", "applies to sequence-oms and oidc only: " + profile + " has a fixed iss");
        }
        if (IssuerProfiles.OIDC.equals(profile) && algorithms.isEmpty()) {
            throw f.error("algorithms", "is required for the oidc profile (any of ES256, ES384, RS256, PS256, EdDSA)");
        }
        if (!connectors.isEmpty() && !IssuerProfiles.WEB3AUTH_EXTERNAL.equals(profile)) {
            throw f.error("connectors", "applies to the web3auth-external profile only");
        }
        int sources = (jwksUri != null ? 1 : 0) + (jwksFile != null ? 1 : 0) + (publicKey != null ? 1 : 0);
        if (sources > 1) {
            throw new ConfigException(f.where() + ": give at most one of 'jwksUri', 'jwksFile', 'publicKey'");
        }
    }

    /**
     * The core profile of this entry.
     *
     * @throws ConfigException naming the entry and field of a value the library refuses
     */
    public IssuerProfile toProfile() {
        IssuerProfile p = field("audience", this::base);
        if (audience.size() > 1) {
            p = field("audience", p, x -> x.withAudience(audience.toArray(String[]::new)));
        }
        if (name != null) {
            p = field("name", p, x -> x.withName(name));
        }
        if (!algorithms.isEmpty()) {
            p = field("algorithms", p, x -> x.withAlgorithms(algorithms.toArray(String[]::new)));
        }
        if (!connectors.isEmpty()) {
            p = field("connectors", p, x -> x.withConnectors(connectors.toArray(String[]::new)));
        }
        if (jwksUri != null) {
            p = field("jwksUri", p, x -> x.withJwksUri(URI.create(jwksUri)));
        }
        if (jwksFile != null) {
            p = field("jwksFile", p, x -> x.withJwksFile(jwksFile));
        }
        if (publicKey != null) {
            p = field("publicKey", p, x -> x.withPublicKeyPem(pem(publicKey)));
        }
        if (subjectClaim != null) {
            p = field("subjectClaim", p, x -> x.withSubjectClaim(subjectClaim));
        }
        if (emailClaim != null) {
            p = field("emailClaim", p, x -> x.withEmailClaim(emailClaim));
        }
        if (nameClaim != null) {
            p = field("nameClaim", p, x -> x.withNameClaim(nameClaim));
        }
        if (walletAddressClaim != null) {
            p = field("walletAddressClaim", p, x -> x.withWalletAddressClaim(walletAddressClaim));
        }
        if (!requiredClaims.isEmpty()) {
            p = field("requiredClaims", p, x -> x.withRequiredClaims(requiredClaims.toArray(String[]::new)));
        }
        if (maxTokenAge != null) {
            p = field("maxTokenAge", p, x -> x.withMaxTokenAge(maxTokenAge));
        }
        return p.requireWalletProof(requireWalletProof);
    }

    private IssuerProfile base() {
        String aud = audience.get(0);
        switch (profile) {
            case IssuerProfiles.WEB3AUTH:
                return IssuerProfiles.web3auth(aud);
            case IssuerProfiles.WEB3AUTH_LEGACY:
                return IssuerProfiles.web3authLegacy(aud);
            case IssuerProfiles.WEB3AUTH_EXTERNAL:
                return IssuerProfiles.web3authExternal(aud);
            case IssuerProfiles.SEQUENCE_OMS:
                return field("issuer", () -> IssuerProfiles.sequenceOms(issuer, aud));
            case IssuerProfiles.SEQUENCE_WAAS:
                return IssuerProfiles.sequenceWaas(aud);
            case IssuerProfiles.NOPWD:
                return IssuerProfiles.nopwd(aud);
            default:
                return IssuerProfiles.oidc(issuer).withAudience(audience.toArray(String[]::new));
        }
    }

    private static String pem(String value) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("is neither a PEM block nor a readable PEM file: " + value);
        }
    }

    private <T> T field(String field, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where() + ": '" + field + "': " + e.getMessage(), e);
        }
    }

    private IssuerProfile field(String field, IssuerProfile p, java.util.function.UnaryOperator<IssuerProfile> f) {
        return field(field, () -> f.apply(p));
    }
}
