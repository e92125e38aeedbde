package io.walletgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SystemProgramsTest {
    @Test
    void a_missing_program_fails_with_one_line_naming_it_and_its_debian_package() {
        assertThatThrownBy(() -> SystemPrograms.require("walletgate-no-such-program", "walletgate-tools",
                "the tests run it"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("walletgate-no-such-program is not installed (the tests run it): apt-get install "
                        + "walletgate-tools (.ci/run installs it)");
    }

    @Test
    void an_installed_program_is_found_on_the_path_or_in_the_system_directories() {
        assertThat(SystemPrograms.require("bash", "bash", "the README tests run commands in bash")).isExecutable()
                .endsWith(java.nio.file.Path.of("bash"));
    }
}
