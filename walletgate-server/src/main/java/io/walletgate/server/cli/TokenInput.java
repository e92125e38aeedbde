package io.walletgate.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reading a token argument ({@code -} for standard input) and an instant ({@code --at}). */
final class TokenInput {
    private static final int MAX_STDIN = 64 * 1024;

    private TokenInput() {
    }

    static String read(String arg, InputStream in, CommandLine cmd) {
        if (!"-".equals(arg)) {
            return arg.strip();
        }
        try {
            byte[] bytes = in.readNBytes(MAX_STDIN + 1);
            if (bytes.length > MAX_STDIN) {
                throw new CommandLine.ParameterException(cmd, "standard input holds more than " + MAX_STDIN
                        + " bytes; a token is at most 16 KiB");
            }
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cmd, "cannot read standard input: " + e.getMessage());
        }
    }

    /** An ISO-8601 instant ({@code 2023-10-03T14:00:00Z}, offsets allowed) or epoch seconds. */
    static Instant instant(String text, CommandLine cmd) {
        String t = text.strip();
        try {
            if (t.matches("\\d{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CommandLine.ParameterException(cmd, "--at must be an ISO-8601 instant such as "
                    + "2023-10-03T14:00:00Z, or epoch seconds; not '" + text + "'");
        }
    }
}
