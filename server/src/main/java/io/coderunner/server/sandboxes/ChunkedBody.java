package io.coderunner.server.sandboxes;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an answer sent in chunks, unchunked: a server in a sandbox may chunk even an answer
 * to HTTP/1.0, and the client's connection has framing of its own.
 */
final class ChunkedBody extends InputStream {

    private final InputStream in;
    private long left;
    private boolean ended;

    ChunkedBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        if (left == 0) {
            String size = line();
            int semicolon = size.indexOf(';');
            String hex = (semicolon < 0 ? size : size.substring(0, semicolon)).strip();
            if (!hex.matches("[0-9a-fA-F]{1,15}")) {
                throw new IOException("the server sent a malformed chunk size");
            }
            left = Long.parseLong(hex, 16);
            if (left == 0) {
                ended = true;
                return -1;
            }
        }
        int read = in.read(buffer, offset, (int) Math.min(length, left));
        if (read < 0) {
            throw new IOException("the server closed the connection in the middle of a chunk");
        }
        left -= read;
        if (left == 0) {
            line();
        }
        return read;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.length() > 1024) {
                throw new IOException("the server sent a chunk line too long");
            }
            line.append((char) b);
        }
        return line.toString().strip();
    }
}
