package io.walletgate;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One issuer described by plain settings, as a configuration file or framework properties write it (profile name,
 * audience, key source, PEM, files, algorithms, claim paths), and the one mapping from them to an
 * {@link IssuerProfile}: the service's YAML and environment, its command-line flags and the Spring Boot starter's
 * properties all use it. Setters only store what was written (null or empty means unset); {@link #toProfile()}
 * checks everything and names the setting of any mistake ({@link IssuerSettingException}). Not thread-safe; the
 * profile it builds is immutable.
 *
 * <p>Files: a relative {@code jwksFile}, and a {@code publicKey} that is a file path rather than a PEM block, resolve
 * against {@link #baseDirectory} (the configuration file's folder for the service; the working directory when no
 * folder is given). Each file is read once, by {@link #toProfile()}.
 *
 * <pre>{@code
 * IssuerProfile p = new IssuerSettings().profile("sequence-oms").issuer("https://oms.example")
 *     .audience(List.of("my-project")).toProfile();
 * }</pre>
 */
public final class IssuerSettings {
    // read by IssuerSettingsCheck, in this package
    String profile;
    String name;
    List<String> audience = List.of();
    String issuer;
    List<String> algorithms = List.of();
    String jwksUri;
    List<String> jwksHosts = List.of();
    String jwksFile;
    String publicKey;
    List<String> connectors = List.of();
    String environmentId;
    String environment;
    String subjectClaim;
    String emailClaim;
    String nameClaim;
    String walletAddressClaim;
    List<String> requiredClaims = List.of();
    boolean requireWalletProof;
    Duration maxTokenAge;
    Path baseDirectory = Path.of("");

    /** Empty settings; {@link #profile} and {@link #audience} are always needed. */
    public IssuerSettings() {
    }

    /**
     * {@code profile}: one of {@link IssuerProfiles#NAMES}.
     *
     * @param value the profile's name
     * @return these settings
     */
    public IssuerSettings profile(String value) {
        this.profile = value;
        return this;
    }

    /**
     * {@code name}: the issuer's unique name; default the profile.
     *
     * @param value the issuer's name
     * @return these settings
     */
    public IssuerSettings name(String value) {
        this.name = value;
        return this;
    }

    /**
     * {@code audience}: the accepted audiences, at least one.
     *
     * @param values the audiences
     * @return these settings
     */
    public IssuerSettings audience(List<String> values) {
        this.audience = list(values);
        return this;
    }

    /**
     * {@code issuer}: the {@code iss}, for {@code sequence-oms} ({@code OMS_TOKEN_ISSUER}) and {@code oidc} only.
     *
     * @param value the {@code iss} value
     * @return these settings
     */
    public IssuerSettings issuer(String value) {
        this.issuer = value;
        return this;
    }

    /**
     * {@code algorithms}: the allowed algorithms; the profile's own when empty; required for {@code oidc}.
     *
     * @param values the JOSE names of the algorithms
     * @return these settings
     */
    public IssuerSettings algorithms(List<String> values) {
        this.algorithms = list(values);
        return this;
    }

    /**
     * {@code jwksUri}: the key URL instead of the profile's.
     *
     * @param value the key URL
     * @return these settings
     */
    public IssuerSettings jwksUri(String value) {
        this.jwksUri = value;
        return this;
    }

    /**
     * {@code jwksHosts}: {@code oidc} only, hosts besides the issuer's own a discovered key URL may be on.
     *
     * @param values host names
     * @return these settings
     */
    public IssuerSettings jwksHosts(List<String> values) {
        this.jwksHosts = list(values);
        return this;
    }

    /**
     * {@code jwksFile}: a local JWKS file, relative to the {@link #baseDirectory}.
     *
     * @param value the path of the JWKS file
     * @return these settings
     */
    public IssuerSettings jwksFile(String value) {
        this.jwksFile = value;
        return this;
    }

    /**
     * {@code publicKey}: an SPKI PEM block, or the path of a PEM file relative to the {@link #baseDirectory}.
     *
     * @param value the PEM block or the path of a PEM file
     * @return these settings
     */
    public IssuerSettings publicKey(String value) {
        this.publicKey = value;
        return this;
    }

    /**
     * {@code connectors}: {@code web3auth-external} only, connector names also accepted as {@code iss}.
     *
     * @param values the connector names
     * @return these settings
     */
    public IssuerSettings connectors(List<String> values) {
        this.connectors = list(values);
        return this;
    }

    /**
     * {@code environmentId}: {@code dynamic} only (required there), the Dynamic environment ID.
     *
     * @param value the environment ID
     * @return these settings
     */
    public IssuerSettings environmentId(String value) {
        this.environmentId = value;
        return this;
    }

    /**
     * {@code environment}: {@code para} only, {@code production} (default), {@code beta} or {@code sandbox}.
     *
     * @param value the Para environment
     * @return these settings
     */
    public IssuerSettings environment(String value) {
        this.environment = value;
        return this;
    }

    /**
     * {@code subjectClaim}: the claim path of the subject; the profile's when unset.
     *
     * @param value the claim path
     * @return these settings
     */
    public IssuerSettings subjectClaim(String value) {
        this.subjectClaim = value;
        return this;
    }

    /**
     * {@code emailClaim}: the claim path of the email; the profile's when unset.
     *
     * @param value the claim path
     * @return these settings
     */
    public IssuerSettings emailClaim(String value) {
        this.emailClaim = value;
        return this;
    }

    /**
     * {@code nameClaim}: the claim path of the display name; the profile's when unset.
     *
     * @param value the claim path
     * @return these settings
     */
    public IssuerSettings nameClaim(String value) {
        this.nameClaim = value;
        return this;
    }

    /**
     * {@code walletAddressClaim}: the claim path of an Ethereum address the token binds.
     *
     * @param value the claim path
     * @return these settings
     */
    public IssuerSettings walletAddressClaim(String value) {
        this.walletAddressClaim = value;
        return this;
    }

    /**
     * {@code requiredClaims}: claims that must be present beyond the profile's own.
     *
     * @param values the claim paths
     * @return these settings
     */
    public IssuerSettings requiredClaims(List<String> values) {
        this.requiredClaims = list(values);
        return this;
    }

    /**
     * {@code requireWalletProof}: whether every verification needs a wallet proof; default false.
     *
     * @param value whether a proof is required
     * @return these settings
     */
    public IssuerSettings requireWalletProof(boolean value) {
        this.requireWalletProof = value;
        return this;
    }

    /**
     * {@code maxTokenAge}: this issuer's maximum token age; the verifier's when unset.
     *
     * @param value the maximum token age
     * @return these settings
     */
    public IssuerSettings maxTokenAge(Duration value) {
        this.maxTokenAge = value;
        return this;
    }

    /**
     * The folder relative file settings resolve against; default the working directory.
     *
     * @param directory the folder, usually the configuration file's
     * @return these settings
     */
    public IssuerSettings baseDirectory(Path directory) {
        this.baseDirectory = directory == null ? Path.of("") : directory;
        return this;
    }

    /**
     * The profile these settings describe, its key files read now.
     *
     * @return the profile
     * @throws IssuerSettingException naming the setting of the first mistake: one that is missing, one that does not
     *     apply to the profile, two key sources, or a value the library refuses (with its message)
     */
    public IssuerProfile toProfile() {
        IssuerSettingsCheck.check(this);
        IssuerProfile p = refused(IssuerSettingsCheck.baseSetting(this), this::base);
        if (audience.size() > 1 || IssuerProfiles.OIDC.equals(profile)) {
            p = refused("audience", p, x -> x.withAudience(audience.toArray(String[]::new)));
        }
        if (name != null) {
            p = refused("name", p, x -> x.withName(name));
        }
        if (!algorithms.isEmpty()) {
            p = refused("algorithms", p, x -> x.withAlgorithms(algorithms.toArray(String[]::new)));
        }
        if (!connectors.isEmpty()) {
            p = refused("connectors", p, x -> x.withConnectors(connectors.toArray(String[]::new)));
        }
        if (jwksUri != null) {
            p = refused("jwksUri", p, x -> x.withJwksUri(URI.create(jwksUri.strip())));
        }
        if (!jwksHosts.isEmpty()) {
            p = refused("jwksHosts", p, x -> x.withJwksHosts(jwksHosts.toArray(String[]::new)));
        }
        if (jwksFile != null) {
            p = refused("jwksFile", p, x -> x.withJwksFile(baseDirectory.resolve(jwksFile.strip()).normalize()));
        }
        if (publicKey != null) {
            p = refused("publicKey", p, x -> x.withPublicKeyPem(pem(publicKey)));
        }
        p = claimPaths(p);
        if (maxTokenAge != null) {
            p = refused("maxTokenAge", p, x -> x.withMaxTokenAge(maxTokenAge));
        }
        return p.requireWalletProof(requireWalletProof);
    }

    private IssuerProfile claimPaths(IssuerProfile profile) {
        IssuerProfile p = profile;
        if (subjectClaim != null) {
            p = refused("subjectClaim", p, x -> x.withSubjectClaim(subjectClaim));
        }
        if (emailClaim != null) {
            p = refused("emailClaim", p, x -> x.withEmailClaim(emailClaim));
        }
        if (nameClaim != null) {
            p = refused("nameClaim", p, x -> x.withNameClaim(nameClaim));
        }
        if (walletAddressClaim != null) {
            p = refused("walletAddressClaim", p, x -> x.withWalletAddressClaim(walletAddressClaim));
        }
        if (!requiredClaims.isEmpty()) {
            p = refused("requiredClaims", p, x -> x.withRequiredClaims(requiredClaims.toArray(String[]::new)));
        }
        return p;
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
                return IssuerProfiles.sequenceOms(issuer.strip(), aud);
            case IssuerProfiles.SEQUENCE_WAAS:
                return IssuerProfiles.sequenceWaas(aud);
            case IssuerProfiles.NOPWD:
                return IssuerProfiles.nopwd(aud);
            case IssuerProfiles.PRIVY:
                return IssuerProfiles.privy(aud);
            case IssuerProfiles.DYNAMIC:
                return IssuerProfiles.dynamic(environmentId.strip(), aud);
            case IssuerProfiles.MAGIC:
                return IssuerProfiles.magic(aud);
            case IssuerProfiles.PARA:
                return IssuerProfiles.para(aud, environment == null ? "production" : environment);
            default:
                return IssuerProfiles.oidc(issuer.strip()); // its audiences follow
        }
    }

    // publicKey is a PEM block or the path of a PEM file.
    String pem(String value) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(baseDirectory.resolve(value.strip()).normalize());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("is neither a PEM block nor a readable PEM file: " + value.strip(), e);
        }
    }

    private static IssuerProfile refused(String setting, Supplier<IssuerProfile> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IssuerSettingException(setting, e.getMessage(), true, e);
        }
    }

    private static IssuerProfile refused(String setting, IssuerProfile p, UnaryOperator<IssuerProfile> change) {
        return refused(setting, () -> change.apply(p));
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
