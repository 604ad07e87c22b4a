package io.coderunner.server.terminals;

import io.coderunner.server.system.NotFoundException;
import io.coderunner.server.system.Timestamps;
import io.coderunner.server.workspaces.SafePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A session's files as its owner (or a share link) sees them. The terminal's programs write there
 * and may make symbolic links pointing anywhere: every client path is resolved by
 * {@link SafePaths} (relative, no '..', no symbolic link on the way), files are opened with
 * O_NOFOLLOW, and listings and ZIP downloads show links as links and never follow them.
 */
final class SessionFiles {

    /** Entries listed at most, so that a program that makes a million files cannot make a listing huge. */
    static final int MAX_ENTRIES = 5000;

    record Entry(String name, String path, String type, long size, String modifiedAt) {
    }

    record Listing(List<Entry> files, boolean truncated) {
    }

    record Preview(String path, long size, boolean binary, boolean truncated, String content) {
    }

    private SessionFiles() {
    }

    /** Everything under the folder {@code relative}, depth first, links not followed. */
    static Listing list(Path root, String relative) {
        Path start = SafePaths.resolve(root, relative);
        if (!SafePaths.isPlainDirectory(start)) {
            throw new NotFoundException("no such folder: '" + relative + "'");
        }
        List<Entry> entries = new ArrayList<>();
        boolean[] truncated = {false};
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(start) && !add(dir, attrs)) {
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return add(file, attrs) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                private boolean add(Path path, BasicFileAttributes attrs) {
                    if (entries.size() >= MAX_ENTRIES) {
                        truncated[0] = true;
                        return false;
                    }
                    String type = attrs.isSymbolicLink() ? "link" : attrs.isDirectory() ? "folder" : attrs.isRegularFile() ? "file" : "other";
                    entries.add(new Entry(path.getFileName().toString(), root.relativize(path).toString(), type,
                            attrs.isRegularFile() ? attrs.size() : 0, Timestamps.iso(attrs.lastModifiedTime().toMillis())));
                    return true;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Listing(entries, truncated[0]);
    }

    /** A plain file of the session, opened without following a link; 404 for anything else. */
    static Path requireFile(Path root, String relative) {
        Path file = SafePaths.resolve(root, relative);
        if (!SafePaths.isPlainFile(file)) {
            throw new NotFoundException("no such file: '" + relative + "'");
        }
        return file;
    }

    static InputStream open(Path file) {
        try {
            return Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new NotFoundException("no such file: '" + file.getFileName() + "'");
        }
    }

    /** Up to {@code maxBytes} of a file as text; a file with NUL bytes is binary and not shown. */
    static Preview preview(Path root, String relative, long maxBytes) {
        Path file = requireFile(root, relative);
        try (InputStream in = open(file)) {
            long size = Files.size(file);
            byte[] head = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8));
            boolean truncated = in.read() >= 0;
            for (byte b : head) {
                if (b == 0) {
                    return new Preview(relative, size, true, truncated, null);
                }
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(head)).toString();
            return new Preview(relative, size, false, truncated, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every plain file and folder under the root as a ZIP; links and devices are left out. */
    static void zip(Path root, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root)) {
                        zip.putNextEntry(new ZipEntry(root.relativize(dir) + "/"));
                        zip.closeEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                        zip.putNextEntry(new ZipEntry(root.relativize(file).toString()));
                        in.transferTo(zip);
                        zip.closeEntry();
                    } catch (IOException e) {
                        // Replaced by a link or removed while we walked: left out.
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }
}
