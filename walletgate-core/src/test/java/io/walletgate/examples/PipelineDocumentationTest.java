package io.walletgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline the README draws is the code: each stage its table names is a class of {@code walletgate-core}, in
 * the order of the drawing, and docs/architecture.md names the same class for the same stage.
 */
class PipelineDocumentationTest {
    // | parse | `CompactJws` | ... |
    private static final Pattern README_ROW = Pattern.compile("^\\| ([a-z ]+) \\| `(\\w+)` \\|", Pattern.MULTILINE);
    // 1. **parse** (`CompactJws`): ...
    private static final Pattern ARCHITECTURE_ITEM = Pattern.compile("^\\d\\. \\*\\*([a-z ]+)\\*\\* \\(`(\\w+)`",
            Pattern.MULTILINE);
    private static final Pattern DRAWING = Pattern.compile("```\\ntoken → (.+) → VerifiedIdentity\\n```");
    private static final Pattern CODE_NAME = Pattern.compile("`([A-Z]\\w+)`");

    private final Path root = ReadmeExamplesTest.projectRoot();
    private final Path sources = root.resolve("walletgate-core/src/main/java");

    @Test
    void the_readme_names_a_class_of_the_core_for_each_stage_it_draws_in_that_order() throws Exception {
        String readme = pipelineSection(Files.readString(root.resolve("README.md")));
        Map<String, String> stages = pairs(README_ROW, readme);
        Matcher drawing = DRAWING.matcher(readme);
        assertThat(drawing.find()).as("the README's pipeline drawing").isTrue();
        assertThat(List.copyOf(stages.keySet())).isEqualTo(List.of(drawing.group(1).split(" → ")));
        for (String name : stages.values()) {
            assertThat(Class.forName(className(name))).as(name).isNotNull();
        }
    }

    @Test
    void every_class_the_readme_pipeline_section_names_exists() throws Exception {
        Matcher m = CODE_NAME.matcher(pipelineSection(Files.readString(root.resolve("README.md"))));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).contains("JwsVerification", "VerifiedToken", "CachingKeySource");
        for (String name : names) {
            assertThat(Class.forName(className(name))).as(name).isNotNull();
        }
    }

    @Test
    void the_architecture_page_names_the_same_class_for_each_stage() throws Exception {
        Map<String, String> readme = pairs(README_ROW, pipelineSection(Files.readString(root.resolve("README.md"))));
        Map<String, String> architecture = pairs(ARCHITECTURE_ITEM,
                Files.readString(root.resolve("docs/architecture.md")));
        assertThat(architecture).isEqualTo(readme);
    }

    private static String pipelineSection(String readme) {
        int start = readme.indexOf("\n## The pipeline\n");
        assertThat(start).as("the README's section '## The pipeline'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static Map<String, String> pairs(Pattern pattern, String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            pairs.put(m.group(1), m.group(2));
        }
        return pairs;
    }

    // The one class of walletgate-core's main sources with this simple name (any package, any visibility).
    private String className(String simpleName) {
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals(simpleName + ".java")).toList();
            assertThat(found).as("%s.java in walletgate-core", simpleName).hasSize(1);
            String relative = sources.relativize(found.get(0)).toString();
            return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
