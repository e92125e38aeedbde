package io.walletgate.server.cli;

import java.io.InputStream;
import java.util.Map;

/** A command that reads the environment or standard input, given by {@link WalletGateCli} (tests pass their own). */
abstract class EnvCommand implements WalletGateCli.Io {
    /** The environment the command sees. */
    protected Map<String, String> env = Map.of();
    /** Standard input. */
    protected InputStream in = InputStream.nullInputStream();

    @Override
    public final void io(Map<String, String> env, InputStream in) {
        this.env = env;
        this.in = in;
    }
}
