package io.walletgate.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The project's documentation pages, for the tests that check them against the code. */
final class Documentation {
    private Documentation() {
    }

    /** {@code README.md}, then every {@code docs/*.md} in name order. */
    static List<Path> pages(Path root) {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** Every Markdown page of the project that a reader is sent to: the above, and each {@code README.md} below. */
    static List<Path> allMarkdown(Path root) {
        List<Path> all = new ArrayList<>(pages(root));
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().equals("README.md") && !p.equals(root.resolve("README.md")))
                    .filter(p -> !isIgnored(root.relativize(p)))
                    .sorted().forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    // Build output and installed npm packages are not the project's pages.
    private static boolean isIgnored(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
