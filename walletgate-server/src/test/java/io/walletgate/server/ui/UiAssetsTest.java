package io.walletgate.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The page's files: served byte for byte as written, small, self-contained, and safe with the token. */
class UiAssetsTest {
    private static final Path SOURCE = Path.of("src/main/resources/ui");
    private final UiAssets assets = UiAssets.load();

    private String text(String name) {
        return new String(assets.bytes(name), StandardCharsets.UTF_8);
    }

    @Test
    void files_are_served_exactly_as_written_and_total_under_50_kib() throws Exception {
        int total = 0;
        for (String name : UiAssets.TYPES.keySet()) {
            // resource filtering (${…}, @…@) must not touch them
            assertThat(assets.bytes(name)).as(name).isEqualTo(Files.readAllBytes(SOURCE.resolve(name)));
            total += assets.bytes(name).length;
        }
        try (var files = Files.list(SOURCE)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
                    UiAssets.TYPES.keySet());
        }
        assertThat(total).isLessThan(50 * 1024);
    }

    @Test
    void the_html_has_no_inline_script_or_style_and_nothing_from_another_origin() {
        String html = text("index.html");
        assertThat(html).containsOnlyOnce("<script").contains("<script src=\"/ui/app.js\" defer></script>")
                .doesNotContain("<style").doesNotContain(" style=").doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("javascript:");
        assertThat(html).contains("<html lang=\"en\">", "<main", "<nav", "<form", "<label for=\"token\"",
                "<label for=\"app-pub-key\"", "<label for=\"address\"", "<label for=\"admin-token\"", "<h1");
        for (String name : UiAssets.TYPES.keySet()) {
            assertThat(text(name).replace("http://www.w3.org/2000/svg", "")).as(name)
                    .doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
        }
    }

    @Test
    void token_fields_have_no_name_so_a_form_submitted_without_script_sends_nothing() {
        String html = text("index.html");
        assertThat(html).doesNotContainPattern("<(input|textarea|select)[^>]*\\sname=")
                .contains("<textarea id=\"token\"").contains("method=\"post\"");
    }

    @Test
    void the_script_stores_nothing_and_never_writes_html() {
        String js = text("app.js");
        assertThat(js).doesNotContain("localStorage").doesNotContain("sessionStorage").doesNotContain("indexedDB")
                .doesNotContain("document.cookie").doesNotContain("innerHTML").doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML").doesNotContain("eval(").doesNotContain("console.")
                .doesNotContain("location.search").doesNotContain("location.hash =");
        assertThat(js).contains("method: method", "'/ui/api/inspect'", "body: body === undefined");
    }
}
