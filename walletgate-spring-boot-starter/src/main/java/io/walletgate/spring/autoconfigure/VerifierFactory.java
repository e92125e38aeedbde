package io.walletgate.spring.autoconfigure;

import io.walletgate.IssuerProfile;
import io.walletgate.IssuerSettingException;
import io.walletgate.IssuerSettings;
import io.walletgate.VerificationListener;
import io.walletgate.WalletVerifier;
import io.walletgate.keys.RemoteKeyOptions;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns {@link WalletGateProperties} into a {@link WalletVerifier} with the core library's one mapping from settings
 * to profiles ({@link IssuerSettings}), as the service's configuration loader does with its YAML: every mistake is
 * reported behind the property path, a value the library refuses with the library's own message. Relative file
 * paths ({@code jwks-file}, a {@code public-key} path) resolve against the working directory.
 */
final class VerifierFactory {
    private static final String PREFIX = "walletgate.issuers";

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
        value(p + "unknown-kid-waiters", () -> o.unknownKidWaiters(k.getUnknownKidWaiters()));
        value(p + "unknown-kid-wait", () -> o.unknownKidWait(required(p + "unknown-kid-wait", k.getUnknownKidWait())));
        return o.dataDirectory(k.getDataDirectory()).build();
    }

    // The core library's one mapping from settings to a profile; its mistakes are named by property.
    private static IssuerProfile profile(WalletGateProperties.Issuer c, String at) {
        IssuerSettings settings = new IssuerSettings()
                .profile(c.getProfile())
                .name(c.getName())
                .audience(c.getAudience())
                .issuer(c.getIssuer())
                .algorithms(c.getAlgorithms())
                .jwksUri(c.getJwksUri())
                .jwksHosts(c.getJwksHosts())
                .jwksFile(c.getJwksFile() == null ? null : c.getJwksFile().toString())
                .publicKey(c.getPublicKey())
                .connectors(c.getConnectors())
                .environmentId(c.getEnvironmentId())
                .environment(c.getEnvironment())
                .subjectClaim(c.getSubjectClaim())
                .emailClaim(c.getEmailClaim())
                .nameClaim(c.getNameClaim())
                .walletAddressClaim(c.getWalletAddressClaim())
                .requiredClaims(c.getRequiredClaims())
                .requireWalletProof(c.isRequireWalletProof())
                .maxTokenAge(c.getMaxTokenAge());
        try {
            return settings.toProfile();
        } catch (IssuerSettingException e) {
            if (e.setting() == null) {
                throw new InvalidWalletGatePropertyException(at, at + ": " + e.describe(VerifierFactory::kebab), e);
            }
            String property = at + "." + kebab(e.setting());
            throw new InvalidWalletGatePropertyException(property, e.describe(x -> at + "." + kebab(x)),
                    e.refused() && e.getCause() != null ? e.getCause() : e);
        }
    }

    // jwksUri -> jwks-uri: Spring's name of a setting
    private static String kebab(String setting) {
        return setting.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
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
}
