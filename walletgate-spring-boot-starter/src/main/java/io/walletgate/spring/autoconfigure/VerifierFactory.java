package io.walletgate.spring.autoconfigure;

import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.VerificationListener;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.RemoteKeyOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Turns {@link WalletGateProperties} into a {@link WalletVerifier}, as the service's configuration loader does with
 * its YAML: the starter checks what only it knows (required and exclusive properties), and every value the core
 * library refuses is reported with the library's own message behind the property path.
 */
final class VerifierFactory {
    private static final String PREFIX = "walletgate.issuers";
    private static final Set<String> ISS_PROFILES = Set.of(IssuerProfiles.SEQUENCE_OMS, IssuerProfiles.OIDC);
    private static final Map<String, String> AUDIENCE_HINT = Map.of(
            IssuerProfiles.WEB3AUTH, "your Web3Auth project's client ID",
            IssuerProfiles.WEB3AUTH_LEGACY, "your Web3Auth project's client ID",
            IssuerProfiles.WEB3AUTH_EXTERNAL, "your Web3Auth client ID or the site's hostname, as in the token's aud",
            IssuerProfiles.SEQUENCE_OMS, "OMS_PROJECT_ID",
            IssuerProfiles.SEQUENCE_WAAS, "https://sequence.build/project/<id>, as in the token's aud",
            IssuerProfiles.NOPWD, "your site's bare domain",
            IssuerProfiles.OIDC, "the audience your issuer puts in aud");

    private VerifierFactory() {
    }

    /**
     * Builds the verifier.
     *
     * @throws InvalidWalletGatePropertyException naming the property of any mistake
     */
    static WalletVerifier create(WalletGateProperties properties, Clock clock, List<VerificationListener> listeners,
                                 List<WalletVerifierCustomizer> customizers) {
        List<WalletGateProperties.Issuer> issuers = properties.getIssuers();
        if (issuers == null || issuers.isEmpty()) {
            throw new InvalidWalletGatePropertyException(PREFIX, PREFIX + " is required: configure at least one"
                    + " issuer, e.g. walletgate.issuers[0].profile=web3auth and walletgate.issuers[0].audience=<client"
                    + " id> (or set walletgate.enabled=false)", null);
        }
        WalletVerifier.Builder builder = WalletVerifier.builder().clock(clock);
        WalletGateProperties.Verification v = properties.getVerification();
        String vp = "walletgate.verification.";
        value(vp + "clock-skew", () -> builder.clockSkew(required(vp + "clock-skew", v.getClockSkew())));
        if (v.getMaxTokenAge() != null) {
            value(vp + "max-token-age", () -> builder.maxTokenAge(v.getMaxTokenAge()));
        }
        value(vp + "token-cache", () -> builder.verifiedTokenCache(
                required(vp + "token-cache", v.getTokenCache()).toBytes()));
        builder.remoteKeyOptions(keyOptions(properties.getKeys()));
        for (int i = 0; i < issuers.size(); i++) {
            builder.issuer(profile(issuers.get(i), PREFIX + "[" + i + "]"));
        }
        listeners.forEach(builder::listener);
        customizers.forEach(c -> c.customize(builder));
        return value(PREFIX, builder::build);
    }

    private static RemoteKeyOptions keyOptions(WalletGateProperties.Keys k) {
        String p = "walletgate.keys.";
        RemoteKeyOptions.Builder o = RemoteKeyOptions.builder();
        value(p + "cooldown", () -> o.cooldown(required(p + "cooldown", k.getCooldown())));
        value(p + "stale-limit", () -> o.staleLimit(required(p + "stale-limit", k.getStaleLimit())));
        value(p + "default-max-age", () -> o.defaultMaxAge(required(p + "default-max-age", k.getDefaultMaxAge())));
        value(p + "connect-timeout", () -> o.connectTimeout(required(p + "connect-timeout", k.getConnectTimeout())));
        value(p + "read-timeout", () -> o.readTimeout(required(p + "read-timeout", k.getReadTimeout())));
        return o.dataDirectory(k.getDataDirectory()).build();
    }

    private static IssuerProfile profile(WalletGateProperties.Issuer c, String at) {
        String profile = c.getProfile();
        if (profile == null || profile.isBlank()) {
            throw new InvalidWalletGatePropertyException(at + ".profile", at + ".profile is required: one of "
                    + String.join(", ", IssuerProfiles.NAMES), null);
        }
        if (!IssuerProfiles.NAMES.contains(profile)) {
            throw new InvalidWalletGatePropertyException(at + ".profile", at + ".profile is '" + profile
                    + "'; known profiles: " + String.join(", ", IssuerProfiles.NAMES), null);
        }
        List<String> audience = c.getAudience() == null ? List.of() : c.getAudience();
        if (audience.isEmpty()) {
            throw new InvalidWalletGatePropertyException(at + ".audience", at + ".audience is required for the "
                    + profile + " profile (" + AUDIENCE_HINT.get(profile) + ")", null);
        }
        checkCombinations(c, at);
        // the library checks the issuer URL of sequence-oms and oidc, and the audience of the others
        IssuerProfile p = value(at + (ISS_PROFILES.contains(profile) ? ".issuer" : ".audience"),
                () -> base(c, audience));
        if (audience.size() > 1 || IssuerProfiles.OIDC.equals(profile)) {
            p = value(at + ".audience", p, x -> x.withAudience(audience.toArray(String[]::new)));
        }
        p = optional(c.getName(), at + ".name", p, (x, name) -> x.withName(name));
        p = optionalList(c.getAlgorithms(), at + ".algorithms", p, (x, a) -> x.withAlgorithms(a));
        p = optionalList(c.getConnectors(), at + ".connectors", p, (x, a) -> x.withConnectors(a));
        p = optional(c.getJwksUri(), at + ".jwks-uri", p, (x, uri) -> x.withJwksUri(URI.create(uri.strip())));
        p = optional(c.getJwksFile(), at + ".jwks-file", p, IssuerProfile::withJwksFile);
        p = optional(c.getPublicKey(), at + ".public-key", p, (x, pem) -> x.withPublicKeyPem(pem(pem)));
        p = optional(c.getSubjectClaim(), at + ".subject-claim", p, IssuerProfile::withSubjectClaim);
        p = optional(c.getEmailClaim(), at + ".email-claim", p, IssuerProfile::withEmailClaim);
        p = optional(c.getNameClaim(), at + ".name-claim", p, IssuerProfile::withNameClaim);
        p = optional(c.getWalletAddressClaim(), at + ".wallet-address-claim", p,
                IssuerProfile::withWalletAddressClaim);
        p = optionalList(c.getRequiredClaims(), at + ".required-claims", p, (x, a) -> x.withRequiredClaims(a));
        p = optional(c.getMaxTokenAge(), at + ".max-token-age", p, IssuerProfile::withMaxTokenAge);
        return p.requireWalletProof(c.isRequireWalletProof());
    }

    private static void checkCombinations(WalletGateProperties.Issuer c, String at) {
        String profile = c.getProfile();
        if (ISS_PROFILES.contains(profile) && (c.getIssuer() == null || c.getIssuer().isBlank())) {
            throw new InvalidWalletGatePropertyException(at + ".issuer", at + ".issuer is required for the " + profile
                    + " profile" + (IssuerProfiles.SEQUENCE_OMS.equals(profile) ? " (OMS_TOKEN_ISSUER)" : ""), null);
        }
        if (!ISS_PROFILES.contains(profile) && c.getIssuer() != null) {
            throw new InvalidWalletGatePropertyException(at + ".issuer", at + ".issuer applies to sequence-oms and"
                    + " oidc only: " + profile + " has a fixed iss", null);
        }
        if (IssuerProfiles.OIDC.equals(profile) && (c.getAlgorithms() == null || c.getAlgorithms().isEmpty())) {
            throw new InvalidWalletGatePropertyException(at + ".algorithms", at + ".algorithms is required for the"
                    + " oidc profile (any of ES256, ES384, RS256, PS256, EdDSA)", null);
        }
        int sources = (c.getJwksUri() != null ? 1 : 0) + (c.getJwksFile() != null ? 1 : 0)
                + (c.getPublicKey() != null ? 1 : 0);
        if (sources > 1) {
            throw new InvalidWalletGatePropertyException(at, at + ": give at most one of jwks-uri, jwks-file and"
                    + " public-key", null);
        }
    }

    private static IssuerProfile base(WalletGateProperties.Issuer c, List<String> audience) {
        String aud = audience.get(0);
        switch (c.getProfile()) {
            case IssuerProfiles.WEB3AUTH:
                return IssuerProfiles.web3auth(aud);
            case IssuerProfiles.WEB3AUTH_LEGACY:
                return IssuerProfiles.web3authLegacy(aud);
            case IssuerProfiles.WEB3AUTH_EXTERNAL:
                return IssuerProfiles.web3authExternal(aud);
            case IssuerProfiles.SEQUENCE_OMS:
                return IssuerProfiles.sequenceOms(c.getIssuer(), aud);
            case IssuerProfiles.SEQUENCE_WAAS:
                return IssuerProfiles.sequenceWaas(aud);
            case IssuerProfiles.NOPWD:
                return IssuerProfiles.nopwd(aud);
            default:
                return IssuerProfiles.oidc(c.getIssuer()); // its audiences follow, named as audience
        }
    }

    // publicKey is a PEM block or the path of a PEM file, as in the service's YAML.
    private static String pem(String value) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value.strip()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("is neither a PEM block nor a readable PEM file: " + value.strip(), e);
        }
    }

    private static <T> T required(String property, T value) {
        if (value == null) {
            throw new InvalidWalletGatePropertyException(property, property + " must not be empty", null);
        }
        return value;
    }

    /** Runs {@code action}; an {@link IllegalArgumentException} of the library is reported under {@code property}. */
    private static <T> T value(String property, Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidWalletGatePropertyException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidWalletGatePropertyException(property, property + ": " + e.getMessage(), e);
        }
    }

    private static <T> T value(String property, T current, UnaryOperator<T> change) {
        return value(property, () -> change.apply(current));
    }

    private static <V> IssuerProfile optional(V v, String property, IssuerProfile p,
                                              java.util.function.BiFunction<IssuerProfile, V, IssuerProfile> with) {
        return v == null ? p : value(property, () -> with.apply(p, v));
    }

    private static IssuerProfile optionalList(List<String> v, String property, IssuerProfile p,
                                              java.util.function.BiFunction<IssuerProfile, String[], IssuerProfile>
                                                      with) {
        return v == null || v.isEmpty() ? p : value(property, () -> with.apply(p, v.toArray(String[]::new)));
    }
}
