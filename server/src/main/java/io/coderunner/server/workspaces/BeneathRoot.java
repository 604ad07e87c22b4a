package io.coderunner.server.workspaces;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.NotFoundException;
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

    private BeneathRoot() {
    }

    /** The checked names from the root to {@code relative}. */
    static List<String> steps(Path root, String relative) {
        Path rest = root.relativize(SafePaths.resolve(root, relative));
        List<String> steps = new ArrayList<>();
        if (!rest.toString().isEmpty()) {
            for (Path step : rest) {
                steps.add(step.toString());
            }
        }
        return steps;
    }

    /**
     * Opens a plain file for reading; 404 when a part of the way, or the file, is a link or missing,
     * 400 when it is a FIFO, device or socket (refused without opening it: see {@link HostileTree}).
     */
    public static SeekableByteChannel open(Path root, String relative) {
        List<String> steps = steps(root, relative);
        if (steps.isEmpty()) {
            throw new NotFoundException("no such file: '" + relative + "'");
        }
        try {
            return HostileTree.openPlainFile(root, steps);
        } catch (HostileTree.NotPlainFileException e) {
            if (e.isLink()) {
                throw new NotFoundException("no such file: '" + relative + "' (symbolic links are not followed)");
            }
            throw new BadRequestException("'" + relative + "' is " + e.getReason());
        } catch (IOException e) {
            throw new NotFoundException("no such file: '" + relative + "'");
        }
    }

    /** One entry of a folder: its name and what it is (a link is a link, not what it points to). */
    public record Child(String name, BasicFileAttributes attrs) {
    }

    /** The entries of the folder {@code relative}, sorted by name, without following links. */
    public static List<Child> children(Path root, String relative) {
        try {
            List<Child> children = new ArrayList<>();
            for (HostileTree.Child child : HostileTree.children(root, steps(root, relative))) {
                children.add(new Child(child.name(), child.attrs()));
            }
            return children;
        } catch (IOException e) {
            throw new NotFoundException("no such folder: '" + relative + "' (symbolic links are not followed)");
        }
    }

    /** Walks everything under the folder {@code relative}, depth first, never through a link. */
    public static void walk(Path root, String relative, HostileTree.Visitor visitor) {
        try {
            HostileTree.walk(root, steps(root, relative), visitor);
        } catch (HostileTree.TreeTooLargeException e) {
            throw new BadRequestException(e.getMessage());
        }
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
            throw new io.coderunner.server.http.BadRequestException("path must name a file: '" + relative + "'");
        }
        try (SecureDirectoryStream<Path> parent = folder(root, rest.getParent(), relative)) {
            Path name = rest.getFileName();
            try {
                BasicFileAttributes existing = parent.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
                if (existing.isDirectory() || existing.isSymbolicLink()) {
                    throw new io.coderunner.server.http.BadRequestException("path must name a file: '" + relative + "'");
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

    /**
     * Creates an empty file, opened without following links (O_CREAT|O_EXCL: whatever is already
     * there under that name, a file, a folder or a link, answers 409 and is left as it is). The
     * folder must exist.
     */
    public static void createEmpty(Path root, String relative) {
        Path checked = SafePaths.resolve(root, relative);
        Path rest = root.relativize(checked);
        if (rest.toString().isEmpty()) {
            throw new BadRequestException("path must name a file: '" + relative + "'");
        }
        try (SecureDirectoryStream<Path> parent = folder(root, rest.getParent(), relative)) {
            parent.newByteChannel(rest.getFileName(), Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                    LinkOption.NOFOLLOW_LINKS)).close();
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new io.coderunner.server.http.ConflictException("'" + relative + "' already exists");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file, a link (not what it points to) or a folder with everything in it, never through a link. */
    public static void delete(Path root, String relative) {
        List<String> steps = steps(root, relative);
        if (steps.isEmpty()) {
            throw new BadRequestException("path is required");
        }
        try {
            HostileTree.delete(root, steps);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NotFoundException("no such file or folder: '" + relative + "'");
        } catch (java.nio.file.FileSystemException e) {
            throw new NotFoundException("no such folder on the way to '" + relative + "' (symbolic links are not followed)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
