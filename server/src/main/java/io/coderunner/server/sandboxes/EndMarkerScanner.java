package io.coderunner.server.sandboxes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds where one command's output ends in a session shell's stream: the shell prints a line
 * {@code \n<marker><trailer>\n} after the command (the marker is random per command, so output
 * cannot contain it by chance). Bytes that may be the start of that line are held back until it
 * is clear they are not, so what {@link #feed} gives out is the command's own output, without the
 * line nor the newline the shell put before it.
 */
final class EndMarkerScanner {

    private static final byte[] NONE = new byte[0];

    private final byte[] pattern;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private String trailer;

    EndMarkerScanner(String marker) {
        this.pattern = ("\n" + marker).getBytes(StandardCharsets.US_ASCII);
    }

    /** The command's output in {@code data} (and in what was held back before it); nothing once the end was seen. */
    byte[] feed(byte[] data) {
        if (trailer != null) {
            return NONE;
        }
        pending.write(data, 0, data.length);
        byte[] buffer = pending.toByteArray();
        int at = indexOf(buffer, pattern, 0);
        int sure;
        if (at >= 0) {
            int lineEnd = indexOf(buffer, new byte[] {'\n'}, at + pattern.length);
            if (lineEnd >= 0) {
                trailer = new String(buffer, at + pattern.length, lineEnd - at - pattern.length, StandardCharsets.UTF_8);
                pending.reset();
                return Arrays.copyOf(buffer, at);
            }
            sure = at;
        } else {
            sure = buffer.length - heldBack(buffer);
        }
        pending.reset();
        pending.write(buffer, sure, buffer.length - sure);
        return Arrays.copyOf(buffer, sure);
    }

    /** Whether the end line was seen. */
    boolean ended() {
        return trailer != null;
    }

    /** What the shell printed after the marker on the end line (e.g. " 0", the exit code), once it ended. */
    String trailer() {
        return trailer;
    }

    /** What is held back, given out when the stream ends without the end line (the shell died). */
    byte[] rest() {
        byte[] rest = pending.toByteArray();
        pending.reset();
        return rest;
    }

    /** The length of the longest end of {@code buffer} that is a start of the pattern. */
    private int heldBack(byte[] buffer) {
        for (int length = Math.min(pattern.length - 1, buffer.length); length > 0; length--) {
            if (Arrays.equals(buffer, buffer.length - length, buffer.length, pattern, 0, length)) {
                return length;
            }
        }
        return 0;
    }

    private static int indexOf(byte[] buffer, byte[] wanted, int from) {
        outer:
        for (int i = from; i <= buffer.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (buffer[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
