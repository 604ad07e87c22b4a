package io.coderunner.engine.run;

import io.coderunner.engine.SandboxException;
import io.coderunner.engine.files.HostileTree;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Gives a writable environment directory to the slot's uid before a stage writes into it. The tree
 * was written by earlier stages (other slots, other uids) and may hold anything a package manager
 * or an install script made, so links are never followed: each entry itself changes owner, from its opened folder.
 */
final class EnvironmentOwner {

    private EnvironmentOwner() {
    }

    static void handTo(Path dir, int uid) {
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new SandboxException("environment directory " + dir + " is not a directory");
        }
        try {
            HostileTree.changeOwner(dir, List.of(), uid);
        } catch (UncheckedIOException | HostileTree.TreeTooLargeException e) {
            throw new SandboxException("cannot give environment directory " + dir + " to uid " + uid + ": " + e.getMessage(), e);
        }
    }
}
