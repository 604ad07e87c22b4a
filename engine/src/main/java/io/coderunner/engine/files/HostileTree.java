package io.coderunner.engine.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The one way the server (root) touches a tree that sandboxed programs may have written and may
 * still be changing: a workspace project, a terminal session's files, an environment.
 *
 * <ul>
 * <li>Every step is taken from a folder already opened (a descriptor), with O_NOFOLLOW: a folder
 * swapped for a link mid-walk is refused when it is met, never followed ({@link OpenedFiles}).</li>
 * <li>Nothing is opened for reading before the opened inode is known to be a plain file: a FIFO,
 * a device or a socket, even one swapped in at the last moment, is refused without blocking.</li>
 * <li>Walks are iterative (an explicit stack, never the Java stack), bounded in depth and in
 * entries; deletion has no depth bound: a subtree past {@link #MAX_DEPTH} is first moved up to
 * the top of the tree being deleted, so the descriptors held stay bounded too.</li>
 * <li>Modes set by programs are normalised when files come back ({@link #normaliseModes}).</li>
 * </ul>
 */
public final class HostileTree {

    /** Folders deeper than this are refused by walks (each level holds one descriptor). */
    public static final int MAX_DEPTH = 1000;
    /** Entries a walk meets before it is refused. */
    public static final int MAX_ENTRIES = 1_000_000;
    private static final int MAX_DELETE_ROUNDS = 10_000;

    /** What a walk refuses: too deep, too many entries. */
    public static final class TreeTooLargeException extends RuntimeException {
        public TreeTooLargeException(String message) {
            super(message);
        }
    }

    /** A thing met by a walk and the folder it is in, from which it can be opened safely. */
    public interface Visitor {
        /** @return false to stop the walk */
        boolean visit(String relative, String name, PosixFileAttributes attrs, Folder folder) throws IOException;
    }

    /** An opened folder of a walk. */
    public static final class Folder {
        final int fd;

        private Folder(int fd) {
            this.fd = fd;
        }

        /** Opens the plain file {@code name} in this folder for reading; anything else is refused. */
        public SeekableByteChannel openPlainFile(String name) throws IOException {
            return HostileTree.openPlainFile(fd, name);
        }
    }

    private HostileTree() {
    }

    /** Opens the plain file {@code name} in {@code dirfd} for reading, never blocking, never through a link. */
    static SeekableByteChannel openPlainFile(int dirfd, String name) throws IOException {
        int fd = OpenedFiles.openPath(dirfd, name);
        try {
            PosixFileAttributes attrs = Files.readAttributes(OpenedFiles.proc(fd), PosixFileAttributes.class);
            if (!attrs.isRegularFile()) {
                throw new NotPlainFileException(name, attrs.isSymbolicLink() ? "a symbolic link" : attrs.isDirectory() ? "a folder"
                        : attrs.isOther() ? "a FIFO, socket or device" : "not a plain file");
            }
            // A regular inode reopened through its descriptor: cannot block, cannot be another file.
            return FileChannel.open(OpenedFiles.proc(fd), StandardOpenOption.READ);
        } finally {
            OpenedFiles.close(fd);
        }
    }

    /** Refusal to open something that is not a plain file. */
    public static final class NotPlainFileException extends java.nio.file.FileSystemException {
        private final boolean link;

        public NotPlainFileException(String name, String what) {
            super(name, null, "not a plain file (" + what + ")");
            this.link = what.equals("a symbolic link");
        }

        /** Whether it is a link (shown as missing) rather than a FIFO, device, socket or folder. */
        public boolean isLink() {
            return link;
        }
    }

    /**
     * Opens the plain file at {@code relative} (checked names separated by '/') under {@code root}.
     */
    public static SeekableByteChannel openPlainFile(Path root, List<String> steps) throws IOException {
        if (steps.isEmpty()) {
            throw new NoSuchFileException("(root)");
        }
        int dir = openFolder(root, steps.subList(0, steps.size() - 1));
        try {
            return openPlainFile(dir, steps.get(steps.size() - 1));
        } finally {
            OpenedFiles.close(dir);
        }
    }

    /** Opens the folder {@code steps} under the trusted {@code root}, one step at a time, refusing links. */
    static int openFolder(Path root, List<String> steps) throws IOException {
        int fd = OpenedFiles.openFolder(root);
        for (String step : steps) {
            int next;
            try {
                next = OpenedFiles.openFolder(fd, step);
            } finally {
                OpenedFiles.close(fd);
            }
            fd = next;
        }
        return fd;
    }

    private static final class Frame {
        final int fd;
        final String prefix;
        final String name;
        final int depth;
        Iterator<String> names;
        int rounds;

        Frame(int fd, String prefix, String name, int depth) throws IOException {
            this.fd = fd;
            this.prefix = prefix;
            this.name = name;
            this.depth = depth;
            this.names = names(fd).iterator();
        }
    }

    private static List<String> names(int fd) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(OpenedFiles.proc(fd))) {
            for (Path entry : stream) {
                names.add(entry.getFileName().toString());
                if (names.size() > MAX_ENTRIES) {
                    throw new TreeTooLargeException("a folder has more than " + MAX_ENTRIES + " entries");
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static PosixFileAttributes attributes(int dirfd, String name) throws IOException {
        return Files.readAttributes(OpenedFiles.proc(dirfd).resolve(name), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Walks everything under the folder {@code steps} of {@code root}, depth first in name order,
     * showing links as links and never following them. Refuses trees deeper than {@link #MAX_DEPTH}.
     */
    public static void walk(Path root, List<String> steps, Visitor visitor) {
        String start = steps.isEmpty() ? "" : String.join("/", steps) + "/";
        Deque<Frame> stack = new ArrayDeque<>();
        long entries = 0;
        try {
            int top = openFolder(root, steps);
            try {
                stack.push(new Frame(top, start, null, 0));
            } catch (IOException | RuntimeException e) {
                OpenedFiles.close(top);
                throw e;
            }
            while (!stack.isEmpty()) {
                Frame frame = stack.peek();
                if (!frame.names.hasNext()) {
                    OpenedFiles.close(stack.pop().fd);
                    continue;
                }
                String name = frame.names.next();
                PosixFileAttributes attrs;
                try {
                    attrs = attributes(frame.fd, name);
                } catch (IOException gone) {
                    continue;
                }
                if (++entries > MAX_ENTRIES) {
                    throw new TreeTooLargeException("more than " + MAX_ENTRIES + " files and folders");
                }
                String relative = frame.prefix + name;
                if (!visitor.visit(relative, name, attrs, new Folder(frame.fd))) {
                    return;
                }
                if (attrs.isDirectory()) {
                    if (frame.depth + 1 >= MAX_DEPTH) {
                        throw new TreeTooLargeException("folders are nested deeper than " + MAX_DEPTH + " levels");
                    }
                    int child;
                    try {
                        child = OpenedFiles.openFolder(frame.fd, name);
                    } catch (IOException replaced) {
                        continue; // swapped for a link or removed since it was looked at: not followed
                    }
                    try {
                        stack.push(new Frame(child, relative + "/", name, frame.depth + 1));
                    } catch (IOException | RuntimeException e) {
                        OpenedFiles.close(child);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            while (!stack.isEmpty()) {
                OpenedFiles.close(stack.pop().fd);
            }
        }
    }

    /** One entry of a folder: its name and what it is (a link is a link). */
    public record Child(String name, PosixFileAttributes attrs) {
    }

    /** The entries of the folder {@code steps} under {@code root}, sorted by name, without following links. */
    public static List<Child> children(Path root, List<String> steps) throws IOException {
        int fd = openFolder(root, steps);
        try {
            List<Child> children = new ArrayList<>();
            for (String name : names(fd)) {
                try {
                    children.add(new Child(name, attributes(fd, name)));
                } catch (IOException gone) {
                    // Removed while we listed.
                }
            }
            return children;
        } finally {
            OpenedFiles.close(fd);
        }
    }

    /** Walks a whole tree. */
    public static void walk(Path root, Visitor visitor) {
        walk(root, List.of(), visitor);
    }

    /** Bytes in the plain files under {@code root}; 0 when it does not exist. */
    public static long size(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] total = {0};
        walk(root, (relative, name, attrs, folder) -> {
            if (attrs.isRegularFile()) {
                total[0] += attrs.size();
            }
            return true;
        });
        return total[0];
    }

    /**
     * Strips what a program may have set on its files that must not survive on the host: setuid,
     * setgid, sticky, and write for group and others (folders and files keep at most 0755). Links
     * are left alone (their mode means nothing).
     */
    public static void normaliseModes(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            int top = OpenedFiles.openFolder(root);
            try {
                normalise(top, "", Files.readAttributes(OpenedFiles.proc(top), PosixFileAttributes.class));
            } finally {
                OpenedFiles.close(top);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        walk(root, (relative, name, attrs, folder) -> {
            if (attrs.isDirectory() || attrs.isRegularFile()) {
                int fd;
                try {
                    fd = OpenedFiles.openPath(folder.fd, name);
                } catch (IOException gone) {
                    return true;
                }
                try {
                    PosixFileAttributes opened = Files.readAttributes(OpenedFiles.proc(fd), PosixFileAttributes.class);
                    normalise(fd, name, opened);
                } catch (IOException gone) {
                    // Removed since: nothing to normalise.
                } finally {
                    OpenedFiles.close(fd);
                }
            }
            return true;
        });
    }

    /**
     * Gives the folder {@code steps} under the trusted {@code root}, and everything in it, to
     * {@code uid} (its group too). Each entry is changed as itself from its opened folder
     * ({@code lchown} of {@code /proc/self/fd/<n>/name}), so a link is never followed and a folder
     * swapped for one on the way is never entered, whichever program changes the tree meanwhile.
     */
    public static void changeOwner(Path root, List<String> steps, int uid) {
        try {
            int top = openFolder(root, steps);
            try {
                // The opened folder itself: its /proc entry is followed to it, never further.
                Files.setAttribute(OpenedFiles.proc(top), "unix:uid", uid);
                Files.setAttribute(OpenedFiles.proc(top), "unix:gid", uid);
            } finally {
                OpenedFiles.close(top);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // An entry that cannot be changed (an immutable file) does not stop the others: the first
        // such failure is told once the walk is through.
        IOException[] failed = {null};
        walk(root, steps, (relative, name, attrs, folder) -> {
            try {
                owner(OpenedFiles.proc(folder.fd).resolve(name), uid);
            } catch (NoSuchFileException gone) {
                // Removed since it was listed: nothing to give.
            } catch (IOException e) {
                failed[0] = failed[0] == null ? e : failed[0];
            }
            return true;
        });
        if (failed[0] != null) {
            throw new UncheckedIOException(failed[0]);
        }
    }

    private static void owner(Path entry, int uid) throws IOException {
        Files.setAttribute(entry, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(entry, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Makes the folders {@code steps} under the trusted {@code root} where they are missing, each
     * from its opened parent ({@code mkdirat}) and then opened with O_NOFOLLOW: a link a program put
     * on the way is refused, never followed, also when it appears between two steps.
     */
    public static void createFolders(Path root, List<String> steps) throws IOException {
        int fd = OpenedFiles.openFolder(root);
        try {
            for (String step : steps) {
                int next;
                try {
                    next = OpenedFiles.openFolder(fd, step);
                } catch (NoSuchFileException missing) {
                    try {
                        Files.createDirectory(OpenedFiles.proc(fd).resolve(step));
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        // Made meanwhile: opened (or refused) just below like any other.
                    }
                    next = OpenedFiles.openFolder(fd, step);
                }
                OpenedFiles.close(fd);
                fd = next;
            }
        } finally {
            OpenedFiles.close(fd);
        }
    }

    /**
     * Moves the server's own folder {@code source} (one no program can change) into the folder
     * {@code root} as {@code name}: one rename into the opened folder, refused when {@code name} is
     * there already, be it a link, a file or a folder.
     */
    public static void moveInto(Path source, Path root, String name) throws IOException {
        int fd = OpenedFiles.openFolder(root);
        try {
            OpenedFiles.requirePlainName(name);
            // Without REPLACE_EXISTING the JDK refuses an existing target (a link as itself).
            Files.move(source, OpenedFiles.proc(fd).resolve(name));
        } finally {
            OpenedFiles.close(fd);
        }
    }

    /** The attributes of the entry {@code steps} under {@code root} (the root itself when empty), a link as a link. */
    public static PosixFileAttributes attributes(Path root, List<String> steps) throws IOException {
        if (steps.isEmpty()) {
            int fd = OpenedFiles.openFolder(root);
            try {
                return Files.readAttributes(OpenedFiles.proc(fd), PosixFileAttributes.class);
            } finally {
                OpenedFiles.close(fd);
            }
        }
        int dir = openFolder(root, steps.subList(0, steps.size() - 1));
        try {
            return attributes(dir, steps.get(steps.size() - 1));
        } finally {
            OpenedFiles.close(dir);
        }
    }

    /**
     * Makes a new plain file {@code name} in the folder {@code folderSteps} under {@code root} and
     * opens it for writing, given to {@code uid} (its group too; null: left the server's) with
     * {@code mode} before a byte is written. Whatever is there under that name already, a link
     * too, is refused (O_CREAT|O_EXCL) and left as it is. The owner and mode are set through the
     * new file's own descriptor, so a program that renames or replaces it meanwhile changes
     * nothing of what is done to it.
     */
    public static SeekableByteChannel createFile(Path root, List<String> folderSteps, String name, Integer uid,
                                                 Set<PosixFilePermission> mode) throws IOException {
        int dir = openFolder(root, folderSteps);
        try {
            int fd = OpenedFiles.createFile(dir, name, 0600);
            try {
                Path self = OpenedFiles.proc(fd);
                give(self, uid, mode);
                return FileChannel.open(self, StandardOpenOption.WRITE);
            } finally {
                OpenedFiles.close(fd);
            }
        } finally {
            OpenedFiles.close(dir);
        }
    }

    /**
     * {@link #createFolders(Path, List)}, each folder it makes given to {@code uid} (null: left the
     * server's) with {@code mode}, through its own descriptor; folders already there are left as
     * they are.
     */
    public static void createFolders(Path root, List<String> steps, Integer uid, Set<PosixFilePermission> mode) throws IOException {
        int fd = OpenedFiles.openFolder(root);
        try {
            for (String step : steps) {
                int next;
                try {
                    next = OpenedFiles.openFolder(fd, step);
                } catch (NoSuchFileException missing) {
                    boolean made = true;
                    try {
                        Files.createDirectory(OpenedFiles.proc(fd).resolve(step));
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        made = false; // made meanwhile: opened (or refused) just below like any other
                    }
                    next = OpenedFiles.openFolder(fd, step);
                    if (made) {
                        try {
                            give(OpenedFiles.proc(next), uid, mode);
                        } catch (IOException | RuntimeException e) {
                            OpenedFiles.close(next);
                            throw e;
                        }
                    }
                }
                OpenedFiles.close(fd);
                fd = next;
            }
        } finally {
            OpenedFiles.close(fd);
        }
    }

    /**
     * Sets the mode of the plain file or folder {@code steps} under {@code root}, through a
     * descriptor of that very entry (O_PATH|O_NOFOLLOW): a link is refused, never followed, and so
     * is a FIFO, socket or device.
     */
    public static void changeMode(Path root, List<String> steps, Set<PosixFilePermission> mode) throws IOException {
        if (steps.isEmpty()) {
            int fd = OpenedFiles.openFolder(root);
            try {
                Files.setPosixFilePermissions(OpenedFiles.proc(fd), mode);
            } finally {
                OpenedFiles.close(fd);
            }
            return;
        }
        int dir = openFolder(root, steps.subList(0, steps.size() - 1));
        try {
            String name = steps.get(steps.size() - 1);
            int fd = OpenedFiles.openPath(dir, name);
            try {
                // The descriptor's /proc entry leads to the very inode opened (a link opened as itself stays one).
                PosixFileAttributes attrs = Files.readAttributes(OpenedFiles.proc(fd), PosixFileAttributes.class);
                if (!attrs.isDirectory() && !attrs.isRegularFile()) {
                    throw new NotPlainFileException(name, attrs.isSymbolicLink() ? "a symbolic link" : "a FIFO, socket or device");
                }
                Files.setPosixFilePermissions(OpenedFiles.proc(fd), mode);
            } finally {
                OpenedFiles.close(fd);
            }
        } finally {
            OpenedFiles.close(dir);
        }
    }

    /**
     * Renames the entry {@code from} to {@code to}, both under {@code root} (renameat(2) between the
     * two opened folders: the entry moves as itself, a link as a link, and neither folder is reached
     * through a link). With {@code replace}, a file (or empty folder) at {@code to} is replaced in
     * the same step; without it, anything there is refused (checked just before: a program racing
     * the check can only lose its own file). Never across file systems.
     */
    public static void rename(Path root, List<String> from, List<String> to, boolean replace) throws IOException {
        if (from.isEmpty() || to.isEmpty()) {
            throw new IllegalArgumentException("a path under the root is required");
        }
        int source = openFolder(root, from.subList(0, from.size() - 1));
        try {
            int target = openFolder(root, to.subList(0, to.size() - 1));
            try {
                Path moved = OpenedFiles.proc(source).resolve(from.get(from.size() - 1));
                String name = to.get(to.size() - 1);
                OpenedFiles.requirePlainName(name);
                Path into = OpenedFiles.proc(target).resolve(name);
                if (!replace && Files.exists(into, LinkOption.NOFOLLOW_LINKS)) {
                    throw new java.nio.file.FileAlreadyExistsException(name);
                }
                // Always one rename(2): a plain move would copy and delete across file systems,
                // following what it copies.
                Files.move(moved, into, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                OpenedFiles.close(target);
            }
        } finally {
            OpenedFiles.close(source);
        }
    }

    /** Gives an entry reached through its own descriptor's /proc path to {@code uid} and sets its mode. */
    private static void give(Path self, Integer uid, Set<PosixFilePermission> mode) throws IOException {
        if (uid != null) {
            Files.setAttribute(self, "unix:uid", uid);
            Files.setAttribute(self, "unix:gid", uid);
        }
        Files.setPosixFilePermissions(self, mode);
    }

    private static final Set<PosixFilePermission> STRIPPED = Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private static void normalise(int fd, String name, PosixFileAttributes attrs) throws IOException {
        if (!attrs.isDirectory() && !attrs.isRegularFile()) {
            return; // a link or a FIFO: chmod through /proc would follow or mean nothing
        }
        Set<PosixFilePermission> wanted = java.util.EnumSet.noneOf(PosixFilePermission.class);
        wanted.addAll(attrs.permissions());
        wanted.removeAll(STRIPPED);
        if (attrs.isDirectory()) {
            wanted.addAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        }
        // Java's permission set has no setuid/setgid/sticky bits: setting it clears them.
        Files.setPosixFilePermissions(OpenedFiles.proc(fd), wanted);
    }

    /** Deletes {@code dir} and everything in it, never through a link; nothing when it does not exist. */
    public static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        String name = dir.getFileName().toString();
        try {
            int parentFd = OpenedFiles.openFolder(parent);
            try {
                deleteEntry(parentFd, name);
            } finally {
                OpenedFiles.close(parentFd);
            }
        } catch (NoSuchFileException gone) {
            // Already removed.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code name} in the folder {@code steps} of {@code root}: a file, a link (itself) or a folder tree. */
    public static void delete(Path root, List<String> steps) throws IOException {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a path under the root is required");
        }
        int parentFd = openFolder(root, steps.subList(0, steps.size() - 1));
        try {
            deleteEntry(parentFd, steps.get(steps.size() - 1));
        } finally {
            OpenedFiles.close(parentFd);
        }
    }

    private static void deleteEntry(int parentFd, String name) throws IOException {
        PosixFileAttributes attrs = attributes(parentFd, name);
        if (!attrs.isDirectory()) {
            Files.delete(OpenedFiles.proc(parentFd).resolve(name));
            return;
        }
        int topFd = OpenedFiles.openFolder(parentFd, name);
        Deque<Frame> stack = new ArrayDeque<>();
        long entries = 0;
        try {
            Files.setPosixFilePermissions(OpenedFiles.proc(topFd), Set.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
            stack.push(new Frame(topFd, "", name, 0));
            topFd = -1;
            while (!stack.isEmpty()) {
                Frame frame = stack.peek();
                if (!frame.names.hasNext()) {
                    // Subtrees moved up while we worked (or files a program still writes) are met again.
                    List<String> left = names(frame.fd);
                    if (!left.isEmpty() && ++frame.rounds < MAX_DELETE_ROUNDS) {
                        frame.names = left.iterator();
                        continue;
                    }
                    OpenedFiles.close(stack.pop().fd);
                    if (!stack.isEmpty()) {
                        Files.delete(OpenedFiles.proc(stack.peek().fd).resolve(frame.name));
                    }
                    continue;
                }
                String child = frame.names.next();
                if (++entries > 50L * MAX_ENTRIES) {
                    throw new TreeTooLargeException("more than " + 50L * MAX_ENTRIES + " files and folders");
                }
                PosixFileAttributes childAttrs;
                try {
                    childAttrs = attributes(frame.fd, child);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                Path childPath = OpenedFiles.proc(frame.fd).resolve(child);
                if (!childAttrs.isDirectory()) {
                    try {
                        Files.delete(childPath); // unlinkat: a link goes as itself
                    } catch (NoSuchFileException gone) {
                        // Removed meanwhile.
                    }
                    continue;
                }
                if (frame.depth + 1 >= MAX_DEPTH) {
                    // Move the subtree up to the top folder: met again there, at depth 1.
                    Files.move(childPath, OpenedFiles.proc(stack.peekLast().fd).resolve(".deleting-" + UUID.randomUUID()),
                            StandardCopyOption.ATOMIC_MOVE);
                    continue;
                }
                int childFd;
                try {
                    childFd = OpenedFiles.openFolder(frame.fd, child);
                } catch (IOException replaced) {
                    // Swapped for a link or a file since it was looked at: removed as itself next round.
                    continue;
                }
                try {
                    Files.setPosixFilePermissions(OpenedFiles.proc(childFd), Set.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
                    stack.push(new Frame(childFd, "", child, frame.depth + 1));
                } catch (IOException | RuntimeException e) {
                    OpenedFiles.close(childFd);
                    throw e;
                }
            }
            Files.delete(OpenedFiles.proc(parentFd).resolve(name));
        } finally {
            OpenedFiles.close(topFd);
            while (!stack.isEmpty()) {
                OpenedFiles.close(stack.pop().fd);
            }
        }
    }
}
