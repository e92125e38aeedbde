package io.walletgate.server.session;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in nonces in a real SQLite file ({@link NonceStoreContract}). */
class SqliteNoncesTest extends NonceStoreContract {
    @TempDir
    Path dir;

    private SqliteSessionStore store;

    @BeforeEach
    void open() {
        store = new SqliteSessionStore(dir.resolve("sessions.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected SessionStore store() {
        return store;
    }
}
