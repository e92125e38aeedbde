package io.walletgate.server.config;

import io.walletgate.IssuerProfile;
import io.walletgate.IssuerSettingException;
import io.walletgate.IssuerSettings;
import io.walletgate.server.session.ReplayGuard;
import java.nio.file.Path;

/**
 * One entry of {@code issuers:}: its core {@link IssuerProfile}, built once from the entry's settings by the core
 * library's one mapping ({@link IssuerSettings}), and what only the service adds to it (replay protection).
 *
 * @param index the entry's position, for messages
 * @param profile the issuer profile (its key files already read)
 * @param replayProtection how a token is kept from creating two sessions: off (default), auto, jti, nonce, hash
 */
public record IssuerConfig(int index, IssuerProfile profile, ReplayGuard.Mode replayProtection) {
    /** Where this entry is, for messages: {@code issuers[1] (sequence-oms)}. */
    public String where() {
        return "issuers[" + index + "] (" + profile.name() + ")";
    }

    /**
     * Reads one entry; relative files ({@code jwksFile}, a {@code publicKey} path) resolve against {@code baseDir}.
     *
     * @throws ConfigException naming the entry and field of any mistake
     */
    static IssuerConfig read(Fields f, int index, Path baseDir) {
        // profile and audience are required here already, so that a misspelled one is named as such (Fields)
        IssuerSettings settings = new IssuerSettings()
                .profile(f.text("profile", true))
                .name(f.text("name", false))
                .audience(f.texts("audience", true))
                .issuer(f.text("issuer", false))
                .algorithms(f.texts("algorithms", false))
                .jwksUri(f.text("jwksUri", false))
                .jwksHosts(f.texts("jwksHosts", false))
                .jwksFile(f.text("jwksFile", false))
                .publicKey(f.text("publicKey", false))
                .connectors(f.texts("connectors", false))
                .environmentId(f.text("environmentId", false))
                .environment(f.text("environment", false))
                .subjectClaim(f.text("subjectClaim", false))
                .emailClaim(f.text("emailClaim", false))
                .nameClaim(f.text("nameClaim", false))
                .walletAddressClaim(f.text("walletAddressClaim", false))
                .requiredClaims(f.texts("requiredClaims", false))
                .requireWalletProof(f.bool("requireWalletProof", false))
                .maxTokenAge(f.duration("maxTokenAge", null))
                .baseDirectory(baseDir);
        ReplayGuard.Mode replay = replay(f);
        String name = f.text("name", false);
        String profile = f.text("profile", false);
        f.done();
        try {
            return new IssuerConfig(index, settings.toProfile(), replay);
        } catch (IssuerSettingException e) {
            // A value the library refused names the entry by its issuer too, as the other issuer errors do.
            String entry = e.refused() ? f.where() + " (" + (name != null ? name : profile) + ")" : f.where();
            throw new ConfigException(entry + ": " + e.getMessage(), e);
        }
    }

    private static ReplayGuard.Mode replay(Fields f) {
        String value = f.text("replayProtection", false);
        try {
            return value == null ? ReplayGuard.Mode.OFF : ReplayGuard.Mode.parse(value);
        } catch (IllegalArgumentException e) {
            throw f.error("replayProtection", e.getMessage());
        }
    }
}
