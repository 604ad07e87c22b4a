package io.coderunner.server.terminals;

import io.coderunner.server.system.NotFoundException;
import io.coderunner.server.system.Timestamps;
import io.coderunner.server.workspaces.BeneathRoot;
import io.coderunner.server.workspaces.SafePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A session's files as its owner (or a share link) sees them. The terminal's programs write there
 * and may make symbolic links pointing anywhere: every client path is first checked by
 * {@link SafePaths} (relative, no '..', no link on the way) and then opened step by step without
 * following links ({@link BeneathRoot}), so a link made or swapped in meanwhile is refused too.
 * Listings and ZIP downloads show links as links (or leave them out) and never follow them.
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

    /** An open file and its name, for a download. */
    record Download(String name, long size, InputStream content) {
    }

    private SessionFiles() {
    }

    /** Everything under the folder {@code relative}, depth first, links shown and not followed. */
    static Listing list(Path root, String relative) {
        List<Entry> entries = new ArrayList<>();
        boolean[] truncated = {false};
        BeneathRoot.walk(root, relative, (path, name, attrs, folder) -> {
            if (entries.size() >= MAX_ENTRIES) {
                truncated[0] = true;
                return false;
            }
            String type = attrs.isSymbolicLink() ? "link" : attrs.isDirectory() ? "folder" : attrs.isRegularFile() ? "file" : "other";
            entries.add(new Entry(name, path, type, attrs.isRegularFile() ? attrs.size() : 0,
                    Timestamps.iso(attrs.lastModifiedTime().toMillis())));
            return true;
        });
        return new Listing(entries, truncated[0]);
    }

    static Download download(Path root, String relative) {
        SeekableByteChannel channel = BeneathRoot.open(root, relative);
        try {
            String name = Path.of(relative).getFileName().toString();
            return new Download(name, channel.size(), Channels.newInputStream(channel));
        } catch (IOException e) {
            close(channel);
            throw new NotFoundException("no such file: '" + relative + "'");
        }
    }

    /** Up to {@code maxBytes} of a file as text; a file with NUL bytes is binary and not shown. */
    static Preview preview(Path root, String relative, long maxBytes) {
        try (SeekableByteChannel channel = BeneathRoot.open(root, relative); InputStream in = Channels.newInputStream(channel)) {
            long size = channel.size();
            byte[] head = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8));
            boolean truncated = size > head.length;
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
            try {
                BeneathRoot.walk(root, "", (path, name, attrs, folder) -> {
                    if (attrs.isDirectory() && !attrs.isSymbolicLink()) {
                        zip.putNextEntry(new ZipEntry(path + "/"));
                        zip.closeEntry();
                    } else if (attrs.isRegularFile()) {
                        SeekableByteChannel channel;
                        try {
                            channel = folder.openPlainFile(name);
                        } catch (IOException replaced) {
                            // Swapped for a link or a FIFO, or removed, since it was listed: left out.
                            return true;
                        }
                        try (InputStream in = Channels.newInputStream(channel)) {
                            zip.putNextEntry(new ZipEntry(path));
                            in.transferTo(zip);
                            zip.closeEntry();
                        }
                    }
                    return true;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private static void close(SeekableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was read.
        }
    }
}
