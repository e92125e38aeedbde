package io.walletgate.server.session;

import io.walletgate.server.config.WalletGateConfig;
import java.nio.file.Path;

/** Opens the store the configuration names. */
public final class SessionStores {
    private SessionStores() {
    }

    /**
     * The configured store: SQLite at {@code <data>/sessions.db}, or Redis (standalone, Sentinel or Cluster) as
     * {@code sessions.redis} describes.
     *
     * @throws StoreUnavailableException when it cannot be opened (for Redis: not reached, or credentials refused)
     */
    public static SessionStore open(WalletGateConfig.Sessions sessions, Path dataDir) {
        if ("redis".equals(sessions.store())) {
            return new RedisSessionStore(sessions.redis());
        }
        return new SqliteSessionStore(dataDir.resolve("sessions.db"));
    }
}
