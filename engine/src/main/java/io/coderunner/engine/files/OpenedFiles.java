package io.coderunner.engine.files;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * The two system calls {@link HostileTree} needs that the JDK does not offer: {@code openat(2)}
 * with {@code O_PATH} and {@code close(2)}, through JNA (already on the class path through pty4j;
 * Java 21's FFM API is still a preview).
 *
 * <p>Why {@code O_PATH}: an {@code O_PATH|O_NOFOLLOW} descriptor names one inode without opening
 * it, so it never blocks (a FIFO opened for reading blocks in open(2) until a writer comes, and
 * the JDK has no O_NONBLOCK option) and never follows a link. Everything else goes through the
 * descriptor's {@code /proc/self/fd/<n>} entry, which the kernel resolves to that very inode and
 * not by name again: {@code stat} of it tells the type of what was opened (not of what may be
 * there a moment later), and a plain file is then opened for reading through it, which cannot
 * block because a regular inode stays regular. A folder's entries are named relative to its
 * descriptor ({@code /proc/self/fd/<n>/name}): the last step is taken with O_NOFOLLOW, the ones
 * before it never by name.
 */
final class OpenedFiles {

    // Linux x86_64 and aarch64 share these values except O_DIRECTORY / O_NOFOLLOW.
    private static final boolean ARM = System.getProperty("os.arch", "").contains("aarch64");
    static final int O_RDONLY = 0;
    static final int O_DIRECTORY = ARM ? 040000 : 0200000;
    static final int O_NOFOLLOW = ARM ? 0100000 : 0400000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;
    static final int O_WRONLY = 01;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    private static final int AT_FDCWD = -100;
    private static final int ELOOP = 40;
    private static final int ENOTDIR = 20;
    private static final int ENOENT = 2;
    private static final int EEXIST = 17;

    private interface LibC extends Library {
        int openat(int dirfd, String name, int flags, int mode) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private OpenedFiles() {
    }

    /** A descriptor for the folder {@code path} itself (a trusted path: the server's own). */
    static int openFolder(Path path) throws IOException {
        return openat(AT_FDCWD, path.toString(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }

    /** The folder {@code name} in the folder {@code dirfd}; a link there is refused, never followed. */
    static int openFolder(int dirfd, String name) throws IOException {
        return openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }

    /** Whatever {@code name} is in {@code dirfd} (a link is the link itself), without opening it. */
    static int openPath(int dirfd, String name) throws IOException {
        return openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    }

    /**
     * A new plain file {@code name} in {@code dirfd}, opened for writing with {@code mode}; refused
     * when anything (a link too) is there already (O_CREAT|O_EXCL, which never follows a link).
     */
    static int createFile(int dirfd, String name, int mode) throws IOException {
        return openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    }

    /** The path by which the kernel reaches the inode of {@code fd} (not a name lookup). */
    static Path proc(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }

    static void close(int fd) {
        if (fd >= 0) {
            try {
                LIBC.close(fd);
            } catch (LastErrorException ignored) {
                // Nothing to do about a failed close of a descriptor that only named a file.
            }
        }
    }

    /** Refuses anything but one plain name: no '/', not '.' or '..', not empty. */
    static void requirePlainName(String name) throws FileSystemException {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new FileSystemException(name, null, "not a plain name");
        }
    }

    private static int openat(int dirfd, String name, int flags) throws IOException {
        return openat(dirfd, name, flags, 0);
    }

    private static int openat(int dirfd, String name, int flags, int mode) throws IOException {
        if (dirfd != AT_FDCWD) {
            requirePlainName(name);
        } else if (name.isEmpty()) {
            throw new FileSystemException(name, null, "not a plain name");
        }
        try {
            return LIBC.openat(dirfd, name, flags, mode);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            String why = errno == ELOOP ? "a symbolic link (not followed)"
                    : errno == ENOTDIR ? "not a folder" : errno == ENOENT ? "no such file" : "error " + errno;
            if (errno == ENOENT) {
                throw new java.nio.file.NoSuchFileException(name);
            }
            if (errno == EEXIST) {
                throw new java.nio.file.FileAlreadyExistsException(name);
            }
            throw new FileSystemException(name, null, why);
        }
    }
}
