package io.coderunner.engine.run;

import io.coderunner.engine.SandboxException;
import io.coderunner.engine.SourceFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
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
            chownTree(dir, uid, false);
        }
    }

    /** Gives a tree inside a lent directory to the same uid. */
    static void lendTree(Path path, Integer uid) {
        if (uid != null) {
            chownTree(path, uid, false);
        }
    }

    /**
     * Takes the directory back for the server once no process of the sandbox is left, with modes
     * made plain: setuid, setgid and sticky bits and group or other write permission a program set
     * do not survive on the host. No process of the sandbox is left to swap anything mid-walk.
     */
    static void reclaim(Path dir, Integer uid) {
        if (uid != null && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            chownTree(dir, SERVER_UID, true);
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

    private static void chownTree(Path dir, int uid, boolean plainModes) {
        try {
            // A folder is given away only after everything in it: once the sandbox owns a folder it
            // may replace what is in it (with a link to /etc, say), and the walk must be past it by then.
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    chown(d, uid);
                    if (plainModes) {
                        plainMode(d);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    chown(file, uid);
                    if (plainModes && !attrs.isSymbolicLink()) {
                        plainMode(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Gone while we walked (a program still writing): nothing to give.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SandboxException("cannot change the owner of " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites the mode without group and other write; chmod(2) with only the nine permission bits
     * also clears setuid, setgid and sticky, which Java's permission sets cannot even express.
     */
    private static void plainMode(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> modes = EnumSet.noneOf(PosixFilePermission.class);
        modes.addAll(view.readAttributes().permissions());
        modes.remove(PosixFilePermission.GROUP_WRITE);
        modes.remove(PosixFilePermission.OTHERS_WRITE);
        view.setPermissions(modes);
    }

    private static void chown(Path path, int uid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    }
}
