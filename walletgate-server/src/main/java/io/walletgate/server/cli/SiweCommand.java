package io.walletgate.server.cli;

import picocli.CommandLine.Command;

/** {@code walletgate siwe}: sign-in with a wallet signature (SIWE, and SIWS for Solana). */
@Command(name = "siwe", mixinStandardHelpOptions = true,
        description = "Sign-in with a wallet signature, no provider: Sign-In with Ethereum (EIP-4361, EOAs and"
                + " smart-contract wallets) and Sign-In with Solana.",
        subcommands = {SiweVerifyCommand.class})
final class SiweCommand {
}
