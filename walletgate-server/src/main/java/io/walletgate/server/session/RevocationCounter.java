package io.walletgate.server.session;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A count of session deletions shared by every process that opens one SQLite session file: eight bytes in a file beside
 * it ({@code sessions.db-revocations}), mapped into each process's memory. A store that deletes sessions (logout,
 * {@code walletgate revoke}, from any process) adds one after its commit; a store that keeps sessions it has read
 * ({@link SqliteSessionStore}) reads the count on every check, a load from memory, and trusts a session it holds only
 * while the count is the one it read before reading the session.
 *
 * <p>Why a mapped file and not SQLite's own {@code PRAGMA data_version}: that is a query per check, 4.4–5.7 µs through
 * sqlite-jdbc on this machine against 12–13 µs for the session {@code SELECT} itself and ~5 ns for this read
 * (docs/performance.md, "Sessions kept in memory"). Shared memory between the processes of one
 * machine is what SQLite's WAL mode relies on for its own index ({@code -shm}), so the file works wherever the store
 * does (not on a network file system, where WAL does not work either). The count's value means nothing across
 * restarts; only its changes do.
 */
final class RevocationCounter {
    // Atomic access to a long in a direct buffer, aligned (a mapping starts on a page): the JDK documents it for
    // byteBufferViewVarHandle, across processes too, as the CPU's atomic instructions act on the shared page.
    private static final VarHandle COUNT = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.nativeOrder());

    private final MappedByteBuffer map;

    private RevocationCounter(MappedByteBuffer map) {
        this.map = map;
    }

    /** The counter of the session file {@code store}, created (at zero) if it is not there. */
    static RevocationCounter beside(Path store) throws IOException {
        Path file = store.resolveSibling(store.getFileName() + "-revocations");
        // The mapping outlives the channel; mapping beyond the end of a new (or cut short) file extends it with zeros
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return new RevocationCounter(channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES));
        }
    }

    /** The count now: every deletion committed before an {@link #add} that ended before this read is counted. */
    long get() {
        return (long) COUNT.getAcquire(map, 0);
    }

    /** Counts a deletion, after its commit. */
    void add() {
        COUNT.getAndAdd(map, 0, 1L);
    }
}
