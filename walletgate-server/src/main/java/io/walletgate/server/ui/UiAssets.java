package io.walletgate.server.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's files, read once from the jar ({@code /ui/…}): plain HTML, CSS, JavaScript and an icon, no build step
 * and nothing from another origin.
 */
final class UiAssets {
    /** Each served file by its name under {@code /ui/}, with its content type. */
    static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private UiAssets() {
    }

    /**
     * Reads every file.
     *
     * @throws IllegalStateException if one is missing from the jar
     */
    static UiAssets load() {
        UiAssets a = new UiAssets();
        for (String name : TYPES.keySet()) {
            try (InputStream in = UiAssets.class.getResourceAsStream("/ui/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the web page's file /ui/" + name + " is missing from the jar");
                }
                a.files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read /ui/" + name, e);
            }
        }
        return a;
    }

    byte[] bytes(String name) {
        byte[] b = files.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no such file: " + name);
        }
        return b;
    }
}
