package io.walletgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code <!-- cli-example -->} block of the README and of {@code docs/*.md} in bash, from the project
 * root, with {@code ./walletgate} standing for the packaged jar, and compares each command's output with the text
 * shown.
 */
class ReadmeCliIT {
    @Test
    void readme_command_line_examples_print_what_the_readme_shows() throws Exception {
        Path root = Cli.projectRoot();
        int blocks = 0;
        for (Path page : pages(root)) {
            Matcher m = Pattern.compile("<!-- cli-example -->\\s*```console\\n(.*?)```", Pattern.DOTALL)
                    .matcher(Files.readString(page));
            while (m.find()) {
                blocks++;
                check(root, m.group(1));
            }
        }
        assertThat(blocks).isGreaterThanOrEqualTo(4);
    }

    private static List<Path> pages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static void check(Path root, String block) throws Exception {
        List<String> commands = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        StringBuilder current = null;
        for (String line : block.split("\n", -1)) {
            if (line.startsWith("$ ")) {
                if (current != null) {
                    expected.add(current.toString().strip());
                }
                commands.add(line.substring(2));
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        expected.add(current == null ? "" : current.toString().strip());
        StringBuilder script = new StringBuilder("set -u\nwalletgate() { \"" + javaBin() + "\" -jar \"" + Cli.jar()
                + "\" \"$@\"; }\n");
        for (int i = 0; i < commands.size(); i++) {
            script.append("echo '@@cmd ").append(i).append("'\n")
                    .append(commands.get(i).replaceFirst("^\\./walletgate", "walletgate")).append(" 2>&1\n");
        }
        Process p = new ProcessBuilder("bash", "-c", script.toString()).directory(root.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        String[] parts = out.split("@@cmd \\d+\\n", -1);
        for (int i = 0; i < commands.size(); i++) {
            assertThat(parts[i + 1].strip()).as("output of README command: %s", commands.get(i))
                    .isEqualTo(expected.get(i));
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
