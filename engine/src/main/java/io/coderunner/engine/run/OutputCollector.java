package io.coderunner.engine.run;

import io.coderunner.engine.OutputFrame;
import io.coderunner.engine.OutputListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a stage, keeps at most {@code limit} bytes, passes what it keeps
 * to the listener, and reports the first byte past the limit. It keeps reading after that (and
 * throws the bytes away) so the program is never blocked on a full pipe while it is being killed.
 */
final class OutputCollector {

    private final OutputFrame.Stage stage;
    private final OutputFrame.Stream stream;
    private volatile long limit = 64 * 1024;
    private volatile OutputListener listener = OutputListener.NONE;
    private volatile Runnable onLimit = () -> { };
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean truncated;

    /** Until its run starts, a collector keeps what the sandbox says while starting (its errors). */
    OutputCollector(OutputFrame.Stage stage, OutputFrame.Stream stream) {
        this.stage = stage;
        this.stream = stream;
    }

    /** Who hears the output from now on, and how much may be kept: set when the run starts. */
    void startRun(OutputListener runListener, long runLimit, Runnable runOnLimit) {
        this.limit = runLimit;
        this.onLimit = runOnLimit;
        this.listener = runListener;
    }

    void drain(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                accept(buffer, n);
            }
        } catch (IOException e) {
            // The pipe closed under us because the stage was killed: what we have is the output.
        }
    }

    private void accept(byte[] buffer, int n) {
        if (truncated) {
            return;
        }
        long room = limit - kept.size();
        int keep = (int) Math.min(room, n);
        if (keep > 0) {
            kept.write(buffer, 0, keep);
            byte[] chunk = new byte[keep];
            System.arraycopy(buffer, 0, chunk, 0, keep);
            listener.onOutput(new OutputFrame(stage, stream, chunk));
        }
        if (keep < n) {
            truncated = true;
            onLimit.run();
        }
    }

    /** The kept bytes as UTF-8 text; invalid sequences become U+FFFD, so any bytes are safe. */
    String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    boolean truncated() {
        return truncated;
    }
}
