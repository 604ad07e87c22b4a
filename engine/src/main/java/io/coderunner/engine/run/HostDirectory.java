package io.coderunner.engine.run;

import io.coderunner.engine.SandboxException;
import io.coderunner.engine.SourceFile;
import io.coderunner.engine.files.HostileTree;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * A host directory a run or a terminal works in and keeps (a workspace project). While the sandbox
 * uses it, everything in it belongs to the sandbox's unprivileged host uid, which it must, to write
 * there; afterwards it goes back to the server's own uid, so that the slot uid, which later serves
 * other users' runs, owns nothing of it. Symbolic links a program made are changed as links
 * ({@code lchown}), never followed.
 */
final class HostDirectory {

    private static final int SERVER_UID = 0;

    private HostDirectory() {
    }

    /** Gives the directory and all in it to {@code uid} (when the engine is root), closed to others. */
    static void lend(Path dir, Integer uid) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new SandboxException("the work directory " + dir + " is not a directory");
        }
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new SandboxException("cannot prepare the work directory " + dir + ": " + e.getMessage(), e);
        }
        if (uid != null) {
            chownTree(dir, List.of(), uid, false);
        }
    }

    /** Gives the tree {@code steps} inside a lent directory to the same uid, never through a link. */
    static void lendTree(Path dir, List<String> steps, Integer uid) {
        if (uid != null) {
            chownTree(dir, steps, uid, false);
        }
    }

    /**
     * Takes the directory back for the server once no process of the sandbox is left, with modes
     * made plain: setuid, setgid and sticky bits and group or other write permission a program set
     * do not survive on the host. The top folder is taken back first: should the walk be refused
     * (a tree deeper than {@link HostileTree#MAX_DEPTH}), what is left in it stays out of the slot
     * uid's reach behind a folder of the server's that only it may enter.
     */
    static void reclaim(Path dir, Integer uid) {
        if (uid != null && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            chownTree(dir, List.of(), SERVER_UID, true);
        }
    }

    /**
     * Writes a run's files into the directory. A file of that name is replaced; a symbolic link of
     * that name (a program may have left one) is removed first, and the file is opened with
     * O_NOFOLLOW, so the write can never land outside the directory.
     */
    static void write(Path dir, List<SourceFile> files, Integer uid) {
        try {
            for (SourceFile file : files) {
                Path path = dir.resolve(file.name());
                if (Files.isSymbolicLink(path)) {
                    Files.delete(path);
                }
                try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(path, Set.of(StandardOpenOption.WRITE,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)))) {
                    out.write(file.content().getBytes(StandardCharsets.UTF_8));
                }
                if (uid != null) {
                    chown(path, uid);
                }
            }
        } catch (IOException e) {
            throw new SandboxException("cannot write the run's files into its work directory: " + e.getMessage(), e);
        }
    }

    /**
     * Walks from opened folders ({@link HostileTree}), not by path: a program of another sandbox (a
     * terminal in the same project) or one not yet reaped could swap a folder for a link to the
     * host's /etc between a path being checked and being used, and an lchown or chmod by path
     * follows every link on the way but the last.
     */
    private static void chownTree(Path dir, List<String> steps, int uid, boolean plainModes) {
        try {
            HostileTree.changeOwner(dir, steps, uid);
            if (plainModes) {
                HostileTree.normaliseModes(dir);
            }
        } catch (UncheckedIOException | HostileTree.TreeTooLargeException e) {
            throw new SandboxException("cannot change the owner of the work directory: " + e.getMessage(), e);
        }
    }

    private static void chown(Path path, int uid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    }
}
