package io.coderunner.server.terminals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What a terminal has shown, kept on disk (outside the session's files, where its programs cannot
 * touch it) for replay to a reconnecting client and for a shared session's log. Bounded: once the
 * file holds twice the limit, it is cut to its last {@code limit} bytes, so it never holds more
 * than twice the limit and always at least the last {@code limit} bytes written.
 */
final class TerminalLog {

    private final Path file;
    private final long limit;
    private FileChannel channel;

    TerminalLog(Path file, long limit) {
        this.file = file;
        this.limit = limit;
        this.channel = open();
    }

    private FileChannel open() {
        try {
            return FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal log " + file, e);
        }
    }

    synchronized void append(byte[] chunk) {
        if (channel == null) {
            return;
        }
        try {
            channel.write(ByteBuffer.wrap(chunk));
            if (channel.size() > 2 * limit) {
                compact();
            }
        } catch (IOException e) {
            // The screen still reaches connected clients; only replay loses this part.
        }
    }

    private void compact() throws IOException {
        byte[] last = tail(limit);
        channel.close();
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        Files.write(temporary, last);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = open();
    }

    /** The last {@code limit} bytes written. */
    synchronized byte[] tail() {
        return tail(limit);
    }

    private byte[] tail(long bytes) {
        return readTail(file, bytes);
    }

    /** The last bytes of a session's log file, also when its terminal is gone. */
    static byte[] readTail(Path file, long bytes) {
        if (!Files.isRegularFile(file)) {
            return new byte[0];
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long start = Math.max(0, size - bytes);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining() && in.read(buffer, start + buffer.position()) > 0) {
                // read until full
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more will be written.
            }
            channel = null;
        }
    }
}
