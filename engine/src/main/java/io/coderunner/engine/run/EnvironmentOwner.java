package io.coderunner.engine.run;

import io.coderunner.engine.SandboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Gives a writable environment directory to the slot's uid before a stage writes into it. The tree
 * was written by earlier stages (other slots, other uids) and may hold anything a package manager
 * or an install script made, so links are never followed: each entry itself changes owner.
 */
final class EnvironmentOwner {

    private EnvironmentOwner() {
    }

    static void handTo(Path dir, int uid) {
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new SandboxException("environment directory " + dir + " is not a directory");
        }
        try (Stream<Path> entries = Files.walk(dir)) {
            entries.forEach(path -> {
                try {
                    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new SandboxException("cannot give environment directory " + dir + " to uid " + uid + ": " + e.getMessage(), e);
        }
    }
}
