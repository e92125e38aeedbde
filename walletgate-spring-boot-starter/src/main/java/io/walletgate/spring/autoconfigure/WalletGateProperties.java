package io.walletgate.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code walletgate.*} properties: the same issuer model as the service's YAML configuration (docs/architecture.md
 * §9), in Spring's kebab-case. Bound and checked at context start; a mistake stops the start naming the property
 * ({@code walletgate.issuers[0].audience is required}).
 *
 * <pre>{@code
 * walletgate:
 *   issuers:
 *     - profile: web3auth
 *       audience: BFL8Z_Awr3p…      # the project's client ID
 *   verification:
 *     clock-skew: 60s
 * }</pre>
 */
@ConfigurationProperties(prefix = "walletgate", ignoreUnknownFields = false)
public class WalletGateProperties {
    /** Whether to auto-configure a WalletVerifier and the Spring Security integration. */
    private boolean enabled = true;

    /** The issuers to trust; at least one. Each token goes to the issuer its iss names. */
    private List<Issuer> issuers = new ArrayList<>();

    private final Verification verification = new Verification();

    private final Keys keys = new Keys();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<Issuer> getIssuers() {
        return issuers;
    }

    public void setIssuers(List<Issuer> issuers) {
        this.issuers = issuers;
    }

    public Verification getVerification() {
        return verification;
    }

    public Keys getKeys() {
        return keys;
    }

    /** One issuer to trust ({@code walletgate.issuers[N].*}). */
    public static class Issuer {
        /**
         * The issuer profile: web3auth, web3auth-legacy, web3auth-external, sequence-oms, sequence-waas, nopwd,
         * oidc, privy, dynamic, magic or para.
         */
        private String profile;

        /** The issuer's name, unique; defaults to the profile. Authorities are WALLET_ISSUER_<name>. */
        private String name;

        /** Accepted audiences (the token's aud must contain one): the Web3Auth client ID, OMS_PROJECT_ID, the
         * NoPwd domain, … */
        private List<String> audience = new ArrayList<>();

        /** The iss, for sequence-oms (OMS_TOKEN_ISSUER) and oidc only: the other profiles have a fixed one. */
        private String issuer;

        /** Allowed algorithms (ES256, ES384, RS256, PS256, EdDSA); the profile's own when empty; required for
         * oidc. */
        private List<String> algorithms = new ArrayList<>();

        /** Key URL override (https; plain http only on a loopback host). */
        private String jwksUri;

        /** oidc only: hosts besides the issuer's own that a key URL found by discovery may be on. */
        private List<String> jwksHosts = new ArrayList<>();

        /** A local JWKS file, read once at start (air-gapped deployments, tests). */
        private Path jwksFile;

        /** An SPKI PEM public key (Web3Auth's dashboard "verification key"), inline or a file path. */
        private String publicKey;

        /** web3auth-external only: connector names also accepted as iss (metamask, phantom, …). */
        private List<String> connectors = new ArrayList<>();

        /** dynamic only (required there): the Dynamic environment ID. */
        private String environmentId;

        /** para only: production (default), beta or sandbox. */
        private String environment;

        /** Claim path of the subject (dotted for nested claims); the profile's when unset. */
        private String subjectClaim;

        /** Claim path of the email; the profile's when unset. */
        private String emailClaim;

        /** Claim path of the display name; the profile's when unset. */
        private String nameClaim;

        /** Claim path of an Ethereum address the token binds to the user. */
        private String walletAddressClaim;

        /** Claims that must be present, beyond the profile's own. */
        private List<String> requiredClaims = new ArrayList<>();

        /** Whether every request must carry a wallet proof header (X-WalletGate-App-Pub-Key or
         * X-WalletGate-Address). */
        private boolean requireWalletProof = false;

        /** This issuer's maximum token age; walletgate.verification.max-token-age when unset. */
        private Duration maxTokenAge;

        public String getProfile() {
            return profile;
        }

        public void setProfile(String profile) {
            this.profile = profile;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<String> getAudience() {
            return audience;
        }

        public void setAudience(List<String> audience) {
            this.audience = audience;
        }

        public String getIssuer() {
            return issuer;
        }

        public void setIssuer(String issuer) {
            this.issuer = issuer;
        }

        public List<String> getAlgorithms() {
            return algorithms;
        }

        public void setAlgorithms(List<String> algorithms) {
            this.algorithms = algorithms;
        }

        public String getJwksUri() {
            return jwksUri;
        }

        public void setJwksUri(String jwksUri) {
            this.jwksUri = jwksUri;
        }

        public List<String> getJwksHosts() {
            return jwksHosts;
        }

        public void setJwksHosts(List<String> jwksHosts) {
            this.jwksHosts = jwksHosts;
        }

        public Path getJwksFile() {
            return jwksFile;
        }

        public void setJwksFile(Path jwksFile) {
            this.jwksFile = jwksFile;
        }

        public String getPublicKey() {
            return publicKey;
        }

        public void setPublicKey(String publicKey) {
            this.publicKey = publicKey;
        }

        public List<String> getConnectors() {
            return connectors;
        }

        public void setConnectors(List<String> connectors) {
            this.connectors = connectors;
        }

        public String getEnvironmentId() {
            return environmentId;
        }

        public void setEnvironmentId(String environmentId) {
            this.environmentId = environmentId;
        }

        public String getEnvironment() {
            return environment;
        }

        public void setEnvironment(String environment) {
            this.environment = environment;
        }

        public String getSubjectClaim() {
            return subjectClaim;
        }

        public void setSubjectClaim(String subjectClaim) {
            this.subjectClaim = subjectClaim;
        }

        public String getEmailClaim() {
            return emailClaim;
        }

        public void setEmailClaim(String emailClaim) {
            this.emailClaim = emailClaim;
        }

        public String getNameClaim() {
            return nameClaim;
        }

        public void setNameClaim(String nameClaim) {
            this.nameClaim = nameClaim;
        }

        public String getWalletAddressClaim() {
            return walletAddressClaim;
        }

        public void setWalletAddressClaim(String walletAddressClaim) {
            this.walletAddressClaim = walletAddressClaim;
        }

        public List<String> getRequiredClaims() {
            return requiredClaims;
        }

        public void setRequiredClaims(List<String> requiredClaims) {
            this.requiredClaims = requiredClaims;
        }

        public boolean isRequireWalletProof() {
            return requireWalletProof;
        }

        public void setRequireWalletProof(boolean requireWalletProof) {
            this.requireWalletProof = requireWalletProof;
        }

        public Duration getMaxTokenAge() {
            return maxTokenAge;
        }

        public void setMaxTokenAge(Duration maxTokenAge) {
            this.maxTokenAge = maxTokenAge;
        }
    }

    /** {@code walletgate.verification.*}: time checks and the verified-token cache. */
    public static class Verification {
        /** Tolerated clock difference with the issuers, either way; 0 to 10 minutes. */
        private Duration clockSkew = Duration.ofSeconds(60);

        /** Reject tokens issued longer ago (token_too_old); makes iat required. No limit when unset. */
        private Duration maxTokenAge;

        /** Bound of the verified-token cache (a token verified once is not verified again until it expires); 0 turns
         * it off. */
        private DataSize tokenCache = DataSize.ofMegabytes(16);

        public Duration getClockSkew() {
            return clockSkew;
        }

        public void setClockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
        }

        public Duration getMaxTokenAge() {
            return maxTokenAge;
        }

        public void setMaxTokenAge(Duration maxTokenAge) {
            this.maxTokenAge = maxTokenAge;
        }

        public DataSize getTokenCache() {
            return tokenCache;
        }

        public void setTokenCache(DataSize tokenCache) {
            this.tokenCache = tokenCache;
        }
    }

    /** {@code walletgate.keys.*}: how remote key sets are fetched, cached and kept through outages. */
    public static class Keys {
        /** Least time between two refetches caused by unknown key ids. */
        private Duration cooldown = Duration.ofSeconds(30);

        /** How long past their expiry the last good keys keep verifying while fetches fail. */
        private Duration staleLimit = Duration.ofHours(24);

        /** Key freshness when the response has no Cache-Control max-age. */
        private Duration defaultMaxAge = Duration.ofHours(1);

        /** Connect timeout of key fetches. */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /** Time allowed for a whole key fetch response. */
        private Duration readTimeout = Duration.ofSeconds(10);

        /** How many verifications of one issuer may wait at once for a refetch caused by an unknown key id; the
         * others are answered at once (key_not_found, or jwks_unavailable while the issuer fails). */
        private int unknownKidWaiters = 100;

        /** How long one verification waits at most for a refetch caused by an unknown key id. */
        private Duration unknownKidWait = Duration.ofSeconds(3);

        /** Where the last good key set of each issuer is persisted, so that a restart during an issuer outage still
         * verifies. Not persisted when unset. */
        private Path dataDirectory;

        public Duration getCooldown() {
            return cooldown;
        }

        public void setCooldown(Duration cooldown) {
            this.cooldown = cooldown;
        }

        public Duration getStaleLimit() {
            return staleLimit;
        }

        public void setStaleLimit(Duration staleLimit) {
            this.staleLimit = staleLimit;
        }

        public Duration getDefaultMaxAge() {
            return defaultMaxAge;
        }

        public void setDefaultMaxAge(Duration defaultMaxAge) {
            this.defaultMaxAge = defaultMaxAge;
        }

        public int getUnknownKidWaiters() {
            return unknownKidWaiters;
        }

        public void setUnknownKidWaiters(int unknownKidWaiters) {
            this.unknownKidWaiters = unknownKidWaiters;
        }

        public Duration getUnknownKidWait() {
            return unknownKidWait;
        }

        public void setUnknownKidWait(Duration unknownKidWait) {
            this.unknownKidWait = unknownKidWait;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Path getDataDirectory() {
            return dataDirectory;
        }

        public void setDataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }
    }
}
