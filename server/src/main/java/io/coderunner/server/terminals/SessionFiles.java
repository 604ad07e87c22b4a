package io.coderunner.server.terminals;

import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Timestamps;
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
    /** Files and folders a ZIP download holds at most. */
    static final int MAX_ZIP_ENTRIES = 100_000;

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

    /**
     * Answers 409 naming the limit when the files under the root are more than a ZIP download may
     * hold ({@code maxBytes} of content, {@link #MAX_ZIP_ENTRIES} entries): asked before the
     * download starts, while a status can still be sent.
     */
    static void requireZippable(Path root, long maxBytes) {
        long[] bytes = {0};
        long[] entries = {0};
        BeneathRoot.walk(root, "", (path, name, attrs, folder) -> {
            if (attrs.isRegularFile()) {
                bytes[0] += attrs.size();
            }
            return ++entries[0] <= MAX_ZIP_ENTRIES && bytes[0] <= maxBytes;
        });
        if (entries[0] > MAX_ZIP_ENTRIES) {
            throw new ConflictException("the session's files are more than " + MAX_ZIP_ENTRIES + " files and folders, more than a "
                    + "ZIP download may hold: download them one by one or remove some");
        }
        if (bytes[0] > maxBytes) {
            throw new ConflictException("the session's files hold more than " + maxBytes + " bytes, more than a ZIP download may "
                    + "hold: download them one by one or remove some");
        }
    }

    /**
     * Writes every plain file and folder under the root as a ZIP; links and devices are left out.
     * Files that grow past the limits while the ZIP is written end the download with an error (the
     * client sees a broken transfer), never a ZIP silently missing part of them.
     */
    static void zip(Path root, OutputStream out, long maxBytes) throws IOException {
        long[] room = {maxBytes};
        long[] entries = {0};
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            try {
                BeneathRoot.walk(root, "", (path, name, attrs, folder) -> {
                    if (++entries[0] > MAX_ZIP_ENTRIES) {
                        throw new IOException("more than " + MAX_ZIP_ENTRIES + " files and folders: the download was stopped");
                    }
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
                            room[0] -= in.transferTo(new BoundedOutputStream(zip, room[0]));
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

    /** Passes at most {@code room} bytes on; one more fails the download. */
    private static final class BoundedOutputStream extends java.io.FilterOutputStream {
        private long room;

        BoundedOutputStream(OutputStream out, long room) {
            super(out);
            this.room = room;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > room) {
                throw new IOException("the files grew past the ZIP download's limit while it was written: the download was stopped");
            }
            room -= length;
            out.write(bytes, offset, length);
        }

        @Override
        public void close() {
            // The ZIP stays open for the next entry.
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
