package io.walletgate.keys;

/**
 * A {@link KeySource} that fetches its keys over the network and keeps them fresh in the background: close it to stop
 * that work. {@link KeySources#remote} and {@link KeySources#oidcDiscovery} make one.
 */
public interface RemoteKeySource extends KeySource, AutoCloseable {
    /** Stops the background refresh; keys already held keep answering. */
    @Override
    void close();
}
