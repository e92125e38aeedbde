package io.walletgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documentation cannot drift from the code it shows or the pages it links: a block marked
 * {@code <!-- source: PATH -->} is the whole file PATH, one marked {@code <!-- excerpt: PATH -->} is a run of its lines
 * (indentation aside), and every relative link of every page, with its {@code #anchor}, leads somewhere.
 */
class DocumentationTest {
    private static final Pattern MARKED_BLOCK = Pattern.compile(
            "<!-- (source|excerpt): (\\S+) -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]*)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

    private final Path root = ReadmeExamplesTest.projectRoot();

    @Test
    void blocks_marked_with_a_source_file_show_that_file() throws IOException {
        int checked = 0;
        for (Path page : Documentation.allMarkdown(root)) {
            Matcher m = MARKED_BLOCK.matcher(Files.readString(page));
            while (m.find()) {
                Path file = root.resolve(m.group(2));
                assertThat(file).as("%s names %s", root.relativize(page), m.group(2)).isRegularFile();
                List<String> block = m.group(3).stripTrailing().lines().toList();
                List<String> lines = Files.readString(file).stripTrailing().lines().toList();
                if (m.group(1).equals("source")) {
                    assertThat(String.join("\n", block)).as("the block of %s that shows %s", root.relativize(page),
                            m.group(2)).isEqualTo(String.join("\n", lines));
                } else {
                    assertThat(isExcerpt(block, lines)).as("the block of %s is a run of lines of %s:\n%s",
                            root.relativize(page), m.group(2), String.join("\n", block)).isTrue();
                }
                checked++;
            }
        }
        assertThat(checked).as("marked blocks").isGreaterThanOrEqualTo(2);
    }

    @Test
    void every_relative_link_leads_to_a_file_and_its_anchor_to_a_heading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : Documentation.allMarkdown(root)) {
            Matcher m = LINK.matcher(withoutCode(Files.readString(page)));
            while (m.find()) {
                String link = m.group(1);
                if (link.isEmpty() || link.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                int hash = link.indexOf('#');
                String path = hash < 0 ? link : link.substring(0, hash);
                Path target = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
                if (!Files.exists(target)) {
                    broken.add(root.relativize(page) + ": " + link + " (no such file)");
                } else if (hash >= 0 && target.toString().endsWith(".md")
                        && !anchors(Files.readString(target)).contains(link.substring(hash + 1))) {
                    broken.add(root.relativize(page) + ": " + link + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void an_excerpt_must_match_the_file_line_for_line() {
        List<String> file = List.of("class A {", "    void a() {", "        x();", "    }", "}");
        assertThat(isExcerpt(List.of("void a() {", "    x();", "}"), file)).isTrue();
        assertThat(isExcerpt(List.of("void a() {", "    y();", "}"), file)).isFalse();
        assertThat(isExcerpt(List.of("void a() {", "x();", "}"), file)).isFalse();
    }

    // Indentation aside, block's lines appear in lines one after another.
    static boolean isExcerpt(List<String> block, List<String> lines) {
        for (int start = 0; start + block.size() <= lines.size(); start++) {
            int shift = indent(lines.get(start)) - indent(block.get(0));
            if (shift >= 0 && matches(block, lines, start, " ".repeat(shift))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> block, List<String> lines, int start, String shift) {
        for (int i = 0; i < block.size(); i++) {
            String expected = block.get(i).isBlank() ? "" : shift + block.get(i);
            if (!lines.get(start + i).stripTrailing().equals(expected)) {
                return false;
            }
        }
        return true;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(withoutCode(markdown));
        while (m.find()) {
            anchors.add(m.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    // Fenced code holds shell comments and array indexes that look like headings and links.
    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }
}
