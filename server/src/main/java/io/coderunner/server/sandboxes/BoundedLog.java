package io.coderunner.server.sandboxes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A command's log kept in memory up to a bound; what comes past it is dropped and counted. */
final class BoundedLog {

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long dropped;

    BoundedLog(int limit) {
        this.limit = limit;
    }

    synchronized void append(byte[] data) {
        int room = Math.max(0, limit - bytes.size());
        int kept = Math.min(room, data.length);
        bytes.write(data, 0, kept);
        dropped += data.length - kept;
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized int size() {
        return bytes.size();
    }

    synchronized boolean truncated() {
        return dropped > 0;
    }
}
