package io.coderunner.server.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders of the data directory that only the server's own user may read: the
 * database and its journals, backups, avatars. Sandboxes run under other uids, so whatever a
 * program that escaped its namespaces could read there is decided by these modes, not by the
 * umask the server happened to be started with.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** Creates the folder (and its parents) if needed and makes it the owner's only. */
    public static Path folder(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, FOLDER);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private to the server", e);
        }
    }

    /** Creates the file empty if it is not there, and makes it the owner's only. */
    public static Path file(Path file) {
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } catch (FileAlreadyExistsException exists) {
                Files.setPosixFilePermissions(file, FILE);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " private to the server", e);
        }
    }

    /** Makes the file the owner's only if it is there (and is a file, not a link). */
    public static void ifPresent(Path file) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            file(file);
        }
    }
}
