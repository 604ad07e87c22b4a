package io.coderunner.engine.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * Copies a tree programs wrote (an environment an install filled) to a new folder of the server's:
 * folders, plain files and links as links, with owners, modes and times. The source is read with
 * {@link HostileTree#walk}, so nothing is followed and nothing blocks; FIFOs, devices and sockets
 * are left out (nothing is opened to copy them, and a copy of them is of no use to a program); the
 * copy is made from opened folders too, and its size is bounded. Written here rather than with
 * {@code cp -a}, which follows a folder swapped for a link mid-copy and opens what it is given.
 */
public final class TreeCopy {

    /** What a copy refuses: more bytes than it was allowed. */
    public static final class CopyTooLargeException extends RuntimeException {
        public CopyTooLargeException(String message) {
            super(message);
        }
    }

    private record Made(String prefix, int fd, Path source, PosixFileAttributes attrs) {
    }

    private TreeCopy() {
    }

    /**
     * Copies the folder {@code from} to {@code to}, which must not exist (its parent must); at most
     * {@code maxBytes} of file content. A copy that fails leaves what it made for the caller to delete.
     */
    public static void copy(Path from, Path to, long maxBytes) throws IOException {
        Files.createDirectory(to);
        Deque<Made> made = new ArrayDeque<>();
        long[] bytes = {0};
        try {
            int top = OpenedFiles.openFolder(to);
            made.push(new Made("", top, null, null));
            HostileTree.walk(from, (relative, name, attrs, folder) -> {
                String parent = relative.substring(0, relative.length() - name.length());
                while (!made.peek().prefix().equals(parent)) {
                    finish(made.pop());
                }
                Path target = OpenedFiles.proc(made.peek().fd()).resolve(name);
                if (attrs.isDirectory()) {
                    Files.createDirectory(target);
                    made.push(new Made(relative + "/", OpenedFiles.openFolder(made.peek().fd(), name), null, attrs));
                } else if (attrs.isRegularFile()) {
                    bytes[0] += attrs.size();
                    if (bytes[0] > maxBytes) {
                        throw new CopyTooLargeException("the tree holds more than " + maxBytes + " bytes");
                    }
                    copyFile(folder, name, target, maxBytes - bytes[0] + attrs.size());
                    keep(target, attrs, Kind.ENTRY);
                } else if (attrs.isSymbolicLink()) {
                    Path link = Files.readSymbolicLink(OpenedFiles.proc(folder.fd).resolve(name));
                    Files.createSymbolicLink(target, link);
                    keep(target, attrs, Kind.LINK);
                }
                return true;
            });
            while (!made.isEmpty()) {
                finish(made.pop());
            }
            PosixFileAttributes rootAttrs = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            keep(to, rootAttrs, Kind.ENTRY);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            while (!made.isEmpty()) {
                OpenedFiles.close(made.pop().fd());
            }
        }
    }

    private static void copyFile(HostileTree.Folder folder, String name, Path target, long room) throws IOException {
        try (SeekableByteChannel in = folder.openPlainFile(name);
             FileChannel out = FileChannel.open(target, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                     LinkOption.NOFOLLOW_LINKS))) {
            // The file may have grown since it was measured: never more than the room left.
            long limit = room == Long.MAX_VALUE ? room : room + 1;
            long copied = 0;
            for (long step; copied < limit && (step = out.transferFrom(in, copied, limit - copied)) > 0; ) {
                copied += step;
            }
            if (copied > room) {
                throw new CopyTooLargeException("the tree holds more bytes than allowed (" + name + " grew)");
            }
        } catch (HostileTree.NotPlainFileException | java.nio.file.NoSuchFileException replaced) {
            // Swapped for a FIFO or a link, or removed, since it was listed: left out, like those. The
            // target is a name in an opened folder of the copy, which no program has yet.
            Files.deleteIfExists(target);
        }
    }

    /** A folder is given its times and mode once all in it is made (writing in it changed them). */
    private static void finish(Made folder) throws IOException {
        try {
            if (folder.attrs() != null) {
                keep(OpenedFiles.proc(folder.fd()), folder.attrs(), Kind.OPENED_FOLDER);
            }
        } finally {
            OpenedFiles.close(folder.fd());
        }
    }

    /**
     * How a made thing is reached: a name in a folder of the copy (never followed), or an opened
     * folder's {@code /proc/self/fd/<n>}, which must be followed to reach the folder itself.
     */
    private enum Kind { ENTRY, LINK, OPENED_FOLDER }

    private static void keep(Path target, PosixFileAttributes attrs, Kind kind) throws IOException {
        PosixFileAttributeView view = kind == Kind.OPENED_FOLDER ? Files.getFileAttributeView(target, PosixFileAttributeView.class)
                : Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(attrs.owner());
        view.setGroup(attrs.group());
        if (kind != Kind.LINK) {
            // The nine permission bits only: setuid, setgid and sticky are not carried over.
            Set<PosixFilePermission> modes = EnumSet.noneOf(PosixFilePermission.class);
            modes.addAll(attrs.permissions());
            view.setPermissions(modes);
            FileTime modified = attrs.lastModifiedTime();
            view.setTimes(modified, attrs.lastAccessTime(), null);
        }
    }
}
