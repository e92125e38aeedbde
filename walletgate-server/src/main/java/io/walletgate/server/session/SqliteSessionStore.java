package io.walletgate.server.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default store: one SQLite file in the data directory, in WAL mode with {@code synchronous=FULL}, so an
 * acknowledged session survives a restart, a {@code kill -9} and a power cut. Writes go through one connection (SQLite
 * has a single writer anyway); reads use a small pool, which WAL lets run beside the writer.
 *
 * <p>Schema versions ({@code PRAGMA user_version}): 0, the {@code sessions} table; 1 adds {@code session_wallets},
 * every wallet a session answers to ({@link Session#revocableWallets}), deleted with its session (a foreign key,
 * {@code ON DELETE CASCADE}). Opening a version-0 file migrates it in one transaction that only adds: the index is
 * filled from each stored identity, and no session is changed.
 *
 * <p>Sessions read are kept in memory (up to {@value #CACHED}, each for at most {@value #CACHE_MILLIS} ms), so that a
 * session checked again is not read again: a forward-auth check is the request a proxy sends before every request it
 * lets through (issue 20: the read was 27 % of a session check's CPU). A kept session is trusted only while the
 * {@link RevocationCounter} shared by every process on the file is unchanged: a logout, or {@code walletgate revoke} in
 * another process, ends the session for every process's next check, at once. A row deleted by anything else than a
 * WalletGate store (the {@code sqlite3} shell) is seen within {@value #CACHE_MILLIS} ms.
 */
public final class SqliteSessionStore implements SessionStore {
    // Reader connections: at least one a core (up to 32, the service's selector threads), so that forward-auth's
    // session checks on the selector threads seldom wait for one (SessionStore.readsLocally)
    private static final int READERS = Math.max(4, Math.min(32, Runtime.getRuntime().availableProcessors()));
    private static final String COLUMNS = "id_hash, issuer_name, subject, wallet, email, identity, created_at, expires_at";

    /** Sessions kept in memory at most (~1–2 KB each, the stored identity's JSON most of it). */
    static final int CACHED = 10_000;
    /** How long a kept session is trusted at most, bounding what a deletion outside WalletGate's stores goes unseen. */
    static final long CACHE_MILLIS = 1_000;

    private final Path file;
    private final Connection writer;
    private final BlockingQueue<Reader> readers = new ArrayBlockingQueue<>(READERS);
    private final RevocationCounter revocations;
    // Keyed by the id's hash (a ByteBuffer compares its bytes); positive answers only: an unknown id is read each time.
    // Evicted on the caller's thread (as StoredIdentity's names): not a wake-up of the common pool per request.
    private final Cache<ByteBuffer, Kept> kept = Caffeine.newBuilder()
            .maximumSize(CACHED)
            .executor(Runnable::run)
            .build();

    /**
     * A session as read at {@code readAt} ({@link #find}'s clock), while the revocation count was {@code revocations}.
     * The one Session object is answered to every check that finds it kept: nothing writes into its id hash.
     */
    private record Kept(Session session, long revocations, long readAt) {
        boolean trusted(long count, long now) {
            return revocations == count && now >= readAt && now - readAt < CACHE_MILLIS
                    && session.expiresAt().toEpochMilli() > now;
        }
    }

    /**
     * A read connection and its session lookup, compiled once (issue 20: compiling it on every forward-auth request,
     * {@code NativeDB.prepare_utf8}, was 3 % of a session request's profile; docs/performance.md). Closing a result
     * set resets the statement, which ends its read transaction: the next lookup sees every write since, another
     * process's ({@code walletgate revoke}) too.
     */
    private record Reader(Connection connection, PreparedStatement find) {
    }

    /**
     * Opens (creating if needed) the store at {@code file}.
     *
     * @throws StoreUnavailableException if it cannot be opened
     */
    public SqliteSessionStore(Path file) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            writer = open();
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE IF NOT EXISTS sessions (id_hash BLOB PRIMARY KEY, issuer_name TEXT NOT NULL,"
                        + " subject TEXT NOT NULL, wallet TEXT, email TEXT, identity TEXT NOT NULL,"
                        + " created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID");
                s.execute("CREATE INDEX IF NOT EXISTS sessions_wallet ON sessions(wallet)");
                s.execute("CREATE INDEX IF NOT EXISTS sessions_subject ON sessions(subject, issuer_name)");
                s.execute("CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at)");
                s.execute("CREATE TABLE IF NOT EXISTS replay_guard (issuer_name TEXT NOT NULL, token_id TEXT NOT NULL,"
                        + " expires_at INTEGER NOT NULL, PRIMARY KEY (issuer_name, token_id)) WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS nonces (nonce TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)"
                        + " WITHOUT ROWID");
                s.execute("CREATE INDEX IF NOT EXISTS nonces_expiry ON nonces(expires_at)");
                s.execute("PRAGMA foreign_keys=ON");
            }
            migrate();
            revocations = RevocationCounter.beside(file);
            for (int i = 0; i < READERS; i++) {
                Connection c = open();
                readers.add(new Reader(c, c.prepareStatement("SELECT " + COLUMNS + " FROM sessions WHERE id_hash = ?"
                        + " AND expires_at > ?")));
            }
        } catch (SQLException | IOException e) {
            throw new StoreUnavailableException("sqlite store " + file + " cannot be opened: " + e.getMessage(), e);
        }
    }

    // Version 0 -> 1: the wallet index, filled from the sessions already stored (nothing is rewritten or dropped).
    private void migrate() throws SQLException {
        int version;
        try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version >= 1) {
            return;
        }
        transaction("migrate", () -> {
            update("CREATE TABLE IF NOT EXISTS session_wallets (wallet TEXT NOT NULL, id_hash BLOB NOT NULL"
                    + " REFERENCES sessions(id_hash) ON DELETE CASCADE, PRIMARY KEY (wallet, id_hash)) WITHOUT ROWID");
            update("CREATE INDEX IF NOT EXISTS session_wallets_session ON session_wallets(id_hash)");
            try (Statement s = writer.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id_hash, wallet, identity FROM sessions")) {
                while (rs.next()) {
                    indexWallets(rs.getBytes(1), Session.walletsOf(rs.getString(3), rs.getString(2)));
                }
            } catch (SQLException e) {
                throw failed("migrate", e);
            }
            return update("PRAGMA user_version = 1");
        });
    }

    private void indexWallets(byte[] idHash, Iterable<String> wallets) {
        for (String w : wallets) {
            update("INSERT OR IGNORE INTO session_wallets (wallet, id_hash) VALUES (?, ?)", walletKey(w), idHash);
        }
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA synchronous=FULL");
        }
        return c;
    }

    // The session and its wallet index in one transaction: never a session that revocation cannot find.
    @Override
    public synchronized void create(Session session) {
        transaction("create", () -> {
            update("INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", session.idHash(),
                    session.issuerName(), session.subject(),
                    session.wallet() == null ? null : walletKey(session.wallet()), session.email(),
                    session.identityJson(), session.createdAt().toEpochMilli(), session.expiresAt().toEpochMilli());
            indexWallets(session.idHash(), session.revocableWallets());
            return null;
        });
    }

    @Override
    public Optional<Session> find(byte[] idHash, Instant now) {
        // The count first: a deletion that commits after it is read makes the session read below untrusted
        long count = revocations.get();
        long millis = now.toEpochMilli();
        ByteBuffer key = ByteBuffer.wrap(idHash);
        Kept k = kept.getIfPresent(key);
        if (k != null && k.trusted(count, millis)) {
            return Optional.of(k.session());
        }
        Optional<Session> read = read(idHash, now);
        if (read.isPresent()) {
            // the read session's own array: the caller's may be reused
            kept.put(ByteBuffer.wrap(read.get().idHash()), new Kept(read.get(), count, millis));
        } else if (k != null) {
            kept.invalidate(key);
        }
        return read;
    }

    private Optional<Session> read(byte[] idHash, Instant now) {
        Reader r = reader();
        try {
            PreparedStatement ps = r.find();
            ps.setBytes(1, idHash);
            ps.setLong(2, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(rs.getBytes(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                        Instant.ofEpochMilli(rs.getLong(8))));
            }
        } catch (SQLException e) {
            throw failed("read", e);
        } finally {
            readers.add(r);
        }
    }

    @Override
    public synchronized boolean renew(byte[] idHash, Instant newExpiry) {
        boolean renewed = update("UPDATE sessions SET expires_at = ? WHERE id_hash = ?", newExpiry.toEpochMilli(),
                idHash) > 0;
        if (renewed) { // else a sliding session would be renewed on every check past half its (kept) lifetime
            kept.asMap().computeIfPresent(ByteBuffer.wrap(idHash),
                    (key, k) -> new Kept(k.session().withExpiry(newExpiry), k.revocations(), k.readAt()));
        }
        return renewed;
    }

    @Override
    public synchronized boolean delete(byte[] idHash) {
        return counted(update("DELETE FROM sessions WHERE id_hash = ?", idHash)) > 0;
    }

    // After a deletion's commit: every process's kept sessions are untrusted from now on (a count of 0 changes nothing)
    private int counted(int deleted) {
        if (deleted > 0) {
            revocations.add();
        }
        return deleted;
    }

    @Override
    public synchronized int deleteByWallet(String address) {
        String key = walletKey(address);
        return counted(update("DELETE FROM sessions WHERE id_hash IN (SELECT id_hash FROM session_wallets WHERE"
                + " wallet = ?) OR wallet = ?", key, key));
    }

    private static String walletKey(String address) {
        return Session.walletIndexKey(address);
    }

    @Override
    public synchronized int deleteBySubject(String issuerName, String subject) {
        return counted(issuerName == null ? update("DELETE FROM sessions WHERE subject = ?", subject)
                : update("DELETE FROM sessions WHERE subject = ? AND issuer_name = ?", subject, issuerName));
    }

    @Override
    public synchronized boolean claimOnce(String issuerName, String tokenId, Instant expiresAt, Instant now) {
        return transaction("replay guard", () -> {
            update("DELETE FROM replay_guard WHERE issuer_name = ? AND token_id = ? AND expires_at <= ?",
                    issuerName, tokenId, now.toEpochMilli());
            return update("INSERT OR IGNORE INTO replay_guard (issuer_name, token_id, expires_at) VALUES (?, ?, ?)",
                    issuerName, tokenId, expiresAt.toEpochMilli()) == 1;
        });
    }

    // One transaction: expired nonces go, then (when the store is full) those that expire soonest, then the new one.
    @Override
    public synchronized void putNonce(String nonce, Instant expiresAt, Instant now, int maxNonces) {
        transaction("nonce", () -> {
            update("DELETE FROM nonces WHERE expires_at <= ?", now.toEpochMilli());
            update("DELETE FROM nonces WHERE nonce IN (SELECT nonce FROM nonces ORDER BY expires_at LIMIT"
                    + " max(0, (SELECT count(*) FROM nonces) - ? + 1))", maxNonces);
            return update("INSERT OR REPLACE INTO nonces (nonce, expires_at) VALUES (?, ?)", nonce,
                    expiresAt.toEpochMilli());
        });
    }

    // One statement: of two consumers (threads, or processes sharing the file), SQLite lets one delete the row.
    @Override
    public synchronized boolean consumeNonce(String nonce, Instant now) {
        return update("DELETE FROM nonces WHERE nonce = ? AND expires_at > ?", nonce, now.toEpochMilli()) == 1;
    }

    @Override
    public long count(Instant now) {
        Reader r = reader();
        try (PreparedStatement ps = r.connection().prepareStatement(
                "SELECT count(*) FROM sessions WHERE expires_at > ?")) {
            ps.setLong(1, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failed("count", e);
        } finally {
            readers.add(r);
        }
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        update("DELETE FROM replay_guard WHERE expires_at <= ?", now.toEpochMilli());
        update("DELETE FROM nonces WHERE expires_at <= ?", now.toEpochMilli());
        // counted too: a kept session is checked against this process's clock, the purge ran on its caller's
        return counted(update("DELETE FROM sessions WHERE expires_at <= ?", now.toEpochMilli()));
    }

    @Override
    public void ping() {
        count(Instant.EPOCH);
    }

    // A read takes one of READERS connections (a wait only while all are busy, each for microseconds) and never the
    // write lock: the WAL journal lets it read beside a writer, another process's too
    @Override
    public boolean readsLocally() {
        return true;
    }

    @Override
    public String describe() {
        return "sqlite " + file;
    }

    private int update(String sql, Object... args) {
        try (PreparedStatement ps = writer.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("write", e);
        }
    }

    // Runs writes on the writer as one transaction (the caller holds the lock): all of them or none.
    private <T> T transaction(String what, java.util.function.Supplier<T> writes) {
        try {
            writer.setAutoCommit(false);
            try {
                T result = writes.get();
                writer.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    private Reader reader() {
        try {
            Reader c = readers.poll(5, TimeUnit.SECONDS);
            if (c == null) {
                throw new StoreUnavailableException("sqlite store " + file + ": no free connection in 5 s", null);
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }

    private StoreUnavailableException failed(String what, SQLException e) {
        return new StoreUnavailableException("sqlite store " + file + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
            for (Reader r : readers) {
                r.find().close();
                r.connection().close();
            }
        } catch (SQLException e) {
            // closing: nothing left to protect
        }
    }
}
