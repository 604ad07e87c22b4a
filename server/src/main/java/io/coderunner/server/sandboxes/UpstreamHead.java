package io.coderunner.server.sandboxes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status line and headers a server inside a sandbox answered with, read with bounded sizes:
 * the sandbox is not trusted to send a sane head.
 */
record UpstreamHead(int status, List<Header> headers) {

    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_HEADERS = 200;

    record Header(String name, String value) {
    }

    /** Not an HTTP answer (or too large a head). */
    static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    /** Reads the head up to and with its empty line; the body is what {@code in} holds next. */
    static UpstreamHead read(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        String statusLine = line(in, budget);
        if (statusLine == null) {
            throw new MalformedException("the server closed the connection without answering");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5]\\d\\d")) {
            throw new MalformedException("the server's answer does not start with an HTTP status line");
        }
        List<Header> headers = new ArrayList<>();
        String line;
        while (!(line = headerLine(in, budget)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0 || headers.size() >= MAX_HEADERS) {
                throw new MalformedException(colon <= 0 ? "the server sent a malformed header line" : "the server sent too many headers");
            }
            headers.add(new Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        return new UpstreamHead(Integer.parseInt(parts[1]), List.copyOf(headers));
    }

    /** The first value of the header, or null. */
    String header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
    }

    boolean chunked() {
        String encoding = header("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static String headerLine(InputStream in, int[] budget) throws IOException {
        String line = line(in, budget);
        if (line == null) {
            throw new MalformedException("the server closed the connection in the middle of its answer's head");
        }
        return line;
    }

    /** One line without its CRLF (or bare LF); null at the end of the stream before any byte. */
    private static String line(InputStream in, int[] budget) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (--budget[0] < 0) {
                throw new MalformedException("the server's answer has a head larger than " + MAX_HEAD_BYTES / 1024 + " KiB");
            }
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        if (bytes.size() == 0) {
            return null;
        }
        throw new MalformedException("the server closed the connection in the middle of its answer's head");
    }
}
