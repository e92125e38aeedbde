package io.walletgate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests hold to: the shipped examples, the API document, the client folder. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The project's root: the nearest directory upwards that holds {@code mvnw}. */
    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("project root (with mvnw) not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** A file of the repository, relative to its root, as text. */
    public static String read(String path) {
        try {
            return Files.readString(root().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
