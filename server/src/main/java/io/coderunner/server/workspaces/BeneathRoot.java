package io.coderunner.server.workspaces;

import io.coderunner.server.system.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads, writes and deletes files under a root while sandboxed programs may be changing them (a
 * terminal session or a run in a project's files). Checking a path and then using it leaves a
 * moment in which a program could swap a folder on the way for a symbolic link to the host's
 * /etc; so after {@link SafePaths} has refused what is plainly wrong, every step is taken relative
 * to the folder already opened, with O_NOFOLLOW ({@link SecureDirectoryStream}: the JDK's
 * openat(2), unlinkat(2) and renameat(2)): a link met on the way is refused when it is met, never
 * followed, whatever happens in between. Written on the JDK's own class rather than a library
 * because no maintained Java library offers these calls.
 */
public final class BeneathRoot {

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** What a walk meets: a folder, a file or something else, by its path relative to the root. */
    public interface Visitor {
        /** @return false to stop the walk */
        boolean visit(String relative, BasicFileAttributes attrs, SecureDirectoryStream<Path> parent, Path name)
                throws IOException;
    }

    private BeneathRoot() {
    }

    /** Opens a plain file for reading; 404 when a part of the way, or the file, is a link or missing. */
    public static SeekableByteChannel open(Path root, String relative) {
        Path checked = SafePaths.resolve(root, relative);
        Path rest = root.relativize(checked);
        if (rest.toString().isEmpty()) {
            throw new NotFoundException("no such file: '" + relative + "'");
        }
        try (SecureDirectoryStream<Path> parent = folder(root, rest.getParent(), relative)) {
            Path name = rest.getFileName();
            BasicFileAttributes attrs = parent.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
            if (!attrs.isRegularFile()) {
                throw new NotFoundException("no such file: '" + relative + "'");
            }
            return parent.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new NotFoundException("no such file: '" + relative + "'");
        }
    }

    /** One entry of a folder: its name and what it is (a link is a link, not what it points to). */
    public record Child(String name, BasicFileAttributes attrs) {
    }

    /** The entries of the folder {@code relative}, sorted by name, without following links. */
    public static List<Child> children(Path root, String relative) {
        Path checked = SafePaths.resolve(root, relative);
        Path rest = root.relativize(checked);
        List<Child> children = new ArrayList<>();
        try (SecureDirectoryStream<Path> dir = folder(root, rest.toString().isEmpty() ? null : rest, relative)) {
            List<Path> names = new ArrayList<>();
            for (Path entry : dir) {
                names.add(entry.getFileName());
            }
            names.sort(null);
            for (Path name : names) {
                try {
                    children.add(new Child(name.toString(),
                            dir.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes()));
                } catch (IOException gone) {
                    // Removed while we listed.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return children;
    }

    /** Walks everything under the folder {@code relative}, depth first, never through a link. */
    public static void walk(Path root, String relative, Visitor visitor) {
        Path checked = SafePaths.resolve(root, relative);
        Path rest = root.relativize(checked);
        try (SecureDirectoryStream<Path> start = folder(root, rest.toString().isEmpty() ? null : rest, relative)) {
            walk(start, rest.toString().isEmpty() ? "" : rest + "/", visitor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean walk(SecureDirectoryStream<Path> dir, String prefix, Visitor visitor) throws IOException {
        List<Path> names = new ArrayList<>();
        for (Path entry : dir) {
            names.add(entry.getFileName());
        }
        names.sort(null);
        for (Path name : names) {
            BasicFileAttributes attrs;
            try {
                attrs = dir.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
            } catch (IOException gone) {
                continue;
            }
            String relative = prefix + name;
            if (!visitor.visit(relative, attrs, dir, name)) {
                return false;
            }
            if (attrs.isDirectory() && !attrs.isSymbolicLink()) {
                SecureDirectoryStream<Path> child;
                try {
                    child = dir.newDirectoryStream(name, NO_FOLLOW);
                } catch (IOException replaced) {
                    // Swapped for a link or removed since we looked: not followed.
                    continue;
                }
                try (child) {
                    if (!walk(child, relative + "/", visitor)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Writes a file through a temporary file in the same folder (opened without following links),
     * renamed over the target at the end, so that a reader never sees half of it and the write never
     * lands outside the root. The folder must exist.
     */
    public static long write(Path root, String relative, java.io.InputStream content) {
        Path checked = SafePaths.resolve(root, relative);
        Path rest = root.relativize(checked);
        if (rest.toString().isEmpty()) {
            throw new io.coderunner.server.system.BadRequestException("path must name a file: '" + relative + "'");
        }
        try (SecureDirectoryStream<Path> parent = folder(root, rest.getParent(), relative)) {
            Path name = rest.getFileName();
            try {
                BasicFileAttributes existing = parent.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
                if (existing.isDirectory() || existing.isSymbolicLink()) {
                    throw new io.coderunner.server.system.BadRequestException("path must name a file: '" + relative + "'");
                }
            } catch (java.nio.file.NoSuchFileException absent) {
                // A new file.
            }
            Path temporary = Path.of(".upload-" + java.util.UUID.randomUUID() + ".part");
            long size;
            try (SeekableByteChannel out = parent.newByteChannel(temporary, Set.of(StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS))) {
                size = content.transferTo(java.nio.channels.Channels.newOutputStream(out));
            } catch (IOException | RuntimeException e) {
                parent.deleteFile(temporary);
                throw e;
            }
            parent.move(temporary, parent, name);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file, a link (not what it points to) or a folder with everything in it, never through a link. */
    public static void delete(Path root, String relative) {
        Path checked = SafePaths.resolve(root, relative);
        Path rest = root.relativize(checked);
        if (rest.toString().isEmpty()) {
            throw new io.coderunner.server.system.BadRequestException("path is required");
        }
        try (SecureDirectoryStream<Path> parent = folder(root, rest.getParent(), relative)) {
            Path name = rest.getFileName();
            BasicFileAttributes attrs;
            try {
                attrs = parent.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new NotFoundException("no such file or folder: '" + relative + "'");
            }
            deleteEntry(parent, name, attrs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteEntry(SecureDirectoryStream<Path> parent, Path name, BasicFileAttributes attrs) throws IOException {
        if (attrs.isDirectory() && !attrs.isSymbolicLink()) {
            try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, NO_FOLLOW)) {
                List<Path> children = new ArrayList<>();
                for (Path entry : dir) {
                    children.add(entry.getFileName());
                }
                for (Path child : children) {
                    BasicFileAttributes childAttrs;
                    try {
                        childAttrs = dir.getFileAttributeView(child, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
                    } catch (java.nio.file.NoSuchFileException gone) {
                        continue;
                    }
                    deleteEntry(dir, child, childAttrs);
                }
            }
            parent.deleteDirectory(name);
        } else {
            parent.deleteFile(name);
        }
    }

    /** Opens the folder {@code rest} under the root, one step at a time, refusing links. */
    private static SecureDirectoryStream<Path> folder(Path root, Path rest, String asked) throws IOException {
        DirectoryStream<Path> opened = Files.newDirectoryStream(root);
        if (!(opened instanceof SecureDirectoryStream<Path> current)) {
            opened.close();
            throw new IllegalStateException("this platform cannot open files relative to a folder (openat)");
        }
        if (rest == null) {
            return current;
        }
        try {
            for (Path step : rest) {
                SecureDirectoryStream<Path> next;
                try {
                    next = current.newDirectoryStream(step, NO_FOLLOW);
                } catch (IOException e) {
                    throw new NotFoundException("no such folder: '" + asked + "' (symbolic links are not followed)");
                }
                current.close();
                current = next;
            }
            return current;
        } catch (RuntimeException e) {
            current.close();
            throw e;
        }
    }
}
