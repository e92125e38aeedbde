package io.walletgate.server.session;

import io.walletgate.server.config.ConfigException;
import io.walletgate.server.config.WalletGateConfig;
import java.nio.file.Path;

/** Opens the store the configuration names. */
public final class SessionStores {
    private SessionStores() {
    }

    /**
     * The configured store: SQLite at {@code <data>/sessions.db}, or Redis.
     *
     * @throws ConfigException when the store named cannot be used
     * @throws StoreUnavailableException when it cannot be opened
     */
    public static SessionStore open(WalletGateConfig.Sessions sessions, Path dataDir) {
        if ("sqlite".equals(sessions.store())) {
            return new SqliteSessionStore(dataDir.resolve("sessions.db"));
        }
        throw new ConfigException("sessions: 'store' redis is not available in this build yet; use sqlite");
    }
}
