package io.walletgate.keys;

/** A key source that can report its health (remote sources do; static ones have nothing to report). */
public interface StatusReporting {
    /** The current health snapshot. */
    KeySourceStatus status();
}
