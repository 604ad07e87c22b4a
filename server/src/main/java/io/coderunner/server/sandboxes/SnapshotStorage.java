package io.coderunner.server.sandboxes;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Where snapshots' files are: {@code snapshots/<id>/files/} in the data directory, with the log of
 * their build beside ({@code build.log}). Once made, a snapshot's files are never written again:
 * they are the lower layer of every sandbox made from it, which writes into a layer of its own.
 */
@Component
class SnapshotStorage {

    private final Path root;

    SnapshotStorage(CodeRunnerSettings settings) {
        this.root = settings.dataDir().toAbsolutePath().resolve("snapshots");
    }

    Path dir(String id) {
        if (!SandboxStorage.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a snapshot id: " + id);
        }
        return root.resolve(id);
    }

    Path files(String id) {
        return dir(id).resolve("files");
    }

    Path buildLog(String id) {
        return dir(id).resolve("build.log");
    }

    /** A new, empty folder for the snapshot; its files are made by the caller at {@link #files}. */
    Path create(String id) {
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Path dir = Files.createDirectory(dir(id));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the snapshot's folder: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the copied files fit to lie under any sandbox: the server's, and open to every uid as
     * far as they were to their owner (a sandbox's uid is not the one that made them); no setuid,
     * setgid nor sticky bit. The folder is the server's alone by now, copied out of the sandbox, so it
     * is walked by path; links are changed as links and never followed.
     */
    void seal(String id) {
        Path files = files(id);
        try {
            Files.walkFileTree(files, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    open(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        open(file);
                    } else if (attrs.isSymbolicLink()) {
                        Files.setAttribute(file, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
                        Files.setAttribute(file, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seal the snapshot's files: " + e.getMessage(), e);
        }
    }

    private static void open(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> owner = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> all = EnumSet.noneOf(PosixFilePermission.class);
        if (owner.contains(PosixFilePermission.OWNER_READ)) {
            all.addAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        }
        if (owner.contains(PosixFilePermission.OWNER_WRITE)) {
            all.addAll(Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
        }
        if (owner.contains(PosixFilePermission.OWNER_EXECUTE)) {
            all.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
        }
        Files.setPosixFilePermissions(path, all);
    }

    long size(String id) {
        return HostileTree.size(files(id));
    }

    void delete(String id) {
        Path dir = dir(id);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            HostileTree.delete(dir);
        }
    }
}
