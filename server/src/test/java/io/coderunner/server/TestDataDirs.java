package io.coderunner.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Data directories for tests: fresh, and passable by the sandbox's unprivileged slot users. */
public final class TestDataDirs {

    private TestDataDirs() {
    }

    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
