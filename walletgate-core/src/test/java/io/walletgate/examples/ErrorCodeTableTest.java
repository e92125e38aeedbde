package io.walletgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/error-codes.md lists every {@link ErrorCode}, in the enum's order, and no other code. */
class ErrorCodeTableTest {
    @Test
    void the_error_code_table_lists_every_code_in_order() throws IOException {
        String page = Files.readString(ReadmeExamplesTest.projectRoot().resolve("docs/error-codes.md"));
        Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(page);
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).containsExactly(java.util.Arrays.stream(ErrorCode.values()).map(ErrorCode::code)
                .toArray(String[]::new));
    }
}
