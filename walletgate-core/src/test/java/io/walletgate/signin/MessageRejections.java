package io.walletgate.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;

/** Asserts a {@code message_invalid} rejection and the start of its message. */
final class MessageRejections {
    private MessageRejections() {
    }

    static void rejects(Runnable parse, String messageStart) {
        WalletVerificationException e = catchThrowableOfType(parse::run, WalletVerificationException.class);
        assertThat(e).as("expected message_invalid starting with %s", messageStart).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.MESSAGE_INVALID);
        assertThat(e.getMessage()).startsWith(messageStart);
    }
}
