package io.walletgate;

import java.util.Map;
import java.util.Set;

/**
 * What only an {@link IssuerSettings}' settings together can say, before any profile is built: which are needed,
 * which apply to the profile, which exclude each other; and which setting a refusal of the profile's base values names.
 */
final class IssuerSettingsCheck {
    static final Set<String> OWN_ISS = Set.of(IssuerProfiles.SEQUENCE_OMS, IssuerProfiles.OIDC);
    static final Map<String, String> AUDIENCE_HINT = Map.ofEntries(
            Map.entry(IssuerProfiles.WEB3AUTH, "your Web3Auth project's client ID"),
            Map.entry(IssuerProfiles.WEB3AUTH_LEGACY, "your Web3Auth project's client ID"),
            Map.entry(IssuerProfiles.WEB3AUTH_EXTERNAL,
                    "your Web3Auth client ID or the site's hostname, as in the token's aud"),
            Map.entry(IssuerProfiles.SEQUENCE_OMS, "OMS_PROJECT_ID"),
            Map.entry(IssuerProfiles.SEQUENCE_WAAS, "https://sequence.build/project/<id>, as in the token's aud"),
            Map.entry(IssuerProfiles.NOPWD, "your site's bare domain"),
            Map.entry(IssuerProfiles.OIDC, "the audience your issuer puts in aud"),
            Map.entry(IssuerProfiles.PRIVY, "your Privy app ID"),
            Map.entry(IssuerProfiles.DYNAMIC, "your site's origin, e.g. https://app.example"),
            Map.entry(IssuerProfiles.MAGIC, "your Magic client ID"),
            Map.entry(IssuerProfiles.PARA, "your Para API key's ID"));

    private IssuerSettingsCheck() {
    }

    // What only the settings can say: which are needed, which apply to the profile, which exclude each other.
    static void check(IssuerSettings s) {
        if (s.profile == null || s.profile.isBlank()) {
            throw IssuerSettingException.missing("profile", ": one of " + String.join(", ", IssuerProfiles.NAMES));
        }
        if (!IssuerProfiles.NAMES.contains(s.profile)) {
            throw new IssuerSettingException("profile", "is '" + s.profile + "'; known profiles: "
                    + String.join(", ", IssuerProfiles.NAMES), false, null);
        }
        if (s.audience.isEmpty()) {
            throw IssuerSettingException.missing("audience", " for the " + s.profile + " profile ("
                    + AUDIENCE_HINT.get(s.profile) + ")");
        }
        if (OWN_ISS.contains(s.profile) && (s.issuer == null || s.issuer.isBlank())) {
            throw IssuerSettingException.missing("issuer", " for the " + s.profile + " profile"
                    + (IssuerProfiles.SEQUENCE_OMS.equals(s.profile) ? " (OMS_TOKEN_ISSUER)" : ""));
        }
        if (!OWN_ISS.contains(s.profile) && s.issuer != null) {
            throw new IssuerSettingException("issuer", "applies to sequence-oms and oidc only: " + s.profile
                    + " has a fixed iss", false, null);
        }
        if (IssuerProfiles.OIDC.equals(s.profile) && s.algorithms.isEmpty()) {
            throw IssuerSettingException.missing("algorithms", " for the oidc profile (any of ES256, ES384, RS256,"
                    + " PS256, EdDSA)");
        }
        if (!s.connectors.isEmpty() && !IssuerProfiles.WEB3AUTH_EXTERNAL.equals(s.profile)) {
            throw new IssuerSettingException("connectors", "applies to the web3auth-external profile only", false,
                    null);
        }
        if (!s.jwksHosts.isEmpty() && (!IssuerProfiles.OIDC.equals(s.profile) || s.jwksUri != null)) {
            throw new IssuerSettingException("jwksHosts", "applies to the oidc profile's discovered key URL only (not"
                    + " with jwksUri)", false, null);
        }
        checkEnvironments(s);
        int sources = (s.jwksUri != null ? 1 : 0) + (s.jwksFile != null ? 1 : 0) + (s.publicKey != null ? 1 : 0);
        if (sources > 1) {
            throw new IssuerSettingException(null, "give at most one of {jwksUri}, {jwksFile} and {publicKey}",
                    false, null);
        }
    }

    // Dynamic names its environment by ID, Para by name: each setting applies to its own profile only.
    private static void checkEnvironments(IssuerSettings s) {
        boolean dynamic = IssuerProfiles.DYNAMIC.equals(s.profile);
        if (dynamic && (s.environmentId == null || s.environmentId.isBlank())) {
            throw IssuerSettingException.missing("environmentId", " for the dynamic profile (the environment ID of"
                    + " your Dynamic dashboard)");
        }
        if (!dynamic && s.environmentId != null) {
            throw new IssuerSettingException("environmentId", "applies to the dynamic profile only", false, null);
        }
        if (s.environment != null && !IssuerProfiles.PARA.equals(s.profile)) {
            throw new IssuerSettingException("environment", "applies to the para profile only", false, null);
        }
    }

    // The setting a refusal of the profile's base values names.
    static String baseSetting(IssuerSettings s) {
        if (OWN_ISS.contains(s.profile)) {
            return "issuer";
        }
        if (IssuerProfiles.DYNAMIC.equals(s.profile) && !s.audience.get(0).isBlank()) {
            return "environmentId";
        }
        return s.environment != null ? "environment" : "audience";
    }
}
