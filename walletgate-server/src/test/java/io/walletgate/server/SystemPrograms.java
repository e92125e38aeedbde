package io.walletgate.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The system programs the service tests run for real (nginx, redis-server, chromium, node, curl, openssl, …): found
 * on {@code PATH} or in the system directories, or the test fails at once with one line naming the program and the
 * Debian package that brings it. {@code .ci/run} installs them all; the README's development section lists them.
 */
public final class SystemPrograms {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/bin");

    private SystemPrograms() {
    }

    /**
     * The executable {@code program}.
     *
     * @param debianPackage the Debian package to install it from
     * @param purpose what the tests use it for, e.g. {@code "the forward-auth tests run a real nginx"}
     * @throws AssertionError with one line naming the program and the package, when it is not installed
     */
    public static Path require(String program, String debianPackage, String purpose) {
        return find(program).orElseThrow(() -> new AssertionError(missing(program, debianPackage, purpose)));
    }

    /** The executable {@code program}, when it is on {@code PATH} or in a system directory. */
    public static Optional<Path> find(String program) {
        for (String dir : searchPath()) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The one-line message of a missing program. */
    static String missing(String program, String debianPackage, String purpose) {
        return program + " is not installed (" + purpose + "): apt-get install " + debianPackage
                + " (.ci/run installs it)";
    }

    private static List<String> searchPath() {
        Set<String> dirs = new LinkedHashSet<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                dirs.add(d);
            }
        }
        dirs.addAll(SYSTEM_DIRS);
        return new ArrayList<>(dirs);
    }
}
